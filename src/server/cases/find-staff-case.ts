/**
 * Which cases a clerk or admin may see and act on: cases of their own township only — a case of
 * another township is answered 404 as if it did not exist, so ids reveal nothing across townships —
 * and, for a clerk, only cases at one of their windows (another window of the township is 403).
 */
import type { Kysely } from 'kysely';
import type { CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { staffWindows } from './staff-windows';

/** The case row if the principal may work on it; otherwise 404 NOT_FOUND or 403 FORBIDDEN. */
export async function findStaffCase(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  caseId: string,
): Promise<CaseTable> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row || row.township_id !== principal.townshipId || principal.role === 'agent') {
    throw new HttpProblem(404, 'NOT_FOUND', 'No such case');
  }
  if (principal.role === 'clerk' && !(await staffWindows(db, principal)).includes(row.window_code)) {
    throw new HttpProblem(403, 'FORBIDDEN', 'This case is at a window you do not work');
  }
  return row;
}
