/**
 * Sync over a slow, breaking link (issue #4): N cases × 4 photos from a phone to the township, through
 * a link of 1 Mbit/s up and 300 ms round trip (bench/sync/throttle-proxy.ts), once clean and once
 * with the link dropping at random (a seeded schedule: both contestants face the same cuts at the
 * same moments of their run).
 *
 * Contestants, on the same link and the same faults:
 * - ours: the phone's real sync engine (runSync from src/device, Dexie on fake-indexeddb) against the
 *   real server (`tsx src/server/main.ts`, a child process on SQLite in a fresh DATA_DIR), run again
 *   after every failed run until the outbox is empty;
 * - the usual recipe: workbox-background-sync replaying one multipart POST per case
 *   (bench/sync/workbox-recipe.ts) to a small endpoint inside this process.
 *
 * Time scale: at 1 Mbit/s, 50 cases of 4 × 300 KB take 8 minutes of line time per run. The link is
 * therefore run `--scale` times faster in every respect — bandwidth × scale, delays, cut gaps and
 * retry waits ÷ scale — which keeps every ratio of the real link (a chunk's line time to a round
 * trip, a case's to the gap between cuts). CPU and disk time (server and phone "think" time,
 * measured by the proxy) do not scale; the projection to the real link multiplies everything else by
 * the scale and adds them back once. `--scale 1` runs the real link.
 *
 * A third fault, not run by default (`--faults lost-answers`): the link drops while a share of the
 * server's answers are on their way back (`--lost-answers-share`, default 5 %), the fault that turns
 * a replay into a duplicate.
 *
 * Run: npx tsx bench/sync/run.ts [--cases 50] [--photo-kb 300] [--scale 12] [--seed 4] [--cut-mean-s 20]
 *        [--faults none,cuts | none,cuts,lost-answers | lost-answers] [--lost-answers-share 0.05]
 *        [--contestants ours,workbox | ours]
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loginResponseSchema } from '../../src/domain/auth';
import { closeDatabase, getDatabase } from '../../src/device/db';
import { saveSession } from '../../src/device/session-repository';
import { setSyncBaseUrl } from '../../src/device/sync-fetch';
import { DEFAULT_RETRY_POLICY } from '../../src/device/sync-retry';
import { runSync } from '../../src/device/sync-run';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { makeCases, payloadBytes, queueOnPhone, SIGNATURE_BYTES, type BenchCase } from './bench-cases';
import { cutSchedule, startThrottleProxy, type LinkCounters, type LinkOptions } from './throttle-proxy';
import { startTownshipServer } from './township-server';
import { replayQueue, startCaseInbox } from './workbox-recipe';

/** The real link of the claim. */
const REAL = {
  upBitsPerSecond: 1_000_000,
  downBitsPerSecond: 4_000_000,
  rttMs: 300,
  /** The wait before the next run or replay after a failed one, for both contestants (retries inside one of our runs follow DEFAULT_RETRY_POLICY). */
  nextAttemptMs: 1000,
  minCutGapMs: 2000,
};
const AGENT_PHONE = '13900000011';

type Faults = 'no cuts' | 'random cuts' | 'lost answers';
const FAULT_NAMES: Record<string, Faults> = { none: 'no cuts', cuts: 'random cuts', 'lost-answers': 'lost answers' };

type Contestant = 'ours' | 'workbox-background-sync';
const CONTESTANT_NAMES: Record<string, Contestant> = { ours: 'ours', workbox: 'workbox-background-sync' };

type Options = {
  cases: number;
  photoBytes: number;
  scale: number;
  seed: number;
  cutMeanS: number;
  lostAnswerShare: number;
  faults: Faults[];
  contestants: Contestant[];
};

function parseArgs(argv: string[]): Options {
  const options: Options = {
    cases: 50,
    photoBytes: 300_000,
    scale: 12,
    seed: 4,
    cutMeanS: 20,
    lostAnswerShare: 0.05,
    faults: ['no cuts', 'random cuts'],
    contestants: ['ours', 'workbox-background-sync'],
  };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--faults') {
      options.faults = (argv[i + 1] ?? '').split(',').map((name) => {
        const faults = FAULT_NAMES[name];
        if (faults === undefined) throw new Error(`--faults takes none, cuts, lost-answers; not ${name}`);
        return faults;
      });
      continue;
    }
    if (argv[i] === '--contestants') {
      options.contestants = (argv[i + 1] ?? '').split(',').map((name) => {
        const contestant = CONTESTANT_NAMES[name];
        if (contestant === undefined) throw new Error(`--contestants takes ours, workbox; not ${name}`);
        return contestant;
      });
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`bad value for ${argv[i] ?? ''}`);
    if (argv[i] === '--cases') options.cases = value;
    else if (argv[i] === '--photo-kb') options.photoBytes = Math.round(value * 1000);
    else if (argv[i] === '--scale') options.scale = value;
    else if (argv[i] === '--seed') options.seed = value;
    else if (argv[i] === '--cut-mean-s') options.cutMeanS = value;
    else if (argv[i] === '--lost-answers-share') options.lostAnswerShare = value;
    else throw new Error(`unknown option ${argv[i] ?? ''}`);
  }
  return options;
}

type Outcome = {
  contestant: Contestant;
  faults: Faults;
  elapsedMs: number;
  link: LinkCounters;
  requests: number;
  failedRequests: number;
  /** Stored more than once (case ids received twice). */
  duplicates: number;
  /** Cases that never arrived intact. */
  lost: number;
  /** What was checked on the receiving side. */
  verified: string;
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Counts the requests sent to `prefix` (the proxy) and those that got no answer. */
function meterFetch(prefix: string): { requests: () => number; failed: () => number; restore: () => void } {
  const original = globalThis.fetch;
  let requests = 0;
  let failed = 0;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(prefix)) return original(input, init);
    requests += 1;
    try {
      return await original(input, init);
    } catch (error) {
      failed += 1;
      throw error;
    }
  }) satisfies typeof fetch;
  return {
    requests: () => requests,
    failed: () => failed,
    restore: () => {
      globalThis.fetch = original;
    },
  };
}

function linkFor(options: Options, faults: Faults, lineRateMs: number): LinkOptions {
  const s = options.scale;
  return {
    upBytesPerSecond: (REAL.upBitsPerSecond / 8) * s,
    downBytesPerSecond: (REAL.downBitsPerSecond / 8) * s,
    oneWayDelayMs: REAL.rttMs / 2 / s,
    cutsAtMs:
      faults === 'random cuts'
        ? cutSchedule(options.seed, (options.cutMeanS * 1000) / s, REAL.minCutGapMs / s, 20 * lineRateMs)
        : [],
    ...(faults === 'lost answers' ? { lostAnswers: { probability: options.lostAnswerShare, seed: options.seed } } : {}),
  };
}

async function runOurs(
  options: Options,
  cases: readonly BenchCase[],
  faults: Faults,
  lineRateMs: number,
): Promise<Outcome> {
  const server = await startTownshipServer();
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: AGENT_PHONE, password: DEMO_PASSWORD, client: 'device' }),
    });
    const session = loginResponseSchema.parse(await login.json());
    await saveSession({ token: session.token ?? null, user: session.user, expiresAt: session.expiresAt });
    await queueOnPhone(cases, session.user.id);

    const proxy = await startThrottleProxy(server.url, linkFor(options, faults, lineRateMs));
    setSyncBaseUrl(proxy.url);
    const meter = meterFetch(proxy.url);
    // The engine's own policy, its waits scaled like the link.
    const retry = { ...DEFAULT_RETRY_POLICY, delaysMs: DEFAULT_RETRY_POLICY.delaysMs.map((ms) => ms / options.scale) };
    const deadline = performance.now() + 20 * lineRateMs;
    const started = performance.now();
    proxy.arm();
    try {
      for (;;) {
        const summary = await runSync({ retry });
        if (summary.outcome === 'done' && summary.waiting === 0) break;
        if (summary.outcome === 'signed-out' || summary.outcome === 'busy' || summary.setAside > 0)
          throw new Error(`sync cannot finish: ${JSON.stringify(summary)}`);
        if (performance.now() > deadline)
          throw new Error(`not done by the deadline: ${JSON.stringify(summary)}\n${server.output().slice(-3000)}`);
        await sleep(REAL.nextAttemptMs / options.scale);
      }
    } finally {
      proxy.disarm();
      meter.restore();
    }
    const elapsedMs = performance.now() - started;
    const link = proxy.counters();
    await proxy.close();

    // Every case once, every photo byte-identical: asked of the server's database and blob files.
    const phoneLeft = await getDatabase().photos.count();
    const notSent = (await getDatabase().cases.toArray()).filter((c) => c.status !== 'sent').length;
    const db = new Database(path.join(server.dataDir, 'daiban.sqlite'), { readonly: true });
    try {
      const ids = new Set(
        db
          .prepare<[], { id: string }>('select id from cases')
          .all()
          .map((r) => r.id),
      );
      const received = new Map(
        db
          .prepare<[], { case_id: string; n: number }>(
            "select case_id, count(*) as n from case_events where type = 'received' group by case_id",
          )
          .all()
          .map((r) => [r.case_id, r.n]),
      );
      const stored = new Set(
        db
          .prepare<[], { sha256: string }>('select sha256 from blobs')
          .all()
          .map((r) => r.sha256),
      );
      const intact = (c: BenchCase): boolean =>
        ids.has(c.record.id) &&
        c.images.every((image) => {
          if (!stored.has(image.sha256)) return false;
          const file = path.join(server.dataDir, 'blobs', image.sha256.slice(0, 2), image.sha256);
          return fs.existsSync(file) && sha256(fs.readFileSync(file)) === image.sha256;
        });
      const lost = cases.filter((c) => !intact(c)).length;
      const duplicates = [...received.values()].reduce((sum, n) => sum + n - 1, 0);
      const images = cases.reduce((sum, c) => sum + c.images.length, 0);
      if (phoneLeft !== 0 || notSent !== 0) throw new Error(`the phone still holds ${String(phoneLeft)} photos`);
      return {
        contestant: 'ours',
        faults,
        elapsedMs,
        link,
        requests: meter.requests(),
        failedRequests: meter.failed(),
        duplicates,
        lost,
        verified: `${String(ids.size)} cases in the server's database, ${String(received.size)} receipt events, ${String(stored.size)}/${String(images)} blobs stored with matching SHA-256; phone outbox empty, photo bytes deleted`,
      };
    } finally {
      db.close();
    }
  } finally {
    await getDatabase().delete();
    closeDatabase();
    await server.stop();
  }
}

async function runWorkbox(
  options: Options,
  cases: readonly BenchCase[],
  faults: Faults,
  lineRateMs: number,
): Promise<Outcome> {
  const inbox = await startCaseInbox();
  const proxy = await startThrottleProxy(inbox.url, linkFor(options, faults, lineRateMs));
  const meter = meterFetch(proxy.url);
  const started = performance.now();
  proxy.arm();
  try {
    await replayQueue(cases, proxy.url, {
      token: 'x'.repeat(43),
      retryDelayMs: REAL.nextAttemptMs / options.scale,
      deadline: performance.now() + 20 * lineRateMs,
    });
  } finally {
    proxy.disarm();
    meter.restore();
  }
  const elapsedMs = performance.now() - started;
  const link = proxy.counters();
  await proxy.close();
  await inbox.close();

  const byId = new Map(cases.map((c) => [c.record.id, c]));
  const times = new Map<string, number>();
  let intactPosts = 0;
  for (const entry of inbox.stored) {
    times.set(entry.caseId, (times.get(entry.caseId) ?? 0) + 1);
    const expected = byId.get(entry.caseId)?.images.map((i) => i.sha256);
    if (expected !== undefined && expected.join() === entry.sha256.join()) intactPosts += 1;
  }
  const duplicates = [...times.values()].reduce((sum, n) => sum + n - 1, 0);
  const lost = cases.filter((c) => !times.has(c.record.id)).length;
  return {
    contestant: 'workbox-background-sync',
    faults,
    elapsedMs,
    link,
    requests: meter.requests(),
    failedRequests: meter.failed(),
    duplicates,
    lost,
    verified: `${String(inbox.stored.length)} POSTs stored for ${String(times.size)} case ids, ${String(intactPosts)} with every file's SHA-256 matching`,
  };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const options = parseArgs(process.argv.slice(2));
  console.log(
    `${String(os.cpus().length)} cores, Node ${process.version}, load average (1 min) ${fmt(os.loadavg()[0] ?? 0, 2)} at the start`,
  );
  const s = options.scale;
  const cases = makeCases(options.cases, options.photoBytes);
  const payload = payloadBytes(cases);
  const upBytesPerSecond = (REAL.upBitsPerSecond / 8) * s;
  const lineRateMs = (payload / upBytesPerSecond) * 1000;
  const realLineRateS = (payload / (REAL.upBitsPerSecond / 8)) * 1;
  console.log(
    `${String(options.cases)} cases × 4 photos of ${fmt(options.photoBytes)} bytes + a ${String(SIGNATURE_BYTES)}-byte signature; ` +
      `payload ${fmt(payload)} bytes (photos, signatures and case documents once)`,
  );
  console.log(
    `real link: ${String(REAL.upBitsPerSecond / 1e6)} Mbit/s up, ${String(REAL.downBitsPerSecond / 1e6)} Mbit/s down, ` +
      `${String(REAL.rttMs)} ms RTT; random cuts: mean gap ${String(options.cutMeanS)} s; ` +
      `lost answers: ${fmt(options.lostAnswerShare * 100)} % of answers; seed ${String(options.seed)}; ` +
      `line-rate limit ${fmt(realLineRateS, 1)} s`,
  );
  console.log(
    `run at scale ×${String(s)}: ${fmt((upBytesPerSecond * 8) / 1e6, 1)} Mbit/s up, ${fmt(REAL.rttMs / s, 1)} ms RTT, ` +
      `line-rate limit ${fmt(lineRateMs / 1000, 2)} s`,
  );

  const outcomes: Outcome[] = [];
  for (const faults of options.faults) {
    for (const contestant of options.contestants) {
      const outcome =
        contestant === 'ours'
          ? await runOurs(options, cases, faults, lineRateMs)
          : await runWorkbox(options, cases, faults, lineRateMs);
      outcomes.push(outcome);
      console.log(
        `  ${contestant}, ${faults}: ${fmt(outcome.elapsedMs / 1000, 2)} s, ${String(outcome.link.cuts)} cuts — ${outcome.verified}`,
      );
    }
  }

  const clean = (c: Contestant): Outcome | undefined =>
    outcomes.find((o) => o.contestant === c && o.faults === 'no cuts');
  const label = (faults: Faults): string =>
    faults === 'lost answers' ? `lost answers (${fmt(options.lostAnswerShare * 100)} %)` : faults;
  const think = (o: Outcome): number => o.link.serverThinkMs + o.link.clientThinkMs;
  const projectedS = (o: Outcome): number => ((o.elapsedMs - think(o)) * s + think(o)) / 1000;

  console.log(
    `\n| contestant | link | time (×${String(s)} run) | × line-rate limit | projected at 1 Mbit/s, 300 ms | × line-rate limit | upstream bytes | overhead | re-sent bytes | requests (failed) | cuts | duplicates | lost |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const o of outcomes) {
    const base = clean(o.contestant);
    const resent = o.faults === 'no cuts' ? '0' : base === undefined ? '—' : fmt(o.link.upBytes - base.link.upBytes);
    console.log(
      `| ${o.contestant} | ${label(o.faults)} | ${fmt(o.elapsedMs / 1000, 1)} s | ${fmt(o.elapsedMs / lineRateMs, 2)} | ` +
        `${fmt(projectedS(o))} s | ${fmt(projectedS(o) / realLineRateS, 2)} | ${fmt(o.link.upBytes)} | ` +
        `${fmt(((o.link.upBytes - payload) / payload) * 100, 2)} % | ${resent} | ` +
        `${fmt(o.requests)} (${fmt(o.failedRequests)}) | ${String(o.link.cuts)} | ${String(o.duplicates)} | ${String(o.lost)} |`,
    );
  }

  console.log(
    `\nWhere the time went (×${String(s)} run): line busy = upstream bytes ÷ bandwidth; think = server (CPU, fsync) and phone (Dexie, hashing) between a byte arriving and their next byte; the rest is round trips and retry waits.`,
  );
  console.log(
    '\n| contestant | link | total | line busy | server think | phone think | round trips, handshakes, waits | downstream bytes | connections |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const o of outcomes) {
    const busy = (o.link.upBytes / upBytesPerSecond) * 1000;
    console.log(
      `| ${o.contestant} | ${label(o.faults)} | ${fmt(o.elapsedMs / 1000, 2)} s | ${fmt(busy / 1000, 2)} s | ` +
        `${fmt(o.link.serverThinkMs / 1000, 2)} s | ${fmt(o.link.clientThinkMs / 1000, 2)} s | ` +
        `${fmt((o.elapsedMs - busy - think(o)) / 1000, 2)} s | ${fmt(o.link.downBytes)} | ${String(o.link.connections)} |`,
    );
  }
  console.log(
    `\nbench wall time ${fmt((performance.now() - benchStarted) / 1000)} s; load average (1 min) ${fmt(os.loadavg()[0] ?? 0, 2)} at the end`,
  );
}

await main();
