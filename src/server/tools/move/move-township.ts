/**
 * Moves a township from SQLite to PostgreSQL: every table, row for row (ids, the change feed's seq and
 * the 办件编号 / notice counters included, so numbering continues where SQLite left off), then proves
 * it — per table the row count and a content digest read back from PostgreSQL, and every blob's
 * SHA-256 recomputed from the file (and from its copy).
 *
 * Invariants:
 * - The target must hold no data: the move never merges into a database that has rows.
 * - The copy and its verification run in one PostgreSQL transaction with the tables locked against
 *   writers; anything short of a full match rolls it back. Only the migrations, run before, remain.
 * - SQLite is only read, from one snapshot (sqlite-source.ts).
 */
import { migrations } from '../../db/migrations/index';
import { migrateToLatest, openDatabase } from '../../db/database';
import { checkBlobs, type BlobRecord, type BlobReport } from './blob-check';
import { planCopy, type ColumnKind, type PlannedTable } from './copy-plan';
import { batchSizeFor, openPostgresTarget, type PostgresTarget } from './postgres-target';
import { addRow, emptyDigest, sameDigest, type TableDigest } from './row-digest';
import { openSqliteSource, serverSeemsRunning, type SqliteSource } from './sqlite-source';

/** The move will not start: nothing was changed on PostgreSQL (beyond, at most, running the migrations). */
export class MoveRefused extends Error {
  override name = 'MoveRefused';
}

export type MoveOptions = {
  /** The township's DATA_DIR (daiban.sqlite and blobs/). */
  from: string;
  /** postgres://… */
  to: string;
  /** PostgreSQL schema to move into (search_path); the connection's default schema when absent. */
  schema?: string | undefined;
  /** The PostgreSQL server's DATA_DIR: blobs are copied to its blobs/ and verified there. */
  blobsTo?: string | undefined;
  /** Copy from a snapshot although a server seems to be running on the SQLite database. */
  live?: boolean;
  batchSize?: number;
  log: (line: string) => void;
};

export type TableReport = { table: string; sqliteRows: number; postgresRows: number; contentMatches: boolean };

export type MoveReport = {
  ok: boolean;
  tables: TableReport[];
  blobs: BlobReport;
  /** Milliseconds: copying rows, reading them back, checking blobs, in all. */
  timings: { copy: number; verify: number; blobs: number; total: number };
};

function valueFits(kind: ColumnKind, value: unknown): boolean {
  if (value === null) return true;
  if (kind === 'text') return typeof value === 'string';
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

function checkSourceMigrations(source: SqliteSource): void {
  const expected = Object.keys(migrations).sort();
  const missing = expected.filter((m) => !source.migrations.includes(m));
  const unknown = source.migrations.filter((m) => !expected.includes(m));
  if (unknown.length > 0)
    throw new MoveRefused(
      `The SQLite database has migrations this version does not know (${unknown.join(', ')}): move it with the version of Daiban that last ran on it`,
    );
  if (missing.length > 0)
    throw new MoveRefused(
      `The SQLite database lacks migrations ${missing.join(', ')}: start this version's server on it once (it migrates at start-up), stop it, then move`,
    );
}

async function copyTable(
  source: SqliteSource,
  target: PostgresTarget,
  table: PlannedTable,
  batchSize: number,
  log: (line: string) => void,
): Promise<TableDigest> {
  const names = table.columns.map((c) => c.name);
  const total = source.count(table.name);
  const digest = emptyDigest();
  let nextReport = 10_000;
  for (const rows of source.batches(table.name, names, batchSizeFor(names.length, batchSize))) {
    for (const row of rows) {
      table.columns.forEach((column, i) => {
        if (!valueFits(column.kind, row[i]))
          throw new Error(
            `${table.name}.${column.name} holds ${typeof row[i]} ${String(row[i])} where PostgreSQL expects ${column.kind}`,
          );
      });
      addRow(digest, row);
    }
    await target.insert(table.name, names, rows);
    if (digest.rows >= nextReport && digest.rows < total) {
      log(`  ${table.name}: ${String(digest.rows)} / ${String(total)} rows`);
      nextReport += 10_000;
    }
  }
  log(`  ${table.name}: ${String(digest.rows)} rows copied`);
  return digest;
}

function readBlobList(source: SqliteSource): { blobs: BlobRecord[]; unfinished: string[] } {
  const blobs: BlobRecord[] = [];
  for (const rows of source.batches('blobs', ['sha256', 'size'], 5000))
    for (const [sha256, size] of rows)
      if (typeof sha256 === 'string' && typeof size === 'number') blobs.push({ sha256, size });
  const unfinished: string[] = [];
  for (const rows of source.batches('blob_uploads', ['id', 'complete'], 5000))
    for (const [id, complete] of rows) if (typeof id === 'string' && complete === 0) unfinished.push(id);
  return { blobs, unfinished };
}

export async function moveTownship(options: MoveOptions): Promise<MoveReport> {
  const { log } = options;
  const started = performance.now();
  if (serverSeemsRunning(options.from) && !options.live)
    throw new MoveRefused(
      `${options.from}/daiban.sqlite-wal is not empty: a server seems to be running on this database (a clean stop removes it). ` +
        'Stop the server first. If none is running, it was not stopped cleanly: start it and stop it once. ' +
        '(--live copies a snapshot anyway, for a rehearsal: changes made after the snapshot are not copied.)',
    );
  const source = openSqliteSource(options.from);
  let target: PostgresTarget | undefined;
  try {
    checkSourceMigrations(source);
    target = await openPostgresTarget(options.to, options.schema);
    if (target.schema === undefined)
      throw new MoveRefused(`Schema ${options.schema ?? '(default)'} does not exist on PostgreSQL: create it first`);
    const withRows = await target.tablesWithRows();
    if (withRows.length > 0)
      throw new MoveRefused(
        `The PostgreSQL database already holds data (${withRows.join(', ')}): the move only fills an empty database and never merges. ` +
          'Give it a new database (createdb) or schema.',
      );

    log(`migrating PostgreSQL (schema ${target.schema})…`);
    const migrationDb = openDatabase({
      dataDir: options.from,
      databaseUrl: options.to,
      databaseSchema: options.schema,
    });
    try {
      await migrateToLatest(migrationDb);
    } finally {
      await migrationDb.close();
    }

    const plan = planCopy(source.tables, await target.describe());
    // SQLite has no sequences; the schema numbers things through the counters table. A sequence on
    // PostgreSQL that feeds a column continues after the copied rows; any other one (state that exists
    // only on PostgreSQL) would restart at 1 and collide with the copied numbers: refused until taught.
    const sequences = await target.sequences();
    const planned = new Set(plan.ok ? plan.tables.map((t) => t.name) : []);
    const unknownSequences = sequences.filter((s) => !s.owner || !planned.has(s.owner.table));
    const problems = [
      ...(plan.ok ? [] : plan.problems),
      ...unknownSequences.map(
        (s) =>
          `sequence ${s.name} on PostgreSQL feeds no copied column: the move does not know where it should continue`,
      ),
    ];
    if (!plan.ok || problems.length > 0)
      throw new MoveRefused(`Cannot copy this database:\n- ${problems.join('\n- ')}`);

    await target.begin();
    try {
      // Writers (a server started too early) wait until the move ends; readers are not blocked.
      await target.lock(plan.tables.map((t) => t.name));
      const late = await target.tablesWithRows();
      if (late.length > 0) throw new MoveRefused(`Rows appeared on PostgreSQL meanwhile (${late.join(', ')})`);

      log(`copying ${String(plan.tables.length)} tables…`);
      const copyStarted = performance.now();
      const digests = new Map<string, TableDigest>();
      for (const table of plan.tables)
        digests.set(table.name, await copyTable(source, target, table, options.batchSize ?? 1000, log));
      for (const sequence of sequences) await target.continueSequence(sequence);
      const copyMs = performance.now() - copyStarted;

      log('verifying row counts and contents…');
      const verifyStarted = performance.now();
      const tables: TableReport[] = [];
      for (const table of plan.tables) {
        const names = table.columns.map((c) => c.name);
        const sqliteRows = source.count(table.name);
        const postgresRows = await target.count(table.name);
        const copied = digests.get(table.name) ?? emptyDigest();
        const readBack = await target.digest(table.name, names);
        tables.push({
          table: table.name,
          sqliteRows,
          postgresRows,
          contentMatches: copied.rows === sqliteRows && sameDigest(copied, readBack),
        });
      }
      const verifyMs = performance.now() - verifyStarted;

      log(options.blobsTo ? `checking and copying blobs to ${options.blobsTo}…` : 'checking blobs…');
      const blobsStarted = performance.now();
      const list = readBlobList(source);
      const blobs = await checkBlobs({
        blobs: list.blobs,
        fromDir: options.from,
        toDir: options.blobsTo,
        unfinishedUploads: list.unfinished,
        progress: (done, total) => {
          log(`  blobs: ${String(done)} / ${String(total)}`);
        },
      });
      const blobsMs = performance.now() - blobsStarted;

      const ok = blobs.failed === 0 && tables.every((t) => t.contentMatches && t.sqliteRows === t.postgresRows);
      if (ok) await target.commit();
      else await target.rollback();
      return {
        ok,
        tables,
        blobs,
        timings: { copy: copyMs, verify: verifyMs, blobs: blobsMs, total: performance.now() - started },
      };
    } catch (error) {
      await target.rollback();
      throw error;
    }
  } finally {
    source.close();
    await target?.close();
  }
}
