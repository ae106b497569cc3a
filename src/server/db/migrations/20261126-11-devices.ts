import type { Kysely, Migration } from 'kysely';

/**
 * Enrolled phones (server/admin, routes/devices): every device token belongs to a `devices` row, so
 * an administrator sees every phone and can revoke it. `enrolment_codes` keeps only the SHA-256 of
 * each one-time code. `users.disabled_at` marks an account the administrator switched off.
 */
export const devices: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('enrolled_via', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
      .addColumn('wiped_at', 'text')
      .execute();
    await db.schema.createIndex('devices_township').on('devices').columns(['township_id', 'enrolled_at']).execute();
    await db.schema.createIndex('devices_user').on('devices').column('user_id').execute();
    await db.schema
      .createTable('enrolment_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('device_id', 'text', (c) => c.references('devices.id'))
      .execute();
    await db.schema.alterTable('sessions').addColumn('device_id', 'text').execute();
    await db.schema.createIndex('sessions_device').on('sessions').column('device_id').execute();
    await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('users').dropColumn('disabled_at').execute();
    await db.schema.dropIndex('sessions_device').execute();
    await db.schema.alterTable('sessions').dropColumn('device_id').execute();
    await db.schema.dropTable('enrolment_codes').execute();
    await db.schema.dropTable('devices').execute();
  },
};
