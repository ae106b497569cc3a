/**
 * Receipt codes the agent reads aloud or the resident copies from a photo: 8 characters from an
 * alphabet without 0/O and 1/I (and no lower case), shown as XXXX-XXXX. 32 symbols × 8 = 40 random
 * bits, made on the phone without a signal.
 */
import { z } from 'zod';

export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const LENGTH = 8;

/** A new random receipt code, e.g. "7KQ4-M2XD". `random` fills a byte array (crypto.getRandomValues). */
export function newReceiptCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(LENGTH));
  let code = '';
  for (const byte of bytes) code += RECEIPT_ALPHABET[byte % RECEIPT_ALPHABET.length] ?? '';
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Accepts what people type: lower case, spaces, a missing dash. */
export function normaliseReceiptCode(input: string): string {
  const plain = input.toUpperCase().replace(/[\s-]/g, '');
  return plain.length === LENGTH ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

export const receiptCodeSchema = z
  .string()
  .transform(normaliseReceiptCode)
  .pipe(
    z
      .string()
      .regex(new RegExp(`^[${RECEIPT_ALPHABET}]{4}-[${RECEIPT_ALPHABET}]{4}$`), { message: 'RECEIPT_CODE_INVALID' }),
  );
