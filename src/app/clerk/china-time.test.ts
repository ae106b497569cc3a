import { describe, expect, it } from 'vitest';
import { chinaClock, chinaDate, chinaDateTime, longChinaDate } from './china-time';

describe('workbench times are China times on any PC', () => {
  it('a case received at 23:30 UTC is dated the next day in China', () => {
    expect(chinaDate('2026-03-01T23:30:00.000Z')).toBe('2026-03-02');
    expect(chinaDateTime('2026-03-01T23:30:00.000Z')).toBe('2026-03-02 07:30');
    expect(chinaClock('2026-03-01T23:30:05.000Z')).toBe('07:30:05');
  });

  it('notices spell dates out', () => {
    expect(longChinaDate('2026-03-08')).toBe('2026年3月8日');
  });

  it('an unreadable time is shown as given', () => {
    expect(chinaDateTime('garbage')).toBe('garbage');
    expect(longChinaDate('soon')).toBe('soon');
  });
});
