import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';

/**
 * The one follow-up comment a resident may add after rating; it is not sent to the agent's feed.
 * @throws HttpProblem 409 ACTION_NOT_ALLOWED before the case is rated, 409 ALREADY_RATED after the first one.
 */
export async function addRatingComment(
  db: Kysely<Database>,
  caseId: string,
  comment: string,
  now: Date,
): Promise<void> {
  const result = await db
    .updateTable('case_ratings')
    .set({ follow_up_comment: comment, follow_up_at: now.toISOString() })
    .where('case_id', '=', caseId)
    .where('follow_up_comment', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return;
  const rated = await db.selectFrom('case_ratings').select('case_id').where('case_id', '=', caseId).executeTakeFirst();
  if (!rated) throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', 'Rate the case first');
  throw new HttpProblem(409, 'ALREADY_RATED', 'The follow-up comment has been given');
}
