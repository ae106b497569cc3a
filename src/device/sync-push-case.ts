/**
 * Carries one outbox case to the township: the case document first (small, so the clerk sees it and
 * "材料上传中 n/m" at once), then every page photo and the signature, one request at a time (the
 * run pushes another case beside this one to keep the line busy, see sync-run.ts).
 *
 * Invariants:
 * - The body is built only from the stored record, the same way every time, so a retry after a lost
 *   answer is byte-identical and the server answers it as the repeat it is (never a second case).
 * - Photo bytes are deleted only after the server has confirmed every blob of the case complete, and
 *   in the same transaction that marks the case 'sent'; the small record (办件编号, status) stays.
 * - The case is PUT once per push. The server counts a material stored once the blob with its
 *   SHA-256 is, and the case's materials are exactly the images sent here, so when every upload has
 *   come back complete the receipt's count is all of them: the stored receipt says so without asking
 *   again (a second PUT would cost a round trip and the whole document once more per case). Status
 *   changes made meanwhile arrive with the pull that ends the run.
 * - A refusal that no retry can change (CASE_INVALID, CONFLICT, a rejected photo…) sets the case aside
 *   with its reason and returns: it never blocks the other cases. Anything transient (no answer, a
 *   5xx, an expired token) is recorded on the case and thrown, so the run stops and a later one
 *   continues where the server's committed state is.
 */
import { caseReceiptSchema, caseSubmissionSchema, type CaseSubmission } from '../domain/case-submission';
import { getDatabase, type CaseRecord, type CaseSync, type RemoteCase, type StoredPhoto, type SyncError } from './db';
import { sha256Hex } from './sha256';
import { syncFetch } from './sync-fetch';
import { errorOf, isRefusal, loadImages, LocalRefusal, remoteOf, uploadImages } from './sync-push-common';
import type { CaseProgress } from './sync-progress';
import { DEFAULT_RETRY_POLICY, retryOnNetworkError, type RetryPolicy } from './sync-retry';

export type PushCaseOutcome =
  | { outcome: 'sent'; remote: RemoteCase }
  | { outcome: 'set-aside'; error: SyncError }
  /** Not in the outbox (a draft, already sent, or set aside earlier): nothing was done. */
  | { outcome: 'skipped' };

export type PushCaseOptions = {
  retry?: RetryPolicy;
  /** Called whenever the case's committed photo bytes move. */
  onProgress?: (progress: CaseProgress) => void;
  /** The phone's clock, for error timestamps only. */
  now?: () => Date;
};

/**
 * The case document exactly as sent. trackSecretHash is the SHA-256 (hex) of the UTF-8 secret as it
 * appears in the receipt's QR link; the secret itself never leaves the phone.
 */
async function submissionOf(record: CaseRecord): Promise<CaseSubmission> {
  if (record.trackSecret === null || record.receiptCode === null || record.submittedAt === null)
    throw new LocalRefusal('CASE_INCOMPLETE', 'The case was never submitted on the phone');
  const parsed = caseSubmissionSchema.safeParse({
    itemCode: record.itemCode,
    itemVersion: record.itemVersion,
    applicant: record.applicant,
    answers: record.answers,
    pages: record.pages,
    signature: record.signature,
    receiptCode: record.receiptCode,
    trackSecretHash: await sha256Hex(new TextEncoder().encode(record.trackSecret).buffer),
    submittedAt: record.submittedAt,
  });
  if (!parsed.success) throw new LocalRefusal('CASE_INCOMPLETE', parsed.error.message);
  return parsed.data;
}

/** The ids of the case's stored images: every page photo, then the signature. */
function imageIds(record: CaseRecord): { id: StoredPhoto['id']; sha256: string }[] {
  const ids = record.pages.map((p) => ({ id: p.id, sha256: p.sha256 }));
  if (record.signature) ids.push({ id: record.signature.imageId, sha256: record.signature.sha256 });
  return ids;
}

async function setSync(caseId: CaseRecord['id'], sync: CaseSync): Promise<void> {
  await getDatabase().cases.update(caseId, { sync });
}

/**
 * Pushes the outbox case `caseId` until the server holds it and every photo, then marks it 'sent'
 * and deletes its photo bytes. Safe to call again after any interruption: it continues from what the
 * server has committed.
 * @throws NetworkError or ApiRequestError for transient failures (recorded on the case first).
 */
export async function pushCase(caseId: CaseRecord['id'], options: PushCaseOptions = {}): Promise<PushCaseOutcome> {
  const now = options.now ?? (() => new Date());
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const db = getDatabase();
  const record = await db.cases.get(caseId);
  if (record?.status !== 'outbox' || record.sync?.state === 'set-aside') return { outcome: 'skipped' };

  let sync: CaseSync = { state: 'uploading', bytesSent: 0, bytesTotal: 0, error: null };
  try {
    const submission = await submissionOf(record);
    const images = await loadImages(imageIds(record));
    const bytesTotal = images.reduce((sum, image) => sum + image.bytes.byteLength, 0);
    sync = { ...sync, bytesTotal };
    await setSync(caseId, sync);
    options.onProgress?.({ bytesSent: 0, bytesTotal });

    const receipt = await retryOnNetworkError(
      () =>
        syncFetch(`/api/cases/${encodeURIComponent(caseId)}`, {
          method: 'PUT',
          body: submission,
          response: caseReceiptSchema,
        }),
      policy,
    );
    await db.cases.update(caseId, { remote: remoteOf(receipt) });

    await uploadImages(images, {
      retry: policy,
      onProgress: (bytesSent) => {
        sync = { ...sync, bytesSent };
        options.onProgress?.({ bytesSent, bytesTotal });
      },
      afterEach: () => setSync(caseId, sync),
    });

    const { total } = receipt.materials;
    const remote: RemoteCase = { ...remoteOf(receipt), materials: { verified: total, total } };
    const sent: CaseSync = { state: 'sent', bytesSent: bytesTotal, bytesTotal, error: null };
    await db.transaction('rw', [db.cases, db.photos, db.thumbs], async () => {
      const current = await db.cases.get(caseId);
      if (current?.status !== 'outbox') return;
      await db.cases.update(caseId, { status: 'sent', remote, sync: sent });
      await db.photos.bulkDelete(images.map((image) => image.id));
      // By id: a 补正 answer being captured meanwhile keeps its own photos and thumbnails.
      await db.thumbs.bulkDelete(images.map((image) => image.id));
    });
    return { outcome: 'sent', remote };
  } catch (error) {
    const reason = errorOf(error, now());
    if (isRefusal(error)) {
      await setSync(caseId, { ...sync, state: 'set-aside', error: reason });
      return { outcome: 'set-aside', error: reason };
    }
    await setSync(caseId, { ...sync, error: reason });
    throw error;
  }
}
