/**
 * A case arriving from an agent's phone. Idempotent by the phone's case id: the same body again
 * answers with the same receipt (a lost response never makes a second case); another body under the
 * same id is a conflict, never an overwrite. The server re-runs the phone's own completeness check
 * against the item version the case was started under, and counts time from its own clock.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { submissionProblems } from '../../domain/case-draft';
// The authorisation signature is stored like a page, so "材料上传中 n/m" counts it too.
import { SIGNATURE_MATERIAL_KEY } from '../../domain/case-lifecycle';
import type { CaseReceipt, CaseSubmission } from '../../domain/case-submission';
import { todayInChina } from '../../domain/resident-id';
import type { WorkCalendar } from '../../domain/working-days';
import { loadItemVersion } from '../catalogue/catalogue-store';
import { nextValue } from '../db/counters';
import type { CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { acceptDeadline } from './accept-deadline';
import { caseReceipt } from './case-receipt';
import { isUniqueViolation } from './is-unique-violation';
import { recordCaseEvent } from './record-case-event';

/**
 * Receives a case into the township queue as 已收件, with its 办件编号 and its Art. 32 accept-by date
 * (ACCEPT_WITHIN_WORKING_DAYS working days after the day of receipt, by the server's clock).
 */
export async function receiveCase(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  principal: TownshipPrincipal,
  id: string,
  submission: CaseSubmission,
  now: Date,
): Promise<CaseReceipt> {
  const body = JSON.stringify(submission);
  const bodyHash = createHash('sha256').update(body).digest('hex');

  const existing = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (existing) {
    if (existing.agent_id !== principal.userId || existing.body_hash !== bodyHash) {
      throw new HttpProblem(409, 'CONFLICT', 'A different case was already received under this id');
    }
    return caseReceipt(db, existing, existing.received_at);
  }

  const item = await loadItemVersion(db, submission.itemCode, submission.itemVersion);
  if (!item) {
    throw new HttpProblem(422, 'CASE_INVALID', 'Unknown item version', {
      problems: [{ where: 'item', problem: 'ITEM_UNKNOWN' }],
    });
  }
  const problems = submissionProblems({
    item,
    applicant: submission.applicant,
    answers: submission.answers,
    pages: submission.pages,
    signature: submission.signature,
    context: { proxy: true },
  });
  if (problems.length > 0) {
    throw new HttpProblem(422, 'CASE_INVALID', 'The case is incomplete or invalid', { problems });
  }
  const pageIds = new Set(submission.pages.map((p) => p.id));
  if (pageIds.size !== submission.pages.length) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'Page ids must be unique', { field: 'pages' });
  }

  const agent = await db
    .selectFrom('users')
    .innerJoin('townships', 'townships.id', 'users.township_id')
    .select(['users.village_id', 'townships.id as township_id', 'townships.code as township_code'])
    .where('users.id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  const receivedAt = now.toISOString();
  const day = todayInChina(now).replaceAll('-', '');

  try {
    const row = await db.transaction().execute(async (trx) => {
      const sequence = await nextValue(trx, `case_number:${agent.township_id}:${day}`);
      const caseRow: CaseTable = {
        id,
        case_number: `${agent.township_code}-${day}-${String(sequence).padStart(5, '0')}`,
        township_id: agent.township_id,
        village_id: agent.village_id,
        agent_id: principal.userId,
        window_code: item.windowCode,
        item_code: item.code,
        item_version: item.version,
        applicant_name: submission.applicant.name,
        receipt_code: submission.receiptCode,
        track_secret_hash: submission.trackSecretHash,
        status: 'received',
        body,
        body_hash: bodyHash,
        received_at: receivedAt,
        submitted_at: submission.submittedAt,
        version: 1,
        updated_at: receivedAt,
        round: 1,
        ...acceptDeadline(calendar, receivedAt),
        due_date: null,
        accepted_at: null,
        closed_at: null,
        suspended_at: null,
        supplement: null,
        result: null,
      };
      await trx.insertInto('cases').values(caseRow).execute();
      const pages = submission.pages.map((p) => ({
        case_id: id,
        page_id: p.id,
        material_key: p.materialKey,
        position: p.order,
        sha256: p.sha256,
        size: p.size,
        round: 1,
        verification: 'pending' as const,
      }));
      if (submission.signature) {
        pages.push({
          case_id: id,
          page_id: submission.signature.imageId,
          material_key: SIGNATURE_MATERIAL_KEY,
          position: 0,
          sha256: submission.signature.sha256,
          // The case does not carry the signature's size; its blob record does.
          size: 0,
          round: 1,
          verification: 'pending',
        });
      }
      if (pages.length > 0) await trx.insertInto('case_pages').values(pages).execute();
      await recordCaseEvent(
        trx,
        caseRow,
        { type: 'received', payload: { caseNumber: caseRow.case_number, status: 'received', receivedAt } },
        principal.userId,
        receivedAt,
      );
      return caseRow;
    });
    return await caseReceipt(db, row, row.received_at);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent delivery of the same request won the race: answer as the repeat it is.
    const winner = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (winner?.agent_id === principal.userId && winner.body_hash === bodyHash) {
      return caseReceipt(db, winner, winner.received_at);
    }
    throw new HttpProblem(
      409,
      'CONFLICT',
      winner ? 'A different case was already received under this id' : 'Receipt code already in use',
      {
        field: winner ? 'id' : 'receiptCode',
      },
    );
  }
}
