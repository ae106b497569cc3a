import { describe, expect, it } from 'vitest';
import { timeLeft } from './countdown';

describe('the countdown under an enrolment QR code', () => {
  const expiresAt = '2026-03-02T02:10:00.000Z';

  it('starts at ten minutes', () => {
    expect(timeLeft(expiresAt, new Date('2026-03-02T02:00:00.000Z'))).toEqual({ minutes: 10, seconds: 0 });
  });

  it('rounds a part second up, so it never shows 0:00 while the code still works', () => {
    expect(timeLeft(expiresAt, new Date('2026-03-02T02:09:59.500Z'))).toEqual({ minutes: 0, seconds: 1 });
  });

  it('ends when the code expires', () => {
    expect(timeLeft(expiresAt, new Date('2026-03-02T02:10:00.000Z'))).toBeNull();
    expect(timeLeft('not a date', new Date())).toBeNull();
  });
});
