/**
 * The server under load at county scale: CASES (default 1 000 000) cases seeded into SQLite and into a
 * fresh PostgreSQL schema, then for each database a real server process (`tsx src/server/main.ts`)
 * driven by autocannon over HTTP: each queue tab's first page and a filtered page with a clerk's
 * cookie, a year of statistics, and case ingest (PUT /api/cases/:id, a new case and id per request) as
 * an agent. Baseline on the same server: GET /api/health. Reports requests/s, p50/p95/p99 and
 * errors/non-2xx per scenario and database, side by side; the target is a queue page p95 ≤ 100 ms at
 * 1 000 000 cases on PostgreSQL.
 *
 * Run: npx tsx bench/load/run.ts
 *   CASES=1000000   cases to seed (develop with 20000)
 *   DURATION=20     seconds per scenario        CONNECTIONS=10   concurrent connections
 *   STATS_CONNECTIONS=2   connections for the statistics scenario (a request takes seconds at 1M)
 *   DB=sqlite,postgres    which databases       ONLY=queue       scenarios whose name contains this
 *   DAIBAN_BENCH_POSTGRES_URL (else DAIBAN_TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/test)
 *   SEED_UNTIL=2026-11-26T03:50:00Z   stop seeding then and measure the cases seeded so far
 *   KEEP=1          keep the data directory and schema (printed) for another run with
 *   SQLITE_DIR=… / PG_SCHEMA=… (+ PG_DIR=…)  reuse a seeded database instead of seeding
 * Not part of `npm run bench` (seeding 1 000 000 cases twice takes many minutes).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { loginResponseSchema } from '../../src/domain/auth';
import { serviceItemSchema } from '../../src/domain/catalogue';
import type { CaseSubmission } from '../../src/domain/case-submission';
import { newId } from '../../src/domain/ids';
import { neededMaterials } from '../../src/domain/item-answers';
import { newReceiptCode } from '../../src/domain/receipt-code';
import { statutorySchedules } from '../../src/domain/statutory-schedules';
import { workCalendar } from '../../src/domain/working-days';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { seedItems } from '../../src/server/catalogue/seed-items';
import { type Db, openDatabase } from '../../src/server/db/database';
import { startServerProcess, type ServerProcess } from '../../test/integration/server-process';
import { LOAD_TOWNSHIP, seedLoad } from './seed';

type DatabaseName = 'sqlite' | 'postgres';

const CASES = Number(process.env.CASES ?? 1_000_000);
/** Stop seeding at this time (ISO) and measure what is there, when the time for a run is limited. */
const SEED_UNTIL = process.env.SEED_UNTIL === undefined ? undefined : Date.parse(process.env.SEED_UNTIL);
const DURATION = Number(process.env.DURATION ?? 20);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
const STATS_CONNECTIONS = Number(process.env.STATS_CONNECTIONS ?? 2);
const ONLY = process.env.ONLY;
const KEEP = process.env.KEEP === '1';
const DATABASES = (process.env.DB ?? 'sqlite,postgres').split(',').map((d): DatabaseName => {
  if (d !== 'sqlite' && d !== 'postgres') throw new Error(`DB: unknown database ${d}`);
  return d;
});
const POSTGRES_URL =
  process.env.DAIBAN_BENCH_POSTGRES_URL ??
  process.env.DAIBAN_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const CLERK = '13900000001'; // 李娜: 民政办 MZ, 卫健办 WJ
const AGENT = '13900000011'; // 张建国, 东坡村

/** Where one database lives, and the server environment that opens it. */
type Place = {
  name: DatabaseName;
  dataDir: string;
  schema: string | undefined;
  env: Record<string, string>;
  /** Seeded by an earlier run (SQLITE_DIR / PG_SCHEMA). */
  reused: boolean;
};

type Scenario = {
  name: string;
  /** Most run with CONNECTIONS; statistics with STATS_CONNECTIONS, one queue run with one. */
  connections: number;
  request: (auth: Auth) => autocannon.Request;
};

type Auth = { cookie: string; token: string; villageId: string };

type Measured = {
  scenario: string;
  /** The queue's total for the tab and filters. */
  rows: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
};

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

const dayOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

// --- a valid case, new every time: 高龄津贴 with one page per required material and a signature ---

const elderlyAllowance = serviceItemSchema.parse(seedItems.find((i) => i.name === '高龄津贴（补贴）申领'));
const answers = { paymentAccount: '社会保障卡' };
const requiredMaterials = neededMaterials(elderlyAllowance, answers, { proxy: true }).filter(
  (m) => m.needed === 'required',
);
const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

function newSubmission(): CaseSubmission {
  const now = new Date().toISOString();
  return {
    itemCode: elderlyAllowance.code,
    itemVersion: elderlyAllowance.version,
    applicant: {
      name: '王秀英',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      villageId: 'x',
      group: '第三组',
      address: '东坡村三组12号',
    },
    answers,
    // Photos are announced by hash (uploads are bench/photo's and bench/sync's subject).
    pages: requiredMaterials.map((m, order) => ({
      id: newId(),
      materialKey: m.key,
      order,
      width: 1500,
      height: 2000,
      size: 300_000,
      type: 'image/jpeg',
      sha256: hex(32),
      verification: 'pending',
      capturedAt: now,
    })),
    signature: { imageId: newId(), sha256: hex(32), signerName: '王秀英', signedAt: now },
    receiptCode: newReceiptCode(),
    trackSecretHash: hex(32),
    submittedAt: now,
  };
}

// --- the scenarios ---

const yearAgo = dayOf(Date.now() - 365 * 86_400_000);
const today = dayOf(Date.now());
const get = (path: string) => (auth: Auth) => ({ method: 'GET' as const, path, headers: { cookie: auth.cookie } });

const scenarios: Scenario[] = [
  {
    name: 'baseline: GET /api/health',
    connections: CONNECTIONS,
    request: () => ({ method: 'GET', path: '/api/health' }),
  },
  ...(
    [
      ['待受理', 'received'],
      ['办理中', 'handling'],
      ['即将到期', 'due_soon'],
      ['已超期', 'overdue'],
      ['已办结', 'closed'],
    ] as const
  ).map(([label, tab]) => ({
    name: `queue ${label} page 1`,
    connections: CONNECTIONS,
    request: get(`/api/workbench/queue?tab=${tab}`),
  })),
  {
    name: 'queue 待受理 page 1, one connection',
    connections: 1,
    request: get('/api/workbench/queue?tab=received'),
  },
  {
    name: 'queue 已办结, one village, window MZ',
    connections: CONNECTIONS,
    request: (auth) => get(`/api/workbench/queue?tab=closed&window=MZ&village=${auth.villageId}`)(auth),
  },
  {
    name: 'statistics by window, one year',
    connections: STATS_CONNECTIONS,
    request: get(`/api/workbench/statistics?from=${yearAgo}&to=${today}&groupBy=window`),
  },
  {
    name: 'ingest: PUT /api/cases/:id',
    connections: CONNECTIONS,
    request: (auth) => ({
      method: 'PUT',
      path: '/api/cases/x',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
      // A new case under a new id for every request.
      setupRequest: (request) => ({
        ...request,
        path: `/api/cases/${newId()}`,
        body: JSON.stringify(newSubmission()),
      }),
    }),
  },
];

/** One request first (a warm-up, and the queue's `total` for the table); never for ingest. */
async function probe(url: string, request: autocannon.Request): Promise<string> {
  if (request.method !== 'GET' || request.path === undefined) return '';
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers ?? {})) {
    if (typeof value === 'string') headers[key] = value;
  }
  const res = await fetch(`${url}${request.path}`, { headers });
  const text = await res.text();
  if (!res.ok) throw new Error(`${request.path}: ${String(res.status)} ${text.slice(0, 300)}`);
  const body: unknown = JSON.parse(text);
  return typeof body === 'object' && body !== null && 'total' in body && typeof body.total === 'number'
    ? String(body.total)
    : '';
}

async function measure(url: string, scenario: Scenario, auth: Auth): Promise<Measured> {
  const rows = await probe(url, scenario.request(auth));
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: scenario.connections,
        duration: DURATION,
        timeout: 120,
        requests: [scenario.request(auth)],
      },
      (error: unknown, done) => {
        if (error) reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }));
        else resolve(done);
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    rows,
    connections: scenario.connections,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function login(url: string, phone: string, client: 'web' | 'device'): Promise<Response> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD, client }),
  });
  if (!res.ok) throw new Error(`login ${phone}: ${String(res.status)} ${await res.text()}`);
  return res;
}

async function authFor(url: string, db: Db): Promise<Auth> {
  const clerk = await login(url, CLERK, 'web');
  await clerk.arrayBuffer();
  const cookie = (clerk.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const agent = await login(url, AGENT, 'device');
  const token = loginResponseSchema.parse(await agent.json()).token ?? '';
  const village = await db.kysely
    .selectFrom('villages')
    .innerJoin('townships', 'townships.id', 'villages.township_id')
    .select('villages.id')
    .where('townships.code', '=', LOAD_TOWNSHIP)
    .orderBy('villages.code')
    .executeTakeFirstOrThrow();
  return { cookie, token, villageId: village.id };
}

/**
 * The first start migrates. Kysely's migrator lists the tables of every schema, so a schema dropped at
 * that moment by someone else (an integration run on the same database) fails it: try again.
 */
async function startWithRetry(env: Record<string, string>): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerProcess(env);
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(`  the server did not start (attempt ${String(attempt)}), trying again`);
    }
  }
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function placeFor(name: DatabaseName): Place {
  const common = { DAIBAN_DEMO: '1', DAIBAN_LOG_LEVEL: 'warn' };
  if (name === 'sqlite') {
    const reuse = process.env.SQLITE_DIR;
    const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-bench-load-sqlite-'));
    return {
      name,
      dataDir,
      schema: undefined,
      reused: reuse !== undefined,
      env: { ...common, DATA_DIR: dataDir, DAIBAN_STATIC_DIR: path.join(dataDir, 'no-app') },
    };
  }
  const reuse = process.env.PG_SCHEMA;
  const schema = reuse ?? `bench_load_${randomBytes(4).toString('hex')}`;
  const dataDir = process.env.PG_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-bench-load-pg-'));
  return {
    name,
    dataDir,
    schema,
    reused: reuse !== undefined,
    env: {
      ...common,
      DATA_DIR: dataDir,
      DAIBAN_STATIC_DIR: path.join(dataDir, 'no-app'),
      DATABASE_URL: POSTGRES_URL,
      DAIBAN_PG_SCHEMA: schema,
    },
  };
}

function openPlace(place: Place): Db {
  return openDatabase({
    dataDir: place.dataDir,
    databaseUrl: place.name === 'postgres' ? POSTGRES_URL : undefined,
    databaseSchema: place.schema,
  });
}

const fmt = (n: number, digits = 1): string =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }).replaceAll(',', ' ') : '–';

/** Cases in each database before its scenarios ran. */
const seededCases = new Map<DatabaseName, number>();

function printTables(results: Map<DatabaseName, Measured[]>): void {
  for (const [name, rows] of results) {
    const base = rows.find((r) => r.scenario.startsWith('baseline'));
    console.log(
      `\n${name === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${fmt(seededCases.get(name) ?? Number.NaN, 0)} cases, ${String(DURATION)} s per scenario\n`,
    );
    console.log(
      '| scenario | matching rows | conns | requests | req/s | p50 ms | p95 ms | p99 ms | errors / non-2xx | p95 ÷ health |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      const ratio = base ? `×${fmt(r.p95 / base.p95)}` : '';
      console.log(
        `| ${r.scenario} | ${r.rows} | ${String(r.connections)} | ${fmt(r.requests, 0)} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${String(r.errors)} / ${String(r.non2xx)} | ${ratio} |`,
      );
    }
  }
  const sqlite = results.get('sqlite');
  const postgres = results.get('postgres');
  if (sqlite && postgres) {
    console.log('\nSide by side\n');
    console.log('| scenario | SQLite req/s | SQLite p95 ms | PostgreSQL req/s | PostgreSQL p95 ms |');
    console.log('|---|---:|---:|---:|---:|');
    for (const s of sqlite) {
      const p = postgres.find((r) => r.scenario === s.scenario);
      console.log(
        `| ${s.scenario} | ${fmt(s.rps)} | ${fmt(s.p95)} | ${p ? fmt(p.rps) : '–'} | ${p ? fmt(p.p95) : '–'} |`,
      );
    }
  }
}

async function main(): Promise<void> {
  const places = DATABASES.map(placeFor);
  const servers: ServerProcess[] = [];
  const dbs: Db[] = [];
  const results = new Map<DatabaseName, Measured[]>();
  const cleanUp = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(dbs.map((db) => db.close()));
    if (KEEP) {
      for (const p of places)
        console.log(`kept ${p.name}: DATA_DIR=${p.dataDir}${p.schema ? ` schema ${p.schema}` : ''}`);
      return;
    }
    for (const p of places) {
      if (p.schema !== undefined) {
        const schema = p.schema;
        await withAdmin((c) => c.query(`drop schema if exists ${schema} cascade`));
      }
      fs.rmSync(p.dataDir, { recursive: true, force: true });
    }
  };
  try {
    const fresh = places.filter((p) => !p.reused);
    if (fresh.length > 0) {
      for (const p of fresh) {
        if (p.schema !== undefined) {
          const schema = p.schema;
          await withAdmin((c) => c.query(`create schema ${schema}`));
        }
      }
      // One start each runs the migrations and seeds the demo townships and the catalogue.
      const started = await Promise.all(fresh.map((p) => startWithRetry(p.env)));
      await Promise.all(started.map((s) => s.stop()));
      const seedDbs = fresh.map(openPlace);
      for (const db of seedDbs) {
        // A larger page cache for the seeding connection only (the server keeps its own settings).
        if (db.dialect === 'sqlite') await sql`pragma cache_size = -1048576`.execute(db.kysely);
      }
      dbs.push(...seedDbs);
      const startedAt = Date.now();
      let reported = 0;
      const summary = await seedLoad(seedDbs, workCalendar(statutorySchedules), {
        count: CASES,
        today: new Date(),
        stop: () => SEED_UNTIL !== undefined && Date.now() >= SEED_UNTIL,
        progress: (done) => {
          if (done - reported >= CASES / 10 || done === CASES) {
            reported = done;
            console.log(`  seeded ${fmt(done, 0)} / ${fmt(CASES, 0)} in ${fmt((Date.now() - startedAt) / 1000, 0)} s`);
          }
        },
      });
      console.log(
        `seeded ${fmt(summary.cases, 0)} cases, ${fmt(summary.pages, 0)} pages, ${fmt(summary.events, 0)} events into ${fresh
          .map((p) => p.name)
          .join(' and ')} in ${fmt(summary.seedMs / 1000)} s; vacuum/analyse ${fmt(summary.analyseMs / 1000)} s`,
      );
      await Promise.all(seedDbs.map((db) => db.close()));
      dbs.length = 0;
    }

    for (const place of places) {
      const server = await startServerProcess(place.env);
      servers.push(server);
      const db = openPlace(place);
      dbs.push(db);
      const auth = await authFor(server.url, db);
      const rows: Measured[] = [];
      results.set(place.name, rows);
      const casesBefore = await db.kysely
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      seededCases.set(place.name, Number(casesBefore.n));
      console.log(
        `\n${place.name}: ${String(casesBefore.n)} cases, load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      for (const scenario of scenarios) {
        if (ONLY !== undefined && !scenario.name.startsWith('baseline') && !scenario.name.includes(ONLY)) continue;
        const measured = await measure(server.url, scenario, auth);
        rows.push(measured);
        console.log(
          `  ${scenario.name}: ${fmt(measured.rps)} req/s, p50 ${fmt(measured.p50)} ms, p95 ${fmt(measured.p95)} ms, p99 ${fmt(measured.p99)} ms, errors ${String(measured.errors)}, non-2xx ${String(measured.non2xx)}; load ${os.loadavg()[0]?.toFixed(1) ?? ''}`,
        );
      }
      // Stopped once the requests autocannon left in flight when the time was up are answered.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await server.stop();
      servers.splice(servers.indexOf(server), 1);
      // The feed stayed consistent: the counter names the last event, and ingest continued after the seed.
      const feed = await db.kysely
        .selectFrom('counters')
        .select('value')
        .where('name', '=', 'feed')
        .executeTakeFirstOrThrow();
      const last = await db.kysely
        .selectFrom('case_events')
        .select((eb) => eb.fn.max<number>('seq').as('seq'))
        .executeTakeFirstOrThrow();
      const events = await db.kysely
        .selectFrom('case_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // (PostgreSQL answers count(*) as a string.)
      if (String(feed.value) !== String(last.seq) || String(last.seq) !== String(events.n)) {
        throw new Error(
          `${place.name}: feed counter ${String(feed.value)}, last seq ${String(last.seq)}, ${String(events.n)} events`,
        );
      }
      // Errors logged by the server (requests cut off by the stop at the end are among them).
      const errors = server
        .output()
        .split('\n')
        .filter((line) => line.includes('"level":50') || line.includes('"level":60'));
      console.log(
        `  server logged ${String(errors.length)} errors${errors[0] ? `, first: ${errors[0].slice(0, 300)}` : ''}`,
      );
    }
    printTables(results);
  } finally {
    await cleanUp();
  }
}

await main();
