/**
 * The statistics as a downloadable table: one row per group, then 合计, with the figures of
 * domain/statistics.ts under Chinese headers (the server writes files, so their words live here).
 */
import type { StatisticsFigures, StatisticsGroupBy, StatisticsResponse } from '../../domain/statistics';
import type { ExportColumn, ExportTable, ExportValue } from './export-table';

/** What the first column is called for each grouping. */
export const GROUP_HEADERS = {
  window: '窗口',
  village: '村',
  item: '事项',
  agent: '代办员',
  month: '月份',
  township: '乡镇',
} as const satisfies Record<StatisticsGroupBy, string>;

const FIGURE_COLUMNS: readonly (ExportColumn & { figure: keyof StatisticsFigures })[] = [
  { figure: 'received', header: '收件数', kind: 'integer', width: 9 },
  { figure: 'accepted', header: '受理数（含视为受理）', kind: 'integer', width: 12 },
  { figure: 'completed', header: '办结数', kind: 'integer', width: 9 },
  { figure: 'approved', header: '其中准予', kind: 'integer', width: 9 },
  { figure: 'denied', header: '其中不予', kind: 'integer', width: 9 },
  { figure: 'rejected', header: '不予受理数', kind: 'integer', width: 11 },
  { figure: 'completionRate', header: '办结率', kind: 'percent', width: 9 },
  { figure: 'averageWorkingDays', header: '平均办理时长（工作日）', kind: 'decimal', width: 14 },
  { figure: 'overdue', header: '超期数', kind: 'integer', width: 9 },
  { figure: 'overdueOpen', header: '其中在办超期', kind: 'integer', width: 12 },
  { figure: 'closedLate', header: '其中逾期办结', kind: 'integer', width: 12 },
  { figure: 'supplemented', header: '补正数', kind: 'integer', width: 9 },
  { figure: 'supplementRate', header: '补正率', kind: 'percent', width: 9 },
  { figure: 'rated', header: '评价数', kind: 'integer', width: 9 },
  { figure: 'satisfactionRate', header: '满意率（基本满意及以上）', kind: 'percent', width: 14 },
  { figure: 'dissatisfied', header: '不满意数', kind: 'integer', width: 9 },
];

function figureCells(figures: StatisticsFigures): ExportValue[] {
  return FIGURE_COLUMNS.map((c) => figures[c.figure]);
}

/** The statistics table: a row per group and a last row 合计. */
export function statisticsTable(stats: StatisticsResponse): ExportTable {
  return {
    sheetName: '办件统计',
    columns: [{ header: GROUP_HEADERS[stats.groupBy], kind: 'text', width: 24 }, ...FIGURE_COLUMNS],
    rows: [...stats.rows.map((row) => [row.label, ...figureCells(row)]), ['合计', ...figureCells(stats.total)]],
  };
}
