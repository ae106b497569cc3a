import type { Kysely, Migration } from 'kysely';

/**
 * Residents follow their case and rate the service (domain/tracking.ts): public contact numbers on
 * windows and townships, the township's days to fix a 差评, failed lookups and locks (kept in the
 * database so they survive restarts and hold across server processes), the short-lived access tokens
 * of successful lookups (SHA-256 only), one rating per case, and the workbench's follow-up tasks.
 */
export const tracking: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('windows').addColumn('phone', 'text').execute();
    await db.schema.alterTable('townships').addColumn('supervision_phone', 'text').execute();
    // DEFAULT_FOLLOW_UP_FIX_WORKING_DAYS as it was when this migration shipped (a migration never changes).
    await db.schema
      .alterTable('townships')
      .addColumn('follow_up_fix_days', 'integer', (c) => c.notNull().defaultTo(15))
      .execute();
    await db.schema
      .createTable('track_failures')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('track_failures_key').on('track_failures').columns(['key', 'at']).execute();
    await db.schema.createIndex('track_failures_at').on('track_failures').column('at').execute();
    await db.schema
      .createTable('track_locks')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('locked_until', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('track_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('track_tokens_expires').on('track_tokens').column('expires_at').execute();
    await db.schema
      .createTable('case_ratings')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('township_id', 'text', (c) => c.notNull())
      .addColumn('satisfaction', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('rated_at', 'text', (c) => c.notNull())
      .addColumn('follow_up_comment', 'text')
      .addColumn('follow_up_at', 'text')
      .execute();
    await db.schema
      .createTable('follow_ups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('township_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('satisfaction', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('callback_due', 'text', (c) => c.notNull())
      .addColumn('fix_due', 'text', (c) => c.notNull())
      .addColumn('called_back_at', 'text')
      .addColumn('called_back_by', 'text', (c) => c.references('users.id'))
      .addColumn('callback_note', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text', (c) => c.references('users.id'))
      .addColumn('outcome', 'text')
      .execute();
    await db.schema
      .createIndex('follow_ups_township')
      .on('follow_ups')
      .columns(['township_id', 'status', 'fix_due'])
      .execute();
    await db.schema.createIndex('follow_ups_case').on('follow_ups').columns(['case_id', 'created_at']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['follow_ups', 'case_ratings', 'track_tokens', 'track_locks', 'track_failures']) {
      await db.schema.dropTable(table).execute();
    }
    await db.schema.alterTable('townships').dropColumn('follow_up_fix_days').execute();
    await db.schema.alterTable('townships').dropColumn('supervision_phone').execute();
    await db.schema.alterTable('windows').dropColumn('phone').execute();
  },
};
