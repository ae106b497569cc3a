/**
 * Two real server processes (`tsx src/server/main.ts`) on one PostgreSQL schema and one DATA_DIR,
 * as behind a load balancer: phones push cases to either one, two clerks act on the same cases through
 * both at once, both run the scheduled rules every 300 ms, and readers poll the change feed the whole
 * time. Nothing may be done twice, lost or seen out of order, and 办件编号 stay unique and gap-free.
 *
 * The phones speak the sync protocol over plain HTTP (blob upload, case PUT, change feed): the
 * device sync engine keeps one Dexie database per JavaScript realm, so it can be one phone per process.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { apiErrorSchema } from '../../src/domain/api-error';
import { loginResponseSchema } from '../../src/domain/auth';
import { caseReceiptSchema, type CaseReceipt } from '../../src/domain/case-submission';
import { changesResponseSchema } from '../../src/domain/change-feed';
import { newId } from '../../src/domain/ids';
import { caseDetailSchema, type CaseDetail } from '../../src/domain/workbench';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { openDatabase, type Db } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import { nextValue } from '../../src/server/db/counters';
import { withAdvisoryLock } from '../../src/server/db/with-advisory-lock';
import { runJob } from '../../src/server/jobs/run-job';
import { hashedKey } from '../../src/server/plugins/rate-limit-store';
import { POSTGRES_URL } from './harness';
import { startServerProcess, type ServerProcess } from './server-process';
import { ADMIN, AGENT, AGENT_2, CLERK_MZ, completeCase } from './workbench-fixtures';

const AGENT_3 = '13900000013'; // 赵志刚, 南山村
const CASES_PER_PHONE = 12;
const JOB_INTERVAL_MS = 300;
/** An accept-by date long past: the Art. 32 rule accepts such a case on its next run. */
const LONG_PAST = '2026-01-05';

type Group = 'job' | 'clerks' | 'race';
type Pushed = {
  receipt: CaseReceipt;
  group: Group;
  agent: string;
  uploadedTo: number;
  sentTo: number;
  /** SHA-256 of the case's photos and signature. */
  photos: Set<string>;
};
type Race = { caseId: string; group: Group; statuses: number[]; codes: string[] };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(
  base: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? null : JSON.parse(text) };
}

async function login(base: string, phone: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD, client: 'device' }),
  });
  expect(res.status).toBe(200);
  return loginResponseSchema.parse(await res.json()).token ?? '';
}

/**
 * One photo through the resumable blob API: created and completed through `base`, its chunk sent
 * through `chunkBase` — a load balancer may send a phone's requests anywhere.
 */
async function upload(base: string, chunkBase: string, token: string, bytes: Buffer): Promise<void> {
  const id = newId();
  const created = await call(base, token, 'POST', '/api/blobs', {
    id,
    size: bytes.length,
    sha256: sha256(bytes),
    type: bytes[0] === 0x89 ? 'image/png' : 'image/jpeg',
  });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  const chunk = await fetch(`${chunkBase}/api/blobs/${id}/chunks?offset=0`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(chunk.ok).toBe(true);
  await chunk.arrayBuffer();
  const done = await call(base, token, 'POST', `/api/blobs/${id}/complete`);
  expect(done.status, JSON.stringify(done.json)).toBe(200);
}

async function detailOf(base: string, token: string, caseId: string): Promise<CaseDetail> {
  const res = await call(base, token, 'GET', `/api/workbench/cases/${caseId}`);
  expect(res.status).toBe(200);
  return caseDetailSchema.parse(res.json);
}

describe('two server processes on one PostgreSQL and one DATA_DIR', () => {
  const schema = `${inject('pgSchemaPrefix')}mp_${Math.random().toString(36).slice(2, 10)}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-mp-'));
  let servers: ServerProcess[] = [];
  let db: Db | undefined;
  const kysely = (): Kysely<Database> => {
    if (!db) throw new Error('not started');
    return db.kysely;
  };
  const base = (i: number): string => {
    const server = servers[i % 2];
    if (!server) throw new Error('not started');
    return server.url;
  };

  const env = {
    DATABASE_URL: POSTGRES_URL,
    DAIBAN_PG_SCHEMA: schema,
    DATA_DIR: dataDir,
    DAIBAN_STATIC_DIR: path.join(dataDir, 'no-app'),
    DAIBAN_DEMO: '1',
    DAIBAN_JOB_INTERVAL_MS: String(JOB_INTERVAL_MS),
  };

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    // Both at once on the empty schema: they take turns to migrate, seed the demo and the catalogue.
    const started = await Promise.allSettled([startServerProcess(env), startServerProcess(env)]);
    servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    db = openDatabase({ dataDir, databaseUrl: POSTGRES_URL, databaseSchema: schema });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('started together: the demo townships once, one catalogue, migrations run once', async () => {
    const townships = await kysely().selectFrom('townships').select('code').orderBy('code').execute();
    expect(townships).toEqual([{ code: '999001' }, { code: '999003' }]);
    expect(await kysely().selectFrom('counties').select('code').execute()).toHaveLength(1);
    const items = await kysely().selectFrom('catalogue_items').select(['code', 'version']).execute();
    expect(new Set(items.map((i) => `${i.code}@${String(i.version)}`)).size).toBe(items.length);
    expect(items.length).toBeGreaterThan(0);
  });

  it('phones, clerks and the scheduled rules at once: nothing twice, nothing lost or out of order, 办件编号 unique', async () => {
    const agents = [AGENT, AGENT_2, AGENT_3];
    const agentTokens = new Map<string, string>();
    for (const [i, phone] of agents.entries()) agentTokens.set(phone, await login(base(i), phone));
    const tokenOf = (phone: string): string => agentTokens.get(phone) ?? '';
    // 李娜 (民政办) works through server 0, the administrator 王强 through server 1.
    const clerks = [await login(base(0), CLERK_MZ), await login(base(1), ADMIN)];
    const clerkToken = (i: number): string => clerks[i] ?? '';

    // --- readers polling the change feed the whole time ---
    const readers = { running: true };
    const problems: string[] = [];
    /** Per agent, every seq the phone's feed reader saw, in the order it saw them. */
    const seen = new Map<string, number[]>(agents.map((a) => [a, []]));
    const pollAgent = async (phone: string, round: number): Promise<void> => {
      const list = seen.get(phone) ?? [];
      let hasMore = true;
      while (hasMore) {
        const after = list.at(-1) ?? 0;
        const res = await call(base(round), tokenOf(phone), 'GET', `/api/sync/changes?after=${String(after)}&limit=50`);
        if (res.status !== 200) throw new Error(`feed answered ${String(res.status)}`);
        const page = changesResponseSchema.parse(res.json);
        for (const change of page.changes) {
          const last = list.at(-1) ?? 0;
          if (change.seq <= last) problems.push(`${phone} saw seq ${String(change.seq)} after ${String(last)}`);
          list.push(change.seq);
        }
        hasMore = page.hasMore;
      }
    };
    const phoneReaders = agents.map(async (phone) => {
      for (let round = 0; readers.running; round += 1) {
        await pollAgent(phone, round);
        await sleep(20);
      }
    });
    /** The whole feed read straight from the database: every batch must continue exactly where the last ended. */
    let globalSeen = 0;
    let globalPolls = 0;
    const globalReader = (async () => {
      while (readers.running) {
        const rows = await kysely()
          .selectFrom('case_events')
          .select('seq')
          .where('seq', '>', globalSeen)
          .orderBy('seq')
          .execute();
        for (const { seq } of rows) {
          if (seq !== globalSeen + 1) problems.push(`the feed showed seq ${String(seq)} after ${String(globalSeen)}`);
          globalSeen = Math.max(globalSeen, seq);
        }
        globalPolls += 1;
        await sleep(10);
      }
    })();

    // --- clerks racing each other on one case through both servers ---
    const races: Race[] = [];
    const race = async (caseId: string, group: Group): Promise<void> => {
      const [seenBy0, seenBy1] = await Promise.all([
        detailOf(base(0), clerkToken(0), caseId),
        detailOf(base(1), clerkToken(1), caseId),
      ]);
      const results = await Promise.all(
        [seenBy0, seenBy1].map((detail, i) =>
          call(base(i), clerkToken(i), 'POST', `/api/workbench/cases/${caseId}/actions`, {
            expectedVersion: detail.version,
            action: { type: 'accept', note: '' },
          }),
        ),
      );
      races.push({
        caseId,
        group,
        statuses: results.map((r) => r.status),
        codes: results.map((r) => (r.status === 200 ? '' : apiErrorSchema.parse(r.json).code)),
      });
    };
    const backdate = (caseId: string) =>
      kysely()
        .updateTable('cases')
        .set({ accept_by: LONG_PAST, deadline: LONG_PAST })
        .where('id', '=', caseId)
        .where('deadline_kind', '=', 'accept_by')
        .execute();

    // --- phones pushing cases, alternating servers; every third case delivered to both at once ---
    const pushed: Pushed[] = [];
    const duplicates: { first: CaseReceipt; second: CaseReceipt }[] = [];
    const followUps: Promise<void>[] = [];
    const groups: readonly Group[] = ['job', 'clerks', 'race'];
    const phones = agents.map(async (phone, p) => {
      const token = tokenOf(phone);
      for (let i = 0; i < CASES_PER_PHONE; i += 1) {
        const { submission, photos } = completeCase();
        const uploadedTo = i + p;
        const sentTo = uploadedTo + 1;
        for (const bytes of photos.values()) await upload(base(uploadedTo), base(sentTo), token, bytes);
        const id = newId();
        const put = (s: number) => call(base(s), token, 'PUT', `/api/cases/${id}`, submission);
        const deliveries = i % 3 === 0 ? await Promise.all([put(sentTo), put(uploadedTo)]) : [await put(sentTo)];
        for (const d of deliveries) expect(d.status, JSON.stringify(d.json)).toBe(200);
        const [first, second] = deliveries.map((d) => caseReceiptSchema.parse(d.json));
        if (!first) throw new Error('no receipt');
        if (second) duplicates.push({ first, second });
        const group = groups[(i + p) % 3] ?? 'job';
        pushed.push({
          receipt: first,
          group,
          agent: phone,
          uploadedTo: uploadedTo % 2,
          sentTo: sentTo % 2,
          photos: new Set(photos.keys()),
        });
        if (group !== 'clerks') await backdate(first.id);
        if (group !== 'job') followUps.push(race(first.id, group));
      }
    });
    await Promise.all(phones);
    await Promise.all(followUps);

    // The rules run every 300 ms in both processes: wait until no backdated case is left 已收件.
    const waitingIds = pushed.filter((c) => c.group !== 'clerks').map((c) => c.receipt.id);
    for (let waited = 0; ; waited += 100) {
      const left = await kysely()
        .selectFrom('cases')
        .select('id')
        .where('id', 'in', waitingIds)
        .where('status', '=', 'received')
        .execute();
      if (left.length === 0) break;
      if (waited > 20_000) throw new Error(`${String(left.length)} cases were never deemed accepted`);
      await sleep(100);
    }
    await sleep(2 * JOB_INTERVAL_MS);
    readers.running = false;
    await Promise.all([...phoneReaders, globalReader]);
    // One last read to the end, as a phone does when it syncs again.
    for (const [i, phone] of agents.entries()) await pollAgent(phone, i);
    expect(problems).toEqual([]);

    // Every case once; a delivery to both servers at once is one case with one 办件编号.
    const total = agents.length * CASES_PER_PHONE;
    const cases = await kysely().selectFrom('cases').select(['id', 'case_number', 'status', 'version']).execute();
    expect(cases).toHaveLength(total);
    expect(new Set(cases.map((c) => c.id))).toEqual(new Set(pushed.map((c) => c.receipt.id)));
    for (const { first, second } of duplicates) expect(second).toEqual(first);
    expect(duplicates).toHaveLength(agents.length * Math.ceil(CASES_PER_PHONE / 3));

    // 办件编号: unique, and per day 1, 2, 3… with no gap (township code - yyyymmdd - 00001).
    expect(new Set(cases.map((c) => c.case_number)).size).toBe(total);
    const byDay = new Map<string, number[]>();
    for (const c of cases) {
      const [, day, n] = c.case_number.split('-');
      byDay.set(day ?? '', [...(byDay.get(day ?? '') ?? []), Number(n)]);
    }
    for (const numbers of byDay.values()) {
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
    }

    // Clerks on the same version through both servers: exactly one wins, the other is told the case changed.
    const clerkRaces = races.filter((r) => r.group === 'clerks');
    expect(clerkRaces).toHaveLength(pushed.filter((c) => c.group === 'clerks').length);
    for (const r of clerkRaces) {
      expect([...r.statuses].sort()).toEqual([200, 409]);
      expect(r.codes.filter((c) => c !== '')).toEqual(['CASE_CHANGED']);
    }

    // Every case's events in feed order: received first, then exactly one acceptance — by the rule for
    // the cases no clerk touched, by whoever came first where clerks raced the rule.
    const events = await kysely()
      .selectFrom('case_events')
      .select(['seq', 'case_id', 'agent_id', 'type', 'payload'])
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(globalSeen).toBe(events.length);
    let deemed = 0;
    for (const c of pushed) {
      const mine = events.filter((e) => e.case_id === c.receipt.id);
      expect(mine.map((e) => e.type)).toEqual(['received', 'accepted']);
      const accepted = z.object({ deemed: z.boolean().optional() }).parse(JSON.parse(mine[1]?.payload ?? '{}'));
      const byRule = accepted.deemed === true;
      if (byRule) deemed += 1;
      const clerkWins = races.find((r) => r.caseId === c.receipt.id)?.statuses.filter((s) => s === 200).length ?? 0;
      if (c.group === 'job') expect(byRule).toBe(true);
      if (c.group === 'clerks') expect(byRule).toBe(false);
      expect(clerkWins + (byRule ? 1 : 0)).toBe(1);
      expect(cases.find((row) => row.id === c.receipt.id)).toMatchObject({ status: 'accepted', version: 2 });
    }
    for (const r of races.filter((x) => x.group === 'race')) {
      for (const code of r.codes) expect(['', 'CASE_CHANGED', 'ACTION_NOT_ALLOWED']).toContain(code);
    }

    // Each phone's reader saw exactly its agent's feed: nothing skipped, nothing twice, in order.
    const agentIds = new Map<string, string>();
    for (const c of pushed) {
      agentIds.set(c.agent, events.find((e) => e.case_id === c.receipt.id)?.agent_id ?? '');
    }
    for (const phone of agents) {
      const expected = events.filter((e) => e.agent_id === agentIds.get(phone)).map((e) => e.seq);
      expect(seen.get(phone)).toEqual(expected);
      expect(expected).toHaveLength(2 * CASES_PER_PHONE);
    }

    // Photos uploaded to one server are served by the other: the blob directory is shared.
    for (const c of pushed.filter((x) => x.uploadedTo !== x.sentTo).slice(0, 3)) {
      const detail = await detailOf(base(c.sentTo), clerkToken(c.sentTo), c.receipt.id);
      const page = detail.pages[0];
      if (!page) throw new Error('no page');
      for (const s of [0, 1]) {
        const res = await fetch(`${base(s)}${page.url}`, { headers: { authorization: `Bearer ${clerkToken(s)}` } });
        expect(res.status).toBe(200);
        expect(c.photos).toContain(sha256(new Uint8Array(await res.arrayBuffer())));
      }
    }

    // job_runs: each slot of each job claimed by one process, the other recorded 'skipped'; the rule's
    // reported acceptances add up to the deemed acceptances recorded — no case was processed twice.
    const runs = await kysely().selectFrom('job_runs').selectAll().execute();
    expect(new Set(runs.map((r) => r.worker)).size).toBe(2);
    expect(runs.filter((r) => r.slot === null)).toEqual([]);
    expect(runs.filter((r) => r.outcome === 'failed')).toEqual([]);
    const slots = new Map<string, typeof runs>();
    for (const r of runs) slots.set(`${r.job} ${r.slot ?? ''}`, [...(slots.get(`${r.job} ${r.slot ?? ''}`) ?? []), r]);
    let contended = 0;
    for (const attempts of slots.values()) {
      const claims = attempts.filter((r) => r.slot_claim !== null);
      expect(claims).toHaveLength(1);
      expect(attempts.filter((r) => r.slot_claim === null).every((r) => r.outcome === 'skipped')).toBe(true);
      if (attempts.length > 1) {
        contended += 1;
        expect(new Set(attempts.map((r) => r.worker)).size).toBe(attempts.length);
      }
    }
    // Both processes went for the same slots (how often depends on their timers' phase and the load).
    expect(contended).toBeGreaterThan(0);
    const reported = runs
      .filter((r) => r.job === 'deemed-acceptance' && r.outcome === 'done')
      .reduce((sum, r) => sum + z.object({ accepted: z.number() }).parse(JSON.parse(r.report ?? '{}')).accepted, 0);
    expect(reported).toBe(deemed);
    console.info(
      `multi-process: ${String(total)} cases (${String(duplicates.length)} delivered to both servers at once), ` +
        `${String(events.length)} feed entries (${String(globalPolls)} database polls), ` +
        `${String(races.length)} clerk races, ${String(deemed)} deemed acceptances; job_runs: ` +
        `${String(slots.size)} slots, ${String(contended)} attempted by both processes, ` +
        `${String(runs.filter((r) => r.outcome === 'busy').length)} busy`,
    );
  }, 180_000);

  it('a run of a job never overlaps another process’s: the slot’s claimer finds the lock held and records busy', async () => {
    const ctx = { db: kysely(), dialect: 'postgres' as const, worker: 'test:1', now: () => new Date() };
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = (): void => undefined;
    const holding = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const holder = withAdvisoryLock(kysely(), 'postgres', 'job/deemed-acceptance', 'wait', async () => {
      entered();
      await gate;
      return 'held';
    });
    await holding;
    const heldSince = new Date().toISOString();
    let worked = false;
    const slot = `test-${newId()}`;
    const work = () => {
      worked = true;
      return Promise.resolve({ accepted: 0, backfilled: 0 });
    };
    expect(await runJob(ctx, 'deemed-acceptance', slot, work)).toEqual({ outcome: 'busy' });
    expect(await runJob({ ...ctx, worker: 'test:2' }, 'deemed-acceptance', slot, work)).toEqual({
      outcome: 'skipped',
    });
    expect(worked).toBe(false);
    // A process on another schema of the same database is not held up by this schema's lock.
    const other = openDatabase({ dataDir, databaseUrl: POSTGRES_URL, databaseSchema: `${schema}_other` });
    try {
      expect(
        await withAdvisoryLock(other.kysely, 'postgres', 'job/deemed-acceptance', 'try', () => Promise.resolve(1)),
      ).toEqual({ locked: true, value: 1 });
    } finally {
      await other.close();
    }
    // Meanwhile both servers kept ticking: their claims of the job found the lock held too.
    await sleep(8 * JOB_INTERVAL_MS);
    // A claim started this close to the release may find the lock free again: count only the earlier ones.
    const claimsBefore = new Date(Date.now() - JOB_INTERVAL_MS).toISOString();
    release();
    expect(await holder).toEqual({ locked: true, value: 'held' });
    const during = await kysely()
      .selectFrom('job_runs')
      .select(['worker', 'outcome'])
      .where('job', '=', 'deemed-acceptance')
      .where('started_at', '>=', heldSince)
      .where('started_at', '<', claimsBefore)
      .where('worker', 'not like', 'test:%')
      .where('slot_claim', 'is not', null)
      .execute();
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(during.filter((r) => r.outcome === 'done')).toEqual([]);
    const recorded = await kysely()
      .selectFrom('job_runs')
      .select(['worker', 'outcome'])
      .where('slot', '=', slot)
      .execute();
    expect(recorded.sort((a, b) => a.worker.localeCompare(b.worker))).toEqual([
      { worker: 'test:1', outcome: 'busy' },
      { worker: 'test:2', outcome: 'skipped' },
    ]);
  }, 60_000);

  it('a writer that took counter value N holds back the taker of N + 1 until it has committed', async () => {
    const name = `probe:${newId()}`;
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstTaken = (): void => undefined;
    const taken = new Promise<void>((resolve) => {
      firstTaken = resolve;
    });
    const first = kysely()
      .transaction()
      .execute(async (trx) => {
        const value = await nextValue(trx, name);
        firstTaken();
        await gate;
        return value;
      });
    await taken;
    let secondValue: number | undefined;
    const second = kysely()
      .transaction()
      .execute(async (trx) => {
        secondValue = await nextValue(trx, name);
        // Whoever holds N + 1 sees N committed: the feed's entries become visible in seq order.
        return trx.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      });
    await sleep(500);
    expect(secondValue).toBeUndefined();
    release();
    expect(await first).toBe(1);
    expect(await second).toEqual({ value: 2 });
    expect(secondValue).toBe(2);
  }, 30_000);
  it('two server processes share the sign-in cap: the 11th try on one number is refused whichever process it reaches, also after a restart', async () => {
    const phone = '13700000088';
    const tryPassword = (i: number) =>
      fetch(`${base(i)}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, password: 'wrong-password', client: 'web' }),
      });
    for (let i = 0; i < 10; i += 1) expect((await tryPassword(i)).status).toBe(401);
    for (const i of [0, 1]) {
      const capped = await tryPassword(i);
      expect(capped.status).toBe(429);
      expect(apiErrorSchema.parse(await capped.json()).code).toBe('RATE_LIMITED');
    }
    // A restarted process remembers: the count is in the database, not in the process.
    await servers[0]?.stop();
    servers[0] = await startServerProcess(env);
    expect((await tryPassword(0)).status).toBe(429);

    // The table holds each key as a hash: not the number, nor any run of its digits worth a search.
    const rows = await kysely().selectFrom('rate_limit_hits').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const text of rows.map((r) => JSON.stringify(r))) {
      for (const digits of [phone, phone.slice(3)]) expect(text).not.toContain(digits);
    }
    const { secret } = await kysely().selectFrom('rate_limit_secret').select('secret').executeTakeFirstOrThrow();
    const key = hashedKey(secret, `login-phone:${phone}`);
    expect(rows.find((r) => r.key === key)?.count).toBe(13);
  }, 90_000);
});
