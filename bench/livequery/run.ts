/**
 * Live queries without Dexie's query cache (e1a2526): the app's database opens with
 * `{ cache: 'disabled' }` (src/device/db.ts), so a live query re-reads IndexedDB after every write
 * instead of being answered from Dexie's cache, updated optimistically. This measures what that costs
 * the agent's home screen, against Dexie's default (`cache: 'cloned'`) in the same run.
 *
 * Each run opens a fresh database on fake-indexeddb with the app's `cases` and `itemVersions` stores
 * and indexes and its encryption middleware (a minimal Dexie subclass: DaibanDatabase takes no cache
 * option), seeds N cases of an agent (drafts, outbox, mostly sent: realistic records, synthetic
 * residents), subscribes the three live queries AgentHome holds (drafts, outbox, sent: the query of
 * case-repository's `summaries`, copied here against this database) and makes 100 single-case writes,
 * one at a time, as the app makes them (a draft edited, upload progress, a draft submitted, a case
 * sent, a pulled status change). Per write: from the write's commit (its transaction resolved) to the
 * emission after which all three lists show it. Negative means the home showed it before the commit
 * (the cache's optimistic update).
 *
 * Storage: 'clear' (no PIN yet: records stored as given) and 'sealed' (a PIN set and unlocked: every
 * re-read opens each case's AES-GCM sealed part). The cache modes run interleaved, in alternating
 * order each round (cloned, disabled, disabled, cloned, …), on the same seeded cases and writes.
 *
 * Run: npx tsx bench/livequery/run.ts [--cases 300] [--updates 100] [--rounds 4] [--seed 7]
 */
import 'fake-indexeddb/auto';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { Dexie, liveQuery, type DBCore, type EntityTable, type Middleware, type Table } from 'dexie';
import { serviceItemSchema, type ServiceItem } from '../../src/domain/catalogue';
import { neededMaterials } from '../../src/domain/item-answers';
import { CASE_STATUSES } from '../../src/domain/case-status';
import { caseSummaries, type CaseSummary } from '../../src/device/case-repository';
import { pullSealKeyPair } from '../../src/device/crypto-sealed-box';
import { lockDataKey, setDataKey, setEncryptionRequired, setPullSealKey } from '../../src/device/data-key';
import type { CaseRecord } from '../../src/device/db';
import { encryptionMiddleware } from '../../src/device/db-encryption';
import { seedItems } from '../../src/server/catalogue/seed-items';
import { seededRandom } from '../support/seeded-random';

type CacheMode = 'cloned' | 'disabled';
type Storage = 'clear' | 'sealed';

type Options = { cases: number; updates: number; rounds: number; seed: number };

function parseArgs(argv: string[]): Options {
  const options: Options = { cases: 300, updates: 100, rounds: 4, seed: 7 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`bad value for ${argv[i] ?? ''}`);
    if (argv[i] === '--cases') options.cases = value;
    else if (argv[i] === '--updates') options.updates = value;
    else if (argv[i] === '--rounds') options.rounds = value;
    else if (argv[i] === '--seed') options.seed = value;
    else throw new Error(`unknown option ${argv[i] ?? ''}`);
  }
  return options;
}

/** The app's stores and indexes for these two tables (db.ts, version 4/5), its middleware, the cache mode given. */
class BenchDatabase extends Dexie {
  declare readonly cases: EntityTable<CaseRecord, 'id'>;
  declare readonly itemVersions: Table<ServiceItem, [string, number]>;

  constructor(name: string, cache: CacheMode) {
    super(name, { cache });
    this.version(5).stores({
      itemVersions: '[code+version]',
      cases: 'id, status, updatedAt, remote.status, resubmission.status',
    });
    this.use(encryptionMiddleware);
    this.use(readCounter);
  }
}

/** Records read from IndexedDB below Dexie's cache (cases and the item of each), all databases. */
let recordsRead = 0;

const readCounter: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'BenchReadCounter',
  level: -50,
  create: (down) => ({
    ...down,
    table: (name) => {
      const table = down.table(name);
      return {
        ...table,
        get: (req) =>
          table.get(req).then((value: unknown) => {
            if (value !== undefined) recordsRead += 1;
            return value;
          }),
        getMany: (req) =>
          table.getMany(req).then((values: unknown[]) => {
            recordsRead += values.filter((value) => value !== undefined).length;
            return values;
          }),
        query: (req) =>
          table.query(req).then((res) => {
            recordsRead += res.result.length;
            return res;
          }),
      };
    },
  }),
};

// ---- The cases: one agent's phone, built once so every run stores and writes the same records.

const AGENT_ID = '0193a000-0000-7000-8000-000000000011';
const item = serviceItemSchema.parse(seedItems.find((i) => i.name === '老年人优待证'));
const answers = { applyType: '首次申领' };
const NUMERALS = '一二三四五六七八九十';
const PHOTO_BYTES = 300_000;
const SIGNATURE_BYTES = 900;

const hex = (random: () => number, length: number): string =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
const digits = (random: () => number, length: number): string =>
  Array.from({ length }, () => String(Math.floor(random() * 10))).join('');
const iso = (minute: number): string => new Date(Date.UTC(2026, 9, 1, 0, minute)).toISOString();

function makeCase(random: () => number, i: number, status: CaseRecord['status']): CaseRecord {
  const createdAt = iso(i * 60);
  const submittedAt = status === 'draft' ? null : iso(i * 60 + 20);
  const materials = neededMaterials(item, answers, { proxy: true }).filter((m) => m.needed === 'required');
  const pages = materials.map((m) => ({
    id: crypto.randomUUID(),
    materialKey: m.key,
    order: 0,
    width: 1500,
    height: 2000,
    size: PHOTO_BYTES,
    type: 'image/jpeg' as const,
    sha256: hex(random, 64),
    verification: 'pending' as const,
    capturedAt: createdAt,
  }));
  // Synthetic residents: 测试 names, ID numbers under region code 99 (none exists), 199-0000 phones.
  const name = `测试${NUMERALS[i % 10] ?? ''}${i >= 10 ? (NUMERALS[Math.floor(i / 10) % 10] ?? '') : ''}`;
  const trackSecret = randomBytes(16).toString('base64url');
  return {
    id: crypto.randomUUID(),
    itemCode: item.code,
    itemVersion: item.version,
    status,
    applicant: {
      name,
      idNumber: `99${digits(random, 4)}1948${digits(random, 8)}`,
      phone: `1990000${digits(random, 4)}`,
      villageId: '0193a000-0000-7000-8000-0000000000a1',
      group: `第${NUMERALS[i % 9] ?? '一'}组`,
      address: `测试村${NUMERALS[i % 9] ?? '一'}组${String((i % 40) + 1)}号`,
    },
    answers,
    pages,
    signature:
      status === 'draft'
        ? null
        : {
            imageId: crypto.randomUUID(),
            sha256: hex(random, 64),
            signerName: name,
            signedAt: submittedAt ?? createdAt,
          },
    receiptCode: status === 'draft' ? null : `R${digits(random, 7)}`,
    trackSecret: status === 'draft' ? null : trackSecret,
    createdAt,
    updatedAt: submittedAt ?? iso(i * 60 + 5),
    submittedAt,
    agentId: AGENT_ID,
    remote:
      status === 'sent'
        ? {
            caseNumber: `999001-20261001-${String(i).padStart(5, '0')}`,
            status: CASE_STATUSES[i % CASE_STATUSES.length] ?? 'received',
            receivedAt: iso(i * 60 + 30),
            materials: { verified: i % 3 === 0 ? pages.length : 0, total: pages.length },
            supplement: null,
            round: 1,
            dueDate: '2026-12-20',
          }
        : null,
    sync:
      status === 'draft'
        ? null
        : {
            state: status === 'sent' ? 'sent' : 'waiting',
            bytesSent: status === 'sent' ? pages.length * PHOTO_BYTES + SIGNATURE_BYTES : 0,
            bytesTotal: pages.length * PHOTO_BYTES + SIGNATURE_BYTES,
            error: null,
          },
    resubmission: null,
  };
}

/** N cases: 10 % drafts, 7 % in the outbox, the rest sent (an agent's phone some months in). */
function makeCases(options: Options): CaseRecord[] {
  const random = seededRandom(options.seed);
  const drafts = Math.round(options.cases * 0.1);
  const outbox = Math.round(options.cases * 0.07);
  return Array.from({ length: options.cases }, (_, i) =>
    makeCase(random, i, i < options.cases - drafts - outbox ? 'sent' : i < options.cases - drafts ? 'outbox' : 'draft'),
  );
}

const WRITE_KINDS = ['draft edited', 'upload progress', 'draft submitted', 'case sent', 'status pulled'] as const;
type WriteKind = (typeof WRITE_KINDS)[number];

/**
 * One write of one case, in a transaction of its own (`explicit`) as the app's repositories write, or
 * a bare put as sync-push-case writes upload progress. Dexie's cache updates its cached results
 * optimistically only for the latter: an explicit read-write transaction's commit drops the cached
 * queries it touched, which re-read IndexedDB in either mode.
 */
type Write = { kind: WriteKind; explicit: boolean; record: CaseRecord };

/**
 * The writes, in a cycle of five as the app makes them: a draft edited (saveDraft: the address), upload
 * progress on an outbox case (sync-push-case, no transaction), a draft submitted (submitCase), the
 * oldest outbox case sent (sync-push-case), a sent case's status pulled (sync-pull). Planned once on
 * the seeded cases; every write sets a new updatedAt.
 */
function planWrites(cases: readonly CaseRecord[], count: number): Write[] {
  const now = new Map(cases.map((c) => [c.id, structuredClone(c)]));
  const of = (status: CaseRecord['status']): CaseRecord[] =>
    [...now.values()].filter((c) => c.status === status).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  const writes: Write[] = [];
  for (let n = 0; n < count; n += 1) {
    const at = new Date(Date.UTC(2026, 10, 26, 2, 0, n)).toISOString();
    const kind = WRITE_KINDS[n % WRITE_KINDS.length] ?? 'draft edited';
    const pick = (list: CaseRecord[], index: number): CaseRecord => {
      const picked = list[index % list.length];
      if (!picked) throw new Error(`no case left to write (write ${String(n)})`);
      return structuredClone(picked);
    };
    let next: CaseRecord;
    if (kind === 'draft edited') {
      next = pick(of('draft'), n);
      next.applicant = { ...next.applicant, address: `测试村${String(n)}组${String(n + 1)}号` };
    } else if (kind === 'upload progress') {
      next = pick(of('outbox'), n);
      const total = next.sync?.bytesTotal ?? 1;
      next.sync = {
        state: 'uploading',
        bytesSent: Math.min(total, (n % 4) * PHOTO_BYTES),
        bytesTotal: total,
        error: null,
      };
    } else if (kind === 'draft submitted') {
      next = pick(of('draft'), 0);
      next.status = 'outbox';
      next.submittedAt = at;
      next.receiptCode = `R${String(1_000_000 + n)}`;
      next.trackSecret = createHash('sha256').update(String(n)).digest('base64url').slice(0, 22);
      next.signature = {
        imageId: crypto.randomUUID(),
        sha256: createHash('sha256')
          .update(`s${String(n)}`)
          .digest('hex'),
        signerName: next.applicant.name ?? '',
        signedAt: at,
      };
      const total = next.pages.length * PHOTO_BYTES + SIGNATURE_BYTES;
      next.sync = { state: 'waiting', bytesSent: 0, bytesTotal: total, error: null };
    } else if (kind === 'case sent') {
      next = pick(of('outbox'), 0);
      next.status = 'sent';
      const total = next.sync?.bytesTotal ?? 1;
      next.sync = { state: 'sent', bytesSent: total, bytesTotal: total, error: null };
      next.remote = {
        caseNumber: `999001-20261126-${String(n).padStart(5, '0')}`,
        status: 'received',
        receivedAt: at,
        materials: { verified: 0, total: next.pages.length },
        supplement: null,
        round: 1,
        dueDate: null,
      };
    } else {
      next = pick(of('sent'), n * 7);
      if (next.remote) next.remote = { ...next.remote, status: 'accepted', dueDate: '2026-12-26' };
    }
    next.updatedAt = at;
    now.set(next.id, next);
    writes.push({ kind, explicit: kind !== 'upload progress', record: next });
  }
  return writes;
}

// ---- One run.

type RunResult = {
  cache: CacheMode;
  storage: Storage;
  /** From subscribing the three queries to all three having emitted once (database already open). */
  firstEmissionMs: number;
  /** Per write: commit → the home shows it (negative: shown before the commit). */
  commitToShownMs: number[];
  /** Per write: the write's call → the home shows it. */
  writeToShownMs: number[];
  /** Emissions of the three queries over the writes. */
  emissions: number;
  /** Records read from IndexedDB over the writes (the writes' own reads included). */
  recordsRead: number;
  /** Each write's kind, in the order of commitToShownMs. */
  kinds: WriteKind[];
};

const HOME_LISTS: readonly CaseRecord['status'][] = ['draft', 'outbox', 'sent'];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function useStorage(storage: Storage): void {
  if (storage === 'sealed') {
    const key = new Uint8Array(randomBytes(32));
    setDataKey(key);
    setPullSealKey(pullSealKeyPair(key).publicKey);
  } else {
    lockDataKey();
    setEncryptionRequired(false);
    setPullSealKey(null);
  }
}

let runNumber = 0;

async function run(
  cache: CacheMode,
  storage: Storage,
  cases: readonly CaseRecord[],
  writes: readonly Write[],
): Promise<RunResult> {
  runNumber += 1;
  useStorage(storage);
  const name = `bench-livequery-${String(runNumber)}`;
  const seeder = new BenchDatabase(name, cache);
  await seeder.itemVersions.put(item);
  await seeder.cases.bulkPut([...cases]);
  seeder.close();

  const db = new BenchDatabase(name, cache);
  await db.open();
  const latest = new Map<CaseRecord['status'], CaseSummary[]>();
  let emissions = 0;
  let check: () => void = () => undefined;
  const started = performance.now();
  let firstEmissionMs = 0;
  let unsubscribe = (): void => undefined;
  const allEmitted = new Promise<void>((resolve, reject) => {
    const subscriptions = HOME_LISTS.map((status) =>
      liveQuery(() => caseSummaries(db, status, AGENT_ID)).subscribe({
        next: (list) => {
          emissions += 1;
          latest.set(status, list);
          if (latest.size === HOME_LISTS.length && firstEmissionMs === 0) {
            firstEmissionMs = performance.now() - started;
            resolve();
          }
          check();
        },
        error: reject,
      }),
    );
    unsubscribe = () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    };
  });
  await allEmitted;
  await sleep(20);

  const statusOf = new Map(cases.map((c) => [c.id, c.status]));
  const shows = (write: CaseRecord, before: CaseRecord['status'] | undefined): boolean => {
    const list = latest.get(write.status) ?? [];
    const shown = list.find((s) => s.id === write.id);
    if (!shown || shown.updatedAt !== write.updatedAt) return false;
    if (before === undefined || before === write.status) return true;
    return !(latest.get(before) ?? []).some((s) => s.id === write.id);
  };

  const commitToShownMs: number[] = [];
  const writeToShownMs: number[] = [];
  emissions = 0;
  recordsRead = 0;
  for (const { record: write, explicit } of writes) {
    const before = statusOf.get(write.id);
    let shownAt = 0;
    const shown = new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => {
        reject(new Error(`write to ${write.status} not shown within 10 s (${cache}, ${storage})`));
      }, 10_000);
      check = () => {
        if (shownAt === 0 && shows(write, before)) {
          shownAt = performance.now();
          clearTimeout(timeout);
          resolve();
        }
      };
    });
    const writeAt = performance.now();
    if (explicit) await db.transaction('rw', db.cases, () => db.cases.put(structuredClone(write)));
    else await db.cases.put(structuredClone(write));
    const committedAt = performance.now();
    check();
    await shown;
    commitToShownMs.push(shownAt - committedAt);
    writeToShownMs.push(shownAt - writeAt);
    statusOf.set(write.id, write.status);
    check = () => undefined;
    // Let any later emission of this write pass before the next one starts.
    await sleep(15);
  }
  const readDuringWrites = recordsRead;
  unsubscribe();
  db.close();
  await Dexie.delete(name);
  return {
    cache,
    storage,
    firstEmissionMs,
    commitToShownMs,
    writeToShownMs,
    emissions,
    recordsRead: readDuringWrites,
    kinds: writes.map((w) => w.kind),
  };
}

// ---- Figures.

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const fmt = (n: number, digits = 2): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

type Figures = {
  median: number;
  p95: number;
  /** Mean per run of the 100 writes' total. */
  total: number;
  writeMedian: number;
  first: number;
  emissionsPerWrite: number;
  readsPerWrite: number;
  runMedians: number[];
  /** Median commit → shown per kind of write. */
  byKind: Map<WriteKind, number>;
};

function figures(results: readonly RunResult[], writes: number): Figures {
  const all = results.flatMap((r) => r.commitToShownMs);
  return {
    median: quantile(all, 0.5),
    p95: quantile(all, 0.95),
    total: sum(results.map((r) => sum(r.commitToShownMs))) / results.length,
    writeMedian: quantile(
      results.flatMap((r) => r.writeToShownMs),
      0.5,
    ),
    first: quantile(
      results.map((r) => r.firstEmissionMs),
      0.5,
    ),
    emissionsPerWrite: sum(results.map((r) => r.emissions)) / results.length / writes,
    readsPerWrite: sum(results.map((r) => r.recordsRead)) / results.length / writes,
    runMedians: results.map((r) => quantile(r.commitToShownMs, 0.5)),
    byKind: new Map(
      WRITE_KINDS.map((kind) => [
        kind,
        quantile(
          results.flatMap((r) => r.commitToShownMs.filter((_, i) => r.kinds[i] === kind)),
          0.5,
        ),
      ]),
    ),
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const benchStarted = performance.now();
  console.log(
    `${String(os.cpus().length)} cores, Node ${process.version}, load average (1 min) ${fmt(os.loadavg()[0] ?? 0)} at the start`,
  );
  const cases = makeCases(options);
  const writes = planWrites(cases, options.updates);
  const count = (status: CaseRecord['status']): number => cases.filter((c) => c.status === status).length;
  console.log(
    `${String(options.cases)} cases (${String(count('draft'))} drafts, ${String(count('outbox'))} outbox, ${String(count('sent'))} sent; ` +
      `${fmt(JSON.stringify(cases).length / options.cases, 0)} bytes of JSON per case), ${String(options.updates)} writes, ` +
      `${String(options.rounds)} rounds, seed ${String(options.seed)}`,
  );

  const results: RunResult[] = [];
  const storages: Storage[] = ['clear', 'sealed'];
  for (let round = 0; round < options.rounds; round += 1) {
    const order: CacheMode[] = round % 2 === 0 ? ['cloned', 'disabled'] : ['disabled', 'cloned'];
    for (const storage of storages) {
      for (const cache of order) {
        const result = await run(cache, storage, cases, writes);
        results.push(result);
        console.log(
          `round ${String(round + 1)} ${storage} ${cache}: first emission ${fmt(result.firstEmissionMs)} ms, ` +
            `commit → shown median ${fmt(quantile(result.commitToShownMs, 0.5))} ms, ` +
            `p95 ${fmt(quantile(result.commitToShownMs, 0.95))} ms, total ${fmt(sum(result.commitToShownMs))} ms, ` +
            `${String(result.emissions)} emissions, ${String(result.recordsRead)} records read`,
        );
      }
    }
  }

  console.log(
    `\nCommit → the home shows the write (all three lists), ${String(options.updates)} writes × ${String(options.rounds)} rounds per row; ` +
      'total is the mean per run of the sum over the writes; first emission is the median over the runs.',
  );
  console.log(
    '\n| storage | cache | median ms | p95 ms | total ms | write call → shown, median ms | first emission ms | emissions per write | records read per write | per-round medians ms |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  const table = new Map<string, Figures>();
  for (const storage of storages) {
    for (const cache of ['cloned', 'disabled'] as const) {
      const f = figures(
        results.filter((r) => r.storage === storage && r.cache === cache),
        options.updates,
      );
      table.set(`${storage}/${cache}`, f);
      console.log(
        `| ${storage} | ${cache} | ${fmt(f.median)} | ${fmt(f.p95)} | ${fmt(f.total, 0)} | ${fmt(f.writeMedian)} | ${fmt(f.first)} | ` +
          `${fmt(f.emissionsPerWrite, 1)} | ${fmt(f.readsPerWrite, 0)} | ${f.runMedians.map((m) => fmt(m)).join(', ')} |`,
      );
    }
  }
  console.log('\n| storage | disabled ÷ cloned: median | p95 | total | write call → shown | first emission |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const storage of storages) {
    const c = table.get(`${storage}/cloned`);
    const d = table.get(`${storage}/disabled`);
    if (!c || !d) continue;
    const ratio = (a: number, b: number): string => `×${fmt(a / b)}`;
    console.log(
      `| ${storage} | ${ratio(d.median, c.median)} | ${ratio(d.p95, c.p95)} | ${ratio(d.total, c.total)} | ` +
        `${ratio(d.writeMedian, c.writeMedian)} | ${ratio(d.first, c.first)} |`,
    );
  }
  console.log(
    '\nMedian commit → shown by kind of write (ms; upload progress is the only write outside a transaction):',
  );
  console.log(`\n| storage | cache | ${WRITE_KINDS.join(' | ')} |`);
  console.log(`|---|---|${WRITE_KINDS.map(() => '---:').join('|')}|`);
  for (const [key, f] of table) {
    const [storage, cache] = key.split('/');
    console.log(
      `| ${storage ?? ''} | ${cache ?? ''} | ${WRITE_KINDS.map((kind) => fmt(f.byKind.get(kind) ?? Number.NaN)).join(' | ')} |`,
    );
  }
  console.log(
    `\nbench wall time ${fmt((performance.now() - benchStarted) / 1000, 0)} s; load average (1 min) ${fmt(os.loadavg()[0] ?? 0)} at the end`,
  );
}

await main();
