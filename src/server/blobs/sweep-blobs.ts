/**
 * Retention of photos (privacy: keep them only as long as needed). Walks the uploads untouched for
 * BLOB_ABANDONED_DAYS — a phone that was revoked, wiped, or never came back — oldest first:
 * - an incomplete upload is deleted with its part file;
 * - a finished upload's row is deleted (the stored blob does not need it: announcing the same photo
 *   again finds the blob and completes at once), which keeps this walk to the rows that just aged;
 * - then each blob those rows named is deleted with its file if no case page, signature or 补正 page
 *   (case_pages) refers to it and no upload row names it any more.
 *
 * Safe beside live uploads and a second process: every delete repeats its condition in the
 * statement, and the blob store touches an upload's updated_at whenever a phone announces, appends
 * to or completes it, so an upload in use is never old. Files go only after their row is gone, and a
 * blob file only with the last row that named its SHA-256 (the store is content-addressed: two
 * uploads, or a case, may share one file). A phone whose upload was swept starts that photo again.
 */
import fsp from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { BLOB_ABANDONED_DAYS } from '../../domain/blob';
import type { Database } from '../db/schema';
import { blobPaths } from './blob-paths';

const DAY_MS = 86_400_000;

/** Rows looked at per statement, and batches per run: a large backlog is worked off over several runs. */
const BATCH_ROWS = 500;
const MAX_BATCHES = 20;

export type BlobSweepReport = {
  /** Incomplete uploads deleted with their part files. */
  abandonedUploads: number;
  /** Rows of finished uploads deleted. */
  finishedUploads: number;
  /** Stored blobs no case refers to, deleted with their files. */
  unreferencedBlobs: number;
};

/** Deletes the blob `sha256` and its file if no case page and no upload row names it; true if it did. */
async function dropIfUnused(db: Kysely<Database>, file: string, sha256: string, cutoff: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('blobs')
    .where('sha256', '=', sha256)
    .where('created_at', '<', cutoff)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(eb.selectFrom('case_pages').select('case_pages.case_id').where('case_pages.sha256', '=', sha256)),
        ),
        eb.not(
          eb.exists(eb.selectFrom('blob_uploads').select('blob_uploads.id').where('blob_uploads.sha256', '=', sha256)),
        ),
      ]),
    )
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) return false;
  await fsp.rm(file, { force: true });
  return true;
}

/** Applies the retention rule as of `now` to the store under `dataDir`; reports what it deleted. */
export async function sweepBlobs(db: Kysely<Database>, dataDir: string, now: Date): Promise<BlobSweepReport> {
  const paths = blobPaths(dataDir);
  const cutoff = new Date(now.getTime() - BLOB_ABANDONED_DAYS * DAY_MS).toISOString();
  const report: BlobSweepReport = { abandonedUploads: 0, finishedUploads: 0, unreferencedBlobs: 0 };
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const rows = await db
      .selectFrom('blob_uploads')
      .select(['id', 'sha256', 'complete'])
      .where('updated_at', '<', cutoff)
      .orderBy('updated_at')
      .limit(BATCH_ROWS)
      .execute();
    for (const row of rows) {
      const deleted = await db
        .deleteFrom('blob_uploads')
        .where('id', '=', row.id)
        .where('complete', '=', row.complete)
        .where('updated_at', '<', cutoff)
        .executeTakeFirst();
      if (deleted.numDeletedRows === 0n) continue;
      if (row.complete === 1) {
        report.finishedUploads += 1;
      } else {
        report.abandonedUploads += 1;
        await fsp.rm(paths.part(row.id), { force: true });
      }
    }
    for (const sha256 of new Set(rows.map((r) => r.sha256))) {
      if (await dropIfUnused(db, paths.blob(sha256), sha256, cutoff)) report.unreferencedBlobs += 1;
    }
    if (rows.length < BATCH_ROWS) break;
  }
  return report;
}
