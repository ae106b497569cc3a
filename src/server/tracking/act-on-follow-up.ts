/**
 * A clerk's or admin's step on a follow-up task: record the call back (open → called_back), or close
 * it with the outcome (open or called_back → closed). Each step stores who took it and when. The
 * update names the status it starts from, so of two clerks acting at once one wins and the other
 * gets 409 ACTION_NOT_ALLOWED, as does any step on a closed task.
 */
import type { Kysely, Updateable } from 'kysely';
import { todayInChina } from '../../domain/resident-id';
import type { FollowUp, FollowUpAction, FollowUpStatus } from '../../domain/tracking';
import type { Database, FollowUpTable } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { findStaffFollowUp } from './find-staff-follow-up';
import { followUpOf } from './follow-up-of';

const FROM: Record<FollowUpAction['type'], readonly FollowUpStatus[]> = {
  called_back: ['open'],
  close: ['open', 'called_back'],
};

export async function actOnFollowUp(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  id: string,
  action: FollowUpAction,
  now: Date,
): Promise<FollowUp> {
  await findStaffFollowUp(db, principal, id);
  const at = now.toISOString();
  const changes: Updateable<FollowUpTable> =
    action.type === 'called_back'
      ? { status: 'called_back', called_back_at: at, called_back_by: principal.userId, callback_note: action.note }
      : { status: 'closed', closed_at: at, closed_by: principal.userId, outcome: action.outcome };
  const result = await db
    .updateTable('follow_ups')
    .set(changes)
    .where('id', '=', id)
    .where('status', 'in', FROM[action.type])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new HttpProblem(
      409,
      'ACTION_NOT_ALLOWED',
      `This follow-up cannot be ${action.type === 'close' ? 'closed' : 'called back'} now`,
    );
  }
  return followUpOf(await findStaffFollowUp(db, principal, id), todayInChina(now));
}
