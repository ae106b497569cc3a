/**
 * Times on the workbench are shown in China Standard Time (UTC+8, no daylight saving) whatever the
 * PC's own time zone: deadlines, notices and the timeline must read the same on every machine.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function shifted(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : new Date(date.getTime() + CHINA_OFFSET_MS);
}

/** 2026-03-02T01:06:00Z → 2026-03-02 (the China date); an unreadable time is shown as given. */
export function chinaDate(iso: string): string {
  return shifted(iso)?.toISOString().slice(0, 10) ?? iso;
}

/** 2026-03-02T01:06:00Z → 2026-03-02 09:06 (China time). */
export function chinaDateTime(iso: string): string {
  const date = shifted(iso);
  if (!date) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

/** 2026-03-02T01:06:30Z → 09:06:30 (China time). */
export function chinaClock(iso: string): string {
  return shifted(iso)?.toISOString().slice(11, 19) ?? iso;
}

/** 2026-03-18 → 2026年3月18日, for printed notices. */
export function longChinaDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  return `${y ?? ''}年${Number(m)}月${Number(d)}日`;
}
