import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { TownshipPrincipal } from '../plugins/auth';
import { findStaffCase } from './find-staff-case';
import type { RevealableField } from './reveal-field';

export type RevealRecord = { field: RevealableField; at: string; userId: string; userName: string };

/** Who revealed which masked field of the case, and when, oldest first. */
export async function listReveals(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  caseId: string,
): Promise<RevealRecord[]> {
  await findStaffCase(db, principal, caseId);
  const rows = await db
    .selectFrom('case_reveals')
    .innerJoin('users', 'users.id', 'case_reveals.user_id')
    .select(['case_reveals.field', 'case_reveals.at', 'case_reveals.user_id', 'users.name'])
    .where('case_reveals.case_id', '=', caseId)
    .orderBy('case_reveals.at')
    .orderBy('case_reveals.id')
    .execute();
  return rows.map((r) => ({ field: r.field, at: r.at, userId: r.user_id, userName: r.name }));
}
