/**
 * The township workbench's view of cases: the queue (tabs, filters, counts), the case detail and the
 * reveal of a masked field. Deadlines are computed by the server from its own clock and the
 * working-day calendar; the workbench only shows them.
 */
import { z } from 'zod';
import { applicantSchema, signatureSchema } from './case-draft';
import { caseEventTypeSchema, clerkActionTypeSchema, supplementRequestSchema } from './case-lifecycle';
import { caseStatusSchema } from './case-submission';
import { serviceItemSchema } from './catalogue';

/**
 * 待受理 received · 补正中 supplement · 办理中 accepted or suspended · 即将到期 open with a deadline within
 * DUE_SOON_WORKING_DAYS · 已超期 open and past its deadline · 已办结 completed or refused.
 */
export const queueTabSchema = z.enum(['received', 'supplement', 'handling', 'due_soon', 'overdue', 'closed']);
export type QueueTab = z.infer<typeof queueTabSchema>;

export const QUEUE_PAGE_SIZE = 50;
/**
 * Tab counts are exact up to this many; beyond it the queue reports QUEUE_COUNT_CAP + 1 and the
 * workbench shows "1000+". Counting a township's whole history on every page would cost a scan of
 * hundreds of thousands of index entries at county scale (docs/benchmarks.md); exact figures are
 * in 统计.
 */
export const QUEUE_COUNT_CAP = 1000;

export const queueQuerySchema = z.object({
  tab: queueTabSchema.default('received'),
  /** A window code of the clerk's township; omitted = every window the clerk works. */
  window: z.string().max(20).optional(),
  village: z.string().max(100).optional(),
  item: z.string().max(50).optional(),
  agent: z.string().max(100).optional(),
  /** Received on or after / on or before (China dates). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** 办件编号 (or a part of it) or the applicant's name. */
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(QUEUE_PAGE_SIZE),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** A deadline as the workbench shows it: a date and "剩余 N 个工作日" (negative = overdue). */
export const deadlineSchema = z.object({
  kind: z.enum(['accept_by', 'due']),
  date: z.iso.date(),
  remainingWorkingDays: z.number().int(),
  /** Years the deadline crosses whose holiday schedule is not loaded (weekends only were counted). */
  unloadedYears: z.array(z.number().int()),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const queueRowSchema = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  status: caseStatusSchema,
  round: z.number().int().min(1),
  windowCode: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  villageName: z.string().nullable(),
  agentName: z.string(),
  applicantName: z.string(),
  receivedAt: z.iso.datetime(),
  /** The deadline in force; null while the clock is paused (补正, 挂起) or the case is closed. */
  deadline: deadlineSchema.nullable(),
  /** "材料上传中 n/m" until verified = total. */
  materials: z.object({ stored: z.number().int(), total: z.number().int() }),
  version: z.number().int().positive(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

export const queueResponseSchema = z.object({
  rows: z.array(queueRowSchema),
  /** Rows matching the filters in the chosen tab, over all pages (capped like `counts`). */
  total: z.number().int().nonnegative(),
  /** Per tab, with the same window and filters; QUEUE_COUNT_CAP + 1 means "more than QUEUE_COUNT_CAP". */
  counts: z.record(queueTabSchema, z.number().int().nonnegative()),
  /** Whether a page follows this one. */
  hasMore: z.boolean(),
  /** The server's today (China date). */
  today: z.iso.date(),
});
export type QueueResponse = z.infer<typeof queueResponseSchema>;

export const casePageViewSchema = z.object({
  pageId: z.string(),
  materialKey: z.string(),
  order: z.number().int(),
  round: z.number().int(),
  /** False while the photo is still being uploaded (材料上传中). */
  stored: z.boolean(),
  /** 原件已核验 (checked against the original) or still pending. */
  verification: z.enum(['pending', 'verified']),
  verifiedBy: z.string().nullable(),
  /** `GET` this for the full-resolution bytes (cookie session). */
  url: z.string(),
});
export type CasePageView = z.infer<typeof casePageViewSchema>;

export const timelineEntrySchema = z.object({
  seq: z.number().int(),
  type: caseEventTypeSchema,
  at: z.iso.datetime(),
  /** Who acted: a clerk's or agent's name, or null for the server itself (e.g. the Art. 32 rule). */
  actorName: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const caseDetailSchema = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  status: caseStatusSchema,
  round: z.number().int(),
  version: z.number().int().positive(),
  windowCode: z.string(),
  township: z.object({ name: z.string(), code: z.string() }),
  village: z.string().nullable(),
  agent: z.object({ name: z.string(), phone: z.string() }),
  /** ID number and phone masked; `POST …/reveal` shows one in full and is recorded. */
  applicant: applicantSchema.extend({ idNumber: z.string(), phone: z.string() }),
  answers: z.record(z.string(), z.unknown()),
  /** The item version the case was made under: its guide beside the answers. */
  item: serviceItemSchema,
  pages: z.array(casePageViewSchema),
  signature: signatureSchema.extend({ url: z.string(), stored: z.boolean() }).nullable(),
  receivedAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  deadline: deadlineSchema.nullable(),
  /** The promised completion date once accepted. */
  dueDate: z.iso.date().nullable(),
  /** The open 补正 notice while status is supplement. */
  supplement: supplementRequestSchema.nullable(),
  timeline: z.array(timelineEntrySchema),
  /** Actions the caller may take now (empty for closed cases). */
  actions: z.array(clerkActionTypeSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const revealRequestSchema = z.object({ field: z.enum(['idNumber', 'phone']) });
export const revealResponseSchema = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string() });
