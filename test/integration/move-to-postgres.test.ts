/**
 * `npm run move-to-postgres` on a township seeded through the real app on SQLite: cases with photos,
 * clerk decisions, a 补正 round, a resident's 差评 and its follow-up. The command runs as operators run
 * it (a child process); then the tables are counted on both sides independently of the command, every
 * copied blob is hashed, and the real app started on the PostgreSQL copy must serve the same township
 * and continue its numbering. Refusals: a server still running on SQLite, a target holding data, a
 * table the move does not know.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import type { QueueResponse } from '../../src/domain/workbench';
import { buildApp } from '../../src/server/app';
import { verifyAuditChain } from '../../src/server/audit/verify-audit-chain';
import { POSTGRES_URL, startTestApp, type TestApp } from './harness';
import { PHONE_LAST4, closeCase, submitTrackable, trackApi } from './track-fixtures';
import {
  AGENT,
  CLERK_MZ,
  apiAs,
  chinaTime,
  completeCase,
  jpegBytes,
  pageOf,
  signatureOf,
  tokenFor,
  type Photos,
} from './workbench-fixtures';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TABS = ['received', 'supplement', 'handling', 'due_soon', 'overdue', 'closed'] as const;

type Run = { code: number | null; stdout: string; stderr: string };

/** The command exactly as `npm run move-to-postgres -- …` runs it (tsx), as a child process. */
function runMove(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/tools/move-to-postgres.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

async function withPg<T>(fn: (client: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const client = new pg.Client({
    connectionString: POSTGRES_URL,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty schema of this run (global-setup.ts drops it at the end). */
async function newSchema(): Promise<string> {
  const schema = `${inject('pgSchemaPrefix')}move_${Math.random().toString(36).slice(2, 8)}`;
  await withPg((c) => c.query(`create schema ${schema}`));
  return schema;
}

const isOurTable = (name: string) => !name.startsWith('sqlite_') && !name.startsWith('kysely_');
const countOf = z.object({ n: z.coerce.number() });

function sqliteCounts(dataDir: string): Record<string, number> {
  const db = new SqliteDatabase(path.join(dataDir, 'daiban.sqlite'), { readonly: true });
  try {
    const names = db
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((r) => z.object({ name: z.string() }).parse(r).name)
      .filter(isOurTable);
    return Object.fromEntries(
      names.map((n) => [n, countOf.parse(db.prepare(`select count(*) as n from "${n}"`).get()).n]),
    );
  } finally {
    db.close();
  }
}

function postgresCounts(schema: string): Promise<Record<string, number>> {
  return withPg(async (c) => {
    const { rows } = await c.query(
      "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'",
      [schema],
    );
    const names = rows.map((r) => z.object({ table_name: z.string() }).parse(r).table_name).filter(isOurTable);
    const counts: Record<string, number> = {};
    for (const n of names) counts[n] = countOf.parse((await c.query(`select count(*) as n from "${n}"`)).rows[0]).n;
    return counts;
  }, schema);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const typeOf = (bytes: Buffer) => (bytes[0] === 0x89 ? 'image/png' : 'image/jpeg');

/** What a clerk and an agent see of the township: the queue per tab and the agent's change feed. */
async function township(app: FastifyInstance, clerkToken: string, agentToken: string) {
  const clerk = apiAs(app, clerkToken);
  const queue: Record<string, string[]> = {};
  for (const tab of TABS) {
    const page: QueueResponse = await clerk.queue({ tab });
    queue[tab] = page.rows.map((r) => r.caseNumber);
  }
  return { queue, changes: await apiAs(app, agentToken).changes(0) };
}

describe('moving a township from SQLite to PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('copies every table and blob and verifies them; the app on the copy serves the same township and numbering continues', async () => {
    let sqliteApp: TestApp | undefined = await startTestApp('sqlite');
    const t = sqliteApp;
    cleanups.push(async () => {
      await sqliteApp?.close();
      fs.rmSync(t.config.dataDir, { recursive: true, force: true });
    });
    t.clock.now = chinaTime('2026-03-02 10:00');
    const agentToken = await tokenFor(t.app, AGENT);
    const clerkToken = await tokenFor(t.app, CLERK_MZ);
    const agent = apiAs(t.app, agentToken);
    const li = apiAs(t.app, clerkToken);
    const uploadAll = async (photos: Photos) => {
      for (const bytes of photos.values()) await agent.upload(bytes, typeOf(bytes));
    };

    // Three cases with their photos: one accepted, one sent back for 补正 and resubmitted, one waiting.
    const cases = [
      completeCase(),
      completeCase(undefined, { name: '李桂兰' }),
      completeCase(undefined, { name: '赵大山' }),
    ];
    const receipts = [];
    for (const c of cases) {
      await uploadAll(c.photos);
      receipts.push(await agent.submit(c.submission));
    }
    const [accepted, supplemented] = receipts;
    if (!accepted || !supplemented) throw new Error('cases not submitted');
    await li.act(accepted.id, { type: 'accept', note: '材料齐全' });
    await li.act(supplemented.id, {
      type: 'request_supplement',
      items: [
        { materialKey: 'idCard', note: '身份证反面不清晰' },
        { materialKey: '__signature', note: '委托书未按手印' },
      ],
      note: '',
    });
    t.clock.now = chinaTime('2026-03-03 15:00');
    const round2: Photos = new Map();
    const resubmission = {
      pages: [pageOf('idCard', round2, 0)],
      signature: signatureOf(round2),
      submittedAt: '2026-03-03T06:50:00.000Z',
    };
    await uploadAll(round2);
    const resubmitted = await agent.resubmit(supplemented.id, 2, resubmission);
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    // A resident's case, closed and rated 非常不满意: a rating, a follow-up task and an access token.
    const trackable = await submitTrackable(agent);
    await closeCase(li, trackable.receipt.id);
    const track = trackApi(t.app);
    const { accessToken } = await track.lookup({ code: trackable.code, phoneLast4: PHONE_LAST4 });
    expect((await track.rateRes(accessToken, { satisfaction: 'very_dissatisfied', comment: '太慢' })).statusCode).toBe(
      200,
    );

    const before = await township(t.app, clerkToken, agentToken);
    const pageId = (await li.detail(supplemented.id)).pages.find((p) => p.round === 2)?.pageId ?? '';
    const photoBefore = (await li.get(`/api/workbench/cases/${supplemented.id}/pages/${pageId}`)).rawPayload;
    expect(photoBefore.length).toBeGreaterThan(1000);

    const schema = await newSchema();
    const newDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-it-moved-'));
    cleanups.push(() => {
      fs.rmSync(newDataDir, { recursive: true, force: true });
      return Promise.resolve();
    });
    const args = ['--from', t.config.dataDir, '--to', POSTGRES_URL, '--schema', schema, '--blobs-to', newDataDir];

    // While the server still runs on SQLite, the move refuses: later changes would be lost.
    const running = await runMove(args);
    expect(running.code, running.stderr).toBe(2);
    expect(running.stderr).toContain('a server seems to be running');
    expect(await postgresCounts(schema)).toEqual({});

    await t.app.close();
    sqliteApp = undefined;
    const moved = await runMove(args);
    expect(moved.code, moved.stdout + moved.stderr).toBe(0);
    expect(moved.stdout).toContain('OK: every table and blob matches');
    expect(moved.stdout).toMatch(/case_events\s+\d+\s+\d+\s+same/);

    // Counted again here, independently of the command: every table, the same rows.
    const counts = sqliteCounts(t.config.dataDir);
    expect(await postgresCounts(schema)).toEqual(counts);
    expect(counts).toMatchObject({ cases: 4, case_rounds: 1, case_ratings: 1, follow_ups: 1, track_tokens: 1 });
    expect(counts.blobs).toBe([...cases.map((c) => c.photos.size), round2.size].reduce((a, b) => a + b));

    // Every copied blob is where the server looks for it, and hashes to its name.
    const stored = await withPg(
      async (c) => (await c.query<Record<string, unknown>>('select sha256, size from blobs')).rows,
      schema,
    );
    for (const row of stored) {
      const blob = z.object({ sha256: z.string(), size: z.number() }).parse(row);
      const bytes = fs.readFileSync(path.join(newDataDir, 'blobs', blob.sha256.slice(0, 2), blob.sha256));
      expect(sha256(bytes)).toBe(blob.sha256);
      expect(bytes.length).toBe(blob.size);
    }

    // The real app on the copy: the same queue and change feed, the tokens still valid (sessions moved).
    const pgApp = await buildApp({
      ...t.config,
      dataDir: newDataDir,
      databaseUrl: POSTGRES_URL,
      databaseSchema: schema,
    });
    cleanups.push(() => pgApp.close());
    await pgApp.ready();
    // The audit trail moved whole: its hash chain verifies on the copy, every entry of it.
    expect(await verifyAuditChain(pgApp.db.kysely)).toMatchObject({ ok: true, entries: counts.audit_log });
    expect(counts.audit_log).toBeGreaterThan(10);
    const after = await township(pgApp, clerkToken, agentToken);
    expect(after).toEqual(before);
    expect(after.queue.received).toHaveLength(2);
    const photoAfter = (await apiAs(pgApp, clerkToken).get(`/api/workbench/cases/${supplemented.id}/pages/${pageId}`))
      .rawPayload;
    expect(sha256(photoAfter)).toBe(sha256(photoBefore));

    // A new case continues the day's 办件编号 sequence and the feed's seq where SQLite left off.
    t.clock.now = chinaTime('2026-03-03 16:00');
    const next = completeCase();
    const newReceipt = await apiAs(pgApp, agentToken).submit(next.submission);
    // 03-02 numbered the first three cases; 03-03 the resident's case (00001): this one is 00002.
    expect(newReceipt.caseNumber).toBe(trackable.receipt.caseNumber.replace(/\d{5}$/, '00002'));
    const lastSeq = before.changes.at(-1)?.seq ?? 0;
    const newChanges = await apiAs(pgApp, agentToken).changes(lastSeq);
    expect(newChanges.map((c) => [c.seq, c.type])).toEqual([[lastSeq + 1, 'received']]);

    // Moving again into the same database is refused and changes nothing.
    const countsBefore = await postgresCounts(schema);
    const again = await runMove(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds data');
    expect(await postgresCounts(schema)).toEqual(countsBefore);
  }, 180_000);

  it('a blob whose bytes no longer match its hash fails the move: exit 1, rolled back, PostgreSQL without data', async () => {
    const t = await startTestApp('sqlite');
    cleanups.push(() => t.close());
    const photo = jpegBytes();
    await apiAs(t.app, await tokenFor(t.app, AGENT)).upload(photo);
    await t.app.close();
    const hash = sha256(photo);
    const file = path.join(t.config.dataDir, 'blobs', hash.slice(0, 2), hash);
    fs.writeFileSync(file, Buffer.concat([photo.subarray(0, 100), Buffer.alloc(photo.length - 100)]));
    const schema = await newSchema();
    const run = await runMove(['--from', t.config.dataDir, '--to', POSTGRES_URL, '--schema', schema]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`blob problem: ${hash}: the bytes hash to`);
    expect(run.stdout).toContain('FAILED');
    const counts = await postgresCounts(schema);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(counts).toHaveProperty('blobs');
  }, 60_000);

  it('refuses a SQLite table it does not know how to copy, and leaves PostgreSQL without data', async () => {
    const t = await startTestApp('sqlite');
    cleanups.push(() => t.close());
    await t.app.close();
    const db = new SqliteDatabase(path.join(t.config.dataDir, 'daiban.sqlite'));
    db.exec("create table mystery (id text primary key); insert into mystery values ('x')");
    db.close();
    const schema = await newSchema();
    const run = await runMove(['--from', t.config.dataDir, '--to', POSTGRES_URL, '--schema', schema]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('table mystery is in SQLite but not on PostgreSQL');
    const counts = await postgresCounts(schema);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    expect(counts).toHaveProperty('cases');
  }, 60_000);
});
