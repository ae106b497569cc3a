/**
 * Migration 20261126-09-counties on a database that already holds people: on SQLite it rebuilds the
 * users table (to let township_id be null), which must keep every row and every foreign key pointing
 * at it, and leave foreign keys enforced; on PostgreSQL it alters the table in place. Down and up again
 * must work too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it, inject } from 'vitest';
import { openDatabase, type Db } from '../../src/server/db/database';
import { migrations } from '../../src/server/db/migrations/index';
import { dialects, POSTGRES_URL } from './harness';

const BEFORE = '20261126-08-job-runs';
const AT = '2026-03-02T02:00:00.000Z';

async function openFresh(dialect: (typeof dialects)[number]): Promise<{ db: Db; cleanup: () => void }> {
  if (dialect === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-mig-'));
    return {
      db: openDatabase({ dataDir, databaseUrl: undefined, databaseSchema: undefined }),
      cleanup: () => {
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `${inject('pgSchemaPrefix')}${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    db: openDatabase({ dataDir: '', databaseUrl: POSTGRES_URL, databaseSchema: schema }),
    cleanup: () => undefined,
  };
}

describe.each(dialects)('migration 20261126-09-counties on %s', (dialect) => {
  let opened: { db: Db; cleanup: () => void } | undefined;
  afterEach(async () => {
    await opened?.db.close();
    opened?.cleanup();
    opened = undefined;
  });

  it('keeps every user and what points at them, then lets a county administrator in; down and up again', async () => {
    opened = await openFresh(dialect);
    const { db } = opened;
    const migrator = new Migrator({
      db: db.kysely,
      provider: { getMigrations: () => Promise.resolve(migrations) },
      ...(db.schema ? { migrationTableSchema: db.schema } : {}),
    });
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();

    const k = db.kysely;
    await sql`insert into townships (id, code, name, is_demo, created_at) values ('t1', '100001', '甲镇', 0, ${AT})`.execute(
      k,
    );
    await sql`insert into villages (id, township_id, code, name) values ('v1', 't1', '001', '甲村')`.execute(k);
    await sql`insert into windows (id, township_id, code, name) values ('w1', 't1', 'MZ', '民政办')`.execute(k);
    await sql`insert into users (id, role, name, phone, password_hash, township_id, village_id, failed_logins, is_demo, created_at)
      values ('u1', 'agent', '甲', '13800000001', 'h', 't1', 'v1', 2, 0, ${AT}),
             ('u2', 'clerk', '乙', '13800000002', 'h', 't1', null, 0, 0, ${AT})`.execute(k);
    await sql`insert into user_windows (user_id, window_id) values ('u2', 'w1')`.execute(k);
    await sql`insert into sessions (token_hash, user_id, kind, created_at, expires_at) values ('s1', 'u1', 'device', ${AT}, ${AT})`.execute(
      k,
    );

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const users = await k
      .selectFrom('users')
      .select(['id', 'role', 'township_id', 'county_id', 'village_id', 'failed_logins'])
      .orderBy('id')
      .execute();
    expect(users).toEqual([
      { id: 'u1', role: 'agent', township_id: 't1', county_id: null, village_id: 'v1', failed_logins: 2 },
      { id: 'u2', role: 'clerk', township_id: 't1', county_id: null, village_id: null, failed_logins: 0 },
    ]);
    expect(await k.selectFrom('sessions').select('user_id').execute()).toEqual([{ user_id: 'u1' }]);

    await k
      .insertInto('counties')
      .values({ id: 'c1', code: '100000', name: '甲县', is_demo: 0, created_at: AT })
      .execute();
    await k.updateTable('townships').set({ county_id: 'c1' }).where('id', '=', 't1').execute();
    await k
      .insertInto('users')
      .values({
        id: 'u3',
        role: 'county_admin',
        name: '丙',
        phone: '13800000003',
        password_hash: 'h',
        township_id: null,
        county_id: 'c1',
        village_id: null,
        failed_logins: 0,
        locked_until: null,
        is_demo: 0,
        created_at: AT,
      })
      .execute();
    // Foreign keys are still enforced (SQLite turned them off for the rebuild only), and so is the CHECK.
    await expect(
      k
        .insertInto('sessions')
        .values({ token_hash: 's2', user_id: 'nobody', kind: 'web', created_at: AT, expires_at: AT, revoked_at: null })
        .execute(),
    ).rejects.toThrow();
    await expect(k.updateTable('users').set({ county_id: 'c1' }).where('id', '=', 'u1').execute()).rejects.toThrow();
    if (dialect === 'sqlite') {
      expect((await sql`pragma foreign_key_check`.execute(k)).rows).toEqual([]);
    }

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await k.selectFrom('users').select('id').orderBy('id').execute()).toEqual([{ id: 'u1' }, { id: 'u2' }]);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await k.selectFrom('users').select('id').orderBy('id').execute()).toEqual([{ id: 'u1' }, { id: 'u2' }]);
  });
});
