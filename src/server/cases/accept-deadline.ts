/**
 * 行政许可法 Art. 32: within ACCEPT_WITHIN_WORKING_DAYS working days of receiving the materials the
 * window accepts, refuses or sends one 补正 notice; otherwise the case counts as accepted from the day
 * of receipt. A resubmission after 补正 restarts the count from its own receipt.
 */
import { ACCEPT_WITHIN_WORKING_DAYS } from '../../domain/case-lifecycle';
import { addWorkingDays, type WorkCalendar } from '../../domain/working-days';
import type { CaseTable } from '../db/schema';
import { chinaDateOf } from './china-time';

/** The accept-by date of a round received at `receivedAt`, as the case columns that hold it. */
export function acceptDeadline(
  calendar: WorkCalendar,
  receivedAt: string,
): Pick<CaseTable, 'accept_by' | 'deadline' | 'deadline_kind'> {
  const { date } = addWorkingDays(calendar, chinaDateOf(receivedAt), ACCEPT_WITHIN_WORKING_DAYS);
  return { accept_by: date, deadline: date, deadline_kind: 'accept_by' };
}
