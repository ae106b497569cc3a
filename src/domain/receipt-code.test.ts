import { describe, expect, it } from 'vitest';
import { newReceiptCode, RECEIPT_ALPHABET, receiptCodeSchema } from './receipt-code';

describe('receipt codes read aloud to residents', () => {
  it('never contain 0, O, 1 or I and come as XXXX-XXXX', () => {
    for (let i = 0; i < 500; i += 1) {
      const code = newReceiptCode();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(code).not.toMatch(/[01OI]/);
    }
    expect(RECEIPT_ALPHABET).toHaveLength(32);
  });

  it('accept what a resident types: lower case, spaces, no dash', () => {
    expect(receiptCodeSchema.parse(' 7kq4 m2xd ')).toBe('7KQ4-M2XD');
  });

  it('refuse codes with characters that are never printed', () => {
    expect(receiptCodeSchema.safeParse('7KQ4-M2X0').success).toBe(false);
    expect(receiptCodeSchema.safeParse('7KQ4').success).toBe(false);
  });
});
