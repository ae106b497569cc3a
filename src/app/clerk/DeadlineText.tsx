import type { Deadline } from '../../domain/workbench';
import { deadlineTone, remainingText, unloadedYearsWarning } from './deadline-text';

/** A deadline as a date and "剩余 N 个工作日" (amber when due soon, red when overdue), with the holiday warning. */
export function DeadlineText({ deadline }: { deadline: Deadline }) {
  const warning = unloadedYearsWarning(deadline);
  return (
    <span className="deadline">
      <span className="deadline__date">{deadline.date}</span>{' '}
      <span className={`deadline__left deadline__left--${deadlineTone(deadline)}`}>{remainingText(deadline)}</span>
      {warning && (
        <span className="deadline__warning" role="note">
          {warning}
        </span>
      )}
    </span>
  );
}
