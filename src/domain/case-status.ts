/**
 * A case's statuses on the server, as a plain list: the phone's storage layer (db-encryption), which
 * loads with the first screen, checks a status against it without loading zod; case-submission builds
 * the schema from it.
 */
export const CASE_STATUSES = [
  'received', // 已收件
  'accepted', // 已受理, being handled (办理中)
  'supplement', // 补正中
  'rejected', // 不予受理
  'suspended', // 挂起 / 特别程序 (the clock is paused)
  'completed_approved', // 办结（准予）
  'completed_denied', // 办结（不予）
] as const;

export type CaseStatusValue = (typeof CASE_STATUSES)[number];

/** Whether `value` is one of the statuses. */
export function isCaseStatus(value: unknown): value is CaseStatusValue {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}
