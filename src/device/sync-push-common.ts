/**
 * What pushing a first submission (sync-push-case.ts) and a 补正 answer (sync-push-resubmission.ts)
 * share: which failures are refusals that set the work aside and which are transient, how a failure
 * is recorded, and how the stored images are read back and checked before they are sent.
 */
import { blobTypeSchema } from '../domain/blob';
import type { CaseReceipt } from '../domain/case-submission';
import { getDatabase, type RemoteCase, type StoredPhoto, type SyncError } from './db';
import { sha256Hex } from './sha256';
import { ApiRequestError, type ApiRequestErrorCode } from './sync-fetch';
import type { RetryPolicy } from './sync-retry';
import { uploadBlob } from './sync-upload-blob';

/** Server answers that mean "this, as it is, will never be accepted": set it aside. */
export const REFUSALS: ReadonlySet<ApiRequestErrorCode> = new Set<ApiRequestErrorCode>([
  'CASE_INVALID',
  'CONFLICT',
  'VALIDATION_FAILED',
  'BAD_JSON',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  'BLOB_TYPE_REJECTED',
  'NOT_FOUND',
]);

/** A refusal found on the phone itself (a photo missing or corrupt, a record that cannot be sent). */
export class LocalRefusal extends Error {
  constructor(
    readonly code: 'PHOTO_MISSING' | 'PHOTO_CORRUPT' | 'CASE_INCOMPLETE',
    message: string,
  ) {
    super(message);
  }
}

/** The server's receipt as the phone keeps it. */
export function remoteOf(receipt: CaseReceipt): RemoteCase {
  return {
    caseNumber: receipt.caseNumber,
    status: receipt.status,
    receivedAt: receipt.receivedAt,
    materials: receipt.materials,
  };
}

/** A failure as stored on the case: code, message, time and, for CASE_INVALID, the server's problems. */
export function errorOf(error: unknown, at: Date): SyncError {
  if (error instanceof ApiRequestError) {
    return {
      code: error.code,
      message: error.message,
      at: at.toISOString(),
      ...(error.problems ? { problems: error.problems } : {}),
    };
  }
  if (error instanceof LocalRefusal) return { code: error.code, message: error.message, at: at.toISOString() };
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && error.name === 'NetworkError' ? 'NETWORK' : 'UNKNOWN';
  return { code, message, at: at.toISOString() };
}

/** Whether `error` is a refusal (in `refusals`, or found on the phone) rather than something transient. */
export function isRefusal(error: unknown, refusals: ReadonlySet<ApiRequestErrorCode> = REFUSALS): boolean {
  return error instanceof LocalRefusal || (error instanceof ApiRequestError && refusals.has(error.code));
}

/**
 * The stored images with these ids, each checked against the SHA-256 its reference names.
 * @throws LocalRefusal when one is gone or does not match.
 */
export async function loadImages(refs: readonly { id: StoredPhoto['id']; sha256: string }[]): Promise<StoredPhoto[]> {
  const images: StoredPhoto[] = [];
  for (const { id, sha256 } of refs) {
    const photo = await getDatabase().photos.get(id);
    if (!photo) throw new LocalRefusal('PHOTO_MISSING', `Photo ${id} is no longer on the phone`);
    if (photo.sha256 !== sha256)
      throw new LocalRefusal('PHOTO_CORRUPT', `Photo ${id} does not match the case's reference`);
    images.push(photo);
  }
  return images;
}

/**
 * Uploads `images` one after another with the resumable blob protocol, each continuing from what the
 * server has committed. `onProgress` gets the bytes committed over all of them; `afterEach` runs
 * once an image is verified (to store the progress).
 * @throws LocalRefusal 'PHOTO_CORRUPT' when stored bytes no longer match their SHA-256 (they would
 *   fail the server's check on every attempt); NetworkError, ApiRequestError from the upload.
 */
export async function uploadImages(
  images: readonly StoredPhoto[],
  options: { retry: RetryPolicy; onProgress: (bytesSent: number) => void; afterEach: () => Promise<void> },
): Promise<void> {
  let done = 0;
  for (const image of images) {
    const before = done;
    if ((await sha256Hex(image.bytes)) !== image.sha256)
      throw new LocalRefusal('PHOTO_CORRUPT', `Photo ${image.id} no longer matches its SHA-256`);
    await uploadBlob(
      { id: image.id, bytes: image.bytes, type: blobTypeSchema.parse(image.type), sha256: image.sha256 },
      {
        retry: options.retry,
        onProgress: (committed) => {
          options.onProgress(before + committed);
        },
      },
    );
    done += image.bytes.byteLength;
    await options.afterEach();
  }
}
