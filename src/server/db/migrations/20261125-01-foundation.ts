import type { Kysely, Migration } from 'kysely';

/** Townships, villages, windows, users with their windows, and sessions. */
export const foundation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('townships')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('villages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addUniqueConstraint('villages_township_code', ['township_id', 'code'])
      .execute();
    await db.schema
      .createTable('windows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addUniqueConstraint('windows_township_code', ['township_id', 'code'])
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
      .addColumn('village_id', 'text', (c) => c.references('villages.id'))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('user_windows')
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('window_id', 'text', (c) => c.notNull().references('windows.id'))
      .addPrimaryKeyConstraint('user_windows_pk', ['user_id', 'window_id'])
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['sessions', 'user_windows', 'users', 'windows', 'villages', 'townships']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
