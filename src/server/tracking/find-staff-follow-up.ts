import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { staffWindows } from '../cases/staff-windows';
import { selectFollowUps, type FollowUpRow } from './select-follow-ups';

/**
 * The follow-up task if the principal may work on it — the rule of findStaffCase: another township's
 * task is 404 as if it did not exist; a clerk's task at another window of the township is 403.
 */
export async function findStaffFollowUp(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  id: string,
): Promise<FollowUpRow> {
  const row = await selectFollowUps(db).where('f.id', '=', id).executeTakeFirst();
  if (!row || row.township_id !== principal.townshipId || principal.role === 'agent') {
    throw new HttpProblem(404, 'NOT_FOUND', 'No such follow-up');
  }
  if (principal.role === 'clerk' && !(await staffWindows(db, principal)).includes(row.window_code)) {
    throw new HttpProblem(403, 'FORBIDDEN', 'This follow-up is at a window you do not work');
  }
  return row;
}
