/**
 * A table to download, independent of its file format: typed columns (so the spreadsheet gets real
 * numbers, percentages and dates) and rows of plain values. `csvOf` and `xlsxOf` write it.
 */
import { csvDocument, type CsvCell } from './csv-writer';
import { chinaDateTimeText } from './china-time';

/**
 * How a column's values are stored and shown: text; integer; decimal (one place); percent (a ratio
 * 0–1); date ('YYYY-MM-DD', a China date); datetime (an ISO UTC timestamp, shown in China time).
 */
export type ExportColumnKind = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';

export type ExportColumn = { header: string; kind: ExportColumnKind; /** In characters. */ width: number };

export type ExportValue = string | number | null;

export type ExportTable = {
  sheetName: string;
  columns: readonly ExportColumn[];
  rows: readonly (readonly ExportValue[])[];
};

function csvCell(kind: ExportColumnKind, value: ExportValue): CsvCell {
  if (value === null) return null;
  if (kind === 'datetime' && typeof value === 'string') return chinaDateTimeText(value);
  if (kind === 'percent' && typeof value === 'number') return `${(value * 100).toFixed(1)}%`;
  return value;
}

/** The table as a CSV file for Excel (UTF-8 with BOM, RFC 4180, formulas neutralised). */
export function csvOf(table: ExportTable): string {
  const kinds = table.columns.map((c) => c.kind);
  return csvDocument(
    table.columns.map((c) => c.header),
    table.rows.map((row) => row.map((value, i) => csvCell(kinds[i] ?? 'text', value))),
  );
}
