/**
 * Everything the workbench shows about one case, built from its row: the applicant with the ID
 * number and phone masked (revealed one at a time through reveal-field, which is recorded), the
 * answers beside the item version the case was made under, every page of every round with its
 * upload and 原件核验 state, the timeline with who acted, the deadline and the open 补正 notice.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  SIGNATURE_MATERIAL_KEY,
  allowedActions,
  caseEventTypeSchema,
  caseResubmissionSchema,
  supplementRequestSchema,
} from '../../domain/case-lifecycle';
import { caseSubmissionSchema } from '../../domain/case-submission';
import { maskPhone } from '../../domain/phone';
import { maskResidentId, todayInChina } from '../../domain/resident-id';
import type { WorkCalendar } from '../../domain/working-days';
import type { CaseDetail } from '../../domain/workbench';
import { loadItemVersion } from '../catalogue/catalogue-store';
import type { CaseTable, Database } from '../db/schema';
import { deadlineView } from './deadline-view';
import { pageUrl } from './page-url';

const payloadSchema = z.record(z.string(), z.unknown());

/**
 * The case detail of `row`. `canAct` says whether the caller may act on the case at all (its
 * window is theirs); the actions offered are then those its status allows.
 */
export async function caseDetailOf(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  row: CaseTable,
  canAct: boolean,
  now: Date,
): Promise<CaseDetail> {
  const body = caseSubmissionSchema.parse(JSON.parse(row.body));
  const [township, village, agent, item, pages, events, signatureRound] = await Promise.all([
    db.selectFrom('townships').select(['name', 'code']).where('id', '=', row.township_id).executeTakeFirstOrThrow(),
    row.village_id === null
      ? Promise.resolve(undefined)
      : db.selectFrom('villages').select('name').where('id', '=', row.village_id).executeTakeFirst(),
    db.selectFrom('users').select(['name', 'phone']).where('id', '=', row.agent_id).executeTakeFirstOrThrow(),
    loadItemVersion(db, row.item_code, row.item_version),
    db
      .selectFrom('case_pages')
      .leftJoin('blobs', 'blobs.sha256', 'case_pages.sha256')
      .leftJoin('users', 'users.id', 'case_pages.verified_by')
      .select([
        'case_pages.page_id',
        'case_pages.material_key',
        'case_pages.position',
        'case_pages.round',
        'case_pages.verification',
        'blobs.sha256 as stored',
        'users.name as verifier',
      ])
      .where('case_pages.case_id', '=', row.id)
      .execute(),
    db
      .selectFrom('case_events')
      .leftJoin('users', 'users.id', 'case_events.actor_id')
      .select(['case_events.seq', 'case_events.type', 'case_events.at', 'case_events.payload', 'users.name as actor'])
      .where('case_events.case_id', '=', row.id)
      .orderBy('case_events.seq')
      .execute(),
    db
      .selectFrom('case_pages')
      .select((eb) => eb.fn.max<number | null>('round').as('round'))
      .where('case_id', '=', row.id)
      .where('material_key', '=', SIGNATURE_MATERIAL_KEY)
      .executeTakeFirst(),
  ]);
  if (!item) throw new Error(`Item version ${row.item_code} v${String(row.item_version)} is missing`);

  const materialOrder = new Map(item.materials.map((m, i) => [m.key, i]));
  const pageViews = pages
    .filter((p) => p.material_key !== SIGNATURE_MATERIAL_KEY)
    .sort(
      (a, b) =>
        a.round - b.round ||
        (materialOrder.get(a.material_key) ?? Infinity) - (materialOrder.get(b.material_key) ?? Infinity) ||
        a.material_key.localeCompare(b.material_key) ||
        a.position - b.position,
    )
    .map((p) => ({
      pageId: p.page_id,
      materialKey: p.material_key,
      order: p.position,
      round: p.round,
      stored: p.stored !== null,
      verification: p.verification,
      verifiedBy: p.verifier,
      url: pageUrl(row.id, p.page_id),
    }));

  let signature = body.signature;
  const latestSignatureRound = signatureRound?.round ?? null;
  if (latestSignatureRound !== null && latestSignatureRound > 1) {
    const round = await db
      .selectFrom('case_rounds')
      .select('body')
      .where('case_id', '=', row.id)
      .where('round', '=', latestSignatureRound)
      .executeTakeFirst();
    if (round) signature = caseResubmissionSchema.parse(JSON.parse(round.body)).signature ?? signature;
  }
  const signaturePage = signature ? pages.find((p) => p.page_id === signature.imageId) : undefined;

  return {
    id: row.id,
    caseNumber: row.case_number,
    status: row.status,
    round: row.round,
    version: row.version,
    windowCode: row.window_code,
    township: { name: township.name, code: township.code },
    village: village?.name ?? null,
    agent: { name: agent.name, phone: agent.phone },
    applicant: {
      ...body.applicant,
      idNumber: maskResidentId(body.applicant.idNumber),
      phone: maskPhone(body.applicant.phone),
    },
    answers: body.answers,
    item,
    pages: pageViews,
    signature: signature
      ? { ...signature, url: pageUrl(row.id, signature.imageId), stored: (signaturePage?.stored ?? null) !== null }
      : null,
    receivedAt: row.received_at,
    acceptedAt: row.accepted_at,
    closedAt: row.closed_at,
    deadline: deadlineView(calendar, todayInChina(now), row),
    dueDate: row.due_date,
    supplement: row.supplement === null ? null : supplementRequestSchema.parse(JSON.parse(row.supplement)),
    timeline: events.map((e) => ({
      seq: e.seq,
      type: caseEventTypeSchema.parse(e.type),
      at: e.at,
      actorName: e.actor,
      payload: payloadSchema.parse(JSON.parse(e.payload)),
    })),
    actions: canAct ? [...allowedActions[row.status]] : [],
  };
}
