import type { Kysely, Migration } from 'kysely';

/**
 * The photo retention sweep (server/blobs/sweep-blobs.ts) looks every minute for uploads untouched
 * for BLOB_ABANDONED_DAYS: by updated_at, so that it reads only the rows that aged, not the table.
 */
export const blobSweep: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('blob_uploads_updated_at').on('blob_uploads').column('updated_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('blob_uploads_updated_at').execute();
  },
};
