/**
 * The township administrator's contract: villages, windows, staff accounts, phone enrolment by a
 * one-time code, and the device list with revocation. Forms on the admin screens and the server's
 * route validation both use these schemas.
 */
import { z } from 'zod';
import { loginResponseSchema } from './auth';
import { mobilePhoneSchema } from './phone';
import { roleSchema } from './roles';

/** An enrolment code is valid this long after the administrator asked for it, and only once. */
export const ENROL_CODE_MINUTES = 10;

/** Letters and digits that cannot be mistaken for each other when typed off a screen (no 0/O, 1/I/L). */
export const ENROL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 12 characters of 31: about 59 bits, shown as XXXX-XXXX-XXXX. */
export const ENROL_CODE_LENGTH = 12;

/** The code as typed or scanned: spaces, dashes and case do not matter. */
export function normaliseEnrolCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** XXXXXXXXXXXX → XXXX-XXXX-XXXX, for reading aloud and typing. */
export function formatEnrolCode(code: string): string {
  return (normaliseEnrolCode(code).match(/.{1,4}/g) ?? []).join('-');
}

const nameSchema = z.string().trim().min(1, { message: 'REQUIRED' }).max(40, { message: 'TOO_LONG' });
/** Village and window codes: short letters and digits, unique within the township. */
const placeCodeSchema = z
  .string()
  .trim()
  .min(1, { message: 'REQUIRED' })
  .max(12, { message: 'TOO_LONG' })
  .regex(/^[A-Za-z0-9]+$/, { message: 'CODE_INVALID' });
/** A new password: 8 to 64 characters. */
export const newPasswordSchema = z.string().min(8, { message: 'PASSWORD_TOO_SHORT' }).max(64, { message: 'TOO_LONG' });

export const villageSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** Agents of the village (not disabled). */
  agents: z.number().int().nonnegative(),
});
export type Village = z.infer<typeof villageSchema>;

export const villageCreateSchema = z.object({ code: placeCodeSchema, name: nameSchema });
export type VillageCreate = z.infer<typeof villageCreateSchema>;
export const renameSchema = z.object({ name: nameSchema });
export type Rename = z.infer<typeof renameSchema>;

export const windowSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** Clerks of the window (not disabled). */
  clerks: z.number().int().nonnegative(),
});
export type ServiceWindow = z.infer<typeof windowSchema>;
export const windowCreateSchema = villageCreateSchema;
export type WindowCreate = VillageCreate;

/** The roles an administrator creates and manages. */
export const staffRoleSchema = z.enum(['agent', 'clerk']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

const refSchema = z.object({ id: z.string(), name: z.string() });

export const adminUserSchema = z.object({
  id: z.string(),
  role: roleSchema,
  name: z.string(),
  /** Always masked (138****5678). */
  phoneMasked: z.string(),
  village: refSchema.nullable(),
  windows: z.array(refSchema),
  disabled: z.boolean(),
  /** Phones of this user that are in use (not revoked). */
  activeDevices: z.number().int().nonnegative(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** An agent belongs to one village; a clerk to one or more windows. */
export const userCreateSchema = z
  .object({
    role: staffRoleSchema,
    name: nameSchema,
    phone: mobilePhoneSchema,
    password: newPasswordSchema,
    villageId: z.string().nullable().default(null),
    windowIds: z.array(z.string()).max(20).default([]),
  })
  .superRefine((user, ctx) => {
    if (user.role === 'agent' && !user.villageId) {
      ctx.addIssue({ code: 'custom', path: ['villageId'], message: 'VILLAGE_REQUIRED' });
    }
    if (user.role === 'clerk' && user.windowIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['windowIds'], message: 'WINDOWS_REQUIRED' });
    }
  });
export type UserCreate = z.input<typeof userCreateSchema>;

/** Moves an agent to another village or gives a clerk other windows (the field of the user's role). */
export const userUpdateSchema = z.object({
  name: nameSchema.optional(),
  villageId: z.string().optional(),
  windowIds: z.array(z.string()).min(1, { message: 'WINDOWS_REQUIRED' }).max(20).optional(),
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const passwordResetSchema = z.object({ password: newPasswordSchema });
export type PasswordReset = z.infer<typeof passwordResetSchema>;

export const enrolmentCodeSchema = z.object({
  /** XXXX-XXXX-XXXX; shown once, never stored in the clear. */
  code: z.string(),
  /** The address the QR code holds: /enrol#code=… (a fragment never reaches a server or a log). */
  url: z.string(),
  expiresAt: z.iso.datetime(),
});
export type EnrolmentCode = z.infer<typeof enrolmentCodeSchema>;

/** 在用 · 已停用待清除 (revoked, the phone has not yet handed in its work and wiped) · 已清除. */
export const deviceStateSchema = z.enum(['active', 'revoked', 'wiped']);
export type DeviceState = z.infer<typeof deviceStateSchema>;

export const deviceSchema = z.object({
  id: z.string(),
  agent: refSchema,
  label: z.string(),
  enrolledVia: z.enum(['code', 'password']),
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  state: deviceStateSchema,
  revokedAt: z.iso.datetime().nullable(),
  wipedAt: z.iso.datetime().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

export const enrolRequestSchema = z.object({
  code: z.string().trim().min(1, { message: 'REQUIRED' }).max(40, { message: 'TOO_LONG' }),
  /** The agent's name for the phone, e.g. 「张建国的红米」. */
  label: z.string().trim().min(1, { message: 'REQUIRED' }).max(40, { message: 'TOO_LONG' }),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** As a device sign-in answers, always with the token, plus the new device's id. */
export const enrolResponseSchema = loginResponseSchema.extend({ token: z.string(), deviceId: z.string() });
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/** What the phone reports when it has deleted its local data after a revocation. */
export const wipedReportSchema = z.object({
  /** Cases the server had refused and that were deleted without being sent (set aside). */
  setAside: z.number().int().nonnegative().max(100000).default(0),
});
export type WipedReport = z.input<typeof wipedReportSchema>;
