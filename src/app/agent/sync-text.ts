/**
 * Sync outcomes, refusal reasons and pulled decisions as the Chinese the agent reads. Server problems
 * arrive as plain records (the phone stores whatever the server said), so each field is checked
 * before use; anything unrecognised reads as the generic problem sentence.
 */
import type { NoticeSummary, SyncError } from '../../device/sync-state-repository';
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

/** The notice as one line: "<subject>：已受理". */
export function noticeText(notice: NoticeSummary): string {
  const status = statusText(notice.payload.status);
  const subject = noticeSubject(notice);
  return status ? zhCN.agent.notice(status, subject) : zhCN.agent.noticeGeneric(subject);
}
