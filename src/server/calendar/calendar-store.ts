/**
 * The server's working-day calendar: the bundled statutory schedules (domain/statutory-schedules)
 * with the years an administrator entered in `calendar_years` laid over them — an admin schedule
 * replaces the statutory one of its year. Kept in memory; an edit through this store reloads it at
 * once, and `refreshIfChanged` (run by the job runner) picks up an edit made by another process.
 */
import type { Kysely } from 'kysely';
import { statutorySchedules } from '../../domain/statutory-schedules';
import { workCalendar, yearScheduleSchema, type WorkCalendar, type YearSchedule } from '../../domain/working-days';
import { recomputeDeadlines } from '../cases/recompute-deadlines';
import type { Database } from '../db/schema';

export type CalendarYear = {
  year: number;
  source: YearSchedule['source'];
  /** For an administrator's schedule: who entered it last, and when. */
  updatedBy: string | null;
  updatedAt: string | null;
};

type Loaded = {
  calendar: WorkCalendar;
  schedules: Map<number, YearSchedule>;
  years: CalendarYear[];
  /** What the admin rows looked like when loaded: their count and latest change. */
  stamp: string;
};

export type CalendarStore = {
  /** The calendar in force. */
  calendar: () => Promise<WorkCalendar>;
  /** Every year with a schedule, in order, with where its schedule comes from. */
  years: () => Promise<CalendarYear[]>;
  /** The schedule in force for `year`, if it has one. */
  schedule: (year: number) => Promise<YearSchedule | undefined>;
  /**
   * Stores an administrator's schedule for its year (source 'admin'), recomputes the deadlines of
   * open cases it moves, and reloads. Returns how many cases got a new deadline.
   */
  save: (schedule: YearSchedule, userId: string, now: Date) => Promise<{ recomputedCases: number }>;
  /** Reloads if another process changed the admin schedules since the last load. */
  refreshIfChanged: () => Promise<void>;
};

async function stampOf(db: Kysely<Database>): Promise<string> {
  const row = await db
    .selectFrom('calendar_years')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max<string | null>('updated_at').as('latest')])
    .executeTakeFirst();
  return `${String(row?.n ?? 0)}:${row?.latest ?? ''}`;
}

async function load(db: Kysely<Database>): Promise<Loaded> {
  const stamp = await stampOf(db);
  const rows = await db
    .selectFrom('calendar_years')
    .leftJoin('users', 'users.id', 'calendar_years.updated_by')
    .select(['calendar_years.year', 'calendar_years.body', 'calendar_years.updated_at', 'users.name'])
    .orderBy('calendar_years.year')
    .execute();
  const schedules = new Map<number, YearSchedule>(statutorySchedules.map((s) => [s.year, s]));
  const edits = new Map<number, { updatedBy: string | null; updatedAt: string }>();
  for (const row of rows) {
    schedules.set(row.year, yearScheduleSchema.parse(JSON.parse(row.body)));
    edits.set(row.year, { updatedBy: row.name, updatedAt: row.updated_at });
  }
  const ordered = [...schedules.values()].sort((a, b) => a.year - b.year);
  return {
    calendar: workCalendar(ordered),
    schedules,
    years: ordered.map((s) => ({
      year: s.year,
      source: s.source,
      updatedBy: edits.get(s.year)?.updatedBy ?? null,
      updatedAt: edits.get(s.year)?.updatedAt ?? null,
    })),
    stamp,
  };
}

/** The calendar store over `db`; nothing is read until first use. */
export function createCalendarStore(db: Kysely<Database>): CalendarStore {
  let loaded: Promise<Loaded> | undefined;
  const current = (): Promise<Loaded> => {
    loaded ??= load(db).catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
  const reload = async (): Promise<void> => {
    const next = load(db);
    loaded = next;
    await next;
  };

  return {
    calendar: async () => (await current()).calendar,
    years: async () => (await current()).years,
    schedule: async (year) => (await current()).schedules.get(year),
    save: async (schedule, userId, now) => {
      const body = JSON.stringify(yearScheduleSchema.parse({ ...schedule, source: 'admin' }));
      const at = now.toISOString();
      const recomputedCases = await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('calendar_years')
          .values({ year: schedule.year, body, updated_by: userId, updated_at: at })
          .onConflict((oc) => oc.column('year').doUpdateSet({ body, updated_by: userId, updated_at: at }))
          .execute();
        const next = await load(trx);
        return recomputeDeadlines(trx, next.calendar, schedule.year);
      });
      await reload();
      return { recomputedCases };
    },
    refreshIfChanged: async () => {
      const had = loaded ? await loaded : undefined;
      if (had && had.stamp === (await stampOf(db))) return;
      await reload();
    },
  };
}
