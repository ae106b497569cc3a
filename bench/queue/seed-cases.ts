/**
 * Seeds a township's database with many cases for benchmarks: realistic spread of statuses, windows,
 * villages, agents and items over the year before `today`, with deadlines set as the workbench sets
 * them, 4 pages per case and 1–3 events per case. Rows are written in batched transactions straight
 * through Kysely (the HTTP path is measured elsewhere); counters are advanced past the rows used.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { addWorkingDays, type WorkCalendar } from '../../src/domain/working-days';
import type { CaseStatus } from '../../src/domain/case-submission';
import type { CaseEventTable, CasePageTable, CaseTable, Database } from '../../src/server/db/schema';
import { seededRandom } from '../support/seeded-random';

/** A seededRandom stream, so every run seeds the same data. */
type Rng = () => number;

const SURNAMES = Array.from('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗');
const GIVEN = Array.from('建国桂兰志刚秀英明华丽娟伟芳军强敏静磊洋勇艳杰涛');

const STATUS_MIX: [CaseStatus, number][] = [
  ['received', 0.08],
  ['supplement', 0.05],
  ['accepted', 0.22],
  ['suspended', 0.02],
  ['rejected', 0.03],
  ['completed_approved', 0.55],
  ['completed_denied', 0.05],
];

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function pickStatus(rng: Rng): CaseStatus {
  let r = rng();
  for (const [status, share] of STATUS_MIX) {
    if (r < share) return status;
    r -= share;
  }
  return 'completed_approved';
}

const DAY = 86_400_000;
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export type SeedSummary = { cases: number; pages: number; events: number; ms: number };

/** What the generated rows refer to: one township's villages, agents, a clerk and the current items. */
export type SeedContext = {
  township: { id: string; code: string };
  villages: { id: string }[];
  agents: { id: string; village_id: string | null }[];
  clerk: { id: string };
  items: { code: string; version: number; window_code: string; limit: number }[];
  /** The change feed's last seq before seeding. */
  feed: number;
};

/** One batch of rows, written in one transaction. */
export type SeedBatch = { cases: CaseTable[]; pages: CasePageTable[]; events: CaseEventTable[] };

/** Reads what the seeded rows refer to (the township with `townshipCode`, else the first one). */
export async function loadSeedContext(db: Kysely<Database>, townshipCode?: string): Promise<SeedContext> {
  let townships = db.selectFrom('townships').select(['id', 'code']);
  if (townshipCode !== undefined) townships = townships.where('code', '=', townshipCode);
  const township = await townships.orderBy('code').executeTakeFirstOrThrow();
  const villages = await db
    .selectFrom('villages')
    .select('id')
    .where('township_id', '=', township.id)
    .orderBy('code')
    .execute();
  const agents = await db
    .selectFrom('users')
    .select(['id', 'village_id'])
    .where('role', '=', 'agent')
    .where('township_id', '=', township.id)
    .orderBy('phone')
    .execute();
  const clerk = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'clerk')
    .where('township_id', '=', township.id)
    .orderBy('phone')
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom('catalogue_items')
    .select(['code', 'version', 'window_code', 'body'])
    .where('is_current', '=', 1)
    .orderBy('code')
    .execute();
  const feed =
    (await db.selectFrom('counters').select('value').where('name', '=', 'feed').executeTakeFirst())?.value ?? 0;
  return {
    township,
    villages,
    agents,
    clerk,
    items: items.map((i) => {
      const body: unknown = JSON.parse(i.body);
      const limit =
        typeof body === 'object' && body !== null && 'promisedLimitDays' in body ? Number(body.promisedLimitDays) : 20;
      return { code: i.code, version: i.version, window_code: i.window_code, limit };
    }),
    feed,
  };
}

/**
 * Generates `count` cases for the township in `context` in batches of `batch` (ids and 办件编号 prefixed
 * with `prefix` so several seeds can share a database); event seqs continue from `context.feed`.
 */
export function* generateCaseBatches(
  context: SeedContext,
  calendar: WorkCalendar,
  options: { count: number; today: Date; seed?: number; prefix?: string; batch?: number },
): Generator<SeedBatch> {
  const rng = seededRandom(options.seed ?? 42);
  const prefix = options.prefix ?? 'b';
  const { township, villages, agents, clerk, items: itemLimits } = context;
  const todayMs = options.today.getTime();
  const batch = options.batch ?? 2000;
  let seq = context.feed;
  // A valid UUID (v7 layout) that still says which seed made it: the prefix's char codes in the last group.
  const tag = Array.from(prefix, (c) => c.charCodeAt(0).toString(16))
    .join('')
    .padStart(12, '0')
    .slice(-12);

  for (let start = 0; start < options.count; start += batch) {
    const caseRows: CaseTable[] = [];
    const pageRows: CasePageTable[] = [];
    const eventRows: CaseEventTable[] = [];
    for (let n = start; n < Math.min(options.count, start + batch); n++) {
      const item = pick(rng, itemLimits);
      const agent = pick(rng, agents);
      const status = pickStatus(rng);
      // Open cases are recent; closed ones spread over the year.
      const ageDays = status === 'received' || status === 'supplement' ? rng() * 9 : rng() * 360;
      const receivedMs = todayMs - Math.floor(ageDays * DAY) - Math.floor(rng() * 8 * 3_600_000);
      const receivedAt = new Date(receivedMs).toISOString();
      const receivedDay = chinaDate(receivedMs);
      const id = `${n.toString(16).padStart(8, '0')}-0000-7000-8000-${tag}`;
      const acceptBy = addWorkingDays(calendar, receivedDay, 5).date;
      const open = status === 'received' || status === 'accepted' || status === 'suspended' || status === 'supplement';
      const accepted = status !== 'received' && status !== 'supplement' && status !== 'rejected';
      const acceptedMs = receivedMs + Math.floor(rng() * 4 * DAY);
      const dueDate = accepted ? addWorkingDays(calendar, chinaDate(acceptedMs), item.limit).date : null;
      const closedMs = acceptedMs + Math.floor(rng() * (item.limit + 5) * 1.4 * DAY);
      const deadline = status === 'received' ? acceptBy : status === 'accepted' ? dueDate : null;
      const name = `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}${rng() < 0.6 ? pick(rng, GIVEN) : ''}`;
      // About as wide as a real submission (~2.5 KB of JSON), so the queue pays for wide rows as it would.
      const body = JSON.stringify({ seeded: n, applicant: { name }, answers: {}, pages: 'p'.repeat(2400) });
      caseRows.push({
        id,
        case_number: `${township.code}-${receivedDay.replaceAll('-', '')}-${prefix}${String(n).padStart(7, '0')}`,
        township_id: township.id,
        village_id: agent.village_id ?? pick(rng, villages).id,
        agent_id: agent.id,
        window_code: item.window_code,
        item_code: item.code,
        item_version: item.version,
        applicant_name: name,
        receipt_code: `${prefix}${String(n).padStart(9, '0')}`,
        track_secret_hash: createHash('sha256').update(id).digest('hex'),
        status,
        body,
        body_hash: createHash('sha256').update(body).digest('hex'),
        received_at: receivedAt,
        submitted_at: receivedAt,
        version: 1 + (accepted ? 1 : 0) + (open ? 0 : 1),
        updated_at: receivedAt,
        round: status === 'supplement' ? 1 : rng() < 0.1 ? 2 : 1,
        accept_by: acceptBy,
        deadline,
        deadline_kind: status === 'received' ? 'accept_by' : status === 'accepted' ? 'due' : null,
        due_date: dueDate,
        accepted_at: accepted ? new Date(acceptedMs).toISOString() : null,
        closed_at: open ? null : new Date(Math.min(closedMs, todayMs)).toISOString(),
        suspended_at: status === 'suspended' ? new Date(acceptedMs + DAY).toISOString() : null,
        supplement: null,
        result: null,
      });
      for (let p = 0; p < 4; p++) {
        pageRows.push({
          case_id: id,
          page_id: `${id.slice(0, 30)}p${String(p)}`,
          material_key: `m${String(p)}`,
          position: 0,
          sha256: createHash('sha256')
            .update(`${id}:${String(p)}`)
            .digest('hex'),
          size: 300_000,
          round: 1,
          verification: open ? 'pending' : 'verified',
          verified_by: null,
          verified_at: null,
        });
      }
      const event = (type: string, atMs: number, payload: object): void => {
        seq += 1;
        eventRows.push({
          seq,
          case_id: id,
          agent_id: agent.id,
          township_id: township.id,
          type,
          payload: JSON.stringify(payload),
          at: new Date(atMs).toISOString(),
          actor_id: type === 'received' ? agent.id : clerk.id,
        });
      };
      event('received', receivedMs, { status: 'received', receivedAt });
      if (status === 'supplement' || rng() < 0.1)
        event('supplement_requested', receivedMs + DAY, { status: 'supplement' });
      if (accepted) event('accepted', acceptedMs, { status: 'accepted', dueDate });
      if (!open) event(status === 'rejected' ? 'rejected' : 'completed', Math.min(closedMs, todayMs), { status });
    }
    yield { cases: caseRows, pages: pageRows, events: eventRows };
  }
}

/** Writes one batch in one transaction, in statements under SQLite's parameter limit (32 766). */
export async function writeSeedBatch(db: Kysely<Database>, batch: SeedBatch): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < batch.cases.length; i += 500) {
      await trx
        .insertInto('cases')
        .values(batch.cases.slice(i, i + 500))
        .execute();
    }
    for (let i = 0; i < batch.pages.length; i += 2000) {
      await trx
        .insertInto('case_pages')
        .values(batch.pages.slice(i, i + 2000))
        .execute();
    }
    for (let i = 0; i < batch.events.length; i += 2000) {
      await trx
        .insertInto('case_events')
        .values(batch.events.slice(i, i + 2000))
        .execute();
    }
  });
}

/** Sets the change feed's counter to `seq` (the last event seeded), so new events continue after it. */
export async function setFeedCounter(db: Kysely<Database>, seq: number): Promise<void> {
  await db
    .insertInto('counters')
    .values({ name: 'feed', value: seq })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: seq }))
    .execute();
}

/**
 * Adds `count` cases to the demo township already in `db` (ids and 办件编号 prefixed with `prefix` so
 * several seeds can share a database).
 */
export async function seedCases(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  options: { count: number; today: Date; seed?: number; prefix?: string; batch?: number; townshipCode?: string },
): Promise<SeedSummary> {
  const started = performance.now();
  const context = await loadSeedContext(db, options.townshipCode);
  let pages = 0;
  let events = 0;
  let seq = context.feed;
  for (const batch of generateCaseBatches(context, calendar, options)) {
    await writeSeedBatch(db, batch);
    pages += batch.pages.length;
    events += batch.events.length;
    seq = batch.events.at(-1)?.seq ?? seq;
  }
  await setFeedCounter(db, seq);
  return { cases: options.count, pages, events, ms: performance.now() - started };
}
