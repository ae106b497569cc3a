import { describe, expect, it } from 'vitest';
import {
  calendarFormSchema,
  dateLineProblemText,
  formatDateLines,
  monthGroups,
  parseDateLines,
} from './calendar-input';

describe('the holiday textarea', () => {
  it('expands ranges, removes duplicates and sorts, as the 2027 Spring Festival notice is typed in', () => {
    const text = ['2027-02-06~2027-02-13', '', '  2027-01-01 ~ 2027-01-03 ', '2027-02-13', '2027-02-07'].join('\n');
    expect(parseDateLines(text, 2027)).toEqual({
      dates: [
        '2027-01-01',
        '2027-01-02',
        '2027-01-03',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
        '2027-02-13',
      ],
      problems: [],
      duplicates: 2,
    });
  });

  it('reads the spellings people copy from a notice: 至, full-width ～ and digits, 年月日, commas', () => {
    expect(parseDateLines('２０２７年10月1日至2027/10/3', 2027).dates).toEqual([
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    expect(parseDateLines('2027-05-01～2027-05-02，2027-9-26、2027.10.9', 2027).dates).toEqual([
      '2027-05-01',
      '2027-05-02',
      '2027-09-26',
      '2027-10-09',
    ]);
    expect(parseDateLines('2027-05-01 - 2027-05-03', 2027).dates).toHaveLength(3);
  });

  it('reports each bad line with its number, in Chinese, and keeps the good ones', () => {
    const text = ['2027-01-01', '春节', '2027-02-30', '2026-10-01', '2027-02-13~2027-02-06', '2027-02-06~'].join('\n');
    const parsed = parseDateLines(text, 2027);
    expect(parsed.dates).toEqual(['2027-01-01']);
    expect(parsed.problems.map((p) => dateLineProblemText(p, 2027))).toEqual([
      '第 2 行：“春节”不是日期，请写成 2027-02-06 或 2027-02-06~2027-02-13',
      '第 3 行：2027-02-30 这一天不存在',
      '第 4 行：2026-10-01 不在 2027 年内',
      '第 5 行：“2027-02-13~2027-02-06”的结束日期早于开始日期',
      '第 6 行：“2027-02-06~”不是日期，请写成 2027-02-06 或 2027-02-06~2027-02-13',
    ]);
  });

  it('refuses a range that runs out of the year', () => {
    const parsed = parseDateLines('2027-12-31~2028-01-02', 2027);
    expect(parsed.dates).toEqual([]);
    expect(parsed.problems).toEqual([{ line: 1, text: '2028-01-02', kind: 'other-year' }]);
  });

  it('folds a schedule back into the lines it reads', () => {
    const dates = parseDateLines('2027-01-01~2027-01-03\n2027-02-06~2027-02-13\n2027-04-05', 2027).dates;
    const text = formatDateLines(dates);
    expect(text).toBe('2027-01-01~2027-01-03\n2027-02-06~2027-02-13\n2027-04-05');
    expect(parseDateLines(text, 2027).dates).toEqual(dates);
  });
});

describe('a schedule by month', () => {
  it('groups runs of days by month, splitting at a month end, with the weekday of a single day', () => {
    const dates = parseDateLines('2027-01-30~2027-02-02\n2027-02-06~2027-02-13\n2027-02-14', 2027).dates;
    expect(monthGroups(dates)).toEqual([
      { month: 1, runs: [{ from: 30, to: 31, days: 2, weekday: 6 }] },
      {
        month: 2,
        runs: [
          { from: 1, to: 2, days: 2, weekday: 1 },
          { from: 6, to: 14, days: 9, weekday: 6 },
        ],
      },
    ]);
    expect(monthGroups(['2027-02-14'])).toEqual([{ month: 2, runs: [{ from: 14, to: 14, days: 1, weekday: 0 }] }]);
  });
});

describe('the edit form', () => {
  const schema = calendarFormSchema(2027);

  it('gives the dates of both textareas', () => {
    expect(schema.parse({ holidays: '2027-02-06~2027-02-13', workdays: '2027-02-14\n' })).toEqual({
      holidays: [
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
        '2027-02-13',
      ],
      workdays: ['2027-02-14'],
    });
  });

  it('refuses no holidays, bad lines, and a day that is both off and on', () => {
    const issues = (holidays: string, workdays: string) =>
      schema.safeParse({ holidays, workdays }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues('', '')).toEqual([['holidays', '请至少填写一个放假日期']]);
    expect(issues('2027-01-01', 'x\n2027-1-2')).toEqual([
      ['workdays', '第 1 行：“x”不是日期，请写成 2027-02-06 或 2027-02-06~2027-02-13'],
    ]);
    expect(issues('2027-01-01~2027-01-03', '2027-01-03')).toEqual([
      ['workdays', '2027-01-03 不能既是放假日期又是调休上班日期'],
    ]);
  });
});
