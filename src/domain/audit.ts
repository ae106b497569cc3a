/**
 * The audit trail's contract: what is recorded, and what the administrator's viewer gets back.
 *
 * Every entry is one act by one actor (or by the server itself, actor null) on one subject. `detail`
 * never holds personal information of a resident — no name, ID number, phone or photo — only ids,
 * codes and which field was revealed; the trail itself must be safe to keep for years.
 */
import { z } from 'zod';
import { roleSchema } from './roles';

export const auditActionSchema = z.enum([
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'device.enrol_code',
  'device.enrol',
  'device.revoke',
  'device.wiped',
  'admin.user',
  'admin.village',
  'admin.window',
  /** A case's state changed: `detail.event` is the case event's type (domain/case-lifecycle). */
  'case.event',
  /** A full ID number or phone was shown: `detail.field`. */
  'case.reveal',
  'export.cases',
  'export.statistics',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditSubjectTypeSchema = z.enum(['user', 'device', 'case', 'village', 'window', 'export']);
export type AuditSubjectType = z.infer<typeof auditSubjectTypeSchema>;

/** Small, flat and free of residents' personal information (see above). */
export const auditDetailSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AuditDetail = z.infer<typeof auditDetailSchema>;

/** One entry as the administrator's viewer shows it. */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  action: auditActionSchema,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: roleSchema.nullable(),
  townshipId: z.string().nullable(),
  subjectType: auditSubjectTypeSchema.nullable(),
  subjectId: z.string().nullable(),
  detail: auditDetailSchema,
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
