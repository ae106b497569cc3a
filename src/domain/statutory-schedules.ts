/**
 * The bundled statutory holiday schedules (国务院办公厅 notices), one per year, for `workCalendar`.
 *
 * The table below is generated from the npm package `chinese-days` (MIT, a devDependency) by
 * `scripts/make-statutory-schedules.ts` and checked in, rather than imported at run time: the
 * package's entry point does not tree-shake and brings its lunar-calendar and solar-term tables and
 * its own date class (≈24 kB minified, 8 kB gzipped, for one `isWorkday`), and its JSON names every
 * date (≈37 kB), while this module ships in the browser bundle with the domain code. Here a year is
 * one row of 'MMDD-MMDD' ranges (≈2.6 kB for 2004–2026; with working-days.ts ≈5 kB minified, 2 kB
 * gzipped), easy to check against the notice by eye. Years announced later are entered by an
 * administrator (`source: 'admin'`) until the package and this table are updated. The package
 * sometimes leaves out a weekend day inside a break (2011-06-05); weekends are days off anyway.
 */
import { fromDayNumber, toDayNumber, type YearSchedule } from './working-days';

// @generated-start
// From chinese-days@1.5.7 by `npx tsx scripts/make-statutory-schedules.ts`; do not edit by hand.
/** [year, holidays, make-up working days (调休上班)], dates as read by `decodeDates`. */
const STATUTORY_TABLE: readonly (readonly [year: number, holidays: string, workdays: string])[] = [
  [2004, '0101 0122-0128 0501-0507 1001-1007', '0117-0118 0508-0509 1009-1010'],
  [2005, '0101-0103 0209-0215 0501-0507 1001-1007', '0205-0206 0430 0508 1008-1009'],
  [2006, '0101-0103 0129-0204 0501-0507 1001-1007', '0128 0205 0429-0430 0930 1008 1230-1231'],
  [2007, '0101-0103 0218-0224 0501-0507 1001-1007 1230-1231', '0217 0225 0428-0429 0929-0930 1229'],
  [2008, '0101 0206-0212 0404-0406 0501-0503 0607-0609 0913-0915 0929-1005', '0202-0203 0504 0927-0928'],
  [2009, '0101-0103 0125-0131 0404-0406 0501-0503 0528-0530 1001-1008', '0104 0124 0201 0531 0927 1010'],
  [
    2010,
    '0101-0103 0213-0219 0403-0405 0501-0503 0614-0616 0922-0924 1001-1007',
    '0220-0221 0612-0613 0919 0925-0926 1009',
  ],
  [2011, '0101-0103 0202-0208 0403-0405 0430-0502 0604 0606 0910-0912 1001-1007', '0130 0212 0402 1008-1009 1231'],
  [2012, '0101-0103 0122-0128 0402-0404 0429-0501 0622 0624 0930-1007', '0121 0129 0331-0401 0428 0929'],
  [
    2013,
    '0101-0103 0209-0215 0404-0406 0429-0501 0610-0612 0919-0921 1001-1007',
    '0105-0106 0216-0217 0407 0427-0428 0608-0609 0922 0929 1012',
  ],
  [2014, '0101 0131-0206 0405-0407 0501-0503 0602 0908 1001-1007', '0126 0208 0504 0928 1011'],
  [2015, '0101-0103 0218-0224 0405-0406 0501 0620 0622 0903-0904 0927 1001-1007', '0104 0215 0228 0906 1010'],
  [2016, '0101 0207-0213 0404 0501-0502 0609-0611 0915-0917 1001-1007', '0206 0214 0612 0918 1008-1009'],
  [2017, '0101-0102 0127-0202 0402-0404 0501 0528-0530 1001-1008', '0122 0204 0401 0527 0930'],
  [2018, '0101 0215-0221 0405-0407 0429-0501 0618 0924 1001-1007 1230-1231', '0211 0224 0408 0428 0929-0930 1229'],
  [2019, '0101 0204-0210 0405-0407 0501-0504 0607-0609 0913-0915 1001-1007', '0202-0203 0428 0505 0929 1012'],
  [2020, '0101 0124-0202 0404-0406 0501-0505 0625-0627 1001-1008', '0119 0426 0509 0628 0927 1010'],
  [2021, '0101-0103 0211-0217 0403-0405 0501-0505 0612-0614 0919-0921 1001-1007', '0207 0220 0425 0508 0918 0926 1009'],
  [
    2022,
    '0101-0103 0131-0206 0403-0405 0430-0504 0603-0605 0910-0912 1001-1007 1231',
    '0129-0130 0402 0424 0507 1008-1009',
  ],
  [2023, '0101-0102 0121-0127 0405 0429-0503 0622-0624 0929-1006', '0128-0129 0423 0506 0625 1007-1008'],
  [2024, '0101 0210-0217 0404-0406 0501-0505 0610 0915-0917 1001-1007', '0204 0218 0407 0428 0511 0914 0929 1012'],
  [2025, '0101 0128-0204 0404-0406 0501-0505 0531-0602 1001-1008', '0126 0208 0427 0928 1011'],
  [2026, '0101-0103 0215-0223 0404-0406 0501-0505 0619-0621 0925-0927 1001-1007', '0104 0214 0228 0509 0920 1010'],
];
// @generated-end

/**
 * Dates of one year from their compact form: space-separated 'MMDD' days and 'MMDD-MMDD' ranges
 * (inclusive, within the year), e.g. '0101-0103 0215' → 2026-01-01, 01-02, 01-03, 02-15.
 */
export function decodeDates(year: number, encoded: string): string[] {
  const dates: string[] = [];
  for (const token of encoded.split(' ')) {
    if (token === '') continue;
    const [first = '', last = first] = token.split('-');
    const to = toDayNumber(`${year}-${last.slice(0, 2)}-${last.slice(2)}`);
    for (let day = toDayNumber(`${year}-${first.slice(0, 2)}-${first.slice(2)}`); day <= to; day += 1) {
      dates.push(fromDayNumber(day));
    }
  }
  return dates;
}

/** Statutory schedules for every year in the table, oldest first. */
export const statutorySchedules: readonly YearSchedule[] = STATUTORY_TABLE.map(([year, holidays, workdays]) => ({
  year,
  holidays: decodeDates(year, holidays),
  workdays: decodeDates(year, workdays),
  source: 'statutory',
}));
