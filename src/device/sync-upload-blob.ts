/**
 * Sends one photo to the server with the resumable blob protocol (docs/api.md, DESIGN §4):
 * announce → append BLOB_CHUNK_BYTES chunks at the committed offset → complete (hash verified).
 *
 * Invariants:
 * - The next chunk always starts at the offset the server says it has committed, never at one the
 *   phone assumes: after a cut or a lost answer the phone asks for the offset (or the announce,
 *   idempotent by id, or an OFFSET_MISMATCH tells it). The server commits the part of a chunk that
 *   arrived before a cut, so almost nothing is sent twice — never more than the one chunk in flight.
 * - A hash mismatch at completion (a chunk corrupted on the way) restarts the upload from 0, at most
 *   MAX_HASH_RESTARTS times; the server never files a blob whose hash does not match.
 * - An upload the server no longer has (404: it sweeps uploads abandoned for BLOB_ABANDONED_DAYS)
 *   is announced again and sent from wherever the new announcement says, at most MAX_REANNOUNCES
 *   times: the photo is sent again from the start, never given up.
 * - Nothing here deletes anything: the caller drops its copy only once `complete` is true.
 */
import { BLOB_CHUNK_BYTES, blobStateSchema, type BlobState, type CreateBlobRequest } from '../domain/blob';
import { ApiRequestError, syncFetch } from './sync-fetch';
import { DEFAULT_RETRY_POLICY, retryOnNetworkError, type RetryPolicy } from './sync-retry';

export const MAX_HASH_RESTARTS = 3;
export const MAX_REANNOUNCES = 3;

/** A photo to send: its client id, bytes, type and SHA-256 (lowercase hex) of the bytes. */
export type BlobToUpload = {
  id: string;
  bytes: ArrayBuffer;
  type: CreateBlobRequest['type'];
  sha256: string;
};

export type UploadBlobOptions = {
  /** Called with the bytes the server has committed, after every step that moved them. */
  onProgress?: (committedBytes: number) => void;
  retry?: RetryPolicy;
};

/**
 * Uploads `blob` until the server holds it verified, resuming wherever the server's committed offset
 * is (from an earlier run, too).
 * @returns the final BlobState, always `complete: true`.
 * @throws NetworkError when the link is gone (retried first); ApiRequestError for refusals
 *   (BLOB_TYPE_REJECTED, …) and for BLOB_HASH_MISMATCH after MAX_HASH_RESTARTS restarts.
 */
export async function uploadBlob(blob: BlobToUpload, options: UploadBlobOptions = {}): Promise<BlobState> {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const size = blob.bytes.byteLength;
  const path = `/api/blobs/${encodeURIComponent(blob.id)}`;
  const announce: CreateBlobRequest = { id: blob.id, size, sha256: blob.sha256, type: blob.type };
  const announced = () =>
    retryOnNetworkError(
      () => syncFetch('/api/blobs', { method: 'POST', body: announce, response: blobStateSchema }),
      policy,
    );
  let reannounces = 0;
  /** Whether `error` says the server no longer has the upload, and it may be announced again. */
  const gone = (error: unknown): boolean =>
    error instanceof ApiRequestError && error.code === 'NOT_FOUND' && reannounces < MAX_REANNOUNCES;
  let state = await announced();
  options.onProgress?.(state.complete ? size : state.offset);
  let restarts = 0;
  while (!state.complete) {
    while (state.offset < size) {
      const sent = state;
      let attempts = 0;
      try {
        state = await retryOnNetworkError(async () => {
          // After a cut, ask first: the server keeps every byte that arrived, so the retry sends
          // only what is missing (a round trip instead of a re-sent chunk).
          const from = attempts++ === 0 ? sent : await syncFetch(path, { response: blobStateSchema });
          if (from.complete || from.offset >= size) return from;
          const chunk = new Uint8Array(blob.bytes, from.offset, Math.min(BLOB_CHUNK_BYTES, size - from.offset));
          return syncFetch(`${path}/chunks?offset=${String(from.offset)}`, {
            method: 'PUT',
            body: chunk,
            response: blobStateSchema,
          });
        }, policy);
      } catch (error) {
        if (gone(error)) {
          reannounces += 1;
          state = await announced();
        } else {
          // The server committed more (our answer was lost) or less (a restart lost it) than we thought.
          if (!(error instanceof ApiRequestError && error.code === 'OFFSET_MISMATCH' && error.offset !== undefined))
            throw error;
          state = { ...state, offset: error.offset };
        }
      }
      options.onProgress?.(state.offset);
    }
    // Announced again and found already stored (the same photo sent by another upload).
    if (state.complete) break;
    try {
      state = await retryOnNetworkError(
        () => syncFetch(`${path}/complete`, { method: 'POST', response: blobStateSchema }),
        policy,
      );
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      if (gone(error)) {
        reannounces += 1;
        state = await announced();
      } else if (error.code === 'BLOB_INCOMPLETE' && error.offset !== undefined) {
        state = { ...state, offset: error.offset };
      } else if (error.code === 'BLOB_HASH_MISMATCH' && restarts < MAX_HASH_RESTARTS) {
        restarts += 1;
        state = { ...state, offset: error.offset ?? 0 };
      } else {
        throw error;
      }
      options.onProgress?.(state.offset);
    }
  }
  options.onProgress?.(size);
  return state;
}
