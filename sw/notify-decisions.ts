/**
 * Decisions pulled by a background sync while no page of the app is open: the service worker shows
 * one system notification for them (only if the agent allowed notifications), so the agent hears of a
 * 补正 notice or a result without opening the app. The notices are claimed in the database first, like
 * the page's own notifications, so the page never repeats them. A tap opens the case, or the home
 * when several cases changed.
 */
import { claimNoticesToNotify } from '../src/device/sync-state-repository';
import { loadSession } from '../src/device/session-repository';

/** The worker's only words; the pages' catalogue is app code, which the worker may not import. */
export const decisionNotificationText = {
  title: '代办通：有新的办理结果',
  one: (subject: string) => `${subject} 有新的办理结果，点开查看`,
  many: (n: number) => `${String(n)} 件办件有新的办理结果，点开查看`,
} as const;

/** Whether a page of the app is visible: then the page notifies by itself. */
async function pageIsVisible(worker: ServiceWorkerGlobalScope): Promise<boolean> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  return windows.some((client) => client.visibilityState === 'visible');
}

/** Shows one notification for the decisions no notification was shown for yet. */
export async function notifyPulledDecisions(worker: ServiceWorkerGlobalScope): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (await pageIsVisible(worker)) return;
  const session = await loadSession();
  if (!session) return;
  const notices = await claimNoticesToNotify(session.user.id);
  const first = notices.at(0);
  if (!first) return;
  const caseIds = new Set(notices.map((n) => n.caseId));
  const single = caseIds.size === 1;
  const url = single
    ? `/agent/cases/${first.caseId}/${first.type === 'supplement_requested' ? 'supplement' : 'receipt'}`
    : '/agent';
  await worker.registration.showNotification(decisionNotificationText.title, {
    // No resident's name on a lock screen: the item and the 办件编号 say which case it is.
    body: single
      ? decisionNotificationText.one(first.caseNumber ? `${first.itemName}（${first.caseNumber}）` : first.itemName)
      : decisionNotificationText.many(caseIds.size),
    tag: 'daiban-decisions',
    data: { url },
  });
}

/** A tap on any of the app's notifications: focus an open page there, or open one. */
export async function openNotification(worker: ServiceWorkerGlobalScope, notification: Notification): Promise<void> {
  notification.close();
  const data: unknown = notification.data;
  const url =
    typeof data === 'object' && data !== null && 'url' in data && typeof data.url === 'string' ? data.url : '/agent';
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.at(0);
  if (open) {
    await open.focus();
    await open.navigate(url);
    return;
  }
  await worker.clients.openWindow(url);
}
