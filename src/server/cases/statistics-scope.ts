/**
 * Which cases a caller's statistics and exports cover: the windows of their queue (`staffWindows`) —
 * a clerk's own windows, every window of the township for an administrator. Asking for one window
 * narrows the scope; a window outside it is refused with 403, as the queue refuses it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { Principal } from '../plugins/auth';
import { staffWindows } from './staff-windows';

export type WindowRef = { code: string; name: string };

export type CaseScope = {
  townshipId: string;
  /** The windows covered, in code order (none for a clerk without windows). */
  windows: readonly WindowRef[];
};

/**
 * The scope of `principal`'s statistics or export, narrowed to `window` when given.
 * @throws HttpProblem 403 FORBIDDEN when `window` is not one the caller works.
 */
export async function caseScopeOf(
  db: Kysely<Database>,
  principal: Principal,
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
  return { townshipId: principal.townshipId, windows: named };
}
