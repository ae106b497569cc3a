/**
 * Opens a follow-up task (回访) on a case: call the resident back within
 * FOLLOW_UP_CALLBACK_WORKING_DAYS working days and put it right within the township's
 * follow_up_fix_days, both counted on the server's working-day calendar from today (China date).
 */
import type { Kysely } from 'kysely';
import { newId } from '../../domain/ids';
import { todayInChina } from '../../domain/resident-id';
import { FOLLOW_UP_CALLBACK_WORKING_DAYS } from '../../domain/tracking';
import { addWorkingDays, type WorkCalendar } from '../../domain/working-days';
import type { CaseTable, Database, FollowUpTable } from '../db/schema';

export type FollowUpDraft = Pick<FollowUpTable, 'kind' | 'satisfaction' | 'text' | 'contact_phone'>;

/** Returns the new follow-up's id. */
export async function openFollowUp(
  trx: Kysely<Database>,
  calendar: WorkCalendar,
  row: Pick<CaseTable, 'id' | 'township_id'>,
  draft: FollowUpDraft,
  now: Date,
): Promise<string> {
  const township = await trx
    .selectFrom('townships')
    .select('follow_up_fix_days')
    .where('id', '=', row.township_id)
    .executeTakeFirstOrThrow();
  const today = todayInChina(now);
  const id = newId();
  await trx
    .insertInto('follow_ups')
    .values({
      id,
      case_id: row.id,
      township_id: row.township_id,
      ...draft,
      status: 'open',
      created_at: now.toISOString(),
      callback_due: addWorkingDays(calendar, today, FOLLOW_UP_CALLBACK_WORKING_DAYS).date,
      fix_due: addWorkingDays(calendar, today, township.follow_up_fix_days).date,
      called_back_at: null,
      called_back_by: null,
      callback_note: null,
      closed_at: null,
      closed_by: null,
      outcome: null,
    })
    .execute();
  return id;
}
