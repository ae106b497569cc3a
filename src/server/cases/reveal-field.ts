/**
 * Showing a masked field in full is itself personal-data processing (个人信息保护法): every reveal is
 * recorded — who, when, which field — before the value leaves the server.
 */
import type { Kysely } from 'kysely';
import { caseSubmissionSchema } from '../../domain/case-submission';
import { newId } from '../../domain/ids';
import type { Database } from '../db/schema';
import type { TownshipPrincipal } from '../plugins/auth';
import { findStaffCase } from './find-staff-case';

export type RevealableField = 'idNumber' | 'phone';

/** The applicant's full ID number or phone, after recording that the caller looked at it. */
export async function revealField(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  caseId: string,
  field: RevealableField,
  now: Date,
): Promise<{ field: RevealableField; value: string }> {
  const row = await findStaffCase(db, principal, caseId);
  const { applicant } = caseSubmissionSchema.parse(JSON.parse(row.body));
  await db
    .insertInto('case_reveals')
    .values({ id: newId(), case_id: caseId, user_id: principal.userId, field, at: now.toISOString() })
    .execute();
  return { field, value: applicant[field] };
}
