/**
 * The agent's answer to a 补正 notice (补正 round), from the first photo to the outbox.
 *
 * Invariants:
 * - Only what the notice asks for can be added: pages for its requested materials, and a signature
 *   only when it asks for the 委托书 (SIGNATURE_MATERIAL_KEY). The first submission's pages, signature
 *   and answers are never touched; its photos were sent and are gone.
 * - The answer lives on the case (`resubmission`) as small references; its photo bytes and
 *   thumbnails are rows of `photos` / `thumbs` under their own ids, written and removed together with
 *   the references in one transaction (a killed tab or a full disk leaves the old state or the new).
 *   Removals go by id, never by case: the first submission may still be uploading its own photos.
 * - The answer is created with its first photo or signature, for the round of the open notice, and
 *   changes only while it is a 'draft'; once in the outbox it is the sync engine's
 *   (sync-push-resubmission.ts), unless the server set it aside and the agent takes it back.
 */
import { SIGNATURE_MATERIAL_KEY, type SupplementRequest } from '../domain/case-lifecycle';
import type { Page } from '../domain/case-draft';
import {
  deleteStoredPage,
  movedPages,
  resubmissionImageIds,
  storeNewPage,
  storeRetake,
  storeSignature,
} from './case-pages';
import { CaseStateError } from './case-repository';
import { getDatabase, observeQuery, type CaseRecord, type CaseSync, type RemoteCase, type Resubmission } from './db';
import type { ProcessedPhoto } from './photo-pipeline';
import { sha256Hex } from './sha256';
import { withStorageGuard } from './storage';
import type { Subscribable } from './subscribable';

export type { Resubmission } from './db';

/** Something the 补正 answer still lacks: a requested material with no page, or the new signature. */
export type ResubmissionProblem =
  | { where: 'materials'; materialKey: string; name: string; problem: 'NO_PAGES' }
  | { where: 'signature'; problem: 'SIGNATURE_MISSING' };

/** The 补正 notice the case is waiting on, or null when the township is not waiting for one. */
export function openSupplement(record: Pick<CaseRecord, 'remote'>): SupplementRequest | null {
  const remote = record.remote;
  return remote?.status === 'supplement' && remote.supplement ? remote.supplement : null;
}

/**
 * The answer to the open notice (null before its first photo); with no notice open, the latest
 * answer whatever its state (one sent, or one left behind when the township moved the case on).
 */
export function currentResubmission(record: Pick<CaseRecord, 'remote' | 'resubmission'>): Resubmission | null {
  const request = openSupplement(record);
  const resubmission = record.resubmission ?? null;
  if (!resubmission || !request) return resubmission;
  // An answer to an earlier round (sent) is not the answer to this notice.
  return resubmission.round === request.round ? resubmission : null;
}

/** Whether `request` asks for a newly signed 委托书. */
export function asksForSignature(request: SupplementRequest): boolean {
  return request.items.some((item) => item.materialKey === SIGNATURE_MATERIAL_KEY);
}

/** Everything the answer still lacks for `request`, in the notice's order (empty: ready to send). */
export function resubmissionProblems(
  request: SupplementRequest,
  resubmission: Pick<Resubmission, 'pages' | 'signature'> | null,
): ResubmissionProblem[] {
  const withPages = new Set((resubmission?.pages ?? []).map((p) => p.materialKey));
  const problems: ResubmissionProblem[] = [];
  for (const item of request.items) {
    if (item.materialKey === SIGNATURE_MATERIAL_KEY) {
      if (!resubmission?.signature) problems.push({ where: 'signature', problem: 'SIGNATURE_MISSING' });
    } else if (!withPages.has(item.materialKey)) {
      problems.push({ where: 'materials', materialKey: item.materialKey, name: item.name, problem: 'NO_PAGES' });
    }
  }
  return problems;
}

function tables() {
  const db = getDatabase();
  return { db, cases: db.cases, photos: db.photos, thumbs: db.thumbs };
}

/** The case and its answer draft for the open notice, created empty when there is none yet. */
async function draftFor(
  caseId: CaseRecord['id'],
  now: Date,
): Promise<{ record: CaseRecord; request: SupplementRequest; draft: Resubmission }> {
  const record = await getDatabase().cases.get(caseId);
  if (!record) throw new CaseStateError('NOT_FOUND', `No case ${caseId}`);
  const request = openSupplement(record);
  if (!request) throw new CaseStateError('NOT_DRAFT', `Case ${caseId} has no open 补正 notice`);
  const existing = record.resubmission ?? null;
  if (existing?.round === request.round) {
    if (existing.status !== 'draft')
      throw new CaseStateError('NOT_DRAFT', `The round ${String(request.round)} answer is ${existing.status}`);
    return { record, request, draft: existing };
  }
  if (existing && existing.status !== 'sent')
    throw new CaseStateError('NOT_DRAFT', `Round ${String(existing.round)} is still ${existing.status}`);
  const at = now.toISOString();
  const draft: Resubmission = {
    round: request.round,
    status: 'draft',
    pages: [],
    signature: null,
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    sync: null,
  };
  return { record, request, draft };
}

async function saveDraft(caseId: CaseRecord['id'], draft: Resubmission, now: Date): Promise<void> {
  await getDatabase().cases.update(caseId, { resubmission: { ...draft, updatedAt: now.toISOString() } });
}

function requestedMaterial(request: SupplementRequest, materialKey: string): boolean {
  return materialKey !== SIGNATURE_MATERIAL_KEY && request.items.some((item) => item.materialKey === materialKey);
}

/**
 * Adds a processed photo as the last page of a requested material to the answer for the open 补正
 * notice (starting the answer with its first photo).
 * @throws CaseStateError ('NOT_FOUND'; 'NOT_DRAFT' with no open notice or an answer already sent;
 *   'UNKNOWN_MATERIAL' for a material the notice does not ask for), StorageFullError (nothing changes).
 */
export async function addResubmissionPage(
  caseId: CaseRecord['id'],
  materialKey: string,
  photo: ProcessedPhoto,
  now: Date = new Date(),
): Promise<Page> {
  const { db, cases, photos, thumbs } = tables();
  return withStorageGuard(() =>
    db.transaction('rw', [cases, photos, thumbs], async () => {
      const { request, draft } = await draftFor(caseId, now);
      if (!requestedMaterial(request, materialKey))
        throw new CaseStateError('UNKNOWN_MATERIAL', `The notice does not ask for ${materialKey}`);
      const { page, pages } = await storeNewPage(caseId, draft.pages, materialKey, photo, now);
      await saveDraft(caseId, { ...draft, pages }, now);
      return page;
    }),
  );
}

/**
 * Replaces one page of the answer with a new photo (a retake), keeping its place; the new photo
 * gets a new id.
 * @throws CaseStateError ('UNKNOWN_PAGE' among others), StorageFullError (the old photo stays).
 */
export async function retakeResubmissionPage(
  caseId: CaseRecord['id'],
  pageId: Page['id'],
  photo: ProcessedPhoto,
  now: Date = new Date(),
): Promise<Page> {
  const { db, cases, photos, thumbs } = tables();
  return withStorageGuard(() =>
    db.transaction('rw', [cases, photos, thumbs], async () => {
      const { draft } = await draftFor(caseId, now);
      const retake = await storeRetake(caseId, draft.pages, pageId, photo, now);
      if (!retake) throw new CaseStateError('UNKNOWN_PAGE', `No page ${pageId}`);
      await saveDraft(caseId, { ...draft, pages: retake.pages }, now);
      return retake.page;
    }),
  );
}

/**
 * Removes one page of the answer with its photo and thumbnail; the material's other pages close the gap.
 * @throws CaseStateError
 */
export async function deleteResubmissionPage(
  caseId: CaseRecord['id'],
  pageId: Page['id'],
  now: Date = new Date(),
): Promise<void> {
  const { db, cases, photos, thumbs } = tables();
  await db.transaction('rw', [cases, photos, thumbs], async () => {
    const { draft } = await draftFor(caseId, now);
    const pages = await deleteStoredPage(draft.pages, pageId);
    if (!pages) throw new CaseStateError('UNKNOWN_PAGE', `No page ${pageId}`);
    await saveDraft(caseId, { ...draft, pages }, now);
  });
}

/**
 * Moves a page of the answer one place earlier (-1) or later (+1) within its material.
 * @throws CaseStateError
 */
export async function moveResubmissionPage(
  caseId: CaseRecord['id'],
  pageId: Page['id'],
  direction: -1 | 1,
  now: Date = new Date(),
): Promise<void> {
  const { db, cases } = tables();
  await db.transaction('rw', [cases], async () => {
    const { draft } = await draftFor(caseId, now);
    const pages = movedPages(draft.pages, pageId, direction);
    if (!pages) throw new CaseStateError('UNKNOWN_PAGE', `No page ${pageId}`);
    await saveDraft(caseId, { ...draft, pages }, now);
  });
}

/**
 * Keeps the resident's new signature (a PNG) with the answer, replacing an earlier one; only when the
 * notice asks for the 委托书.
 * @throws CaseStateError ('UNKNOWN_MATERIAL' when the notice does not ask for it), StorageFullError.
 */
export async function saveResubmissionSignature(
  caseId: CaseRecord['id'],
  png: ArrayBuffer,
  signerName: string,
  now: Date = new Date(),
): Promise<void> {
  const sha256 = await sha256Hex(png);
  const { db, cases, photos } = tables();
  await withStorageGuard(() =>
    db.transaction('rw', [cases, photos], async () => {
      const { request, draft } = await draftFor(caseId, now);
      if (!asksForSignature(request))
        throw new CaseStateError('UNKNOWN_MATERIAL', 'The notice does not ask for 委托书');
      const signature = await storeSignature(caseId, png, sha256, signerName, draft.signature, now);
      await saveDraft(caseId, { ...draft, signature }, now);
    }),
  );
}

export type ResubmitResult = { ok: true; resubmission: Resubmission } | { ok: false; problems: ResubmissionProblem[] };

/**
 * Moves the answer to the outbox when it has a page for every requested material (and the new
 * signature if asked); otherwise nothing changes and every problem is returned. Images no longer
 * referenced are removed, so only what is sent stays on the phone, and the case's unread 补正
 * notices are marked read: the agent has acted on them.
 * @throws CaseStateError ('NOT_DRAFT' with no open notice or nothing captured yet).
 */
export async function submitResubmission(caseId: CaseRecord['id'], now: Date = new Date()): Promise<ResubmitResult> {
  const { db, cases, photos, thumbs } = tables();
  return db.transaction('rw', [cases, photos, thumbs, db.notices], async (): Promise<ResubmitResult> => {
    const { request, draft } = await draftFor(caseId, now);
    const problems = resubmissionProblems(request, draft);
    if (problems.length > 0) return { ok: false, problems };
    const pages = draft.pages.filter((p) => requestedMaterial(request, p.materialKey));
    const signature = asksForSignature(request) ? draft.signature : null;
    const dropped = resubmissionImageIds(draft).filter(
      (id) => !pages.some((p) => p.id === id) && signature?.imageId !== id,
    );
    await photos.bulkDelete(dropped);
    await thumbs.bulkDelete(dropped);
    const at = now.toISOString();
    const submitted: Resubmission = {
      ...draft,
      status: 'outbox',
      pages,
      signature,
      submittedAt: at,
      updatedAt: at,
      sync: { state: 'waiting', bytesSent: 0, bytesTotal: 0, error: null },
    };
    await cases.update(caseId, { resubmission: submitted });
    await db.notices
      .where('caseId')
      .equals(caseId)
      .filter((n) => n.type === 'supplement_requested' && n.readAt === null)
      .modify({ readAt: at });
    return { ok: true, resubmission: submitted };
  });
}

/**
 * Takes an answer the server set aside (CASE_INVALID…) back into a draft so the agent can fix it;
 * its photos are still on the phone.
 * @throws CaseStateError 'NOT_DRAFT' when the answer is not set aside.
 */
export async function returnResubmissionToDraft(caseId: CaseRecord['id'], now: Date = new Date()): Promise<void> {
  const { db, cases } = tables();
  await db.transaction('rw', cases, async () => {
    const record = await cases.get(caseId);
    const resubmission = record?.resubmission;
    if (resubmission?.status !== 'outbox' || resubmission.sync?.state !== 'set-aside')
      throw new CaseStateError('NOT_DRAFT', `Case ${caseId} has no set-aside 补正 answer`);
    await cases.update(caseId, {
      resubmission: { ...resubmission, status: 'draft', sync: null, updatedAt: now.toISOString() },
    });
  });
}

/**
 * Deletes an answer not on its way (a draft, or one the server set aside) with its photos — e.g.
 * after the township refused the case meanwhile.
 * @throws CaseStateError 'NOT_DRAFT' for an answer waiting to be sent or already sent.
 */
export async function discardResubmission(caseId: CaseRecord['id']): Promise<void> {
  const { db, cases, photos, thumbs } = tables();
  await db.transaction('rw', [cases, photos, thumbs], async () => {
    const resubmission = (await cases.get(caseId))?.resubmission;
    if (!resubmission) return;
    const setAside = resubmission.status === 'outbox' && resubmission.sync?.state === 'set-aside';
    if (resubmission.status !== 'draft' && !setAside)
      throw new CaseStateError('NOT_DRAFT', `The 补正 answer of ${caseId} is ${resubmission.status}`);
    const ids = resubmissionImageIds(resubmission);
    await photos.bulkDelete(ids);
    await thumbs.bulkDelete(ids);
    await cases.update(caseId, { resubmission: null });
  });
}

/** A case that needs (or has just answered) a 补正, as the home and the sync screen list it. */
export type SupplementSummary = {
  id: CaseRecord['id'];
  itemName: string;
  /** The resident's name as typed (unmasked; the screen masks it). */
  applicantName: string;
  caseNumber: RemoteCase['caseNumber'] | null;
  /** The open notice; null for an answer whose notice is no longer open (the case moved on). */
  request: SupplementRequest | null;
  /** The answer in progress or on its way, or null before the first photo. */
  resubmission: Resubmission | null;
  /** Bytes of the answer's photos, for its progress (0 until the sync engine counts them). */
  sync: CaseSync | null;
};

async function summariesOf(
  records: CaseRecord[],
  agentId: string,
  answerOf: (record: CaseRecord) => Resubmission | null,
): Promise<SupplementSummary[]> {
  const mine = records.filter((r) => r.agentId === agentId);
  const items = await getDatabase().itemVersions.bulkGet(mine.map((r) => [r.itemCode, r.itemVersion]));
  return mine.map((r, i) => {
    const resubmission = answerOf(r);
    return {
      id: r.id,
      itemName: items[i]?.name ?? r.itemCode,
      applicantName: r.applicant.name?.trim() ?? '',
      caseNumber: r.remote?.caseNumber ?? null,
      request: openSupplement(r),
      resubmission,
      sync: resubmission?.sync ?? null,
    };
  });
}

/**
 * The agent's cases the township asked to 补正 and whose answer has not left yet (no answer, a
 * draft, or one the server set aside), oldest notice first, live. Answers waiting in the outbox are
 * listed by observeResubmissionQueue.
 */
export function observeSupplementCases(agentId: string): Subscribable<SupplementSummary[]> {
  return observeQuery(async () => {
    const records = await getDatabase().cases.where('remote.status').equals('supplement').toArray();
    const summaries = await summariesOf(records, agentId, currentResubmission);
    return summaries
      .filter(
        (s) =>
          s.request !== null &&
          (s.resubmission === null || s.resubmission.status === 'draft' || s.resubmission.sync?.state === 'set-aside'),
      )
      .sort((a, b) => (a.caseNumber ?? '').localeCompare(b.caseNumber ?? ''));
  });
}

/** The agent's 补正 answers in the outbox (waiting, uploading or set aside), oldest first, live. */
export function observeResubmissionQueue(agentId: string): Subscribable<SupplementSummary[]> {
  return observeQuery(async () => {
    const records = await getDatabase().cases.where('resubmission.status').equals('outbox').toArray();
    const summaries = await summariesOf(records, agentId, (r) => r.resubmission ?? null);
    return summaries
      .filter((s) => s.resubmission?.status === 'outbox')
      .sort((a, b) => (a.resubmission?.submittedAt ?? '').localeCompare(b.resubmission?.submittedAt ?? ''));
  });
}
