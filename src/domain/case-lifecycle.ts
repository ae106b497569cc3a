/**
 * The case (办件) lifecycle after it reaches the township (GB/T 39046 §6.2–6.6, 行政许可法 Art. 32/42/45):
 * the clerk's actions, which status each may start from, the status it leads to, and the events
 * the server records for each. One table here serves the server (which enforces it), the workbench
 * (which offers only allowed actions) and the phone (which reads the events from the change feed).
 *
 *   received ──accept──────────────► accepted ──complete──► completed_approved | completed_denied
 *      │  ▲  ──reject───► rejected     │  ▲
 *      │  └─ resubmitted (agent) ─┐    suspend│  │resume   (the clock pauses while suspended)
 *      └──request_supplement──► supplement    ▼  │
 *                                          suspended
 * `transfer` moves a case to another window without changing its status; `extend` moves the due
 * date of an accepted case. A received case nobody acted on within 5 working days is accepted by
 * the server itself, dated from receipt (Art. 32: 逾期不告知的，自收到申请材料之日起即为受理).
 */
import { z } from 'zod';
import { caseStatusSchema, type CaseStatus } from './case-submission';
import { pageSchema, signatureSchema } from './case-draft';
import { satisfactionSchema } from './tracking';

/** Art. 32: the window must accept, refuse or ask for 补正 within this many working days of receipt. */
export const ACCEPT_WITHIN_WORKING_DAYS = 5;
/** The workbench's 即将到期 tab: a deadline within this many working days from today. */
export const DUE_SOON_WORKING_DAYS = 3;
/** The material key under which the resident's signed authorisation (委托书) is stored and requested. */
export const SIGNATURE_MATERIAL_KEY = '__signature';

const reasonSchema = z.string().trim().min(2, { message: 'REASON_REQUIRED' }).max(500, { message: 'TOO_LONG' });
const noteSchema = z.string().trim().max(500, { message: 'TOO_LONG' }).default('');

/** One material the clerk asks for in a 补正 notice, with what is wrong or missing. */
export const supplementItemSchema = z.object({
  /** A material key of the case's item version, or SIGNATURE_MATERIAL_KEY. */
  materialKey: z.string().min(1).max(100),
  note: z.string().trim().min(1, { message: 'NOTE_REQUIRED' }).max(200, { message: 'TOO_LONG' }),
});
export type SupplementItem = z.infer<typeof supplementItemSchema>;

export const clerkActionSchema = z.discriminatedUnion('type', [
  /** 受理: the promised completion date follows from the item's limit in working days. */
  z.object({ type: z.literal('accept'), note: noteSchema }),
  /** 补正: one notice listing everything missing or defective (一次告知). */
  z.object({
    type: z.literal('request_supplement'),
    items: z.array(supplementItemSchema).min(1, { message: 'ITEMS_REQUIRED' }).max(50),
    note: noteSchema,
  }),
  /** 不予受理, with the reason the resident is told. */
  z.object({ type: z.literal('reject'), reason: reasonSchema }),
  /** 办结: 准予 or 不予, with the result (证照) name and number. */
  z.object({
    type: z.literal('complete'),
    outcome: z.enum(['approved', 'denied']),
    resultName: z.string().trim().min(1, { message: 'REQUIRED' }).max(100, { message: 'TOO_LONG' }),
    resultNumber: z.string().trim().max(100, { message: 'TOO_LONG' }).default(''),
    note: noteSchema,
  }),
  /** 转办 to another window of the same township. */
  z.object({ type: z.literal('transfer'), windowCode: z.string().min(1).max(20), note: noteSchema }),
  /** 挂起 / 特别程序 (e.g. the 7-day public notice for house building): the clock pauses. */
  z.object({ type: z.literal('suspend'), kind: z.enum(['special_procedure', 'other']), reason: reasonSchema }),
  /** End of the pause: the due date moves by the working days spent suspended. */
  z.object({ type: z.literal('resume'), note: noteSchema }),
  /** 延期 by N working days (Art. 42: +10 with the head's approval). */
  z.object({ type: z.literal('extend'), days: z.number().int().min(1).max(60), reason: reasonSchema }),
]);
export type ClerkAction = z.infer<typeof clerkActionSchema>;
export const clerkActionTypeSchema = z.enum(clerkActionSchema.options.map((o) => o.shape.type.value));
export type ClerkActionType = ClerkAction['type'];

/** What the workbench posts: the action and the case version the clerk was looking at. */
export const clerkActionRequestSchema = z.object({
  expectedVersion: z.number().int().positive(),
  action: clerkActionSchema,
});
export type ClerkActionRequest = z.infer<typeof clerkActionRequestSchema>;

/** Which clerk actions each status allows. Closed cases allow none. */
export const allowedActions = {
  received: ['accept', 'request_supplement', 'reject', 'transfer'],
  supplement: ['reject', 'transfer'],
  accepted: ['complete', 'suspend', 'extend', 'transfer'],
  suspended: ['resume', 'transfer'],
  rejected: [],
  completed_approved: [],
  completed_denied: [],
} as const satisfies Record<CaseStatus, readonly ClerkActionType[]>;

/** Whether `action` may be taken on a case in `status`. */
export function isActionAllowed(status: CaseStatus, action: ClerkActionType): boolean {
  const allowed: readonly ClerkActionType[] = allowedActions[status];
  return allowed.includes(action);
}

/** The status a case has after `action` (transfer and extend keep the status). */
export function statusAfter(status: CaseStatus, action: ClerkAction): CaseStatus {
  switch (action.type) {
    case 'accept':
    case 'resume':
      return 'accepted';
    case 'request_supplement':
      return 'supplement';
    case 'reject':
      return 'rejected';
    case 'complete':
      return action.outcome === 'approved' ? 'completed_approved' : 'completed_denied';
    case 'suspend':
      return 'suspended';
    case 'transfer':
    case 'extend':
      return status;
  }
}

export const closedStatuses: ReadonlySet<CaseStatus> = new Set(['rejected', 'completed_approved', 'completed_denied']);

/**
 * The events recorded on a case, in its timeline and in the agent's change feed. Every payload
 * carries the status after the event, so a phone that applies events in order knows the status.
 */
export const caseEventTypeSchema = z.enum([
  'received', // 已收件 (round 1)
  'accepted', // 受理 (by a clerk, or deemed by the Art. 32 job)
  'supplement_requested', // 补正告知
  'resubmitted', // the agent sent the requested materials (a new round)
  'rejected', // 不予受理
  'completed', // 办结 准予 / 不予
  'transferred', // 转办
  'suspended', // 挂起 / 特别程序
  'resumed',
  'extended', // 延期
  'rated', // the resident's 好差评 (domain/tracking.ts), after the case closed
]);
export type CaseEventType = z.infer<typeof caseEventTypeSchema>;

const dateSchema = z.iso.date();

/** What a 补正 notice asks for, as the phone and the workbench show it. */
export const supplementRequestSchema = z.object({
  /** The round the agent's answer will be (2 for the first 补正). */
  round: z.number().int().min(2),
  items: z.array(supplementItemSchema.extend({ name: z.string() })),
  note: z.string(),
  noticeNumber: z.string(),
});
export type SupplementRequest = z.infer<typeof supplementRequestSchema>;

export const caseEventPayloadSchemas = {
  received: z.object({ status: caseStatusSchema, caseNumber: z.string(), receivedAt: z.iso.datetime() }),
  accepted: z.object({
    status: caseStatusSchema,
    acceptedAt: z.iso.datetime(),
    dueDate: dateSchema,
    /** Accepted by the Art. 32 rule, not by a clerk: "逾期未告知，视为受理". */
    deemed: z.boolean(),
    noticeNumber: z.string(),
    note: z.string(),
  }),
  supplement_requested: supplementRequestSchema.extend({ status: caseStatusSchema }),
  resubmitted: z.object({ status: caseStatusSchema, round: z.number().int().min(2), pages: z.number().int() }),
  rejected: z.object({ status: caseStatusSchema, reason: z.string(), noticeNumber: z.string() }),
  completed: z.object({
    status: caseStatusSchema,
    outcome: z.enum(['approved', 'denied']),
    resultName: z.string(),
    resultNumber: z.string(),
    note: z.string(),
  }),
  transferred: z.object({
    status: caseStatusSchema,
    fromWindow: z.string(),
    toWindow: z.string(),
    /** The window's name as the agent knows it (absent in events written before it was added). */
    toWindowName: z.string().optional(),
    note: z.string(),
  }),
  suspended: z.object({ status: caseStatusSchema, kind: z.enum(['special_procedure', 'other']), reason: z.string() }),
  resumed: z.object({
    status: caseStatusSchema,
    dueDate: dateSchema,
    pausedWorkingDays: z.number().int(),
    note: z.string(),
  }),
  extended: z.object({ status: caseStatusSchema, dueDate: dateSchema, days: z.number().int(), reason: z.string() }),
  rated: z.object({ status: caseStatusSchema, satisfaction: satisfactionSchema, hasComment: z.boolean() }),
} as const satisfies Record<CaseEventType, z.ZodType>;

/** What the agent sends after a 补正 notice: `PUT /api/cases/:id/rounds/:round`, idempotent by round. */
export const caseResubmissionSchema = z.object({
  /** Pages for the requested materials only. */
  pages: z.array(pageSchema).max(100),
  /** A newly signed authorisation, when the notice asked for SIGNATURE_MATERIAL_KEY. */
  signature: signatureSchema.nullable(),
  submittedAt: z.iso.datetime(),
});
export type CaseResubmission = z.infer<typeof caseResubmissionSchema>;
