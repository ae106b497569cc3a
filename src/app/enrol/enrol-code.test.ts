import { describe, expect, it } from 'vitest';
import { codeFromHash } from './enrol-code';

describe('the enrolment code in the QR code address', () => {
  it('is read from the fragment the admin screen put there', () => {
    expect(codeFromHash('#code=ABCD-EFGH-JKMN')).toBe('ABCD-EFGH-JKMN');
  });

  it('is formatted in groups of four however it was written', () => {
    expect(codeFromHash('#code=abcdefghjkmn')).toBe('ABCD-EFGH-JKMN');
  });

  it('is empty when the page was opened without one', () => {
    expect(codeFromHash('')).toBe('');
    expect(codeFromHash('#other=1')).toBe('');
  });
});
