import { describe, expect, it } from 'vitest';
import { parseStatsSearch, statsHref } from './stats-params';

describe('the statistics page address', () => {
  it('defaults to this month by window', () => {
    expect(parseStatsSearch('', '2026-03-02')).toEqual({ from: '2026-03-01', to: '2026-03-02', groupBy: 'window' });
  });

  it('reads back what it wrote', () => {
    const query = { from: '2026-01-01', to: '2026-02-28', groupBy: 'month', window: 'MZ' } as const;
    expect(parseStatsSearch(statsHref(query).split('?')[1] ?? '', '2026-03-02')).toEqual(query);
  });

  it('drops a malformed period or grouping instead of failing', () => {
    expect(parseStatsSearch('from=2026-02-30&to=2026-03-01&groupBy=x', '2026-03-02')).toEqual({
      from: '2026-03-01',
      to: '2026-03-02',
      groupBy: 'window',
    });
    expect(parseStatsSearch('from=2026-03-01&to=2026-02-01&groupBy=village', '2026-03-02')).toMatchObject({
      from: '2026-03-01',
      groupBy: 'village',
    });
  });
});
