/**
 * Cases on the phone, from the first tap on 开始代办 until they leave for the township (outbox).
 *
 * Invariants:
 * - a case keeps the item version it was started under: createDraft copies that version into
 *   `itemVersions`, and every later check (submitCase) reads that copy, never the current catalogue;
 * - every write is one IndexedDB transaction over all the tables it touches, so a killed tab, a
 *   reload or a full disk (StorageFullError) leaves either the old state or the new one, never half;
 * - a page's photo, its thumbnail and its reference in `pages` are written and removed together;
 * - only drafts change: once in the outbox a case is read-only here (CaseStateError 'NOT_DRAFT');
 * - the signature belongs to the person named when it was drawn: changing the applicant's name or
 *   ID number afterwards removes it, and the resident signs again.
 */
import type { SessionUser } from '../domain/auth';
import { applicantSchema, submissionProblems, type Page, type SubmissionProblem } from '../domain/case-draft';
import type { ServiceItem } from '../domain/catalogue';
import { newId } from '../domain/ids';
import { answersSchemaFor, neededMaterials, type Answers, type CaseContext } from '../domain/item-answers';
import { newReceiptCode } from '../domain/receipt-code';
import {
  getDatabase,
  observeQuery,
  putCaseCommittedNow,
  type ApplicantDraft,
  type CaseRecord,
  type CaseSync,
  type DaibanDatabase,
  type RemoteCase,
  type StoredPhoto,
  type StoredThumb,
} from './db';
import {
  deleteStoredPage,
  movedPages,
  resubmissionImageIds,
  storeNewPage,
  storeRetake,
  storeSignature,
} from './case-pages';
import type { ProcessedPhoto } from './photo-pipeline';
import { sha256Hex } from './sha256';
import { withStorageGuard } from './storage';
import type { Subscribable } from './subscribable';

export type { ApplicantDraft, CaseRecord, CaseStatus, StoredPhoto, StoredThumb } from './db';
export { pagesOf } from './case-pages';

/** Cases the agent captures are proxy cases: the agent handles them for the resident. */
export const AGENT_CASE_CONTEXT: CaseContext = { proxy: true };

export type CaseStateErrorCode = 'NOT_FOUND' | 'NOT_DRAFT' | 'ITEM_MISSING' | 'UNKNOWN_MATERIAL' | 'UNKNOWN_PAGE';

/** The case is not in a state that allows the change (gone, already submitted, …). */
export class CaseStateError extends Error {
  readonly code: CaseStateErrorCode;

  constructor(code: CaseStateErrorCode, message: string) {
    super(message);
    this.name = 'CaseStateError';
    this.code = code;
  }
}

/** A case with the item version it was started under. */
export type CaseWithItem = { record: CaseRecord; item: ServiceItem };

/** One line of the drafts or outbox list. */
export type CaseSummary = {
  id: CaseRecord['id'];
  itemName: string;
  /** The resident's name as typed (unmasked; the screen masks it). */
  applicantName: string;
  receiptCode: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  /** What the server last said (办件编号, status, materials n/m); null until it has the case. */
  remote: RemoteCase | null;
  /** Progress towards the township; null for drafts. */
  sync: CaseSync | null;
};

function tables() {
  const db = getDatabase();
  return { db, cases: db.cases, itemVersions: db.itemVersions, photos: db.photos, thumbs: db.thumbs };
}

async function draftOrThrow(id: CaseRecord['id']): Promise<CaseRecord> {
  const record = await getDatabase().cases.get(id);
  if (!record) throw new CaseStateError('NOT_FOUND', `No case ${id}`);
  if (record.status !== 'draft') throw new CaseStateError('NOT_DRAFT', `Case ${id} is ${record.status}`);
  return record;
}

async function itemOf(record: CaseRecord): Promise<ServiceItem> {
  const item = await getDatabase().itemVersions.get([record.itemCode, record.itemVersion]);
  if (!item) throw new CaseStateError('ITEM_MISSING', `No copy of ${record.itemCode} v${record.itemVersion}`);
  return item;
}

/**
 * Starts a case for `item` (the version in hand) captured by `agent`; the applicant's village is
 * the agent's. The item version is copied so the case keeps it forever.
 * @throws StorageFullError when the phone is full (nothing is created).
 */
export async function createDraft(
  item: ServiceItem,
  agent: Pick<SessionUser, 'id' | 'village'>,
  now: Date = new Date(),
): Promise<CaseRecord> {
  const { db, cases, itemVersions } = tables();
  const at = now.toISOString();
  const record: CaseRecord = {
    id: newId(),
    itemCode: item.code,
    itemVersion: item.version,
    status: 'draft',
    applicant: { villageId: agent.village?.id ?? '' },
    answers: {},
    pages: [],
    signature: null,
    receiptCode: null,
    trackSecret: null,
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    agentId: agent.id,
  };
  await withStorageGuard(() =>
    db.transaction('rw', [cases, itemVersions], async () => {
      // Versions are immutable: a copy already kept for another case is the same item.
      if (!(await itemVersions.get([item.code, item.version]))) await itemVersions.add(item);
      await cases.add(record);
    }),
  );
  return record;
}

type DraftPatch = { applicant?: ApplicantDraft; answers?: Answers };

/** The record after `patch`, and the signature image to delete when the signer's identity changed. */
function patched(record: CaseRecord, patch: DraftPatch, now: Date): { next: CaseRecord; dropImage: string | null } {
  const next: CaseRecord = { ...record, updatedAt: now.toISOString() };
  if (patch.answers) next.answers = patch.answers;
  let dropImage: string | null = null;
  if (patch.applicant) {
    next.applicant = patch.applicant;
    const identityChanged =
      (patch.applicant.name ?? '') !== (record.applicant.name ?? '') ||
      (patch.applicant.idNumber ?? '') !== (record.applicant.idNumber ?? '');
    if (record.signature && identityChanged) {
      dropImage = record.signature.imageId;
      next.signature = null;
    }
  }
  return { next, dropImage };
}

/**
 * Saves what was typed: the applicant and/or the item's answers, replacing those parts whole. Values
 * are kept as typed (a draft may be incomplete or invalid); submitCase checks them.
 * @throws CaseStateError, StorageFullError (the draft stays as it was).
 */
export async function updateDraft(id: CaseRecord['id'], patch: DraftPatch, now: Date = new Date()): Promise<void> {
  const { db, cases, photos } = tables();
  await withStorageGuard(() =>
    db.transaction('rw', [cases, photos], async () => {
      const { next, dropImage } = patched(await draftOrThrow(id), patch, now);
      if (dropImage) await photos.delete(dropImage);
      await cases.put(next);
    }),
  );
}

/**
 * The page-hide variant of updateDraft: writes `snapshot` (the case as the screen last saw it) with
 * `patch` applied, committed before the handler returns (see putCaseCommittedNow) — while a page is
 * being hidden or unloaded, updateDraft's read-then-write would never reach its write. The cost is
 * that the whole record is written from the snapshot, so call it only from a pagehide /
 * visibilitychange handler, with the freshest snapshot, and only from a screen where the case cannot
 * be submitted meanwhile (the editor's form steps; their handlers go when the step unmounts). If the
 * page lives on, the same record is
 * written again through Dexie (live queries see it) and a signature the change invalidated has its
 * image deleted; if it does not, submitCase removes that image later. Never throws.
 */
export function saveDraftOnHide(snapshot: CaseRecord, patch: DraftPatch, now: Date = new Date()): Promise<void> {
  if (snapshot.status !== 'draft') return Promise.resolve();
  const db = getDatabase();
  const { next, dropImage } = patched(snapshot, patch, now);
  return putCaseCommittedNow(next)
    .then(async () => {
      await db.transaction('rw', [db.cases, db.photos], async () => {
        const current = await db.cases.get(next.id);
        if (current?.status !== 'draft') return;
        await db.cases.put(next);
        if (dropImage) await db.photos.delete(dropImage);
      });
    })
    .catch(() => undefined);
}

/** The case and the item version it was started under, or null when there is no such case. */
export async function loadCase(id: CaseRecord['id']): Promise<CaseWithItem | null> {
  const record = await getDatabase().cases.get(id);
  if (!record) return null;
  return { record, item: await itemOf(record) };
}

/** Emits the case with its item version (null once it is gone) and again on every change to it. */
export function observeCase(id: CaseRecord['id']): Subscribable<CaseWithItem | null> {
  return observeQuery(() => loadCase(id));
}

/**
 * The agent's cases in `status` as list rows, newest first: the query behind the home screen's lists.
 * `db` is the app's database (bench/livequery passes its own).
 */
export async function caseSummaries(
  db: Pick<DaibanDatabase, 'cases' | 'itemVersions'>,
  status: CaseRecord['status'],
  agentId: string,
): Promise<CaseSummary[]> {
  const records = await db.cases.where('status').equals(status).toArray();
  const mine = records.filter((r) => r.agentId === agentId);
  const items = await db.itemVersions.bulkGet(mine.map((r) => [r.itemCode, r.itemVersion]));
  const sortKey = (summary: CaseSummary): string =>
    status === 'draft' ? summary.updatedAt : (summary.submittedAt ?? summary.updatedAt);
  return mine
    .map((r, i) => ({
      id: r.id,
      itemName: items[i]?.name ?? r.itemCode,
      applicantName: r.applicant.name?.trim() ?? '',
      receiptCode: r.receiptCode,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      submittedAt: r.submittedAt,
      remote: r.remote ?? null,
      sync: r.sync ?? null,
    }))
    .sort((a, b) => sortKey(b).localeCompare(sortKey(a)));
}

/** The agent's drafts, most recently changed first, live. */
export function observeDrafts(agentId: string): Subscribable<CaseSummary[]> {
  return observeQuery(() => caseSummaries(getDatabase(), 'draft', agentId));
}

/** The agent's submitted cases still on the phone (待上传), most recent first, live. */
export function observeOutbox(agentId: string): Subscribable<CaseSummary[]> {
  return observeQuery(() => caseSummaries(getDatabase(), 'outbox', agentId));
}

/** The agent's cases the township has with every photo (已上传), most recent first, live. */
export function observeSentCases(agentId: string): Subscribable<CaseSummary[]> {
  return observeQuery(() => caseSummaries(getDatabase(), 'sent', agentId));
}

/** The agent's outbox cases the server refused as they are (set aside with the reason), live. */
export function observeSetAside(agentId: string): Subscribable<CaseSummary[]> {
  return observeQuery(async () =>
    (await caseSummaries(getDatabase(), 'outbox', agentId)).filter((summary) => summary.sync?.state === 'set-aside'),
  );
}

/**
 * Moves a case the server set aside back to the drafts so the agent can fix and resubmit it. It keeps
 * its id, receipt code and tracking secret (the resident's paper receipt stays valid); the photos are
 * still on the phone, since they are only deleted once the server confirmed them.
 * @throws CaseStateError 'NOT_FOUND', or 'NOT_DRAFT' when the case is not set aside in the outbox.
 */
export async function returnToDrafts(id: CaseRecord['id'], now: Date = new Date()): Promise<void> {
  const { db, cases } = tables();
  await db.transaction('rw', cases, async () => {
    const record = await cases.get(id);
    if (!record) throw new CaseStateError('NOT_FOUND', `No case ${id}`);
    if (record.status !== 'outbox' || record.sync?.state !== 'set-aside')
      throw new CaseStateError('NOT_DRAFT', `Case ${id} is not set aside`);
    await cases.put({ ...record, status: 'draft', sync: null, updatedAt: now.toISOString() });
  });
}

/**
 * Deletes a draft with all its photos, thumbnails and signature, in one transaction.
 * @throws CaseStateError 'NOT_DRAFT' for a submitted case (those are never deleted here).
 */
export async function deleteDraft(id: CaseRecord['id']): Promise<void> {
  const { db, cases, photos, thumbs } = tables();
  await db.transaction('rw', [cases, photos, thumbs], async () => {
    const record = await cases.get(id);
    if (!record) return;
    if (record.status !== 'draft') throw new CaseStateError('NOT_DRAFT', `Case ${id} is ${record.status}`);
    await photos.where('caseId').equals(id).delete();
    await thumbs.where('caseId').equals(id).delete();
    await cases.delete(id);
  });
}

/**
 * Adds a processed photo as the last page of `materialKey`: the photo, its thumbnail and the page
 * reference (flagged 原件待核验) are stored together or not at all.
 * @throws CaseStateError, StorageFullError (the draft stays as it was).
 */
export async function addPage(
  caseId: CaseRecord['id'],
  materialKey: string,
  photo: ProcessedPhoto,
  now: Date = new Date(),
): Promise<Page> {
  const { db, cases, itemVersions, photos, thumbs } = tables();
  return withStorageGuard(() =>
    db.transaction('rw', [cases, itemVersions, photos, thumbs], async () => {
      const record = await draftOrThrow(caseId);
      const item = await itemVersions.get([record.itemCode, record.itemVersion]);
      if (!item?.materials.some((m) => m.key === materialKey)) {
        throw new CaseStateError('UNKNOWN_MATERIAL', `No material ${materialKey} in ${record.itemCode}`);
      }
      const { page, pages } = await storeNewPage(caseId, record.pages, materialKey, photo, now);
      await cases.update(caseId, { pages, updatedAt: now.toISOString() });
      return page;
    }),
  );
}

/**
 * Replaces one page's photo with a new one (a retake), keeping its place. The new photo gets a new
 * id: an id never names two different photos.
 * @throws CaseStateError, StorageFullError (the old photo stays).
 */
export async function retakePage(
  caseId: CaseRecord['id'],
  pageId: Page['id'],
  photo: ProcessedPhoto,
  now: Date = new Date(),
): Promise<Page> {
  const { db, cases, photos, thumbs } = tables();
  return withStorageGuard(() =>
    db.transaction('rw', [cases, photos, thumbs], async () => {
      const record = await draftOrThrow(caseId);
      const retake = await storeRetake(caseId, record.pages, pageId, photo, now);
      if (!retake) throw new CaseStateError('UNKNOWN_PAGE', `No page ${pageId}`);
      await cases.update(caseId, { pages: retake.pages, updatedAt: now.toISOString() });
      return retake.page;
    }),
  );
}

/**
 * Removes one page with its photo and thumbnail; the material's other pages close the gap.
 * @throws CaseStateError
 */
export async function deletePage(caseId: CaseRecord['id'], pageId: Page['id'], now: Date = new Date()): Promise<void> {
  const { db, cases, photos, thumbs } = tables();
  await db.transaction('rw', [cases, photos, thumbs], async () => {
    const record = await draftOrThrow(caseId);
    const pages = await deleteStoredPage(record.pages, pageId);
    if (!pages) throw new CaseStateError('UNKNOWN_PAGE', `No page ${pageId}`);
    await cases.update(caseId, { pages, updatedAt: now.toISOString() });
  });
}

/**
 * Moves a page one place earlier (-1) or later (+1) within its material; at either end it stays.
 * @throws CaseStateError
 */
export async function movePage(
  caseId: CaseRecord['id'],
  pageId: Page['id'],
  direction: -1 | 1,
  now: Date = new Date(),
): Promise<void> {
  const { db, cases } = tables();
  await db.transaction('rw', [cases], async () => {
    const record = await draftOrThrow(caseId);
    const pages = movedPages(record.pages, pageId, direction);
    if (!pages) throw new CaseStateError('UNKNOWN_PAGE', `No page ${pageId}`);
    await cases.update(caseId, { pages, updatedAt: now.toISOString() });
  });
}

/**
 * Keeps the resident's signature (a PNG drawn on the screen) with the case, replacing any earlier one.
 * @throws CaseStateError, StorageFullError (the earlier signature, if any, stays).
 */
export async function saveSignature(
  caseId: CaseRecord['id'],
  png: ArrayBuffer,
  signerName: string,
  now: Date = new Date(),
): Promise<void> {
  const sha256 = await sha256Hex(png);
  const { db, cases, photos } = tables();
  await withStorageGuard(() =>
    db.transaction('rw', [cases, photos], async () => {
      const record = await draftOrThrow(caseId);
      const signature = await storeSignature(caseId, png, sha256, signerName, record.signature, now);
      await cases.update(caseId, { signature, updatedAt: now.toISOString() });
    }),
  );
}

/**
 * Removes the signature so the resident can sign again.
 * @throws CaseStateError
 */
export async function clearSignature(caseId: CaseRecord['id'], now: Date = new Date()): Promise<void> {
  const { db, cases, photos } = tables();
  await db.transaction('rw', [cases, photos], async () => {
    const record = await draftOrThrow(caseId);
    if (!record.signature) return;
    await photos.delete(record.signature.imageId);
    await cases.update(caseId, { signature: null, updatedAt: now.toISOString() });
  });
}

/** The stored bytes of a page photo or signature (read once, for a full view; never live-queried). */
export async function loadPhoto(id: StoredPhoto['id']): Promise<StoredPhoto | null> {
  return (await getDatabase().photos.get(id)) ?? null;
}

/** The thumbnails of a case's pages, live (small JPEGs; page order comes from the case). */
export function observeThumbs(caseId: CaseRecord['id']): Subscribable<StoredThumb[]> {
  return observeQuery(() => getDatabase().thumbs.where('caseId').equals(caseId).toArray());
}

/** Everything that stops `record` from being submitted under `item`, all at once. */
export function problemsOf(record: CaseRecord, item: ServiceItem): SubmissionProblem[] {
  return submissionProblems({
    item,
    applicant: record.applicant,
    answers: record.answers,
    pages: record.pages,
    signature: record.signature,
    context: AGENT_CASE_CONTEXT,
  });
}

/** 128 random bits, base64url without padding (22 characters). */
function newTrackSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export type SubmitResult = { ok: true; record: CaseRecord } | { ok: false; problems: SubmissionProblem[] };

/**
 * Moves a complete draft to the outbox. The check runs again here, against the item version the case
 * was started under; if anything is missing or invalid nothing changes and every problem is returned.
 * On success the stored applicant and answers are the normalised ones (answers of hidden fields
 * dropped), pages of materials no longer needed are removed with their photos (collect the minimum),
 * and the case gets its receipt code and tracking secret.
 * @throws CaseStateError, StorageFullError (the draft stays a draft).
 */
export async function submitCase(caseId: CaseRecord['id'], now: Date = new Date()): Promise<SubmitResult> {
  const { db, cases, itemVersions, photos, thumbs } = tables();
  return withStorageGuard(() =>
    db.transaction('rw', [cases, itemVersions, photos, thumbs], async (): Promise<SubmitResult> => {
      const record = await draftOrThrow(caseId);
      const item = await itemOf(record);
      const problems = problemsOf(record, item);
      if (problems.length > 0) return { ok: false, problems };

      const answers = answersSchemaFor(item, AGENT_CASE_CONTEXT, () => now).parse(record.answers);
      const needed = new Set(neededMaterials(item, record.answers, AGENT_CASE_CONTEXT).map((m) => m.key));
      const pages = record.pages.filter((p) => needed.has(p.materialKey));
      // Only what is sent stays: pages of materials no longer needed, and any image left unlinked.
      const kept = new Set([
        ...pages.map((p) => p.id),
        ...(record.signature ? [record.signature.imageId] : []),
        ...resubmissionImageIds(record.resubmission),
      ]);
      const stray = (ids: string[]) => ids.filter((id) => !kept.has(id));
      await photos.bulkDelete(stray(await photos.where('caseId').equals(caseId).primaryKeys()));
      await thumbs.bulkDelete(stray(await thumbs.where('caseId').equals(caseId).primaryKeys()));
      const applicant: ApplicantDraft = applicantSchema.parse(record.applicant);
      const submitted: CaseRecord = {
        ...record,
        status: 'outbox',
        applicant,
        answers,
        pages,
        // A case returned from the set-aside pile keeps the receipt the resident already holds.
        receiptCode: record.receiptCode ?? newReceiptCode(),
        trackSecret: record.trackSecret ?? newTrackSecret(),
        submittedAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await cases.put(submitted);
      return { ok: true, record: submitted };
    }),
  );
}
