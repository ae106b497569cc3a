/** How a deadline reads on the workbench: the words, and whether it is overdue or due soon. */
import { DUE_SOON_WORKING_DAYS } from '../../domain/case-lifecycle';
import type { Deadline } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.deadline;

export type DeadlineTone = 'overdue' | 'soon' | 'normal';

/** Past the deadline → overdue (red); within DUE_SOON_WORKING_DAYS → soon (amber). */
export function deadlineTone(deadline: Deadline): DeadlineTone {
  if (deadline.remainingWorkingDays < 0) return 'overdue';
  if (deadline.remainingWorkingDays <= DUE_SOON_WORKING_DAYS) return 'soon';
  return 'normal';
}

/** 剩余 N 个工作日 / 今天到期 / 已超期 N 个工作日. */
export function remainingText(deadline: Deadline): string {
  const n = deadline.remainingWorkingDays;
  if (n < 0) return t.overdue(-n);
  if (n === 0) return t.dueToday;
  return t.remaining(n);
}

/** The warning for years counted with weekends only, or null when every year is loaded. */
export function unloadedYearsWarning(deadline: Deadline): string | null {
  if (deadline.unloadedYears.length === 0) return null;
  return t.unloadedYears([...deadline.unloadedYears].sort((a, b) => a - b).join('、'));
}

/** Art. 32 / the promised limit, as the case header states it. */
export function deadlineHeadline(deadline: Deadline): string {
  return deadline.kind === 'accept_by'
    ? t.acceptBy(deadline.remainingWorkingDays, deadline.date)
    : t.due(deadline.date, deadline.remainingWorkingDays);
}
