/**
 * Sync outcomes, refusal reasons and pulled decisions as the Chinese the agent reads. Server problems
 * arrive as plain records (the phone stores whatever the server said), so each field is checked
 * before use; anything unrecognised reads as the generic problem sentence.
 */
import { parseCaseEvent } from '../../device/case-events';
import type { NoticeSummary, StoredNotice, SyncError } from '../../device/sync-state-repository';
import { SIGNATURE_MATERIAL_KEY, type SupplementRequest } from '../../domain/case-lifecycle';
import { maskName } from '../../domain/mask-name';
import { caseStatusSchema } from '../../domain/case-submission';
import { zhCN } from '../messages/zh-cn';
import { problemText } from './case/problem-text';

function stringField(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function isKeyOf<T extends object>(object: T, key: string): key is Extract<keyof T, string> {
  return key in object;
}

/** One problem the server listed (a SubmissionProblem as JSON) as "where：what". */
export function serverProblemText(problem: Record<string, unknown>): string {
  const code = stringField(problem, 'problem') ?? '';
  const what = problemText(code);
  const field = stringField(problem, 'field');
  const labels = zhCN.editor.applicantLabels;
  if (stringField(problem, 'where') === 'applicant' && field && isKeyOf(labels, field))
    return zhCN.editor.problemAt(labels[field], what);
  const name = stringField(problem, 'name');
  if (name) return zhCN.editor.problemAt(zhCN.editor.materialProblem(name), what);
  const label = stringField(problem, 'label');
  return label ? zhCN.editor.problemAt(label, what) : what;
}

/** Why a sync or a case failed, in one sentence. */
export function syncErrorText(error: Pick<SyncError, 'code'>): string {
  const { errors, localRefusals } = zhCN;
  if (isKeyOf(errors, error.code)) return errors[error.code];
  if (isKeyOf(localRefusals, error.code)) return localRefusals[error.code];
  return localRefusals.UNKNOWN;
}

/** The server status of a case in Chinese (已收件, 已受理…), or null for a status this build does not know. */
export function statusText(status: unknown): string | null {
  const parsed = caseStatusSchema.safeParse(status);
  return parsed.success ? zhCN.caseStatus[parsed.data] : null;
}

/** "住房公积金提取 · 张*" — what a notice is about, name masked. */
export function noticeSubject(notice: Pick<NoticeSummary, 'itemName' | 'applicantName' | 'caseNumber'>): string {
  return [notice.caseNumber, notice.itemName, notice.applicantName ? maskName(notice.applicantName) : null]
    .filter(Boolean)
    .join(' · ');
}

/** A requested material's name as the agent reads it (the 委托书 under its own name). */
export function requestedItemName(item: SupplementRequest['items'][number]): string {
  if (item.name) return item.name;
  return item.materialKey === SIGNATURE_MATERIAL_KEY ? zhCN.notice.signatureItem : item.materialKey;
}

/**
 * What a decision says, specifically: "需要补正：身份证（复印件不清晰）等 2 项", "已受理，承诺
 * 2026-03-18 前办结", "不予受理：原因…". An event this build does not know (or cannot read) falls
 * back to its status; null when it carries none.
 */
export function decisionText(notice: Pick<StoredNotice, 'type' | 'payload'>): string | null {
  const n = zhCN.notice;
  const event = parseCaseEvent(notice.type, notice.payload);
  switch (event?.type) {
    case 'supplement_requested': {
      const [first] = event.payload.items;
      if (!first) break;
      return n.supplement(n.item(requestedItemName(first), first.note), event.payload.items.length);
    }
    case 'accepted':
      return event.payload.deemed ? n.deemed(event.payload.dueDate) : n.accepted(event.payload.dueDate);
    case 'completed':
      return event.payload.outcome === 'approved'
        ? n.completedApproved(event.payload.resultName, event.payload.resultNumber)
        : n.completedDenied(event.payload.resultName, event.payload.note);
    case 'rejected':
      return n.rejected(event.payload.reason);
    case 'resubmitted':
      return n.resubmitted(event.payload.round);
    case 'transferred':
      return n.transferred(event.payload.toWindowName, event.payload.note);
    case 'suspended':
      return n.suspendedReason(n.suspended[event.payload.kind], event.payload.reason);
    case 'resumed':
      return n.resumed(event.payload.dueDate);
    case 'extended':
      return n.extended(event.payload.days, event.payload.dueDate);
    case 'received':
      return n.received;
    case 'rated':
      return n.rated(zhCN.satisfaction[event.payload.satisfaction]);
    case undefined:
      break;
  }
  return statusText(notice.payload.status);
}

/** The notice as one line: "<subject>：<what the decision says>". */
export function noticeText(notice: NoticeSummary): string {
  const decision = decisionText(notice);
  const subject = noticeSubject(notice);
  return decision ? zhCN.agent.notice(decision, subject) : zhCN.agent.noticeGeneric(subject);
}

/** Where a notice leads: the 补正 screen for a 补正 notice, else the case's receipt. */
export function noticeHref(notice: Pick<StoredNotice, 'type' | 'caseId'>): string {
  const base = `/agent/cases/${notice.caseId}`;
  return notice.type === 'supplement_requested' ? `${base}/supplement` : `${base}/receipt`;
}

function isRefusalCode(code: string): code is keyof typeof zhCN.supplement.refused {
  return code in zhCN.supplement.refused;
}

/** Why a 补正 answer was not taken, in one sentence (the round's own wording where it differs). */
export function resubmissionErrorText(error: Pick<SyncError, 'code'>): string {
  return isRefusalCode(error.code) ? zhCN.supplement.refused[error.code] : syncErrorText(error);
}

/** One problem the server found with a 补正 answer, naming the material as the notice does. */
export function resubmissionProblemText(problem: Record<string, unknown>, request: SupplementRequest | null): string {
  const key = stringField(problem, 'materialKey');
  const item = key ? request?.items.find((i) => i.materialKey === key) : undefined;
  const name = item ? requestedItemName(item) : (stringField(problem, 'name') ?? key);
  const what = problemText(stringField(problem, 'problem') ?? '');
  return name ? zhCN.editor.problemAt(zhCN.editor.materialProblem(name), what) : what;
}
