import chineseDays from 'chinese-days/dist/chinese-days.json';
import { describe, expect, it } from 'vitest';
import { statutorySchedules } from './statutory-schedules';
import {
  addWorkingDays,
  fromDayNumber,
  remainingWorkingDays,
  toDayNumber,
  workCalendar,
  workingDaysBetween,
  yearScheduleSchema,
  type WorkCalendar,
  type YearSchedule,
} from './working-days';

const statutory = workCalendar(statutorySchedules);

/** Every date from `first` to `last`, inclusive. */
function days(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let d = toDayNumber(first); d <= toDayNumber(last); d += 1) dates.push(fromDayNumber(d));
  return dates;
}

function bundled(year: number): YearSchedule {
  const schedule = statutorySchedules.find((s) => s.year === year);
  if (!schedule) throw new Error(`no bundled schedule for ${year}`);
  return schedule;
}

describe('deadlines counted in working days (行政许可法 Art. 82)', () => {
  it('gives the brief’s check: received 2026-02-12, 5th working day 02-26, 20th 03-18 across 春节', () => {
    expect(addWorkingDays(statutory, '2026-02-12', 5)).toEqual({ date: '2026-02-26', unloadedYears: [] });
    expect(addWorkingDays(statutory, '2026-02-12', 20)).toEqual({ date: '2026-03-18', unloadedYears: [] });
  });

  it('counts the make-up Sunday and Saturday around 国庆 2026 and skips the break', () => {
    expect(addWorkingDays(statutory, '2026-09-18', 1).date).toBe('2026-09-20'); // Fri → make-up Sun
    expect(addWorkingDays(statutory, '2026-09-24', 1).date).toBe('2026-09-28'); // 中秋 Fri 09-25
    expect(addWorkingDays(statutory, '2026-09-30', 1).date).toBe('2026-10-08');
    expect(addWorkingDays(statutory, '2026-10-09', 1).date).toBe('2026-10-10'); // Fri → make-up Sat
    expect(statutory.isWorkingDay('2026-10-11')).toBe(false);
  });

  it('starts counting the day after receipt (民法典 Art. 201), so 0 days is the day itself if it is a working day', () => {
    expect(addWorkingDays(statutory, '2026-03-04', 0).date).toBe('2026-03-04');
    expect(addWorkingDays(statutory, '2026-03-04', 1).date).toBe('2026-03-05');
    expect(addWorkingDays(statutory, '2026-10-03', 0).date).toBe('2026-10-08'); // a holiday moves forward
    expect(addWorkingDays(statutory, '2026-02-14', 0).date).toBe('2026-02-14'); // make-up Saturday
  });

  it('knows 春节 2025: off Jan 28–Feb 4, at work on Sun Jan 26 and Sat Feb 8 (BRIEF §3)', () => {
    expect(addWorkingDays(statutory, '2025-01-24', 1).date).toBe('2025-01-26');
    expect(addWorkingDays(statutory, '2025-01-27', 1).date).toBe('2025-02-05');
    expect(addWorkingDays(statutory, '2025-02-07', 1).date).toBe('2025-02-08');
    expect(days('2025-01-28', '2025-02-04').some((d) => statutory.isWorkingDay(d))).toBe(false);
  });

  it('counts the working days between two dates, none when the end is not after the start', () => {
    expect(workingDaysBetween(statutory, '2026-02-12', '2026-02-26')).toEqual({ days: 5, unloadedYears: [] });
    expect(workingDaysBetween(statutory, '2026-09-30', '2026-10-08').days).toBe(1);
    expect(workingDaysBetween(statutory, '2026-02-26', '2026-02-26').days).toBe(0);
    expect(workingDaysBetween(statutory, '2026-02-26', '2026-02-12').days).toBe(0);
  });

  it('refuses a negative count and a date that does not exist', () => {
    expect(() => addWorkingDays(statutory, '2026-02-12', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(statutory, '2026-02-30', 1)).toThrow(RangeError);
    expect(() => statutory.isWorkingDay('26-2-12')).toThrow(RangeError);
  });
});

describe('a clerk’s queue: working days left until the due date', () => {
  it('shows what is left, 0 on the due day', () => {
    expect(remainingWorkingDays(statutory, '2026-02-12', '2026-02-26')).toEqual({ days: 5, unloadedYears: [] });
    expect(remainingWorkingDays(statutory, '2026-02-26', '2026-02-26').days).toBe(0);
  });

  it('goes negative when overdue: -k is k working days late', () => {
    // due Thu 02-26; Fri 02-27, make-up Sat 02-28 and Mon 03-02 have passed
    expect(remainingWorkingDays(statutory, '2026-03-02', '2026-02-26')).toEqual({ days: -3, unloadedYears: [] });
    // a Friday deadline seen on Saturday: passed, but no working day lost yet
    expect(remainingWorkingDays(statutory, '2026-03-07', '2026-03-06').days).toBe(0);
  });

  it('moves a due date that falls on a holiday to the next working day (民法典 Art. 203)', () => {
    expect(remainingWorkingDays(statutory, '2026-09-30', '2026-10-03').days).toBe(1); // → Thu 10-08
    expect(remainingWorkingDays(statutory, '2026-10-09', '2026-10-03').days).toBe(-1);
  });
});

describe('years without an announced schedule', () => {
  const admin2027: YearSchedule = {
    year: 2027,
    holidays: ['2027-01-01'], // a made-up schedule for the story, not the real 2027 notice
    workdays: [],
    source: 'admin',
  };

  it('counts weekends only in 2027 and says so, so the screen can warn', () => {
    // Mon 2026-12-28: 29, 30, 31, Fri 2027-01-01, Mon 01-04
    expect(addWorkingDays(statutory, '2026-12-28', 5)).toEqual({ date: '2027-01-04', unloadedYears: [2027] });
    expect(workingDaysBetween(statutory, '2027-03-05', '2027-03-15')).toEqual({ days: 6, unloadedYears: [2027] });
    expect(remainingWorkingDays(statutory, '2026-12-30', '2027-01-04')).toEqual({ days: 3, unloadedYears: [2027] });
    expect(statutory.loadedYears.has(2027)).toBe(false);
  });

  it('does not warn about 2027 when the counting stays in 2026', () => {
    expect(addWorkingDays(statutory, '2026-12-28', 3)).toEqual({ date: '2026-12-31', unloadedYears: [] });
  });

  it('stops warning once an administrator enters the 2027 schedule', () => {
    const cal = workCalendar([...statutorySchedules, admin2027]);
    expect(addWorkingDays(cal, '2026-12-28', 5)).toEqual({ date: '2027-01-05', unloadedYears: [] });
    expect(cal.loadedYears.has(2027)).toBe(true);
  });

  it('lets a later schedule for a year replace the bundled one entirely', () => {
    const corrected: YearSchedule = { ...bundled(2026), workdays: [], source: 'admin' }; // no make-up days
    expect(addWorkingDays(workCalendar([...statutorySchedules, corrected]), '2026-02-12', 5).date).toBe('2026-02-27');
    expect(addWorkingDays(workCalendar([corrected, ...statutorySchedules]), '2026-02-12', 5).date).toBe('2026-02-26');
  });

  it('works with any calendar that answers day by day', () => {
    const weekendsOnly: WorkCalendar = {
      loadedYears: new Set(),
      isWorkingDay: (date) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()),
    };
    expect(addWorkingDays(weekendsOnly, '2026-02-12', 5)).toEqual({ date: '2026-02-19', unloadedYears: [2026] });
  });
});

describe('year schedules as an administrator enters them', () => {
  const valid = { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-09'], source: 'admin' };

  it('accepts a well-formed schedule', () => {
    expect(yearScheduleSchema.safeParse(valid).success).toBe(true);
  });

  it('refuses a date outside its year, a date both off and at work, a date twice, 30 February', () => {
    const refused = [
      { ...valid, holidays: ['2026-12-31'] },
      { ...valid, workdays: ['2027-01-01'] },
      { ...valid, holidays: ['2027-01-01', '2027-01-01'] },
      { ...valid, holidays: ['2027-02-30'] },
    ];
    for (const schedule of refused) expect(yearScheduleSchema.safeParse(schedule).success).toBe(false);
  });
});

describe('the bundled statutory schedules (chinese-days, 国务院办公厅 notices)', () => {
  it('cover every year from 2004 to 2026 and pass the schema', () => {
    const years = Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i);
    expect([...statutory.loadedYears].sort((a, b) => a - b)).toEqual(years);
    for (const schedule of statutorySchedules) {
      expect(yearScheduleSchema.parse(schedule)).toEqual(schedule);
      expect(schedule.source).toBe('statutory');
    }
  });

  it('hold exactly the 2026 notice of 2025-11-04 as BRIEF §3 lists it', () => {
    expect(bundled(2026).holidays).toEqual([
      ...days('2026-01-01', '2026-01-03'),
      ...days('2026-02-15', '2026-02-23'),
      ...days('2026-04-04', '2026-04-06'),
      ...days('2026-05-01', '2026-05-05'),
      ...days('2026-06-19', '2026-06-21'),
      ...days('2026-09-25', '2026-09-27'),
      ...days('2026-10-01', '2026-10-07'),
    ]);
    expect(bundled(2026).workdays).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('hold 2025 as BRIEF §3 lists it', () => {
    expect(bundled(2025).holidays).toEqual([
      '2025-01-01',
      ...days('2025-01-28', '2025-02-04'),
      ...days('2025-04-04', '2025-04-06'),
      ...days('2025-05-01', '2025-05-05'),
      ...days('2025-05-31', '2025-06-02'),
      ...days('2025-10-01', '2025-10-08'),
    ]);
    expect(bundled(2025).workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  });

  it('match the installed chinese-days date for date (else run scripts/make-statutory-schedules.ts)', () => {
    for (const schedule of statutorySchedules) {
      const inYear = (dates: Record<string, string>) =>
        Object.keys(dates)
          .filter((d) => d.startsWith(`${schedule.year}-`))
          .sort();
      expect(schedule.holidays, `${schedule.year} holidays`).toEqual(inYear(chineseDays.holidays));
      expect(schedule.workdays, `${schedule.year} workdays`).toEqual(inYear(chineseDays.workdays));
    }
  });
});
