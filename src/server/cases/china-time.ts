/**
 * China calendar dates (UTC+8, no daylight saving) of the server's UTC instants. Deadlines are China
 * dates ('YYYY-MM-DD'); times are stored as ISO-8601 UTC, so both compare correctly as text.
 */
import { todayInChina } from '../../domain/resident-id';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China date of an ISO-8601 instant: '2026-02-11T16:30:00.000Z' → '2026-02-12'. */
export function chinaDateOf(instant: string): string {
  return todayInChina(new Date(instant));
}

/** The UTC instant (ISO-8601) at which a China date begins: '2026-02-12' → '2026-02-11T16:00:00.000Z'. */
export function chinaDayStart(date: string, plusDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - CHINA_OFFSET_MS + plusDays * DAY_MS).toISOString();
}
