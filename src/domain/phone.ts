/**
 * Mainland mobile numbers (BRIEF §6): 11 digits starting 13–19. The loose rule most government
 * systems use; carriers add prefixes faster than any strict list is updated.
 */
import { z } from 'zod';

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** An 11-digit mainland mobile number; surrounding spaces are trimmed. */
export const mobilePhoneSchema = z.string().trim().regex(MOBILE_PATTERN, { message: 'PHONE_INVALID' });

/** 13812345678 → 138****5678, the masking convention for lists (BRIEF §6). */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
