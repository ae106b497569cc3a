/**
 * The resident's 好差评 on a closed case: once per case (the rating's primary key is the case id, so
 * of two ratings at once exactly one is stored). It is recorded as a 'rated' event — the agent's
 * change feed carries the satisfaction, never the comment — and a 不满意 or 非常不满意 opens a
 * follow-up task in the same transaction.
 */
import type { Kysely } from 'kysely';
import { closedStatuses } from '../../domain/case-lifecycle';
import { NEGATIVE_SATISFACTION, type rateCaseRequestSchema } from '../../domain/tracking';
import type { WorkCalendar } from '../../domain/working-days';
import type { z } from 'zod';
import { isUniqueViolation } from '../cases/is-unique-violation';
import { recordCaseEvent } from '../cases/record-case-event';
import type { CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import { openFollowUp } from './open-follow-up';

const alreadyRated = () => new HttpProblem(409, 'ALREADY_RATED', 'This case has been rated');

/**
 * @throws HttpProblem 409 ACTION_NOT_ALLOWED while the case is open, 409 ALREADY_RATED after the first rating.
 */
export async function rateCase(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  row: CaseTable,
  rating: z.output<typeof rateCaseRequestSchema>,
  now: Date,
): Promise<void> {
  if (!closedStatuses.has(row.status)) {
    throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', 'A case can be rated once it is closed');
  }
  const at = now.toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('case_ratings')
        .select('case_id')
        .where('case_id', '=', row.id)
        .executeTakeFirst();
      if (existing) throw alreadyRated();
      await trx
        .insertInto('case_ratings')
        .values({
          case_id: row.id,
          township_id: row.township_id,
          satisfaction: rating.satisfaction,
          comment: rating.comment,
          rated_at: at,
          follow_up_comment: null,
          follow_up_at: null,
        })
        .execute();
      await recordCaseEvent(
        trx,
        row,
        {
          type: 'rated',
          payload: { status: row.status, satisfaction: rating.satisfaction, hasComment: rating.comment !== '' },
        },
        null,
        at,
      );
      if (NEGATIVE_SATISFACTION.has(rating.satisfaction)) {
        await openFollowUp(
          trx,
          calendar,
          row,
          { kind: 'bad_rating', satisfaction: rating.satisfaction, text: rating.comment, contact_phone: null },
          now,
        );
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRated();
    throw error;
  }
}
