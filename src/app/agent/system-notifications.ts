/**
 * System notifications for pulled decisions, shown through the service worker registration (the only
 * way Chrome on Android shows them) and only when the agent allowed them on the sync screen.
 */
import { claimNoticesToNotify } from '../../device/sync-state-repository';
import { zhCN } from '../messages/zh-cn';
import { decisionText, noticeHref, noticeSubject, statusText } from './sync-text';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** Whether the agent allowed notifications ('unsupported' where the browser has none). */
export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the agent (a browser prompt; call from a tap). */
export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/**
 * Shows one notification per decision not notified yet. Decisions are claimed in the database first,
 * so another tab (or a second call) never repeats them. Does nothing unless permission was granted.
 */
export async function notifyNewDecisions(agentId: string): Promise<void> {
  if (notificationPermission() !== 'granted' || !('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration) return;
  for (const notice of await claimNoticesToNotify(agentId)) {
    const status = statusText(notice.payload.status);
    const title =
      notice.type === 'supplement_requested'
        ? zhCN.sync.supplementNotificationTitle
        : status
          ? zhCN.sync.notificationTitle(status)
          : zhCN.agent.noticesTitle;
    const decision = decisionText(notice);
    await registration.showNotification(title, {
      body: decision ? `${decision}\n${noticeSubject(notice)}` : noticeSubject(notice),
      tag: `notice-${String(notice.seq)}`,
      data: { url: noticeHref(notice) },
    });
  }
}
