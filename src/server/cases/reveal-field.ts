/**
 * Showing a masked field in full is itself personal-data processing (个人信息保护法): every reveal is
 * recorded — who, when, which field — before the value leaves the server, in case_reveals (the case's
 * reveal log) and in the audit trail, both in one transaction.
 */
import type { Kysely } from 'kysely';
import { caseSubmissionSchema } from '../../domain/case-submission';
import { newId } from '../../domain/ids';
import { recordAudit } from '../audit/record-audit';
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
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_reveals')
      .values({ id: newId(), case_id: caseId, user_id: principal.userId, field, at: now.toISOString() })
      .execute();
    await recordAudit(
      trx,
      {
        action: 'case.reveal',
        actor: { id: principal.userId, role: principal.role },
        townshipId: row.township_id,
        subject: { type: 'case', id: caseId },
        detail: { field },
      },
      now.toISOString(),
    );
  });
  return { field, value: applicant[field] };
}
