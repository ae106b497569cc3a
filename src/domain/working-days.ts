/**
 * The working-day calendar for legal time limits. 行政许可法 Art. 82 counts limits in working days,
 * leaving out statutory holidays; counting starts the day after the triggering day (民法典 Art. 201),
 * and a deadline that falls on a day off moves to the next working day (Art. 203). Make-up working
 * days (调休上班, usually a Saturday) count as working days.
 *
 * A day is a working day unless it is a Saturday, a Sunday or a holiday of its year's schedule, and a
 * make-up day of the schedule is always one. Each year's schedule is announced by the State Council
 * around November, so a year may not be loaded yet: there only weekends are days off, and every
 * function reports the unloaded years it looked at so the UI can warn.
 *
 * Dates are China calendar dates as 'YYYY-MM-DD'. Internally a date is its day number (days since
 * 1970-01-01, proleptic Gregorian, computed in UTC so no time zone or DST can shift it), so walking
 * day by day allocates nothing for calendars made by `workCalendar`.
 */
import { z } from 'zod';

/** A real calendar date written 'YYYY-MM-DD' (leap years checked). */
export const isoDateSchema = z.iso.date();

export const yearScheduleSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Statutory holidays (法定节假日 incl. the weekend days inside the break), YYYY-MM-DD. */
    holidays: z.array(isoDateSchema),
    /** Make-up working days (调休上班), usually a Saturday or Sunday, YYYY-MM-DD. */
    workdays: z.array(isoDateSchema),
    /** Where it comes from: 'statutory' (bundled, from chinese-days / 国务院办公厅 notices) or 'admin'. */
    source: z.enum(['statutory', 'admin']),
  })
  .superRefine((schedule, ctx) => {
    const prefix = `${schedule.year}-`;
    const seen = new Set<string>();
    for (const key of ['holidays', 'workdays'] as const) {
      schedule[key].forEach((date, index) => {
        if (!date.startsWith(prefix)) {
          ctx.addIssue({ code: 'custom', path: [key, index], message: `${date} is not in ${schedule.year}` });
        }
        if (seen.has(date)) {
          const both = key === 'workdays' && schedule.holidays.includes(date);
          const message = both ? `${date} is both a holiday and a make-up working day` : `${date} is listed twice`;
          ctx.addIssue({ code: 'custom', path: [key, index], message });
        }
        seen.add(date);
      });
    }
  });
export type YearSchedule = z.infer<typeof yearScheduleSchema>;

export type WorkCalendar = { readonly loadedYears: ReadonlySet<number>; isWorkingDay(date: string): boolean };

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** No real time limit runs this long; a calendar that never yields a working day is a bug, not a wait. */
const MAX_SCAN_DAYS = 100 * 366;

/** Day number of a 'YYYY-MM-DD' date: days since 1970-01-01. Throws RangeError on anything else. */
export function toDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  const day = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY : NaN;
  // The round trip refuses 2026-02-30 (which Date.UTC would roll over) and years before 1000.
  if (Number.isNaN(day) || fromDayNumber(day) !== date) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return day;
}

/** The 'YYYY-MM-DD' date of a day number (integer arithmetic, H. Hinnant's civil_from_days). */
export function fromDayNumber(day: number): string {
  const z0 = day + 719_468;
  const era = Math.floor(z0 / 146_097);
  const doe = z0 - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

function isWeekday(day: number): boolean {
  const dow = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 is Sunday
  return dow !== 0 && dow !== 6;
}

/** Day-number lookups of calendars built here, so the counting loops need no string per day. */
const fastLookups = new WeakMap<WorkCalendar, (day: number) => boolean>();

function lookupOf(cal: WorkCalendar): (day: number) => boolean {
  return fastLookups.get(cal) ?? ((day) => cal.isWorkingDay(fromDayNumber(day)));
}

/** Years in [firstDay, lastDay] that the calendar has no schedule for, in order. */
function unloadedYearsIn(cal: WorkCalendar, firstDay: number, lastDay: number): number[] {
  const unloaded: number[] = [];
  if (lastDay < firstDay) return unloaded;
  for (let y = yearOf(firstDay), last = yearOf(lastDay); y <= last; y += 1) {
    if (!cal.loadedYears.has(y)) unloaded.push(y);
  }
  return unloaded;
}

function checkedSteps(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${n}`);
  return n;
}

/** The first working day on or after `day`. */
function nextWorkingDay(isWorking: (day: number) => boolean, day: number): number {
  let d = day;
  while (!isWorking(d)) {
    d += 1;
    if (d - day > MAX_SCAN_DAYS) throw new RangeError('The calendar has no working day in a century');
  }
  return d;
}

/** Working days in (fromDay, toDay]; 0 when toDay <= fromDay. */
function countWorkingDays(isWorking: (day: number) => boolean, fromDay: number, toDay: number): number {
  let count = 0;
  for (let d = fromDay + 1; d <= toDay; d += 1) if (isWorking(d)) count += 1;
  return count;
}

/**
 * A calendar from yearly schedules (already validated with `yearScheduleSchema`). When several
 * schedules cover the same year, the later one replaces the earlier one entirely, so an admin
 * schedule listed after the bundled statutory ones wins.
 */
export function workCalendar(schedules: readonly YearSchedule[]): WorkCalendar {
  const byYear = new Map<number, YearSchedule>();
  for (const schedule of schedules) byYear.set(schedule.year, schedule);
  const overrides = new Map<number, boolean>();
  for (const schedule of byYear.values()) {
    for (const date of schedule.holidays) overrides.set(toDayNumber(date), false);
    for (const date of schedule.workdays) overrides.set(toDayNumber(date), true);
  }
  const isWorking = (day: number): boolean => overrides.get(day) ?? isWeekday(day);
  const cal: WorkCalendar = {
    loadedYears: new Set(byYear.keys()),
    isWorkingDay: (date) => isWorking(toDayNumber(date)),
  };
  fastLookups.set(cal, isWorking);
  return cal;
}

/**
 * The n-th working day after `from` (counting starts the day after, 民法典 Art. 201; n=0 returns `from`
 * itself moved forward to a working day if it is not one). `unloadedYears` lists the years without a
 * schedule among the days looked at, where only weekends were taken as days off.
 */
export function addWorkingDays(cal: WorkCalendar, from: string, n: number): { date: string; unloadedYears: number[] } {
  const steps = checkedSteps(n);
  const isWorking = lookupOf(cal);
  const start = toDayNumber(from);
  let day = start;
  if (steps === 0) {
    day = nextWorkingDay(isWorking, start);
  } else {
    for (let left = steps; left > 0; left -= 1) day = nextWorkingDay(isWorking, day + 1);
  }
  return { date: fromDayNumber(day), unloadedYears: unloadedYearsIn(cal, steps === 0 ? start : start + 1, day) };
}

/** Working days in (from, to] — 0 when to <= from. `unloadedYears` as for `addWorkingDays`. */
export function workingDaysBetween(
  cal: WorkCalendar,
  from: string,
  to: string,
): { days: number; unloadedYears: number[] } {
  const fromDay = toDayNumber(from);
  const toDay = toDayNumber(to);
  return {
    days: countWorkingDays(lookupOf(cal), fromDay, toDay),
    unloadedYears: unloadedYearsIn(cal, fromDay + 1, toDay),
  };
}

/**
 * Remaining working days from `today` until `due` (negative when overdue: -k = k working days late).
 * A due date on a day off first moves to the next working day (民法典 Art. 203). 0 means the deadline
 * is today, or passed with no working day since (a Friday deadline seen on Saturday).
 */
export function remainingWorkingDays(
  cal: WorkCalendar,
  today: string,
  due: string,
): { days: number; unloadedYears: number[] } {
  const isWorking = lookupOf(cal);
  const todayDay = toDayNumber(today);
  const dueAsWritten = toDayNumber(due);
  const dueDay = nextWorkingDay(isWorking, dueAsWritten);
  if (dueDay >= todayDay) {
    return {
      days: countWorkingDays(isWorking, todayDay, dueDay),
      unloadedYears: unloadedYearsIn(cal, Math.min(todayDay + 1, dueAsWritten), dueDay),
    };
  }
  const late = countWorkingDays(isWorking, dueDay, todayDay);
  return { days: late === 0 ? 0 : -late, unloadedYears: unloadedYearsIn(cal, dueAsWritten, todayDay) };
}
