import type { CalendarYear } from '../../domain/calendar-api';
import type { YearSchedule } from '../../domain/working-days';
import { zhCN } from '../messages/zh-cn';
import { monthGroups, type DayRun } from './calendar-input';
import { CalendarSource } from './CalendarYears';

const t = zhCN.clerk.calendar;

function runText(run: DayRun): string {
  return run.days === 1 ? t.singleDay(run.from, t.weekdays[run.weekday] ?? '') : t.dayRun(run.from, run.to, run.days);
}

/** Dates of one year by month: "2 月  6 日至 13 日（8 天）；14 日（星期日）". */
function MonthList({ dates, empty, kind }: { dates: readonly string[]; empty: string; kind: string }) {
  const groups = monthGroups(dates);
  if (groups.length === 0) return <p className="muted">{empty}</p>;
  return (
    <dl className="calendar-months" data-kind={kind}>
      {groups.map((group) => (
        <div key={group.month} className="calendar-months__row">
          <dt>{t.month(group.month)}</dt>
          <dd>{group.runs.map(runText).join('；')}</dd>
        </div>
      ))}
    </dl>
  );
}

type CalendarScheduleProps = {
  year: number;
  schedule: YearSchedule | null;
  /** Where the year's schedule comes from (null when it has none). */
  entry: CalendarYear | null;
  /** Another year is loading: this one is dimmed. */
  busy: boolean;
};

/** One year's holidays and 调休上班 days, grouped by month, or the warning that the year has none. */
export function CalendarSchedule({ year, schedule, entry, busy }: CalendarScheduleProps) {
  if (!schedule) {
    return (
      <p className={`banner banner--warning${busy ? ' calendar--busy' : ''}`} role="note">
        {t.yearNotLoaded(year)}
      </p>
    );
  }
  return (
    <div className={`calendar-schedule${busy ? ' calendar--busy' : ''}`}>
      {entry && (
        <p className="calendar-schedule__source">
          <CalendarSource entry={entry} />
        </p>
      )}
      <section className="calendar-schedule__part" aria-labelledby="calendar-holidays-title">
        <h3 id="calendar-holidays-title" className="calendar-schedule__title">
          {t.holidaysTitle}
          <span className="calendar-schedule__count">{t.holidayTotal(schedule.holidays.length)}</span>
        </h3>
        <MonthList dates={schedule.holidays} empty={t.noHolidays} kind="holidays" />
      </section>
      <section className="calendar-schedule__part" aria-labelledby="calendar-workdays-title">
        <h3 id="calendar-workdays-title" className="calendar-schedule__title">
          {t.workdaysTitle}
          <span className="calendar-schedule__count">{t.holidayTotal(schedule.workdays.length)}</span>
        </h3>
        <MonthList dates={schedule.workdays} empty={t.noWorkdays} kind="workdays" />
      </section>
    </div>
  );
}
