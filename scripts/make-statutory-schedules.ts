/**
 * Regenerates the holiday table in src/domain/statutory-schedules.ts (between the @generated
 * markers) from the devDependency `chinese-days`, whose dist/chinese-days.json lists every statutory
 * holiday and make-up working day since 2004.
 *
 * Run after upgrading chinese-days: `npx tsx scripts/make-statutory-schedules.ts`; add `--check` to
 * only verify that the checked-in table matches the package (exit code 1 if not). Dates are grouped
 * by their own calendar year (the make-up Saturday 2011-12-31 of 元旦 2012 belongs to 2011), runs of
 * consecutive days become 'MMDD-MMDD' ranges, and the written module is imported back and compared
 * with the package date by date before the script reports success.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { fromDayNumber, toDayNumber, yearScheduleSchema, type YearSchedule } from '../src/domain/working-days';

const TARGET = fileURLToPath(new URL('../src/domain/statutory-schedules.ts', import.meta.url));
const START = '// @generated-start\n';
const END = '// @generated-end\n';

const packageDataSchema = z.object({
  holidays: z.record(isoKey(), z.string()),
  workdays: z.record(isoKey(), z.string()),
});

function isoKey() {
  return z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
}

/** The package's data as one schedule per year, sorted, every year between the first and last present. */
export async function schedulesFromPackage(): Promise<{ version: string; schedules: YearSchedule[] }> {
  const require = createRequire(import.meta.url);
  const version = z.object({ version: z.string() }).parse(require('chinese-days/package.json')).version;
  const raw: unknown = JSON.parse(await readFile(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'));
  const data = packageDataSchema.parse(raw);
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
  for (const key of ['holidays', 'workdays'] as const) {
    for (const date of Object.keys(data[key])) {
      const year = Number(date.slice(0, 4));
      const entry = byYear.get(year) ?? { holidays: [], workdays: [] };
      entry[key].push(date);
      byYear.set(year, entry);
    }
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const schedules = years.map((year, i) => {
    if (i > 0 && year !== (years[i - 1] ?? 0) + 1) throw new Error(`chinese-days has no data for ${year - 1}`);
    const entry = byYear.get(year)!;
    return yearScheduleSchema.parse({
      year,
      holidays: entry.holidays.sort(),
      workdays: entry.workdays.sort(),
      source: 'statutory',
    });
  });
  return { version, schedules };
}

/** Sorted dates of one year → 'MMDD' days and 'MMDD-MMDD' runs, space-separated. */
function encodeDates(dates: readonly string[]): string {
  const tokens: string[] = [];
  const mmdd = (day: number) => fromDayNumber(day).slice(5).replace('-', '');
  let i = 0;
  while (i < dates.length) {
    const first = toDayNumber(dates[i]!);
    let last = first;
    while (i + 1 < dates.length && toDayNumber(dates[i + 1]!) === last + 1) {
      last += 1;
      i += 1;
    }
    tokens.push(last === first ? mmdd(first) : `${mmdd(first)}-${mmdd(last)}`);
    i += 1;
  }
  return tokens.join(' ');
}

function generatedBlock(version: string, schedules: readonly YearSchedule[]): string {
  const rows = schedules.map((s) => `  [${s.year}, '${encodeDates(s.holidays)}', '${encodeDates(s.workdays)}'],\n`);
  return (
    `// From chinese-days@${version} by \`npx tsx scripts/make-statutory-schedules.ts\`; do not edit by hand.\n` +
    `/** [year, holidays, make-up working days (调休上班)], dates as read by \`decodeDates\`. */\n` +
    `const STATUTORY_TABLE: readonly (readonly [year: number, holidays: string, workdays: string])[] = [\n` +
    rows.join('') +
    `];\n`
  );
}

function replaceBlock(source: string, block: string): string {
  const start = source.indexOf(START);
  const end = source.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${TARGET} lacks the ${START.trim()} / ${END.trim()} markers`);
  return source.slice(0, start + START.length) + block + source.slice(end);
}

/** The differences between the module's schedules and the package's, as readable lines. */
async function compareWithModule(expected: readonly YearSchedule[]): Promise<string[]> {
  const moduleSchema = z.object({ statutorySchedules: z.array(yearScheduleSchema) });
  const { statutorySchedules } = moduleSchema.parse(await import(pathToFileURL(TARGET).href));
  const problems: string[] = [];
  const actualYears = statutorySchedules.map((s) => s.year).join(',');
  if (actualYears !== expected.map((s) => s.year).join(',')) problems.push(`years differ: ${actualYears}`);
  for (const want of expected) {
    const got = statutorySchedules.find((s) => s.year === want.year);
    for (const key of ['holidays', 'workdays'] as const) {
      if (got?.[key].join() !== want[key].join()) problems.push(`${want.year} ${key} differ`);
    }
  }
  return problems;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { version, schedules } = await schedulesFromPackage();
  const current = await readFile(TARGET, 'utf8');
  const options = { ...(await resolveConfig(TARGET)), filepath: TARGET };
  const next = await format(replaceBlock(current, generatedBlock(version, schedules)), options);
  if (check) {
    if (next !== current) {
      console.error(`${TARGET} is out of date with chinese-days@${version}; run this script without --check.`);
      process.exitCode = 1;
      return;
    }
  } else if (next !== current) {
    await writeFile(TARGET, next);
  }
  const problems = await compareWithModule(schedules);
  if (problems.length > 0)
    throw new Error(`The written table does not read back as the package:\n${problems.join('\n')}`);
  const first = schedules[0]?.year;
  const last = schedules.at(-1)?.year;
  console.log(`${check ? 'Checked' : 'Wrote'} ${TARGET}: ${first}–${last} from chinese-days@${version}.`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
