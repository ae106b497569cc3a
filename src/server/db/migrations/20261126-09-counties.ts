import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Counties (县): one server hosts every township of a county. A township may belong to a county; a
 * county administrator (role 'county_admin') belongs to a county and to no township, so
 * users.township_id becomes nullable and users gains county_id. Every user belongs to exactly one of
 * the two (a CHECK): township staff and agents to a township, county administrators to a county.
 *
 * SQLite cannot drop NOT NULL or add a CHECK to a table, so there users is rebuilt (the documented
 * 12-step way: foreign keys off, copy, swap, check, foreign keys on); PostgreSQL alters it in place.
 */
export const counties: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('counties')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('townships')
      .addColumn('county_id', 'text', (c) => c.references('counties.id'))
      .execute();
    await db.schema.createIndex('townships_county').on('townships').column('county_id').execute();

    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      // Not in a transaction on SQLite (Kysely runs its migrations on one plain connection), so the
      // pragma takes effect; the swap below would otherwise trip the foreign keys pointing at users.
      await sql`pragma foreign_keys = off`.execute(db);
      await db.schema
        .createTable('users_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('township_id', 'text', (c) => c.references('townships.id'))
        .addColumn('village_id', 'text', (c) => c.references('villages.id'))
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('county_id', 'text', (c) => c.references('counties.id'))
        .addCheckConstraint('users_one_home', sql`(township_id is null) <> (county_id is null)`)
        .execute();
      await sql`insert into users_new (id, role, name, phone, password_hash, township_id, village_id,
        failed_logins, locked_until, is_demo, created_at, county_id)
        select id, role, name, phone, password_hash, township_id, village_id,
        failed_logins, locked_until, is_demo, created_at, null from users`.execute(db);
      await db.schema.dropTable('users').execute();
      await db.schema.alterTable('users_new').renameTo('users').execute();
      const broken = await sql`pragma foreign_key_check`.execute(db);
      await sql`pragma foreign_keys = on`.execute(db);
      if (broken.rows.length > 0) throw new Error('users rebuild left broken foreign keys');
    } else {
      await db.schema
        .alterTable('users')
        .alterColumn('township_id', (c) => c.dropNotNull())
        .execute();
      await db.schema
        .alterTable('users')
        .addColumn('county_id', 'text', (c) => c.references('counties.id'))
        .execute();
      await db.schema
        .alterTable('users')
        .addCheckConstraint('users_one_home', sql`(township_id is null) <> (county_id is null)`)
        .execute();
    }
    await db.schema.createIndex('users_county').on('users').column('county_id').execute();
  },
  async down(db: Kysely<unknown>) {
    // County administrators have no township to fall back to: remove them with the counties.
    await sql`delete from sessions where user_id in (select id from users where county_id is not null)`.execute(db);
    await sql`delete from users where county_id is not null`.execute(db);
    await db.schema.dropIndex('users_county').execute();
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      await sql`pragma foreign_keys = off`.execute(db);
      await db.schema
        .createTable('users_old')
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
      await sql`insert into users_old select id, role, name, phone, password_hash, township_id, village_id,
        failed_logins, locked_until, is_demo, created_at from users`.execute(db);
      await db.schema.dropTable('users').execute();
      await db.schema.alterTable('users_old').renameTo('users').execute();
      await sql`pragma foreign_keys = on`.execute(db);
    } else {
      await db.schema.alterTable('users').dropConstraint('users_one_home').execute();
      await db.schema.alterTable('users').dropColumn('county_id').execute();
      await db.schema
        .alterTable('users')
        .alterColumn('township_id', (c) => c.setNotNull())
        .execute();
    }
    await db.schema.dropIndex('townships_county').execute();
    await db.schema.alterTable('townships').dropColumn('county_id').execute();
    await db.schema.dropTable('counties').execute();
  },
};
