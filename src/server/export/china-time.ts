/**
 * China time (UTC+8, no daylight saving) for exports: stored UTC instants written as China
 * wall-clock time, as text for CSV or as a spreadsheet date for .xlsx.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** 'YYYY-MM-DD HH:mm' in China time, for text exports. */
export function chinaDateTimeText(iso: string): string {
  return chinaWallClock(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A Date whose UTC fields read as China wall-clock time: spreadsheet cells carry no time zone, and
 * exceljs writes a Date's UTC fields, so this is how a China time shows as itself in Excel.
 */
export function chinaWallClock(iso: string): Date {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS);
}
