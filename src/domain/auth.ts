/**
 * The sign-in contract shared by the phone, the workbench and the server.
 *
 * Clerks and admins get an HttpOnly cookie session (`client: 'web'`). An agent's phone asks for a
 * device token (`client: 'device'`): a bearer token valid for DEVICE_TOKEN_DAYS, kept in IndexedDB
 * with the profile, so the agent stays signed in across restarts with no signal.
 */
import { z } from 'zod';
import { mobilePhoneSchema } from './phone';
import { roleSchema } from './roles';

export const DEVICE_TOKEN_DAYS = 90;
export const WEB_SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_COOKIE = 'daiban_session';

export const loginRequestSchema = z.object({
  phone: mobilePhoneSchema,
  password: z.string().min(1).max(200),
  client: z.enum(['web', 'device']).default('web'),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

const namedRefSchema = z.object({ id: z.string(), name: z.string() });

export const sessionUserSchema = z.object({
  id: z.string(),
  role: roleSchema,
  name: z.string(),
  /** Masked (138****5678): the profile is cached on the phone. */
  phoneMasked: z.string(),
  /** Null only for a county administrator, who belongs to a county instead. */
  township: namedRefSchema.nullable(),
  /** A county administrator's county; null for everyone else (and in profiles cached before counties). */
  county: namedRefSchema.nullable().default(null),
  village: namedRefSchema.nullable(),
  windows: z.array(namedRefSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginResponseSchema = z.object({
  user: sessionUserSchema,
  /** Present only for `client: 'device'`: the bearer token for the phone. */
  token: z.string().optional(),
  expiresAt: z.iso.datetime(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ user: sessionUserSchema, expiresAt: z.iso.datetime() });
export type MeResponse = z.infer<typeof meResponseSchema>;
