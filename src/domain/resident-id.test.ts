import { describe, expect, it } from 'vitest';
import { checkResidentId, maskResidentId, normaliseResidentId, residentIdSchema } from './resident-id';

const TODAY = '2026-11-25';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the examples from the brief and reads birth date and sex from them', () => {
    expect(checkResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      facts: { birthDate: '1949-12-31', sex: 'female' },
    });
    expect(checkResidentId('440524188001010014', TODAY)).toEqual({
      ok: true,
      facts: { birthDate: '1880-01-01', sex: 'male' },
    });
  });

  it('catches a wrong check character', () => {
    expect(checkResidentId('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'ID_CHECK_CHAR' });
    expect(checkResidentId('440524188001010015', TODAY)).toEqual({ ok: false, problem: 'ID_CHECK_CHAR' });
  });

  it('accepts a lower-case x as typed on a phone keyboard', () => {
    const parsed = residentIdSchema.safeParse('11010519491231002x');
    expect(parsed.success).toBe(true);
    expect(parsed.data).toBe('11010519491231002X');
    expect(normaliseResidentId(' 1101 0519 4912 3100 2x ')).toBe('11010519491231002X');
  });

  it('refuses 30 February, whatever the check character says', () => {
    expect(checkResidentId('110105201902300011', TODAY)).toEqual({ ok: false, problem: 'ID_BIRTH_DATE' });
  });

  it('refuses a birth date in the future', () => {
    expect(checkResidentId('110105202712010016', TODAY)).toEqual({ ok: false, problem: 'ID_BIRTH_DATE' });
  });

  it('refuses wrong lengths and letters in the middle', () => {
    expect(checkResidentId('1101051949123100', TODAY)).toEqual({ ok: false, problem: 'ID_FORMAT' });
    expect(checkResidentId('1101051949X231002X', TODAY)).toEqual({ ok: false, problem: 'ID_FORMAT' });
    expect(residentIdSchema.safeParse('').success).toBe(false);
  });

  it('masks all but the region and the last four for lists', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });
});
