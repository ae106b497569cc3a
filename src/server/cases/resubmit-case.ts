/**
 * The agent's answer to a 补正 notice: `PUT /api/cases/:id/rounds/:round` with the pages of the
 * requested materials only. Idempotent by (case, round): the same body again answers with the
 * receipt (a lost response never makes a second round, even after the clerk moved the case on);
 * another body for a recorded round is a conflict, never an overwrite. The new round goes back to
 * 已收件 and Art. 32's five working days start again from its receipt by the server's clock.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SIGNATURE_MATERIAL_KEY, supplementRequestSchema, type CaseResubmission } from '../../domain/case-lifecycle';
import type { CaseReceipt } from '../../domain/case-submission';
import type { WorkCalendar } from '../../domain/working-days';
import type { CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { acceptDeadline } from './accept-deadline';
import { caseReceipt } from './case-receipt';
import { isUniqueViolation } from './is-unique-violation';
import { recordCaseEvent } from './record-case-event';

type MaterialProblem = { where: 'materials'; materialKey: string; problem: 'NO_PAGES' | 'NOT_REQUESTED' };

/** What is missing from or extra in the resubmission, against what the notice asked for. */
function materialProblems(requested: readonly string[], resubmission: CaseResubmission): MaterialProblem[] {
  const problems: MaterialProblem[] = [];
  const sent = new Set(resubmission.pages.map((p) => p.materialKey).filter((key) => key !== SIGNATURE_MATERIAL_KEY));
  if (resubmission.signature) sent.add(SIGNATURE_MATERIAL_KEY);
  for (const key of requested) {
    if (!sent.has(key)) problems.push({ where: 'materials', materialKey: key, problem: 'NO_PAGES' });
  }
  const reported = new Set<string>();
  for (const page of resubmission.pages) {
    const stray = !requested.includes(page.materialKey) || page.materialKey === SIGNATURE_MATERIAL_KEY;
    if (stray && !reported.has(page.materialKey)) {
      reported.add(page.materialKey);
      problems.push({ where: 'materials', materialKey: page.materialKey, problem: 'NOT_REQUESTED' });
    }
  }
  if (resubmission.signature && !requested.includes(SIGNATURE_MATERIAL_KEY)) {
    problems.push({ where: 'materials', materialKey: SIGNATURE_MATERIAL_KEY, problem: 'NOT_REQUESTED' });
  }
  return problems;
}

async function repeatOrConflict(
  db: Kysely<Database>,
  row: CaseTable,
  round: number,
  bodyHash: string,
): Promise<CaseReceipt | undefined> {
  const recorded = await db
    .selectFrom('case_rounds')
    .select(['body_hash', 'received_at'])
    .where('case_id', '=', row.id)
    .where('round', '=', round)
    .executeTakeFirst();
  if (!recorded) return undefined;
  if (recorded.body_hash !== bodyHash) {
    throw new HttpProblem(409, 'CONFLICT', 'A different resubmission was already received for this round', {
      field: 'round',
    });
  }
  const current = await db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  return caseReceipt(db, current, recorded.received_at);
}

/**
 * Records round `round` of the agent's own case in 补正 and returns its receipt.
 * @throws HttpProblem 404 (not the agent's case), 409 CONFLICT (another body for this round),
 * 409 ACTION_NOT_ALLOWED (the case is not waiting for this round), 422 CASE_INVALID (materials not
 * as requested), 400 VALIDATION_FAILED (page ids repeated or already used).
 */
export async function resubmitCase(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  principal: TownshipPrincipal,
  caseId: string,
  round: number,
  resubmission: CaseResubmission,
  now: Date,
): Promise<CaseReceipt> {
  const body = JSON.stringify(resubmission);
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (row?.agent_id !== principal.userId) throw new HttpProblem(404, 'NOT_FOUND', 'No such case');

  const repeat = await repeatOrConflict(db, row, round, bodyHash);
  if (repeat) return repeat;

  const supplement = row.supplement === null ? null : supplementRequestSchema.parse(JSON.parse(row.supplement));
  if (row.status !== 'supplement' || supplement?.round !== round) {
    throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', `The case is not waiting for round ${String(round)}`);
  }
  const problems = materialProblems(
    supplement.items.map((i) => i.materialKey),
    resubmission,
  );
  if (problems.length > 0) {
    throw new HttpProblem(422, 'CASE_INVALID', 'The resubmission does not match the 补正 notice', { problems });
  }
  const ids = [
    ...resubmission.pages.map((p) => p.id),
    ...(resubmission.signature ? [resubmission.signature.imageId] : []),
  ];
  if (new Set(ids).size !== ids.length) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'Page ids must be unique', { field: 'pages' });
  }
  const used = await db
    .selectFrom('case_pages')
    .select('page_id')
    .where('case_id', '=', caseId)
    .where('page_id', 'in', ids.length > 0 ? ids : [''])
    .executeTakeFirst();
  if (used)
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'A page id is already used by this case', { field: 'pages' });

  const receivedAt = now.toISOString();
  try {
    const updated = await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('case_rounds')
        .values({ case_id: caseId, round, body_hash: bodyHash, received_at: receivedAt, body })
        .execute();
      const changes = {
        status: 'received',
        round,
        supplement: null,
        ...acceptDeadline(calendar, receivedAt),
        updated_at: receivedAt,
      } satisfies Partial<CaseTable>;
      // Claims the case only if it is still waiting for this round (a clerk may have refused it meanwhile).
      const claimed = await trx
        .updateTable('cases')
        .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
        .where('id', '=', caseId)
        .where('status', '=', 'supplement')
        .where('round', '=', round - 1)
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) {
        throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', `The case is no longer waiting for round ${String(round)}`);
      }
      const pages = resubmission.pages.map((p) => ({
        case_id: caseId,
        page_id: p.id,
        material_key: p.materialKey,
        position: p.order,
        sha256: p.sha256,
        size: p.size,
        round,
        verification: 'pending' as const,
        verified_by: null,
        verified_at: null,
      }));
      if (resubmission.signature) {
        pages.push({
          case_id: caseId,
          page_id: resubmission.signature.imageId,
          material_key: SIGNATURE_MATERIAL_KEY,
          position: 0,
          sha256: resubmission.signature.sha256,
          size: 0,
          round,
          verification: 'pending',
          verified_by: null,
          verified_at: null,
        });
      }
      if (pages.length > 0) await trx.insertInto('case_pages').values(pages).execute();
      await recordCaseEvent(
        trx,
        row,
        { type: 'resubmitted', payload: { status: 'received', round, pages: pages.length } },
        principal.userId,
        receivedAt,
      );
      return { ...row, ...changes };
    });
    return await caseReceipt(db, updated, receivedAt);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same round delivered twice at once: the first one won; answer this one as its repeat.
    const repeatNow = await repeatOrConflict(db, row, round, bodyHash);
    if (repeatNow) return repeatNow;
    throw error;
  }
}
