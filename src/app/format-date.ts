import { zhCN } from './messages/zh-cn';

const longDate = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });
const clock = new Intl.DateTimeFormat('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

/** 2026-02-23T… → 2026年2月23日 (in the phone's time zone); an unreadable date is shown as given. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : longDate.format(date);
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** 今天 14:05 / 昨天 09:30 / 2026年2月23日 14:05, in the phone's time zone. */
export function formatDateTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const hm = clock.format(date);
  if (sameDay(date, now)) return zhCN.time.today(hm);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(date, yesterday)) return zhCN.time.yesterday(hm);
  return `${longDate.format(date)} ${hm}`;
}

/** 2026年2月23日 14:05 — for a receipt the resident keeps, where "今天" would lose its meaning. */
export function formatFullDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${longDate.format(date)} ${clock.format(date)}`;
}
