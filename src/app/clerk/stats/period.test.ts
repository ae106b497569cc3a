import { describe, expect, it } from 'vitest';
import { periodKindOf, presetPeriod } from './period';

describe('statistics periods', () => {
  it('本月 and 本年 run up to today; 上月 is the whole month before', () => {
    expect(presetPeriod('this_month', '2026-03-02')).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(presetPeriod('last_month', '2026-03-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('this_year', '2026-03-02')).toEqual({ from: '2026-01-01', to: '2026-03-02' });
  });

  it('上月 in January is December of the year before; leap Februaries have 29 days', () => {
    expect(presetPeriod('last_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('last_month', '2028-03-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('recognises a preset from its dates, anything else is custom', () => {
    expect(periodKindOf({ from: '2026-02-01', to: '2026-02-28' }, '2026-03-02')).toBe('last_month');
    expect(periodKindOf({ from: '2026-03-01', to: '2026-03-02' }, '2026-03-02')).toBe('this_month');
    expect(periodKindOf({ from: '2026-02-01', to: '2026-02-27' }, '2026-03-02')).toBe('custom');
  });
});
