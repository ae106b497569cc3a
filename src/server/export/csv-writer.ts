/**
 * CSV for Excel users: UTF-8 with a byte-order mark (without it Excel on Windows reads the file as the
 * local code page and Chinese turns to mojibake), CRLF line ends, and RFC 4180 quoting (a field with a
 * comma, quote, CR or LF is quoted and its quotes doubled).
 *
 * Formula injection (CWE-1236): a spreadsheet runs a text cell starting with = + - @ (and, in some
 * programs, tab or CR) as a formula, so such a text cell is written with a leading apostrophe, which
 * the spreadsheet shows as text. Numbers are written as numbers and never prefixed.
 */

/** One cell: text (guarded), a number, or empty. */
export type CsvCell = string | number | null;

/** The UTF-8 byte-order mark, first in every file. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell made safe to open in a spreadsheet: a formula-like start gets a leading `'`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field as written in the file. */
export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV file: BOM, the header row, then every row, each line ended with CRLF. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
