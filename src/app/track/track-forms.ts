/**
 * The resident's forms, checked by the domain's schemas (domain/tracking.ts) so the page and the
 * server agree on what is valid; each problem code is worded for the field it belongs to.
 */
import type { FieldError } from 'react-hook-form';
import { z } from 'zod';
import { phoneLast4Schema, trackCodeSchema } from '../../domain/tracking';
import { zhCN } from '../messages/zh-cn';

const problems: Record<string, string> = zhCN.track.problems;

/** 回执号 or 办件编号 + 手机号后四位; an empty field says what to type rather than "invalid". */
export const lookupFormSchema = z.object({
  code: z.string().trim().min(1, { message: 'CODE_REQUIRED' }).pipe(trackCodeSchema),
  phoneLast4: z.string().trim().min(1, { message: 'PHONE_LAST4_REQUIRED' }).pipe(phoneLast4Schema),
});
export type LookupFormValues = z.input<typeof lookupFormSchema>;

/** The sentence under a field for its problem code (`fallback` for a problem without its own words). */
export function trackFieldError(
  error: Pick<FieldError, 'message'> | undefined,
  fallback: string = zhCN.track.invalid,
): string | undefined {
  if (!error) return undefined;
  return (error.message && problems[error.message]) ?? fallback;
}
