/**
 * System notifications for pulled decisions, shown through the service worker registration (the only
 * way Chrome on Android shows them) and only when the agent allowed them on the sync screen. They never
 * name a resident nor quote a clerk's note: a notification is readable on a locked phone.
 */
import { claimNoticesToNotify } from '../../device/sync-state-repository';
import { zhCN } from '../messages/zh-cn';
import { noticeHref, noticeSubject, statusText } from './sync-text';

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
    // A notification may sit on the phone's lock screen: the status is in the title, the case is named
    // by 办件编号 and item only — no resident's name, no clerk's note or reason (like sw/notify-decisions).
    await registration.showNotification(title, {
      body: noticeSubject({ caseNumber: notice.caseNumber, itemName: notice.itemName, applicantName: '' }),
      tag: `notice-${String(notice.seq)}`,
      data: { url: noticeHref(notice) },
    });
  }
}
