import type { Kysely, Migration } from 'kysely';

/**
 * Request rate caps shared by every server process (plugins/rate-limit-store.ts): one row per counted
 * key and fixed window, its key a keyed hash — never a phone number or address. `rate_limit_secret`
 * holds that hash's per-database key; its one row is written by the first server to start, not here,
 * so a freshly migrated database stays empty (the SQLite → PostgreSQL move fills only empty ones).
 */
export const rateLimits: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rate_limit_hits')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('window_ends_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rate_limit_secret')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('rate_limit_secret').execute();
    await db.schema.dropTable('rate_limit_hits').execute();
  },
};
