import { remainingWorkingDays, type WorkCalendar } from '../../domain/working-days';
import type { Deadline } from '../../domain/workbench';
import type { CaseTable } from '../db/schema';

/**
 * The deadline in force as the workbench shows it — its date, working days left from `today`
 * (negative when overdue) and the years it crosses without a loaded holiday schedule — or null
 * while the clock is paused or the case is closed.
 */
export function deadlineView(
  calendar: WorkCalendar,
  today: string,
  row: Pick<CaseTable, 'deadline' | 'deadline_kind'>,
): Deadline | null {
  if (row.deadline === null || row.deadline_kind === null) return null;
  const remaining = remainingWorkingDays(calendar, today, row.deadline);
  return {
    kind: row.deadline_kind,
    date: row.deadline,
    remainingWorkingDays: remaining.days,
    unloadedYears: remaining.unloadedYears,
  };
}
