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

/** Entries per page of the administrator's viewer, unless asked otherwise. */
export const AUDIT_PAGE_SIZE = 50;

/** The `township` filter's value for the entries of no township (county level, unknown numbers). */
export const AUDIT_NO_TOWNSHIP = 'none';

/**
 * The viewer's filters (GET /api/admin/audit). `subject` is an id (a case, user, device…) or a
 * 办件编号, which the server resolves to its case. `from`/`to` are China dates, inclusive. Pages go
 * newest first: `before` is the `nextBefore` of the previous page (entries with a smaller seq).
 * `township` (a county administrator's filter) is a township id of the county, or AUDIT_NO_TOWNSHIP.
 */
export const auditQuerySchema = z
  .object({
    township: z.string().trim().min(1).max(100).optional(),
    action: auditActionSchema.optional(),
    actor: z.string().trim().min(1).max(100).optional(),
    subject: z.string().trim().min(1).max(100).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    before: z.coerce.number().int().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditQueryInput = z.input<typeof auditQuerySchema>;

/** An entry as the viewer lists it: with what its subject is called (a 办件编号, a user's name). */
export const auditViewEntrySchema = auditEntrySchema.extend({ subjectLabel: z.string().nullable() });
export type AuditViewEntry = z.infer<typeof auditViewEntrySchema>;

/** A staff member of the township (or county), for the viewer's actor filter. */
export const auditActorSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** Null for a county administrator. */
  townshipId: z.string().nullable(),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

/** A township whose entries the caller may see: the `township` filter's choices and the 乡镇 column. */
export const auditTownshipSchema = z.object({ id: z.string(), name: z.string() });
export type AuditTownship = z.infer<typeof auditTownshipSchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditViewEntrySchema),
  /** `before` for the next, older page; null on the last page. */
  nextBefore: z.number().int().nullable(),
  /** Every user of the township (of the county, or of the filtered township), by name: the actor filter's choices. */
  actors: z.array(auditActorSchema),
  /** The caller's own township; every township of the county (code order) for a county administrator. */
  townships: z.array(auditTownshipSchema),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
