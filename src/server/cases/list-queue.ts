/**
 * The township queue: one page of cases in a tab, with the count of every tab under the same filters.
 *
 * Deadlines are stored as China dates in `cases.deadline` (accept-by while 已收件, the due date while
 * 办理中, null while paused or closed), so the tabs that depend on time — 即将到期, 已超期 — are plain
 * range conditions on an indexed column: the working-day calendar is consulted once per request to
 * turn "within DUE_SOON_WORKING_DAYS working days" into a date, never once per case.
 *
 * Speed at a county's 1 000 000 cases comes from never scanning the wide case rows (the body is
 * kilobytes of JSON) nor a township's whole history: a page is found by id alone, merged from one
 * ordered read per (window, status) of the (township, window, status, deadline, received_at, id) or
 * (…, closed_at, id) index (firstInOrder), and only its rows are then joined with names and page
 * counts; each tab's count stops at QUEUE_COUNT_CAP + 1; a search first collects the matching ids
 * from the narrow (township, window, name, 办件编号) index.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { DUE_SOON_WORKING_DAYS } from '../../domain/case-lifecycle';
import type { CaseStatus } from '../../domain/case-submission';
import { todayInChina } from '../../domain/resident-id';
import { addWorkingDays, type WorkCalendar } from '../../domain/working-days';
import {
  QUEUE_COUNT_CAP,
  type QueueQuery,
  type QueueResponse,
  type QueueRow,
  type QueueTab,
} from '../../domain/workbench';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { chinaDayStart } from './china-time';
import { deadlineView } from './deadline-view';
import { staffWindows } from './staff-windows';

/** Statuses that carry a running deadline. */
const TIMED: readonly CaseStatus[] = ['received', 'accepted'];
const TAB_STATUSES: Record<Exclude<QueueTab, 'due_soon' | 'overdue'>, readonly CaseStatus[]> = {
  received: ['received'],
  supplement: ['supplement'],
  handling: ['accepted', 'suspended'],
  closed: ['rejected', 'completed_approved', 'completed_denied'],
};
/** A search matching more cases than this is too broad for a list of ids: it stays a subquery instead. */
const SEARCH_ID_LIMIT = 2000;

type CaseQuery<O> = SelectQueryBuilder<Database, 'cases', O>;
type Thresholds = { today: string; soon: string };
type SearchQuery = SelectQueryBuilder<Database, 'cases', { id: string }>;
/** The ids a search matched, or the search itself when they are too many to list; undefined without one. */
type SearchMatch = { ids: readonly string[] } | { broad: SearchQuery } | undefined;

/** `%text%` for LIKE, with the wildcards of the text itself escaped (ESCAPE '\'). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function whereContains<O>(qb: CaseQuery<O>, text: string): CaseQuery<O> {
  const pattern = containsPattern(text);
  return qb.where((eb) =>
    eb.or([
      sql<boolean>`${sql.ref('cases.case_number')} like ${pattern} escape '\\'`,
      sql<boolean>`${sql.ref('cases.applicant_name')} like ${pattern} escape '\\'`,
    ]),
  );
}

/** The cases at `windows` whose 办件编号 or applicant's name contains `text`. */
async function searchMatch(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  windows: readonly string[],
  text: string | undefined,
): Promise<SearchMatch> {
  if (text === undefined || text === '') return undefined;
  const scope = db
    .selectFrom('cases')
    .select('cases.id')
    .where('cases.township_id', '=', principal.townshipId)
    .where('cases.window_code', 'in', windows);
  const search = whereContains(scope, text);
  const rows = await search.limit(SEARCH_ID_LIMIT + 1).execute();
  return rows.length > SEARCH_ID_LIMIT ? { broad: search } : { ids: rows.map((r) => r.id) };
}

function withFilters<O>(
  qb: CaseQuery<O>,
  principal: TownshipPrincipal,
  windows: readonly string[],
  q: QueueQuery,
  match: SearchMatch,
): CaseQuery<O> {
  // The ids a search matched were taken from the caller's township and windows already; naming only
  // them lets the database look each one up by primary key instead of walking the window's index.
  let out =
    match !== undefined && 'ids' in match
      ? qb.where('cases.id', 'in', match.ids)
      : qb.where('cases.township_id', '=', principal.townshipId).where('cases.window_code', 'in', windows);
  if (q.village !== undefined) out = out.where('cases.village_id', '=', q.village);
  if (q.item !== undefined) out = out.where('cases.item_code', '=', q.item);
  if (q.agent !== undefined) out = out.where('cases.agent_id', '=', q.agent);
  if (q.from !== undefined) out = out.where('cases.received_at', '>=', chinaDayStart(q.from));
  if (q.to !== undefined) out = out.where('cases.received_at', '<', chinaDayStart(q.to, 1));
  // Too many to list: the search as a subquery, which still reads only the narrow search index.
  if (match !== undefined && 'broad' in match) out = out.where('cases.id', 'in', match.broad);
  return out;
}

function withTab<O>(qb: CaseQuery<O>, tab: QueueTab, t: Thresholds): CaseQuery<O> {
  switch (tab) {
    case 'due_soon':
      return qb
        .where('cases.status', 'in', TIMED)
        .where('cases.deadline', '>=', t.today)
        .where('cases.deadline', '<=', t.soon);
    case 'overdue':
      return qb.where('cases.status', 'in', TIMED).where('cases.deadline', '<', t.today);
    default:
      return qb.where('cases.status', 'in', TAB_STATUSES[tab]);
  }
}

const toCount = (value: string | number | bigint | null): number => Number(value ?? 0);

/**
 * Every tab's count in one statement, each counted no further than `cap + 1`: a count that stops
 * reading the index after cap + 1 entries costs the same for a tab of 1 001 cases as for one of
 * 500 000.
 */
async function tabCounts(
  db: Kysely<Database>,
  filtered: CaseQuery<object>,
  t: Thresholds,
  cap: number,
): Promise<Record<QueueTab, number>> {
  const capped = (tab: QueueTab) =>
    db
      .selectFrom(
        withTab(filtered, tab, t)
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('matching'),
      )
      .select((eb) => eb.fn.countAll<string | number>().as('n'));
  const row = await db
    .selectNoFrom([
      capped('received').as('received'),
      capped('supplement').as('supplement'),
      capped('handling').as('handling'),
      capped('due_soon').as('due_soon'),
      capped('overdue').as('overdue'),
      capped('closed').as('closed'),
    ])
    .executeTakeFirstOrThrow();
  return {
    received: toCount(row.received),
    supplement: toCount(row.supplement),
    handling: toCount(row.handling),
    due_soon: toCount(row.due_soon),
    overdue: toCount(row.overdue),
    closed: toCount(row.closed),
  };
}

/** The statuses a tab's cases can be in. */
function tabStatuses(tab: QueueTab): readonly CaseStatus[] {
  return tab === 'due_soon' || tab === 'overdue' ? TIMED : TAB_STATUSES[tab];
}

/** The columns a page is ordered by. */
type OrderKeys = { id: string; deadline: string | null; received_at: string; closed_at: string | null };

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Open tabs: nearest deadline first (none last), then oldest received, then id. */
function compareOpen(a: OrderKeys, b: OrderKeys): number {
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return byText(a.deadline, b.deadline);
  }
  return byText(a.received_at, b.received_at) || byText(a.id, b.id);
}

/** 已办结: most recently closed first. */
function compareClosed(a: OrderKeys, b: OrderKeys): number {
  return byText(b.closed_at ?? '', a.closed_at ?? '') || byText(b.id, a.id);
}

function ordered<O>(qb: CaseQuery<O>, tab: QueueTab, nullsLast: boolean): CaseQuery<O> {
  if (tab === 'closed') return qb.orderBy('cases.closed_at', 'desc').orderBy('cases.id', 'desc');
  return qb
    .orderBy('cases.deadline', (ob) => (nullsLast ? ob.asc().nullsLast() : ob.asc()))
    .orderBy('cases.received_at')
    .orderBy('cases.id');
}

/**
 * Selects the order keys, taking from the row only those the tab's index holds — an open tab's
 * closed_at and 已办结's deadline are null anyway — so that each part is read from the index alone.
 */
function withOrderKeys(qb: CaseQuery<object>, tab: QueueTab): CaseQuery<OrderKeys> {
  const none = sql<string | null>`cast(null as text)`;
  return tab === 'closed'
    ? qb.select(['cases.id', 'cases.received_at', 'cases.closed_at', none.as('deadline')])
    : qb.select(['cases.id', 'cases.received_at', 'cases.deadline', none.as('closed_at')]);
}

/**
 * The first `need` cases of a tab in queue order.
 *
 * One ordered query per (window, status) pair, each reading at most `need` entries from the index
 * that starts with (township, window, status, …) in exactly that order, merged here: a single query
 * over several windows and statuses cannot be read in order from any index, so the database would
 * read and sort every matching case of the township's history for a page of 50. Within one status
 * the deadline is either always set (已收件, 办理中) or always null (paused, closed), so the pairs need
 * no NULLS LAST — which SQLite could not take from the index.
 */
async function firstInOrder(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  windows: readonly string[],
  query: QueueQuery,
  match: SearchMatch,
  t: Thresholds,
  need: number,
): Promise<OrderKeys[]> {
  const compare = query.tab === 'closed' ? compareClosed : compareOpen;
  if (match !== undefined && 'ids' in match) {
    // A few listed ids: one query, sorted by the database.
    const filtered = withFilters(db.selectFrom('cases'), principal, windows, query, match);
    return ordered(withOrderKeys(withTab(filtered, query.tab, t), query.tab), query.tab, true)
      .limit(need)
      .execute();
  }
  // One statement: each part a LIMITed subquery, glued with UNION ALL.
  const parts = windows.flatMap((window, w) =>
    tabStatuses(query.tab).map((status, i) => {
      const filtered = withFilters(db.selectFrom('cases'), principal, [window], query, match);
      const part = withOrderKeys(withTab(filtered, query.tab, t).where('cases.status', '=', status), query.tab);
      const alias = `part_${String(w)}_${String(i)}`;
      return db.selectFrom(ordered(part, query.tab, false).limit(need).as(alias)).selectAll();
    }),
  );
  const [head, ...rest] = parts;
  if (!head) return [];
  const rows = await rest.reduce((all, part) => all.unionAll(part), head).execute();
  return rows.sort(compare).slice(0, need);
}

/** Stored and total pages (signature included) of each case, in one grouped query. */
async function materialCounts(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { stored: number; total: number }>> {
  const rows = await db
    .selectFrom('case_pages')
    .leftJoin('blobs', 'blobs.sha256', 'case_pages.sha256')
    .select((eb) => [
      'case_pages.case_id',
      eb.fn.countAll<string | number>().as('total'),
      eb.fn.count<string | number>('blobs.sha256').as('stored'),
    ])
    .where('case_pages.case_id', 'in', ids)
    .groupBy('case_pages.case_id')
    .execute();
  return new Map(rows.map((r) => [r.case_id, { stored: toCount(r.stored), total: toCount(r.total) }]));
}

/**
 * One page of the queue for a clerk (their windows) or an admin (every window of the township).
 * `countCap` bounds the tab counts (default QUEUE_COUNT_CAP; the export asks for more).
 * @throws HttpProblem 403 when `query.window` is not one of the caller's windows.
 */
export async function listQueue(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  principal: TownshipPrincipal,
  query: QueueQuery,
  now: Date,
  countCap: number = QUEUE_COUNT_CAP,
): Promise<QueueResponse> {
  const today = todayInChina(now);
  const thresholds: Thresholds = { today, soon: addWorkingDays(calendar, today, DUE_SOON_WORKING_DAYS).date };
  const windows = await staffWindows(db, principal);
  if (query.window !== undefined && !windows.includes(query.window)) {
    throw new HttpProblem(403, 'FORBIDDEN', 'You do not work this window');
  }
  const selected = query.window !== undefined ? [query.window] : windows;
  const match = selected.length === 0 ? undefined : await searchMatch(db, principal, selected, query.q);
  if (selected.length === 0 || (match !== undefined && 'ids' in match && match.ids.length === 0)) {
    const counts = { received: 0, supplement: 0, handling: 0, due_soon: 0, overdue: 0, closed: 0 };
    return { rows: [], total: 0, counts, hasMore: false, today };
  }

  const filtered = withFilters(db.selectFrom('cases'), principal, selected, query, match);
  const offset = (query.page - 1) * query.pageSize;
  const [counts, first] = await Promise.all([
    tabCounts(db, filtered, thresholds, countCap),
    firstInOrder(db, principal, selected, query, match, thresholds, offset + query.pageSize + 1),
  ]);
  const page = first.slice(offset, offset + query.pageSize);
  const hasMore = first.length > offset + query.pageSize;
  const ids = page.map((r) => r.id);
  if (ids.length === 0) return { rows: [], total: counts[query.tab], counts, hasMore, today };

  const [details, materials] = await Promise.all([
    db
      .selectFrom('cases')
      .innerJoin('users as agent', 'agent.id', 'cases.agent_id')
      .leftJoin('villages', 'villages.id', 'cases.village_id')
      .leftJoin('catalogue_items as item', (join) =>
        join.onRef('item.code', '=', 'cases.item_code').onRef('item.version', '=', 'cases.item_version'),
      )
      .select([
        'cases.id',
        'cases.case_number',
        'cases.status',
        'cases.round',
        'cases.window_code',
        'cases.item_code',
        'cases.applicant_name',
        'cases.received_at',
        'cases.deadline',
        'cases.deadline_kind',
        'cases.version',
        'item.name as item_name',
        'villages.name as village_name',
        'agent.name as agent_name',
      ])
      .where('cases.id', 'in', ids)
      .execute(),
    materialCounts(db, ids),
  ]);
  const byId = new Map(details.map((d) => [d.id, d]));
  const rows = ids.flatMap((id): QueueRow[] => {
    const d = byId.get(id);
    if (!d) return [];
    return [
      {
        id: d.id,
        caseNumber: d.case_number,
        status: d.status,
        round: d.round,
        windowCode: d.window_code,
        itemCode: d.item_code,
        itemName: d.item_name ?? d.item_code,
        villageName: d.village_name,
        agentName: d.agent_name,
        applicantName: d.applicant_name,
        receivedAt: d.received_at,
        deadline: deadlineView(calendar, today, d),
        materials: materials.get(id) ?? { stored: 0, total: 0 },
        version: d.version,
      },
    ];
  });
  return { rows, total: counts[query.tab], counts, hasMore, today };
}
