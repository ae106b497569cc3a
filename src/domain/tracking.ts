/**
 * Residents follow their case and rate the service (好差评, BRIEF §5) without an account.
 *
 * Proof of interest: either the 办件编号 or receipt code plus the last 4 digits of the applicant's phone, or the
 * QR code on the agent's receipt (receipt code + the random track secret only that QR carries; the
 * server stores just its SHA-256). A successful lookup returns a short-lived access token for that one
 * case; rating, follow-up comment and complaint carry it. A resident never sees more than the masked
 * name (张*三), the item, the plain-language progress and public contact numbers.
 *
 * No leak: every miss — no such code, wrong digits, wrong secret, a case not yet synced — gets the
 * same answer (404 TRACK_NOT_FOUND, same body); failures are counted per client address and per
 * normalised code (whether the code exists or not), and TRACK_FAILURE_LIMIT failures within
 * TRACK_FAILURE_WINDOW_MINUTES lock that address or code for TRACK_LOCK_MINUTES (429 TRACK_LOCKED with
 * retryAfterSeconds).
 */
import { z } from 'zod';
import { receiptCodeSchema } from './receipt-code';

export const TRACK_FAILURE_LIMIT = 5;
export const TRACK_FAILURE_WINDOW_MINUTES = 10;
export const TRACK_LOCK_MINUTES = 30;
/** How long the access token from a successful lookup is good for. */
export const TRACK_ACCESS_MINUTES = 120;
/** 差评 follow-up: call the resident back within this many working days (BRIEF §5). */
export const FOLLOW_UP_CALLBACK_WORKING_DAYS = 1;
/** 差评 follow-up: put it right within this many working days unless the township sets its own. */
export const DEFAULT_FOLLOW_UP_FIX_WORKING_DAYS = 15;

export const phoneLast4Schema = z
  .string()
  .trim()
  .regex(/^\d{4}$/, { message: 'PHONE_LAST4_INVALID' });
/** The random secret in the receipt's QR code (base64url, at least 128 bits). */
export const trackSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/, { message: 'TRACK_SECRET_INVALID' });

/** 办件编号 as the server assigns it: township code, China date, sequence (999001-20260302-00001). */
export const CASE_NUMBER_PATTERN = /^[0-9A-Z]{1,12}-\d{8}-\d{5,}$/;

/**
 * What a resident types as the case: the 办件编号 (from the township's notices, also on the agent's
 * receipt once synced) or the agent's receipt code. Either normalised: trimmed, upper case; a receipt
 * code also loses spaces and gains its dash.
 */
export const trackCodeSchema = z
  .string()
  .trim()
  .transform((input) => input.toUpperCase())
  .pipe(z.union([z.string().regex(CASE_NUMBER_PATTERN), receiptCodeSchema], { message: 'TRACK_CODE_INVALID' }));

/** `POST /api/track/lookup`: 办件编号 or receipt code + phone digits, or the QR code's receipt code + secret. */
export const trackLookupRequestSchema = z.union([
  z.object({ code: trackCodeSchema, phoneLast4: phoneLast4Schema }),
  z.object({ code: receiptCodeSchema, secret: trackSecretSchema }),
]);
export type TrackLookupRequest = z.input<typeof trackLookupRequestSchema>;

/** The resident's steps, in plain words: 已交给代办员 → 已送到乡镇 → 已受理 → (需要补充材料) → 办理中 → 已办结. */
export const trackStepSchema = z.enum([
  'with_agent', // 已交给代办员 (the receipt's date)
  'reached_township', // 已送到乡镇
  'accepted', // 已受理
  'supplement', // 需要补充材料
  'in_progress', // 办理中 (also while suspended: 特别程序 / 挂起, said as such)
  'completed', // 已办结
  'rejected', // 不予受理
]);
export type TrackStep = z.infer<typeof trackStepSchema>;

export const satisfactionSchema = z.enum(['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied']);
export type Satisfaction = z.infer<typeof satisfactionSchema>;
/** 不满意 and 非常不满意 open a follow-up task in the workbench. */
export const NEGATIVE_SATISFACTION: ReadonlySet<Satisfaction> = new Set(['dissatisfied', 'very_dissatisfied']);

const commentSchema = z.string().trim().max(500, { message: 'TOO_LONG' });

export const trackRatingSchema = z.object({
  satisfaction: satisfactionSchema,
  comment: commentSchema,
  ratedAt: z.iso.datetime(),
  /** The one follow-up comment a resident may add after rating. */
  followUpComment: z.string().nullable(),
});
export type TrackRating = z.infer<typeof trackRatingSchema>;

/** What a resident sees of one case. Nothing personal beyond the masked name. */
export const trackViewSchema = z.object({
  caseNumber: z.string(),
  receiptCode: z.string(),
  /** 张*三 */
  applicantMasked: z.string(),
  itemName: z.string(),
  status: z.string(),
  /** The steps reached so far, oldest first, each with its server time. */
  timeline: z.array(
    z.object({
      step: trackStepSchema,
      at: z.iso.datetime(),
      /** For supplement: the names of the materials asked for; for rejected: the reason; else empty. */
      detail: z.array(z.string()),
    }),
  ),
  /** 承诺办结日期 once accepted, else the Art. 32 date by which the window must answer; null when closed. */
  expectedDate: z.iso.date().nullable(),
  suspended: z.boolean(),
  agent: z.object({ name: z.string(), phone: z.string().nullable() }),
  window: z.object({ name: z.string(), phone: z.string().nullable() }),
  township: z.object({ name: z.string(), supervisionPhone: z.string().nullable() }),
  /** Whether the case can be rated now (办结 or 不予受理, not rated yet). */
  canRate: z.boolean(),
  rating: trackRatingSchema.nullable(),
});
export type TrackView = z.infer<typeof trackViewSchema>;

export const trackLookupResponseSchema = z.object({
  view: trackViewSchema,
  /** Bearer token for this case only, good for TRACK_ACCESS_MINUTES. */
  accessToken: z.string(),
});
export type TrackLookupResponse = z.infer<typeof trackLookupResponseSchema>;

/** `POST /api/track/rating` (Authorization: Bearer accessToken): once per case. */
export const rateCaseRequestSchema = z.object({ satisfaction: satisfactionSchema, comment: commentSchema.default('') });
export type RateCaseRequest = z.input<typeof rateCaseRequestSchema>;

/** `POST /api/track/rating/follow-up`: one more comment after the rating, once. */
export const ratingFollowUpRequestSchema = z.object({
  comment: z.string().trim().min(1, { message: 'REQUIRED' }).max(500, { message: 'TOO_LONG' }),
});

/** `POST /api/track/complaints` (投诉): also opens a follow-up task. */
export const complaintRequestSchema = z.object({
  text: z.string().trim().min(5, { message: 'TOO_SHORT' }).max(1000, { message: 'TOO_LONG' }),
  /** A number to call back on; optional (the resident may prefer the one on the case). */
  contactPhone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, { message: 'PHONE_INVALID' })
    .or(z.literal(''))
    .default(''),
});
export type ComplaintRequest = z.input<typeof complaintRequestSchema>;

/** A follow-up task in the workbench (回访): from a 差评 or a complaint, tracked until closed. */
export const followUpKindSchema = z.enum(['bad_rating', 'complaint']);
export const followUpStatusSchema = z.enum(['open', 'called_back', 'closed']);

export const followUpSchema = z.object({
  id: z.uuid(),
  kind: followUpKindSchema,
  status: followUpStatusSchema,
  caseId: z.uuid(),
  caseNumber: z.string(),
  itemName: z.string(),
  applicantMasked: z.string(),
  windowName: z.string(),
  agentName: z.string(),
  satisfaction: satisfactionSchema.nullable(),
  /** The rating's comment or the complaint's text. */
  text: z.string(),
  /** For a bad rating: the one follow-up comment the resident added afterwards, if any. */
  followUpComment: z.string().nullable(),
  /** For a complaint: the number the resident asked to be called back on, if they gave one. */
  contactPhone: z.string().nullable(),
  createdAt: z.iso.datetime(),
  callbackDue: z.iso.date(),
  fixDue: z.iso.date(),
  calledBackAt: z.iso.datetime().nullable(),
  /** Name of the clerk or admin who recorded the call back. */
  calledBackBy: z.string().nullable(),
  callbackNote: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
  closedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  /** Whether the callback / the fix is late as of today (China date). */
  callbackOverdue: z.boolean(),
  fixOverdue: z.boolean(),
});
export type FollowUp = z.infer<typeof followUpSchema>;
export type FollowUpStatus = z.infer<typeof followUpStatusSchema>;

/** `GET /api/workbench/follow-ups?status=`: open (default), called_back, closed or all. */
export const followUpListQuerySchema = z.object({
  status: z.enum([...followUpStatusSchema.options, 'all']).default('open'),
});
export type FollowUpListQuery = z.input<typeof followUpListQuerySchema>;

export const followUpListResponseSchema = z.object({
  /** Open and called back: the fix due date first; closed and all: newest first, at most FOLLOW_UP_LIST_MAX. */
  followUps: z.array(followUpSchema),
  /** How many of the caller's follow-ups are in each status (whatever the filter). */
  counts: z.object({ open: z.number().int(), called_back: z.number().int(), closed: z.number().int() }),
});
export type FollowUpListResponse = z.infer<typeof followUpListResponseSchema>;
/** The longest follow-up list one request returns. */
export const FOLLOW_UP_LIST_MAX = 200;

/** `POST /api/workbench/follow-ups/:id` — record the call back, or close with the outcome. */
export const followUpActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('called_back'),
    note: z.string().trim().min(2, { message: 'REQUIRED' }).max(500, { message: 'TOO_LONG' }),
  }),
  z.object({
    type: z.literal('close'),
    outcome: z.string().trim().min(2, { message: 'REQUIRED' }).max(1000, { message: 'TOO_LONG' }),
  }),
]);
export type FollowUpAction = z.infer<typeof followUpActionSchema>;
