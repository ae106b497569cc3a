/**
 * Resumable, content-addressed photo storage under DATA_DIR.
 *
 * Invariants:
 * - `committed` in the database never runs ahead of the bytes on disk: bytes are written and
 *   fsynced before the offset is recorded. After a crash the part file may hold more than
 *   `committed` (written, never acknowledged); the next append truncates it back first.
 * - A chunk is streamed to disk as it arrives. When the connection breaks mid-chunk, the bytes that
 *   did arrive are fsynced and committed, so the retry (which asks for the offset first) continues
 *   exactly where the line broke: a cut costs a round trip, not a re-sent chunk. Bytes are not
 *   checked one by one — the SHA-256 at completion catches any corruption and resets the upload.
 * - A blob reaches the store (blobs/ab/<sha256>) only after its bytes hash to the declared SHA-256
 *   and start like a JPEG, PNG or WebP. A mismatch resets the upload to 0: never stored corrupt.
 * - Every operation is idempotent: repeating a create, an append or a complete has the effect of once.
 * - `updated_at` says when a phone last used the upload (announced, appended, completed): the
 *   retention sweep (sweep-blobs.ts) deletes uploads by it, so an upload in use is never swept, and
 *   an announce that finds its upload or the stored blob gone starts the photo again from 0.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { BLOB_MAX_CHUNK_BYTES, type BlobState, type CreateBlobRequest } from '../../domain/blob';
import type { BlobUploadTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import { blobPaths } from './blob-paths';
import { sniffImageType } from './magic-bytes';

/** A chunk's body as it arrives: a stream that may break off, and a way to end it early. */
export type ChunkSource = {
  bytes: AsyncIterable<Uint8Array>;
  /** The Content-Length, when the client sent one. */
  declaredLength: number | undefined;
  /** Ends the stream: the pending read fails, whatever arrived is kept. */
  cancel: () => void;
};

export type BlobStore = {
  create: (ownerId: string, request: CreateBlobRequest, now: Date) => Promise<BlobState>;
  /** The committed offset; ends a chunk of this upload still arriving (the phone gave up on it). */
  state: (ownerId: string, id: string) => Promise<BlobState>;
  /**
   * Appends the bytes of `source` at `offset` (≤ the committed offset; bytes before it are skipped).
   * Bytes that arrived before the source broke off are committed too, so a retry re-sends nothing.
   */
  append: (ownerId: string, id: string, offset: number, source: ChunkSource, now: Date) => Promise<BlobState>;
  complete: (ownerId: string, id: string, now: Date) => Promise<BlobState>;
  /** Where a stored blob's bytes are, or undefined if the store does not hold it. */
  pathOf: (sha256: string) => Promise<string | undefined>;
};

function toState(row: BlobUploadTable): BlobState {
  return { id: row.id, size: row.size, sha256: row.sha256, offset: row.committed, complete: row.complete === 1 };
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function hashFile(file: string, size: number): Promise<{ sha256: string; head: Uint8Array }> {
  const hash = createHash('sha256');
  let head = new Uint8Array();
  const stream = fs.createReadStream(file, { start: 0, end: size - 1, highWaterMark: 256 * 1024 });
  for await (const chunk of stream) {
    if (!(chunk instanceof Buffer)) continue;
    if (head.length < 16) head = Uint8Array.from([...head, ...chunk.subarray(0, 16 - head.length)]);
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), head };
}

export function createBlobStore(db: Kysely<Database>, dataDir: string): BlobStore {
  const paths = blobPaths(dataDir);
  fs.mkdirSync(paths.uploadsDir, { recursive: true });
  fs.mkdirSync(paths.blobsDir, { recursive: true });
  const partPath = paths.part;
  const blobPath = paths.blob;

  // One operation per upload at a time in this process; the conditional updates below keep several
  // processes honest too.
  const locks = new Map<string, Promise<unknown>>();
  function locked<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = locks.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    locks.set(id, settled);
    void settled.then(() => {
      if (locks.get(id) === settled) locks.delete(id);
    });
    return next;
  }

  async function ownRow(ownerId: string, id: string): Promise<BlobUploadTable> {
    const row = await db.selectFrom('blob_uploads').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.owner_id !== ownerId) throw new HttpProblem(404, 'NOT_FOUND', 'No such upload');
    return row;
  }

  async function reset(id: string, now: Date, options: { reopen?: boolean } = {}): Promise<void> {
    await fsp.writeFile(partPath(id), new Uint8Array());
    await db
      .updateTable('blob_uploads')
      .set({ committed: 0, updated_at: now.toISOString(), ...(options.reopen ? { complete: 0 } : {}) })
      .where('id', '=', id)
      .execute();
  }

  /** Marks the upload in use now (the sweep judges uploads by updated_at); false when it is gone. */
  async function touch(id: string, now: Date): Promise<boolean> {
    const touched = await db
      .updateTable('blob_uploads')
      .set({ updated_at: now.toISOString() })
      .where('id', '=', id)
      .executeTakeFirst();
    return touched.numUpdatedRows > 0n;
  }

  /** Whether the store holds a blob of this SHA-256 and size. */
  async function holds(sha256: string, size: number): Promise<boolean> {
    const stored = await db.selectFrom('blobs').select('size').where('sha256', '=', sha256).executeTakeFirst();
    return stored !== undefined && stored.size === size;
  }

  /** The upload currently receiving bytes, per id, so a newer request can end a stalled one. */
  const active = new Map<string, { cancel: () => void }>();

  async function commit(id: string, from: number, to: number, now: Date): Promise<boolean> {
    const updated = await db
      .updateTable('blob_uploads')
      .set({ committed: to, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('committed', '=', from)
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  }

  async function receive(
    ownerId: string,
    id: string,
    offset: number,
    source: ChunkSource,
    now: Date,
  ): Promise<BlobState> {
    const row = await ownRow(ownerId, id);
    if (row.complete === 1) return toState(row);
    if (offset > row.committed) {
      throw new HttpProblem(409, 'OFFSET_MISMATCH', 'Chunk does not start at the committed offset', {
        offset: row.committed,
      });
    }
    if (source.declaredLength !== undefined && offset + source.declaredLength > row.size)
      throw new HttpProblem(400, 'VALIDATION_FAILED', 'Chunk runs past the declared size', { field: 'offset' });

    const file = partPath(id);
    const onDisk = await fsp.stat(file).then(
      (s) => s.size,
      () => -1,
    );
    if (onDisk < row.committed) {
      // The part file lost bytes we acknowledged (disk restored from an old backup?): start over.
      await reset(id, now);
      throw new HttpProblem(409, 'OFFSET_MISMATCH', 'Upload restarted', { offset: 0 });
    }
    const handle = await fsp.open(file, 'r+');
    let position = row.committed;
    let received = 0;
    let failure: unknown;
    try {
      await handle.truncate(row.committed);
      for await (const piece of source.bytes) {
        const start = offset + received;
        received += piece.length;
        if (received > BLOB_MAX_CHUNK_BYTES || offset + received > row.size) {
          await handle.truncate(row.committed);
          position = row.committed;
          throw new HttpProblem(400, 'VALIDATION_FAILED', 'Chunk runs past the declared size or the chunk limit', {
            field: 'offset',
          });
        }
        // Bytes before the committed offset were already stored (a retry of a chunk whose answer
        // was lost): skip them.
        const fresh = piece.subarray(Math.max(0, position - start));
        if (fresh.length === 0) continue;
        await handle.write(fresh, 0, fresh.length, position);
        position += fresh.length;
      }
    } catch (error) {
      failure = error;
    }
    try {
      // Whatever arrived before a cut is kept: the retry continues after it (re-sending nothing).
      if (position > row.committed) await handle.sync();
    } finally {
      await handle.close();
    }
    if (position > row.committed && !(await commit(id, row.committed, position, now))) {
      const current = await ownRow(ownerId, id);
      throw new HttpProblem(409, 'OFFSET_MISMATCH', 'Another request moved the offset', { offset: current.committed });
    }
    if (failure instanceof Error) throw failure;
    if (failure !== undefined) throw new Error('chunk failed', { cause: failure });
    if (received === 0)
      throw new HttpProblem(400, 'VALIDATION_FAILED', 'Send the chunk as a non-empty application/octet-stream body', {
        field: 'body',
      });
    return { ...toState(row), offset: Math.max(position, row.committed) };
  }

  return {
    create: (ownerId, request, now) =>
      locked(request.id, async () => {
        const existing = await db
          .selectFrom('blob_uploads')
          .selectAll()
          .where('id', '=', request.id)
          .executeTakeFirst();
        if (existing) {
          const same =
            existing.owner_id === ownerId &&
            existing.size === request.size &&
            existing.sha256 === request.sha256 &&
            existing.type === request.type;
          if (!same) throw new HttpProblem(409, 'CONFLICT', 'This blob id is already used for different content');
          // Announced again: the phone is at it, so the sweep leaves the upload alone for a while more.
          if (await touch(request.id, now)) return toState(existing);
          // Swept between the read and the touch: announced afresh below.
        }
        const alreadyHeld = await holds(request.sha256, request.size);
        if (!alreadyHeld) await fsp.writeFile(partPath(request.id), new Uint8Array());
        const row: BlobUploadTable = {
          id: request.id,
          owner_id: ownerId,
          size: request.size,
          sha256: request.sha256,
          type: request.type,
          committed: alreadyHeld ? request.size : 0,
          complete: alreadyHeld ? 1 : 0,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        };
        await db.insertInto('blob_uploads').values(row).execute();
        // The sweep keeps a blob while any upload row names it; one that went between our look and our
        // insert is not there to be had: this upload starts from 0 instead.
        if (alreadyHeld && !(await holds(request.sha256, request.size))) {
          await reset(request.id, now, { reopen: true });
          return toState({ ...row, committed: 0, complete: 0 });
        }
        return toState(row);
      }),

    state: (ownerId, id) => {
      // A phone asks for the offset only after it lost a request: a chunk of this upload still
      // arriving is from that lost request (its connection half-open). End it and answer once its
      // bytes are committed, so the retry starts after them.
      active.get(id)?.cancel();
      return locked(id, async () => toState(await ownRow(ownerId, id)));
    },

    append: (ownerId, id, offset, source, now) => {
      // A newer request for the same upload means the phone gave up on the older one (a half-open
      // connection after the signal dropped): end it, so its bytes are committed and the lock freed.
      active.get(id)?.cancel();
      const receiving = {
        cancel: () => {
          source.cancel();
        },
      };
      active.set(id, receiving);
      return locked(id, async () => {
        try {
          return await receive(ownerId, id, offset, source, now);
        } finally {
          if (active.get(id) === receiving) active.delete(id);
        }
      });
    },

    complete: (ownerId, id, now) =>
      locked(id, async () => {
        const row = await ownRow(ownerId, id);
        if (row.complete === 1) return toState(row);
        if (row.committed < row.size) {
          throw new HttpProblem(409, 'BLOB_INCOMPLETE', 'Not all bytes have arrived', { offset: row.committed });
        }
        // In use: the sweep must not take the part file while it is hashed and filed.
        if (!(await touch(id, now))) throw new HttpProblem(404, 'NOT_FOUND', 'No such upload');
        const file = partPath(id);
        const { sha256, head } = await hashFile(file, row.size);
        if (sha256 !== row.sha256) {
          await reset(id, now);
          throw new HttpProblem(
            422,
            'BLOB_HASH_MISMATCH',
            'The bytes do not match the declared SHA-256; send them again',
            {
              offset: 0,
            },
          );
        }
        const type = sniffImageType(head);
        if (!type) {
          await reset(id, now);
          throw new HttpProblem(422, 'BLOB_TYPE_REJECTED', 'Only JPEG, PNG and WebP images are accepted');
        }
        const dest = blobPath(sha256);
        const held = await fsp.stat(dest).then(
          () => true,
          () => false,
        );
        if (held) {
          await fsp.rm(file, { force: true });
        } else {
          await fsp.truncate(file, row.size);
          await fsp.mkdir(path.dirname(dest), { recursive: true });
          await fsp.rename(file, dest);
          await fsyncDir(path.dirname(dest));
        }
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('blobs')
            .values({ sha256, size: row.size, type, created_at: now.toISOString() })
            .onConflict((oc) => oc.column('sha256').doNothing())
            .execute();
          await trx
            .updateTable('blob_uploads')
            .set({ complete: 1, committed: row.size, updated_at: now.toISOString() })
            .where('id', '=', id)
            .execute();
        });
        return { ...toState(row), offset: row.size, complete: true };
      }),

    pathOf: async (sha256) => {
      const row = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
      return row ? blobPath(sha256) : undefined;
    },
  };
}
