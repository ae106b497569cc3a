/** The move's summary as the operator reads it: one line per table, then the blobs, then the verdict. */
import type { MoveReport } from './move-township';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatReport(report: MoveReport): string {
  const header = ['table', 'sqlite', 'postgres', 'content'];
  const rows = report.tables.map((t) => [
    t.table,
    String(t.sqliteRows),
    String(t.postgresRows),
    t.contentMatches && t.sqliteRows === t.postgresRows ? 'same' : 'DIFFERS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const b = report.blobs;
  const out = [
    line(header),
    ...rows.map(line),
    '',
    `blobs: ${String(b.verified)} of ${String(b.listed)} verified (SHA-256 recomputed), ${(b.bytes / 1_048_576).toFixed(1)} MiB` +
      (b.partsCopied > 0 ? `; ${String(b.partsCopied)} unfinished upload part files copied` : ''),
    ...b.problems.map((p) => `  blob problem: ${p}`),
    ...(b.failed > b.problems.length ? [`  … and ${String(b.failed - b.problems.length)} more`] : []),
    `time: ${seconds(report.timings.total)} (copy ${seconds(report.timings.copy)}, verify ${seconds(report.timings.verify)}, blobs ${seconds(report.timings.blobs)})`,
    report.ok
      ? 'OK: every table and blob matches; the PostgreSQL copy is committed.'
      : 'FAILED: the copy does not match; it was rolled back and PostgreSQL holds no data.',
  ];
  return `${out.join('\n')}\n`;
}
