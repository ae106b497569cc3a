/**
 * The administrator's holiday entry as text: one date per line ('2027-02-06') or a range
 * ('2027-02-06~2027-02-13', also with 至 / 到 / 全角 ～, and 2027/2/6 or 2027年2月6日 spellings). A
 * range expands to every day in it, duplicates go, and the dates come out in order. A line that is
 * not a date, names a day that does not exist, or lies outside the year being entered is reported
 * with its line number, so the administrator can find it in the textarea.
 *
 * Also the other way round, for showing a schedule: dates → the same text with ranges folded, and
 * dates → runs of consecutive days grouped by month.
 */
import { z } from 'zod';
import { fromDayNumber, toDayNumber } from '../../domain/working-days';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.calendar;

export type DateLineProblem = {
  /** 1-based line of the textarea. */
  line: number;
  /** What was written (trimmed), or the offending date. */
  text: string;
  kind: 'format' | 'invalid' | 'other-year' | 'reversed';
};

export type ParsedDates = {
  /** Every date, sorted, each once. */
  dates: string[];
  problems: DateLineProblem[];
  /** How many dates were listed more than once (and kept once). */
  duplicates: number;
};

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const RANGE_SEPARATOR = /\s*(?:~|至|到|—|–)\s*|\s+-\s+/g;
const TOKEN_SEPARATOR = /[\s,;、]+/;

type ReadDate = { ok: true; date: string } | { ok: false; problem: 'format' | 'invalid' };

/** The 'YYYY-MM-DD' of a written date; 'invalid' for a well-formed date that does not exist. */
function readDate(token: string): ReadDate {
  const match = DATE.exec(token);
  if (!match) return { ok: false, problem: 'format' };
  const [, y = '', m = '', d = ''] = match;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  try {
    toDayNumber(date);
    return { ok: true, date };
  } catch {
    return { ok: false, problem: 'invalid' };
  }
}

/** The days a token stands for, or the problem with it. */
function readToken(
  token: string,
  year: number,
): { days: number[] } | { problem: DateLineProblem['kind']; text: string } {
  const parts = token.split('~');
  if (parts.length > 2 || parts.some((p) => p === '')) return { problem: 'format', text: token };
  const dates: string[] = [];
  for (const part of parts) {
    const read = readDate(part);
    if (!read.ok) return { problem: read.problem, text: read.problem === 'format' ? token : part };
    if (!read.date.startsWith(`${String(year)}-`)) return { problem: 'other-year', text: read.date };
    dates.push(read.date);
  }
  const first = toDayNumber(dates[0] ?? '');
  const last = toDayNumber(dates[dates.length - 1] ?? '');
  if (last < first) return { problem: 'reversed', text: token };
  const days: number[] = [];
  for (let day = first; day <= last; day += 1) days.push(day);
  return { days };
}

/** Reads the textarea `text` as dates of `year`. */
export function parseDateLines(text: string, year: number): ParsedDates {
  const problems: DateLineProblem[] = [];
  const seen = new Set<number>();
  let duplicates = 0;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    // NFKC turns full-width digits, ～ and ， into their ASCII forms.
    const line = raw.normalize('NFKC').trim().replace(RANGE_SEPARATOR, '~');
    if (line === '') return;
    for (const token of line.split(TOKEN_SEPARATOR)) {
      if (token === '') continue;
      const read = readToken(token, year);
      if ('problem' in read) {
        problems.push({ line: index + 1, text: read.text, kind: read.problem });
        continue;
      }
      for (const day of read.days) {
        if (seen.has(day)) duplicates += 1;
        seen.add(day);
      }
    }
  });
  const dates = [...seen].sort((a, b) => a - b).map(fromDayNumber);
  return { dates, problems, duplicates };
}

/** The sentence for a problem, with its line number. */
export function dateLineProblemText(problem: DateLineProblem, year: number): string {
  const { line, text } = problem;
  switch (problem.kind) {
    case 'format':
      return t.problems.format(line, text);
    case 'invalid':
      return t.problems.invalid(line, text);
    case 'other-year':
      return t.problems.otherYear(line, text, year);
    case 'reversed':
      return t.problems.reversed(line, text);
  }
}

/** Runs of consecutive days: [first, last] day numbers, in order. */
function runsOf(dates: readonly string[]): Array<[number, number]> {
  const days = [...new Set(dates.map(toDayNumber))].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && run[1] === day - 1) run[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/** Dates as textarea lines, consecutive days folded into 'first~last' (what parseDateLines reads back). */
export function formatDateLines(dates: readonly string[]): string {
  return runsOf(dates)
    .map(([first, last]) => (first === last ? fromDayNumber(first) : `${fromDayNumber(first)}~${fromDayNumber(last)}`))
    .join('\n');
}

export type DayRun = {
  /** Day of the month of the first and last day. */
  from: number;
  to: number;
  days: number;
  /** 0 = Sunday … 6 = Saturday, of the first day. */
  weekday: number;
};

export type MonthGroup = { month: number; runs: DayRun[] };

/** Dates (of one year) as runs of consecutive days by month; a run crossing a month end is split there. */
export function monthGroups(dates: readonly string[]): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const [first, last] of runsOf(dates)) {
    let start = first;
    for (let day = first; day <= last; day += 1) {
      const month = Number(fromDayNumber(day).slice(5, 7));
      const endsRun = day === last || Number(fromDayNumber(day + 1).slice(5, 7)) !== month;
      if (!endsRun) continue;
      const run: DayRun = {
        from: Number(fromDayNumber(start).slice(8, 10)),
        to: Number(fromDayNumber(day).slice(8, 10)),
        days: day - start + 1,
        weekday: (((start + 4) % 7) + 7) % 7,
      };
      const group = groups[groups.length - 1];
      if (group?.month === month) group.runs.push(run);
      else groups.push({ month, runs: [run] });
      start = day + 1;
    }
  }
  return groups;
}

/**
 * The edit form of `year`: two textareas in, the dates of each out. Every bad line is reported at
 * its textarea (in Chinese, with line numbers); a date may not be both a holiday and a make-up day.
 */
export function calendarFormSchema(year: number) {
  return z.object({ holidays: z.string(), workdays: z.string() }).transform((values, ctx) => {
    const holidays = parseDateLines(values.holidays, year);
    const workdays = parseDateLines(values.workdays, year);
    for (const [path, parsed] of [
      ['holidays', holidays],
      ['workdays', workdays],
    ] as const) {
      if (parsed.problems.length > 0) {
        const message = parsed.problems.map((p) => dateLineProblemText(p, year)).join('；');
        ctx.addIssue({ code: 'custom', path: [path], message });
      }
    }
    if (holidays.problems.length === 0 && holidays.dates.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: t.holidaysRequired });
    }
    const holidaySet = new Set(holidays.dates);
    const both = workdays.dates.filter((date) => holidaySet.has(date));
    if (both.length > 0) ctx.addIssue({ code: 'custom', path: ['workdays'], message: t.both(both.join('、')) });
    return { holidays: holidays.dates, workdays: workdays.dates };
  });
}

export type CalendarFormInput = z.input<ReturnType<typeof calendarFormSchema>>;
export type CalendarFormOutput = z.output<ReturnType<typeof calendarFormSchema>>;
