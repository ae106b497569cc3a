import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../domain/workbench';
import { deadlineHeadline, deadlineTone, remainingText, unloadedYearsWarning } from './deadline-text';

const deadline = (remainingWorkingDays: number, extra: Partial<Deadline> = {}): Deadline => ({
  kind: 'due',
  date: '2026-03-18',
  remainingWorkingDays,
  unloadedYears: [],
  ...extra,
});

describe('deadlines on the workbench', () => {
  it('reads the working days left, today, or overdue', () => {
    expect(remainingText(deadline(5))).toBe('剩余 5 个工作日');
    expect(remainingText(deadline(0))).toBe('今天到期');
    expect(remainingText(deadline(-2))).toBe('已超期 2 个工作日');
  });

  it('is red when overdue and amber within three working days', () => {
    expect(deadlineTone(deadline(-1))).toBe('overdue');
    expect(deadlineTone(deadline(0))).toBe('soon');
    expect(deadlineTone(deadline(3))).toBe('soon');
    expect(deadlineTone(deadline(4))).toBe('normal');
  });

  it('warns when a year of holidays is not loaded', () => {
    expect(unloadedYearsWarning(deadline(4))).toBeNull();
    expect(unloadedYearsWarning(deadline(4, { unloadedYears: [2028, 2027] }))).toBe(
      '2027、2028 年节假日安排未载入，按周末计算',
    );
  });

  it('states the Art. 32 limit before acceptance and the promised date after', () => {
    expect(deadlineHeadline(deadline(3, { kind: 'accept_by', date: '2026-03-06' }))).toBe(
      '受理期限：还剩 3 个工作日（2026-03-06）',
    );
    expect(deadlineHeadline(deadline(12))).toBe('承诺办结：2026-03-18，剩余 12 个工作日');
  });
});
