/**
 * The API's error vocabulary. Codes are stable: clients (and the zh-CN catalogue) key on them,
 * so a code is never renamed or reused once shipped. Messages are for developers; the UI shows
 * its own Chinese text per code.
 */
import { z } from 'zod';

export const apiErrorCodes = [
  'VALIDATION_FAILED',
  'BAD_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_LOCKED',
  'RATE_LIMITED',
  'CONFLICT',
  'OFFSET_MISMATCH',
  'BLOB_INCOMPLETE',
  'BLOB_HASH_MISMATCH',
  'BLOB_TYPE_REJECTED',
  'CASE_INVALID',
  'CASE_CHANGED',
  'ACTION_NOT_ALLOWED',
  'TRACK_NOT_FOUND',
  'TRACK_LOCKED',
  'ALREADY_RATED',
  'INTERNAL',
  'CSRF_REJECTED',
  'DEVICE_REVOKED',
  'ENROL_CODE_INVALID',
  'ENROL_CODE_EXPIRED',
] as const;

export const apiErrorCodeSchema = z.enum(apiErrorCodes);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorSchema = z.object({
  code: apiErrorCodeSchema,
  message: z.string(),
  /** Dotted path of the offending field, for VALIDATION_FAILED. */
  field: z.string().optional(),
  /** Seconds until a locked account or rate limit lets the caller try again. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** For OFFSET_MISMATCH and BLOB_INCOMPLETE: the offset the server has committed. */
  offset: z.number().int().nonnegative().optional(),
  /** For CASE_INVALID: every problem found, as the phone's own check reports them. */
  problems: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
