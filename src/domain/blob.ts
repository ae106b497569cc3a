/**
 * The resumable photo upload protocol (DESIGN §4). A blob is announced with its client id, size and
 * SHA-256; chunks are appended at the committed offset; `complete` verifies the hash. Every step is
 * idempotent, so a retry after any failure — a cut mid-chunk, a lost response, a restarted server —
 * continues from what the server has committed and never stores a blob twice or corrupt.
 */
import { z } from 'zod';

export const BLOB_CHUNK_BYTES = 256 * 1024;
export const BLOB_MAX_CHUNK_BYTES = 1024 * 1024;
export const BLOB_MAX_BYTES = 30 * 1024 * 1024;

/**
 * Retention (privacy: photos only as long as needed). An upload untouched this many days is
 * abandoned and deleted with its partial bytes; a stored photo no case refers to is deleted once its
 * last upload is this old. A phone that comes back later simply uploads the photo again.
 */
export const BLOB_ABANDONED_DAYS = 30;

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const blobTypeSchema = z.enum(['image/jpeg', 'image/png', 'image/webp']);

export const createBlobRequestSchema = z.object({
  id: z.uuid(),
  size: z.number().int().positive().max(BLOB_MAX_BYTES),
  sha256: sha256HexSchema,
  type: blobTypeSchema,
});
export type CreateBlobRequest = z.infer<typeof createBlobRequestSchema>;

export const blobStateSchema = z.object({
  id: z.uuid(),
  size: z.number().int().positive(),
  sha256: sha256HexSchema,
  /** Bytes the server has durably committed; the next chunk starts here. */
  offset: z.number().int().nonnegative(),
  /** Verified and stored: the phone may delete its copy. */
  complete: z.boolean(),
});
export type BlobState = z.infer<typeof blobStateSchema>;
