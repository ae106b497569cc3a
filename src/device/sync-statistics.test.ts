import { describe, expect, it } from 'vitest';
import { casesExportUrl, statisticsExportUrl, statisticsSearch } from './sync-statistics';

describe('statistics addresses', () => {
  it('puts the query in a stable order and leaves empty values out', () => {
    expect(statisticsSearch({ groupBy: 'month', to: '2026-02-28', from: '2026-02-01', window: '' })).toBe(
      'from=2026-02-01&to=2026-02-28&groupBy=month',
    );
    expect(statisticsExportUrl({ from: '2026-02-01', to: '2026-02-28', window: 'MZ' }, 'xlsx')).toBe(
      '/api/workbench/statistics.xlsx?from=2026-02-01&to=2026-02-28&window=MZ',
    );
  });

  it('exports a queue view without its page, and every case when nothing is chosen', () => {
    expect(casesExportUrl({ tab: 'overdue', village: 'v1', q: '王 秀英' }, 'csv')).toBe(
      '/api/workbench/export/cases.csv?tab=overdue&village=v1&q=%E7%8E%8B+%E7%A7%80%E8%8B%B1',
    );
    expect(casesExportUrl({}, 'xlsx')).toBe('/api/workbench/export/cases.xlsx');
  });
});
