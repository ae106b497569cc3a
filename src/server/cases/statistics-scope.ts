/**
 * Which cases a caller's statistics and exports cover. Township staff: the windows of their queue
 * (`staffWindows`) — a clerk's own windows, every window of the township for an administrator — in
 * their one township; asking for one window narrows the scope, and a window outside it is refused
 * with 403, as the queue refuses it. A county administrator: every window of every township of their
 * county, with no narrowing by window (window codes are per township).
 */
import type { Kysely } from 'kysely';
import { COUNTY_GROUP_BYS, type StatisticsQuery } from '../../domain/statistics';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { CountyPrincipal, Principal, TownshipPrincipal } from '../plugins/auth';
import { staffWindows } from './staff-windows';

export type WindowRef = { code: string; name: string };
export type TownshipRef = { id: string; code: string; name: string };

export type CaseScope = {
  /** One township for its staff; every township of the county (code order) for a county administrator. */
  townships: readonly TownshipRef[];
  /** The window codes covered, in code order (none for a clerk without windows). */
  windows: readonly WindowRef[];
};

async function townshipScope(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  window: string | undefined,
): Promise<CaseScope> {
  const codes = await staffWindows(db, principal);
  if (window !== undefined && !codes.includes(window)) {
    throw new HttpProblem(403, 'FORBIDDEN', 'You do not work this window');
  }
  const selected = window !== undefined ? [window] : codes;
  const named =
    selected.length === 0
      ? []
      : await db
          .selectFrom('windows')
          .select(['code', 'name'])
          .where('township_id', '=', principal.townshipId)
          .where('code', 'in', selected)
          .orderBy('code')
          .execute();
  const township = await db
    .selectFrom('townships')
    .select(['id', 'code', 'name'])
    .where('id', '=', principal.townshipId)
    .executeTakeFirstOrThrow();
  return { townships: [township], windows: named };
}

const isCountyGroupBy = (groupBy: StatisticsQuery['groupBy']): boolean =>
  COUNTY_GROUP_BYS.some((allowed) => allowed === groupBy);

async function countyScope(
  db: Kysely<Database>,
  principal: CountyPrincipal,
  query: Pick<StatisticsQuery, 'window' | 'groupBy'>,
): Promise<CaseScope> {
  if (query.window !== undefined) {
    throw new HttpProblem(403, 'FORBIDDEN', 'A county administrator sees whole townships, not one window');
  }
  if (!isCountyGroupBy(query.groupBy)) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', `A county groups by ${COUNTY_GROUP_BYS.join(', ')}`, {
      field: 'groupBy',
    });
  }
  const townships = await db
    .selectFrom('townships')
    .select(['id', 'code', 'name'])
    .where('county_id', '=', principal.countyId)
    .orderBy('code')
    .execute();
  if (townships.length === 0) return { townships, windows: [] };
  const rows = await db
    .selectFrom('windows')
    .select(['code', 'name'])
    .where(
      'township_id',
      'in',
      townships.map((t) => t.id),
    )
    .orderBy('code')
    .execute();
  // One entry per code: the same code at two townships is the same kind of window.
  const windows = [...new Map(rows.map((w) => [w.code, w])).values()];
  return { townships, windows };
}

/**
 * The scope of `principal`'s statistics, narrowed to `query.window` when given.
 * @throws HttpProblem 403 FORBIDDEN when `window` is not one the caller works (or the caller is a
 *   county administrator); 400 VALIDATION_FAILED when a county administrator groups by window,
 *   village or agent.
 */
export function caseScopeOf(
  db: Kysely<Database>,
  principal: Principal,
  query: Pick<StatisticsQuery, 'window' | 'groupBy'>,
): Promise<CaseScope> {
  return principal.role === 'county_admin'
    ? countyScope(db, principal, query)
    : townshipScope(db, principal, query.window);
}
