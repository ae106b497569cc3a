/**
 * 办件统计: the figures of domain/statistics.ts for the cases received in a period, per group and in
 * total. The counting happens in SQL, portable to SQLite and PostgreSQL: an inner query gives each
 * case its group key and 0/1 flags (accepted, completed, overdue, 补正 …), the outer one sums the
 * flags per key. Grouping by month uses a CASE over the period's month boundaries (as UTC instants of
 * China midnight) rather than a date function, since the two dialects share none. The working-day
 * average is finished in JS, since holidays are data, not SQL: SQL counts the completed cases per
 * group and China date of acceptance (and of completion), and JS weighs each date by the working days
 * counted up to it on the calendar — Σ(cum(closed) − cum(accepted)) = Σ workingDaysBetween.
 *
 * Timestamps are ISO-8601 UTC text and dates 'YYYY-MM-DD', so every comparison is a text comparison:
 * "completed after its promised date" is `closed_at >= due_date || 'T16:00:00.000Z'`, the instant the
 * China day after the due date begins.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CaseStatus } from '../../domain/case-submission';
import { NEGATIVE_SATISFACTION, type Satisfaction } from '../../domain/tracking';
import { todayInChina } from '../../domain/resident-id';
import {
  monthsOf,
  type StatisticsFigures,
  type StatisticsGroupBy,
  type StatisticsQuery,
  type StatisticsResponse,
  type StatisticsRow,
} from '../../domain/statistics';
import { fromDayNumber, toDayNumber, workingDaysBetween, type WorkCalendar } from '../../domain/working-days';
import type { Database } from '../db/schema';
import { chinaDayStart } from './china-time';
import type { CaseScope } from './statistics-scope';

const ACCEPTED: readonly CaseStatus[] = ['accepted', 'suspended', 'completed_approved', 'completed_denied'];
const COMPLETED: readonly CaseStatus[] = ['completed_approved', 'completed_denied'];
/** Statuses whose deadline runs (as in the queue's 已超期 tab); paused and closed cases have none. */
const TIMED: readonly CaseStatus[] = ['received', 'accepted'];

const NEGATIVE: readonly Satisfaction[] = [...NEGATIVE_SATISFACTION];

/** The China midnight after a due date, as the UTC suffix that turns 'YYYY-MM-DD' into that instant. */
const DAY_AFTER_IN_UTC = 'T16:00:00.000Z';

const statusIn = (statuses: readonly CaseStatus[]) => sql`cases.status in (${sql.join(statuses)})`;
const flag = (condition: RawBuilder<unknown>) => sql<number>`case when ${condition} then 1 else 0 end`;

/** The UTC instant at which the China month after `month` ('YYYY-MM') begins. */
function monthEndUtc(month: string): string {
  const year = Number(month.slice(0, 4));
  const next = Number(month.slice(5, 7)) + 1;
  const [y, m] = next > 12 ? [year + 1, 1] : [year, next];
  return chinaDayStart(`${String(y)}-${String(m).padStart(2, '0')}-01`);
}

/** The SQL expression of a case's group key. */
function groupKey(groupBy: StatisticsGroupBy, from: string, to: string): RawBuilder<string> {
  switch (groupBy) {
    case 'window':
      return sql<string>`cases.window_code`;
    case 'township':
      return sql<string>`cases.township_id`;
    case 'village':
      return sql<string>`coalesce(cases.village_id, '')`;
    case 'item':
      return sql<string>`cases.item_code`;
    case 'agent':
      return sql<string>`cases.agent_id`;
    case 'month': {
      // Keys are 'YYYY-MM' made by monthsOf from validated dates: safe as literals, and literals
      // keep PostgreSQL from having to guess the type of a parameter in a CASE branch.
      const months = monthsOf(from, to);
      const last = months.at(-1) ?? from.slice(0, 7);
      const branches = months
        .slice(0, -1)
        .map((month) => sql`when cases.received_at < ${monthEndUtc(month)} then ${sql.lit(month)}`);
      if (branches.length === 0) return sql<string>`${sql.lit(last)}`;
      return sql<string>`case ${sql.join(branches, sql` `)} else ${sql.lit(last)} end`;
    }
  }
}

/** The cases received in the period within the scope (no columns selected yet). */
function casesInPeriod(db: Kysely<Database>, scope: CaseScope, query: StatisticsQuery) {
  return db
    .selectFrom('cases')
    .where(
      'cases.township_id',
      'in',
      scope.townships.map((t) => t.id),
    )
    .where(
      'cases.window_code',
      'in',
      scope.windows.map((w) => w.code),
    )
    .where('cases.received_at', '>=', chinaDayStart(query.from))
    .where('cases.received_at', '<', chinaDayStart(query.to, 1));
}

type Counts = Omit<
  StatisticsFigures,
  'completionRate' | 'averageWorkingDays' | 'supplementRate' | 'satisfactionRate'
> & {
  /** Working days summed over the completed cases with both dates. */
  workingDays: number;
  timed: number;
  /** Rated 基本满意 or better. */
  satisfied: number;
};

const zeroCounts = (): Counts => ({
  received: 0,
  accepted: 0,
  completed: 0,
  approved: 0,
  denied: 0,
  rejected: 0,
  overdue: 0,
  overdueOpen: 0,
  closedLate: 0,
  supplemented: 0,
  rated: 0,
  dissatisfied: 0,
  workingDays: 0,
  timed: 0,
  satisfied: 0,
});

function addCounts(into: Counts, add: Counts): void {
  into.received += add.received;
  into.accepted += add.accepted;
  into.completed += add.completed;
  into.approved += add.approved;
  into.denied += add.denied;
  into.rejected += add.rejected;
  into.overdue += add.overdue;
  into.overdueOpen += add.overdueOpen;
  into.closedLate += add.closedLate;
  into.supplemented += add.supplemented;
  into.rated += add.rated;
  into.dissatisfied += add.dissatisfied;
  into.satisfied += add.satisfied;
  into.workingDays += add.workingDays;
  into.timed += add.timed;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function figuresOf(c: Counts): StatisticsFigures {
  const { workingDays, timed, satisfied, ...counts } = c;
  return {
    ...counts,
    completionRate: ratio(c.completed, c.received),
    averageWorkingDays: timed === 0 ? null : Math.round((workingDays / timed) * 10) / 10,
    supplementRate: ratio(c.supplemented, c.received),
    satisfactionRate: ratio(satisfied, c.rated),
  };
}

/** Per group key: the SQL counts. */
async function countByGroup(
  db: Kysely<Database>,
  scope: CaseScope,
  query: StatisticsQuery,
  today: string,
): Promise<Map<string, Counts>> {
  // Each 补正'd case once, however many rounds it had. Joined rather than tested with `id in (…)`:
  // PostgreSQL hashes an IN list only while it fits in work_mem, and past that (a county's 10⁵ 补正
  // events) falls back to scanning the whole list once per case — minutes at 1 000 000 cases.
  const supplemented = db
    .selectFrom('case_events as e')
    .select('e.case_id')
    .where(
      'e.township_id',
      'in',
      scope.townships.map((t) => t.id),
    )
    .where('e.type', '=', 'supplement_requested')
    .groupBy('e.case_id')
    .as('supplemented');
  // At most one rating per case (its primary key), so neither join repeats a case.
  const perCase = casesInPeriod(db, scope, query)
    .leftJoin('case_ratings', 'case_ratings.case_id', 'cases.id')
    .leftJoin(supplemented, 'supplemented.case_id', 'cases.id')
    .select([
      groupKey(query.groupBy, query.from, query.to).as('group_key'),
      flag(statusIn(ACCEPTED)).as('is_accepted'),
      flag(sql`cases.status = 'completed_approved'`).as('is_approved'),
      flag(sql`cases.status = 'completed_denied'`).as('is_denied'),
      flag(sql`cases.status = 'rejected'`).as('is_rejected'),
      flag(sql`${statusIn(TIMED)} and cases.deadline < ${today}`).as('is_overdue_open'),
      flag(
        sql`${statusIn(COMPLETED)} and cases.due_date is not null and cases.closed_at is not null
        and cases.closed_at >= (cases.due_date || ${DAY_AFTER_IN_UTC})`,
      ).as('is_closed_late'),
      flag(sql`supplemented.case_id is not null`).as('is_supplemented'),
      flag(sql`case_ratings.case_id is not null`).as('is_rated'),
      flag(sql`case_ratings.satisfaction in (${sql.join(NEGATIVE)})`).as('is_dissatisfied'),
    ]);
  // PostgreSQL returns count() and sum() as bigint, which node-postgres hands over as text.
  const total = (column: string) => sql<string | number>`sum(${sql.ref(`t.${column}`)})`;
  const rows = await db
    .selectFrom(perCase.as('t'))
    .select([
      't.group_key',
      sql<string | number>`count(*)`.as('received'),
      total('is_accepted').as('accepted'),
      total('is_approved').as('approved'),
      total('is_denied').as('denied'),
      total('is_rejected').as('rejected'),
      total('is_overdue_open').as('overdue_open'),
      total('is_closed_late').as('closed_late'),
      total('is_supplemented').as('supplemented'),
      total('is_rated').as('rated'),
      total('is_dissatisfied').as('dissatisfied'),
    ])
    .groupBy('t.group_key')
    .execute();
  const byKey = new Map<string, Counts>();
  for (const r of rows) {
    const approved = Number(r.approved);
    const denied = Number(r.denied);
    const overdueOpen = Number(r.overdue_open);
    const closedLate = Number(r.closed_late);
    const rated = Number(r.rated);
    const dissatisfied = Number(r.dissatisfied);
    byKey.set(r.group_key, {
      ...zeroCounts(),
      received: Number(r.received),
      accepted: Number(r.accepted),
      completed: approved + denied,
      approved,
      denied,
      rejected: Number(r.rejected),
      overdue: overdueOpen + closedLate,
      overdueOpen,
      closedLate,
      supplemented: Number(r.supplemented),
      rated,
      dissatisfied,
      satisfied: rated - dissatisfied,
    });
  }
  return byKey;
}

/** A UTC timestamp's China date, from its UTC date and whether its UTC hour is 16 or later. */
function chinaDayOf(utcDay: string, lateHour: boolean): string {
  return lateHour ? fromDayNumber(toDayNumber(utcDay) + 1) : utcDay;
}

/**
 * How many completed cases of each group were accepted (or closed) on each China date. Grouped in
 * SQL so a year of cases comes back as a few thousand rows: the UTC date and "UTC hour ≥ 16" (the
 * China day has already turned) are plain substrings of the ISO text, in either dialect.
 */
async function completedByDay(
  db: Kysely<Database>,
  scope: CaseScope,
  query: StatisticsQuery,
  column: 'accepted_at' | 'closed_at',
): Promise<{ key: string; day: string; n: number }[]> {
  const ts = sql.ref(`cases.${column}`);
  const perCase = casesInPeriod(db, scope, query)
    .select([
      groupKey(query.groupBy, query.from, query.to).as('group_key'),
      sql<string>`substr(${ts}, 1, 10)`.as('utc_day'),
      flag(sql`substr(${ts}, 12, 2) >= '16'`).as('late_hour'),
    ])
    .where('cases.status', 'in', COMPLETED)
    .where('cases.accepted_at', 'is not', null)
    .where('cases.closed_at', 'is not', null);
  const rows = await db
    .selectFrom(perCase.as('t'))
    .select(['t.group_key', 't.utc_day', 't.late_hour', sql<string | number>`count(*)`.as('n')])
    .groupBy(['t.group_key', 't.utc_day', 't.late_hour'])
    .execute();
  return rows.map((r) => ({ key: r.group_key, day: chinaDayOf(r.utc_day, r.late_hour === 1), n: Number(r.n) }));
}

/**
 * Adds to each group the working days from acceptance to completion of its completed cases:
 * Σ (cum(closed) − cum(accepted)), where cum(d) counts the working days up to d — the same as
 * `workingDaysBetween` case by case, with one walk over the calendar instead of one per case.
 * Returns the years without a holiday schedule between the first acceptance and the last completion.
 */
async function addWorkingDays(
  db: Kysely<Database>,
  scope: CaseScope,
  query: StatisticsQuery,
  calendar: WorkCalendar,
  byKey: Map<string, Counts>,
): Promise<number[]> {
  const accepted = await completedByDay(db, scope, query, 'accepted_at');
  const closed = await completedByDay(db, scope, query, 'closed_at');
  if (closed.length === 0) return [];
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const r of [...accepted, ...closed]) {
    const day = toDayNumber(r.day);
    first = Math.min(first, day);
    last = Math.max(last, day);
  }
  const cumulative = new Map<string, number>();
  for (let day = first, count = 0; day <= last; day += 1) {
    const date = fromDayNumber(day);
    if (day > first && calendar.isWorkingDay(date)) count += 1;
    cumulative.set(date, count);
  }
  for (const r of closed) {
    const counts = byKey.get(r.key);
    if (!counts) continue;
    counts.workingDays += r.n * (cumulative.get(r.day) ?? 0);
    counts.timed += r.n;
  }
  for (const r of accepted) {
    const counts = byKey.get(r.key);
    if (counts) counts.workingDays -= r.n * (cumulative.get(r.day) ?? 0);
  }
  return workingDaysBetween(calendar, fromDayNumber(first), fromDayNumber(last)).unloadedYears;
}

type Group = { key: string; label: string; order: string };

/** Every group to show: the keys found, plus the empty groups worth a row (windows, villages, months). */
async function groupsOf(
  db: Kysely<Database>,
  scope: CaseScope,
  query: StatisticsQuery,
  keys: readonly string[],
): Promise<Group[]> {
  switch (query.groupBy) {
    case 'window': {
      return scope.windows.map((w) => ({ key: w.code, label: w.name, order: w.code }));
    }
    case 'township': {
      return scope.townships.map((t) => ({ key: t.id, label: t.name, order: t.code }));
    }
    case 'village': {
      const villages = await db
        .selectFrom('villages')
        .select(['id', 'code', 'name'])
        .where(
          'township_id',
          'in',
          scope.townships.map((t) => t.id),
        )
        .execute();
      const groups = villages.map((v) => ({ key: v.id, label: v.name, order: v.code }));
      const known = new Set(groups.map((g) => g.key));
      for (const key of keys) {
        // Cases of agents without a village sort last; ids of villages since removed show as such.
        if (!known.has(key)) groups.push({ key, label: key === '' ? '（未关联村）' : key, order: `~${key}` });
      }
      return groups;
    }
    case 'item': {
      if (keys.length === 0) return [];
      const items = await db
        .selectFrom('catalogue_items')
        .select(['code', 'name', 'version'])
        .where('code', 'in', keys)
        .orderBy('version')
        .execute();
      // The newest version's name wins (rows come in version order).
      const names = new Map(items.map((i) => [i.code, i.name]));
      return keys.map((code) => ({ key: code, label: names.get(code) ?? code, order: '' }));
    }
    case 'agent': {
      if (keys.length === 0) return [];
      const users = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', keys).execute();
      const names = new Map(users.map((u) => [u.id, u.name]));
      return keys.map((id) => ({ key: id, label: names.get(id) ?? id, order: '' }));
    }
    case 'month':
      return monthsOf(query.from, query.to).map((m) => ({ key: m, label: m, order: m }));
  }
}

/**
 * The statistics of the cases in `scope` received from `query.from` to `query.to` (China dates),
 * grouped by `query.groupBy`. Windows, villages and months appear even with no case; items and
 * agents only with one, busiest first. `today` (China date) is what "overdue" is judged against.
 */
export async function computeStatistics(
  db: Kysely<Database>,
  scope: CaseScope,
  query: StatisticsQuery,
  calendar: WorkCalendar,
  now: Date,
): Promise<StatisticsResponse> {
  const today = todayInChina(now);
  const emptyScope = scope.windows.length === 0 || scope.townships.length === 0;
  const byKey = emptyScope ? new Map<string, Counts>() : await countByGroup(db, scope, query, today);
  const unloadedYears = emptyScope ? [] : await addWorkingDays(db, scope, query, calendar, byKey);
  const groups = await groupsOf(db, scope, query, [...byKey.keys()]);

  const busiestFirst = query.groupBy === 'item' || query.groupBy === 'agent';
  const rows: StatisticsRow[] = groups
    .map((g) => ({ group: g, counts: byKey.get(g.key) ?? zeroCounts() }))
    .sort((a, b) =>
      busiestFirst
        ? b.counts.received - a.counts.received || a.group.label.localeCompare(b.group.label, 'zh-CN')
        : a.group.order.localeCompare(b.group.order),
    )
    .map(({ group, counts }) => ({ key: group.key, label: group.label, ...figuresOf(counts) }));

  const total = zeroCounts();
  for (const counts of byKey.values()) addCounts(total, counts);
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    windows: scope.windows.map((w) => w.code),
    rows,
    total: figuresOf(total),
    today,
    unloadedYears,
  };
}
