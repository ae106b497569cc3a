/**
 * Carries one 补正 answer to the township: its new photos first (resumable, exactly as for a first
 * submission), then `PUT /api/cases/:id/rounds/:round` with the requested materials' pages only.
 *
 * Invariants:
 * - The body is built only from the stored answer, the same way every time, so a retry after a lost
 *   answer is byte-identical and the server (idempotent per round) answers it as the repeat it is.
 * - The answer waits until the case's first submission is 'sent': the township must hold round 1.
 * - Photo bytes and thumbnails of the answer are deleted only after the server accepted the round
 *   (which it does only with every photo verified), in the same transaction that marks it 'sent';
 *   the first submission's record is left as it was, the server's receipt updates `remote`.
 * - A refusal no retry can change — CASE_INVALID (with the server's problems), ACTION_NOT_ALLOWED
 *   (the clerk refused or moved the case meanwhile), CONFLICT, a photo gone or damaged — sets the
 *   answer aside with its reason and returns: it never blocks the other cases. Anything transient is
 *   recorded on the answer and thrown, so the run stops and a later one continues.
 */
import { caseResubmissionSchema, type CaseResubmission } from '../domain/case-lifecycle';
import { caseReceiptSchema } from '../domain/case-submission';
import { resubmissionImageIds } from './case-pages';
import { getDatabase, type CaseRecord, type CaseSync, type RemoteCase, type Resubmission, type SyncError } from './db';
import { type ApiRequestErrorCode, syncFetch } from './sync-fetch';
import type { CaseProgress } from './sync-progress';
import { errorOf, isRefusal, loadImages, LocalRefusal, REFUSALS, remoteOf, uploadImages } from './sync-push-common';
import { DEFAULT_RETRY_POLICY, retryOnNetworkError, type RetryPolicy } from './sync-retry';

/** For a round: the refusals of a first submission, and the case no longer waiting for this round. */
const ROUND_REFUSALS: ReadonlySet<ApiRequestErrorCode> = new Set<ApiRequestErrorCode>([
  ...REFUSALS,
  'ACTION_NOT_ALLOWED',
]);

export type PushResubmissionOutcome =
  | { outcome: 'sent'; remote: RemoteCase }
  | { outcome: 'set-aside'; error: SyncError }
  /** Nothing in the outbox, set aside earlier, or waiting for the first submission: nothing was done. */
  | { outcome: 'skipped' };

export type PushResubmissionOptions = {
  retry?: RetryPolicy;
  /** Called whenever the answer's committed photo bytes move. */
  onProgress?: (progress: CaseProgress) => void;
  /** The phone's clock, for error timestamps only. */
  now?: () => Date;
};

function bodyOf(resubmission: Resubmission): CaseResubmission {
  if (resubmission.submittedAt === null)
    throw new LocalRefusal('CASE_INCOMPLETE', 'The 补正 answer was never submitted on the phone');
  const parsed = caseResubmissionSchema.safeParse({
    pages: resubmission.pages,
    signature: resubmission.signature,
    submittedAt: resubmission.submittedAt,
  });
  if (!parsed.success) throw new LocalRefusal('CASE_INCOMPLETE', parsed.error.message);
  return parsed.data;
}

function imageRefs(resubmission: Resubmission): { id: string; sha256: string }[] {
  const refs = resubmission.pages.map((p) => ({ id: p.id, sha256: p.sha256 }));
  if (resubmission.signature) refs.push({ id: resubmission.signature.imageId, sha256: resubmission.signature.sha256 });
  return refs;
}

/** Writes the answer's sync state, if the case still has this round's answer in the outbox. */
async function setSync(caseId: CaseRecord['id'], round: number, sync: CaseSync): Promise<void> {
  const db = getDatabase();
  await db.transaction('rw', db.cases, async () => {
    const current = (await db.cases.get(caseId))?.resubmission;
    if (current?.round !== round || current.status !== 'outbox') return;
    await db.cases.update(caseId, { resubmission: { ...current, sync } });
  });
}

/**
 * Pushes the outbox 补正 answer of case `caseId` until the server holds the round, then marks it
 * 'sent' and deletes its photo bytes. Safe to call again after any interruption.
 * @throws NetworkError or ApiRequestError for transient failures (recorded on the answer first).
 */
export async function pushResubmission(
  caseId: CaseRecord['id'],
  options: PushResubmissionOptions = {},
): Promise<PushResubmissionOutcome> {
  const now = options.now ?? (() => new Date());
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const db = getDatabase();
  const record = await db.cases.get(caseId);
  const resubmission = record?.resubmission;
  if (!record || resubmission?.status !== 'outbox' || resubmission.sync?.state === 'set-aside')
    return { outcome: 'skipped' };
  if (record.status !== 'sent') return { outcome: 'skipped' };
  const { round } = resubmission;

  let sync: CaseSync = { state: 'uploading', bytesSent: 0, bytesTotal: 0, error: null };
  try {
    const body = bodyOf(resubmission);
    const images = await loadImages(imageRefs(resubmission));
    const bytesTotal = images.reduce((sum, image) => sum + image.bytes.byteLength, 0);
    sync = { ...sync, bytesTotal };
    await setSync(caseId, round, sync);
    options.onProgress?.({ bytesSent: 0, bytesTotal });

    await uploadImages(images, {
      retry: policy,
      onProgress: (bytesSent) => {
        sync = { ...sync, bytesSent };
        options.onProgress?.({ bytesSent, bytesTotal });
      },
      afterEach: () => setSync(caseId, round, sync),
    });

    const receipt = await retryOnNetworkError(
      () =>
        syncFetch(`/api/cases/${encodeURIComponent(caseId)}/rounds/${String(round)}`, {
          method: 'PUT',
          body,
          response: caseReceiptSchema,
        }),
      policy,
    );
    const sent: CaseSync = { state: 'sent', bytesSent: bytesTotal, bytesTotal, error: null };
    let remote: RemoteCase = { ...record.remote, ...remoteOf(receipt), round, supplement: null };
    await db.transaction('rw', [db.cases, db.photos, db.thumbs], async () => {
      const current = await db.cases.get(caseId);
      if (current?.resubmission?.round !== round || current.resubmission.status !== 'outbox') return;
      remote = { ...current.remote, ...remoteOf(receipt), round, supplement: null };
      await db.cases.update(caseId, { remote, resubmission: { ...current.resubmission, status: 'sent', sync: sent } });
      const ids = resubmissionImageIds(current.resubmission);
      await db.photos.bulkDelete(ids);
      await db.thumbs.bulkDelete(ids);
    });
    return { outcome: 'sent', remote };
  } catch (error) {
    const reason = errorOf(error, now());
    if (isRefusal(error, ROUND_REFUSALS)) {
      await setSync(caseId, round, { ...sync, state: 'set-aside', error: reason });
      return { outcome: 'set-aside', error: reason };
    }
    await setSync(caseId, round, { ...sync, error: reason });
    throw error;
  }
}
