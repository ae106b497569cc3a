/**
 * The resident's page in words: the address it was opened with (the QR code's secret must leave the
 * address bar at once, so it is not kept in the browser's history), the case's steps as a
 * plain-language timeline, and each failure of a lookup as what the resident should do next.
 */
import { receiptCodeSchema } from '../../domain/receipt-code';
import { trackSecretSchema, type TrackStep, type TrackView } from '../../domain/tracking';
import { ApiRequestError, NetworkError } from '../../device/sync-fetch';
import { chinaDateTime, longChinaDate } from '../clerk/china-time';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.track;

export type TrackAddress = {
  /** The receipt code from the address, normalised when valid, else as given (to prefill the form). */
  code: string;
  /** The QR code's secret, when the address carries a well-formed one together with a valid code. */
  secret: string | null;
  /** The address carried a `t` parameter (well-formed or not): it must be taken out of the address bar. */
  hadSecret: boolean;
};

/** Reads `?code=…&t=…` (the receipt's QR code) or `?code=…` (a link with the code only). */
export function readTrackAddress(search: string): TrackAddress {
  const params = new URLSearchParams(search);
  const rawCode = (params.get('code') ?? '').trim().slice(0, 40);
  const code = receiptCodeSchema.safeParse(rawCode);
  const rawSecret = params.get('t');
  const secret = rawSecret === null ? null : trackSecretSchema.safeParse(rawSecret);
  return {
    code: code.success ? code.data : rawCode,
    secret: code.success && secret?.success ? secret.data : null,
    hadSecret: rawSecret !== null,
  };
}

/** The address to show instead: the same page with the code only (so a reload prefills the form). */
export function addressWithoutSecret(code: string): string {
  return code === '' ? '/track' : `/track?${new URLSearchParams({ code }).toString()}`;
}

/** 2026-03-02T01:06:00Z → 2026年3月2日 09:06 (China time, whatever the phone's zone). */
export function trackTime(iso: string): string {
  const text = chinaDateTime(iso);
  const [date, clock] = text.split(' ');
  return date && clock ? `${longChinaDate(date)} ${clock}` : text;
}

export type StepRow = {
  step: TrackStep;
  title: string;
  /** When it happened (reached steps); null for the steps still ahead. */
  at: string | null;
  hint: string;
  /** The materials asked for (需要补充材料) or the reason (不予受理). */
  details: string[];
  state: 'done' | 'current' | 'ahead';
  /** Said on the current step while the clock is stopped (特别程序 / 挂起). */
  suspended: boolean;
};

const CLOSED: ReadonlySet<TrackStep> = new Set(['completed', 'rejected']);

/** Whether the case is closed (已办结 or 不予受理): nothing lies ahead. */
export function isClosed(view: Pick<TrackView, 'timeline'>): boolean {
  const last = view.timeline.at(-1);
  return last !== undefined && CLOSED.has(last.step);
}

/**
 * The steps reached so far, oldest first (the last one is where the case is now), then the milestones
 * still ahead while the case is open: 已受理 if not reached yet, and 已办结.
 */
export function stepRows(view: Pick<TrackView, 'timeline' | 'suspended'>): StepRow[] {
  const reached = view.timeline;
  const rows: StepRow[] = reached.map((entry, index) => {
    const current = index === reached.length - 1;
    return {
      step: entry.step,
      title: t.steps[entry.step],
      at: entry.at,
      hint: t.stepHints[entry.step],
      details: entry.detail,
      state: current ? 'current' : 'done',
      suspended: current && view.suspended,
    };
  });
  if (isClosed(view)) return rows;
  const seen = new Set(reached.map((entry) => entry.step));
  const ahead: TrackStep[] = [...(seen.has('accepted') ? [] : ['accepted' as const]), 'completed'];
  for (const step of ahead) {
    rows.push({ step, title: t.steps[step], at: null, hint: '', details: [], state: 'ahead', suspended: false });
  }
  return rows;
}

/** Where the case is now, in one line: 已受理 / 办理中（特别程序中，暂停计时）… */
export function currentText(view: Pick<TrackView, 'timeline' | 'suspended'>): string {
  const last = view.timeline.at(-1);
  if (!last) return t.steps.with_agent;
  const title = t.steps[last.step];
  return view.suspended && !CLOSED.has(last.step) ? `${title}（${t.suspended}）` : title;
}

/** The label of the expected date: the promised completion once accepted, else the window's answer-by date. */
export function expectedLabel(view: Pick<TrackView, 'timeline'>): string {
  const accepted = view.timeline.some((entry) => entry.step === 'accepted' || entry.step === 'in_progress');
  return accepted ? t.expected : t.expectedAcceptBy;
}

/** A phone number as a tel: link (spaces and dashes dropped). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export type LookupProblem =
  | { kind: 'not-found' }
  | { kind: 'locked'; minutes: number }
  | { kind: 'offline' }
  | { kind: 'timeout' }
  /** The access token ran out (or the case can no longer be read with it): look it up again. */
  | { kind: 'expired' }
  | { kind: 'failed'; message: string };

/** Whole minutes to wait, rounded up, at least 1. */
function minutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/**
 * What a failed call means for the resident. `afterLookup`: the call carried a lookup's access token,
 * so a 401 means the token ran out (look the case up again), not a wrong password.
 */
export function lookupProblem(error: unknown, afterLookup = false): LookupProblem {
  if (error instanceof NetworkError) return error.reason === 'timeout' ? { kind: 'timeout' } : { kind: 'offline' };
  if (error instanceof ApiRequestError) {
    if (error.code === 'TRACK_LOCKED') return { kind: 'locked', minutes: minutes(error.retryAfterSeconds ?? 60) };
    if (error.code === 'TRACK_NOT_FOUND') return { kind: 'not-found' };
    if (afterLookup && (error.status === 401 || error.code === 'UNAUTHENTICATED')) return { kind: 'expired' };
  }
  return { kind: 'failed', message: describeError(error) };
}

/** A problem as one sentence (for failures beside a button rather than in the big notice). */
export function problemSentence(problem: LookupProblem): string {
  switch (problem.kind) {
    case 'not-found':
      return t.notFoundTitle;
    case 'locked':
      return `${t.lockedTitle}。${t.lockedFor(problem.minutes)}`;
    case 'offline':
      return t.offlineText;
    case 'timeout':
      return t.timeoutText;
    case 'expired':
      return t.expired;
    case 'failed':
      return problem.message;
  }
}
