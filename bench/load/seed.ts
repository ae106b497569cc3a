/**
 * Seeds the same CASES cases into several databases at once (bench/queue/seed-cases.ts generates each
 * batch once; every database gets it with its own township, village and user ids). Each database must
 * already hold the migrated schema and the demo township (a server has started on it once). The
 * change feed's counter ends at the last seeded event, so cases received later continue the feed.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { WorkCalendar } from '../../src/domain/working-days';
import type { Db } from '../../src/server/db/database';
import type { Database } from '../../src/server/db/schema';
import {
  type SeedBatch,
  type SeedContext,
  generateCaseBatches,
  loadSeedContext,
  setFeedCounter,
  writeSeedBatch,
} from '../queue/seed-cases';

/** The demo township the clerk 李娜 and the agent 张建国 work in. */
export const LOAD_TOWNSHIP = '999001';

type Target = { db: Db; context: SeedContext; map: (batch: SeedBatch) => SeedBatch };

/** Maps rows generated for `from` onto `to`: same positions in the ordered villages, agents and clerk. */
function remapper(from: SeedContext, to: SeedContext): (batch: SeedBatch) => SeedBatch {
  if (from === to) return (batch) => batch;
  const ids = new Map<string, string>([
    [from.township.id, to.township.id],
    [from.clerk.id, to.clerk.id],
  ]);
  const pair = (a: { id: string }[], b: { id: string }[], what: string): void => {
    if (a.length !== b.length) throw new Error(`the databases differ in their ${what}`);
    a.forEach((row, i) => {
      const other = b[i];
      if (other) ids.set(row.id, other.id);
    });
  };
  pair(from.villages, to.villages, 'villages');
  pair(from.agents, to.agents, 'agents');
  const id = (value: string): string => ids.get(value) ?? value;
  const seqDelta = to.feed - from.feed;
  return (batch) => ({
    cases: batch.cases.map((c) => ({
      ...c,
      township_id: id(c.township_id),
      village_id: c.village_id === null ? null : id(c.village_id),
      agent_id: id(c.agent_id),
    })),
    pages: batch.pages,
    events: batch.events.map((e) => ({
      ...e,
      seq: e.seq + seqDelta,
      agent_id: id(e.agent_id),
      township_id: id(e.township_id),
      actor_id: e.actor_id === null ? null : id(e.actor_id),
    })),
  });
}

export type LoadSeedSummary = { cases: number; pages: number; events: number; seedMs: number; analyseMs: number };

/**
 * Seeds `count` cases into every database in `dbs` (one batch to all at once), then brings the
 * PostgreSQL planner statistics up to date as autovacuum would on a live server.
 */
export async function seedLoad(
  dbs: Db[],
  calendar: WorkCalendar,
  options: {
    count: number;
    today: Date;
    batch?: number;
    progress?: (done: number) => void;
    /** Asked after every batch: true ends the seed early, with the feed counters still consistent. */
    stop?: () => boolean;
  },
): Promise<LoadSeedSummary> {
  const started = performance.now();
  const first = dbs[0];
  if (!first) throw new Error('no database to seed');
  const contexts = await Promise.all(dbs.map((db) => loadSeedContext(db.kysely, LOAD_TOWNSHIP)));
  const base = contexts[0];
  if (!base) throw new Error('no context');
  const targets: Target[] = dbs.map((db, i) => {
    const context = contexts[i] ?? base;
    return { db, context, map: remapper(base, context) };
  });
  let cases = 0;
  let pages = 0;
  let events = 0;
  let lastSeq = base.feed;
  // Bulk loading into tables without their secondary indexes, then building each index once, is many
  // times faster than maintaining eight wide indexes row by row (the indexes end up the same).
  const dropped = await Promise.all(targets.map((t) => dropSecondaryIndexes(t.db)));
  for (const batch of generateCaseBatches(base, calendar, {
    count: options.count,
    today: options.today,
    batch: options.batch ?? 2000,
  })) {
    // PostgreSQL works in its own process while better-sqlite3 writes on this thread.
    await Promise.all([...targets].reverse().map((t) => writeSeedBatch(t.db.kysely, t.map(batch))));
    cases += batch.cases.length;
    pages += batch.pages.length;
    events += batch.events.length;
    lastSeq = batch.events.at(-1)?.seq ?? lastSeq;
    options.progress?.(cases);
    if (options.stop?.() === true) break;
  }
  await Promise.all(targets.map((t) => setFeedCounter(t.db.kysely, lastSeq + (t.context.feed - base.feed))));
  await Promise.all(targets.map((t, i) => recreateIndexes(t.db, dropped[i] ?? [])));
  const seedMs = performance.now() - started;
  await Promise.all(targets.map((t) => analyse(t.db)));
  return { cases, pages, events, seedMs, analyseMs: performance.now() - started - seedMs };
}

/** The tables the seed fills. */
const SEEDED_TABLES = ['cases', 'case_pages', 'case_events'];

/**
 * Drops the secondary indexes of the seeded tables and returns the statements that recreate them:
 * on SQLite those with SQL of their own (not the automatic ones behind PRIMARY KEY / UNIQUE), on
 * PostgreSQL those not backing a constraint.
 */
async function dropSecondaryIndexes(db: Db): Promise<string[]> {
  const kysely: Kysely<Database> = db.kysely;
  const tables = sql.join(SEEDED_TABLES.map((t) => sql.lit(t)));
  const rows =
    db.dialect === 'postgres'
      ? (
          await sql<{ name: string; ddl: string }>`
            select i.indexname as name, i.indexdef as ddl from pg_indexes i
            where i.schemaname = current_schema() and i.tablename in (${tables})
              and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(kysely)
        ).rows
      : (
          await sql<{ name: string; ddl: string }>`
            select name, sql as ddl from sqlite_master
            where type = 'index' and tbl_name in (${tables}) and sql is not null`.execute(kysely)
        ).rows;
  for (const row of rows) await sql`drop index ${sql.id(row.name)}`.execute(kysely);
  return rows.map((r) => r.ddl);
}

async function recreateIndexes(db: Db, statements: readonly string[]): Promise<void> {
  for (const ddl of statements) await sql.raw(ddl).execute(db.kysely);
}

/**
 * What a live server's database would look like by now: on PostgreSQL fresh planner statistics and a
 * vacuumed visibility map (autovacuum's work); on SQLite the seed's write-ahead log checkpointed into
 * the database file (the server's first write would otherwise stall on checkpointing gigabytes).
 * SQLite gets no ANALYZE: the server never runs it.
 */
async function analyse(db: Db): Promise<void> {
  const kysely: Kysely<Database> = db.kysely;
  if (db.dialect !== 'postgres') {
    await sql`pragma wal_checkpoint(truncate)`.execute(kysely);
    return;
  }
  for (const table of ['cases', 'case_pages', 'case_events', 'counters']) {
    await sql`vacuum (analyze) ${sql.table(table)}`.execute(kysely);
  }
}
