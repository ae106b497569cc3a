/**
 * The township's SQLite database as the move reads it: opened read-only, inside one read transaction
 * for the whole move, so every table is read from the same snapshot even if a server writes meanwhile
 * (WAL gives a reader its snapshot). Tables, columns and foreign keys come from the file itself, not
 * from a list in the code: a table added by a later migration is seen without anyone remembering it.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { z } from 'zod';

export type SourceColumn = { name: string; declaredType: string };

export type SourceTable = {
  name: string;
  columns: SourceColumn[];
  /** Tables this one references by foreign key (copied first). */
  references: string[];
};

export type SqliteSource = {
  file: string;
  /** Names of the migrations recorded in the file (kysely_migration), in order. */
  migrations: string[];
  /** Every table but SQLite's own and Kysely's bookkeeping. */
  tables: SourceTable[];
  count: (table: string) => number;
  /** The table's rows in batches of `size`, each row as values in `columns` order. */
  batches: (table: string, columns: readonly string[], size: number) => Generator<unknown[][]>;
  close: () => void;
};

/** Tables the move never copies: SQLite's own, and Kysely's migration bookkeeping (the target keeps its own). */
export function isBookkeepingTable(name: string): boolean {
  return name.startsWith('sqlite_') || name === 'kysely_migration' || name === 'kysely_migration_lock';
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const nameRow = z.object({ name: z.string() });
const columnRow = z.object({ name: z.string(), type: z.string() });
const foreignKeyRow = z.object({ table: z.string() });
const countRow = z.object({ n: z.number() });

export function sqliteFileOf(dataDir: string): string {
  return path.join(dataDir, 'daiban.sqlite');
}

/**
 * A server writing to the database keeps its changes in daiban.sqlite-wal (never truncated while it
 * runs); a clean stop checkpoints them into the file and removes it. A non-empty WAL means a server is
 * running (or was killed): changes made after the move starts would be lost. (An empty WAL and -shm
 * are what a read-only reader like the move itself leaves behind: harmless.)
 */
export function serverSeemsRunning(dataDir: string): boolean {
  try {
    return fs.statSync(`${sqliteFileOf(dataDir)}-wal`).size > 0;
  } catch {
    return false;
  }
}

export function openSqliteSource(dataDir: string): SqliteSource {
  const file = sqliteFileOf(dataDir);
  if (!fs.existsSync(file)) throw new Error(`No SQLite database at ${file}: --from must be the township's DATA_DIR`);
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Deferred: the snapshot is taken by the first read below and held until close.
    db.exec('BEGIN');
    const names = db
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .all()
      .map((r) => nameRow.parse(r).name);
    const migrations = names.includes('kysely_migration')
      ? db
          .prepare('select name from kysely_migration order by name')
          .all()
          .map((r) => nameRow.parse(r).name)
      : [];
    const tables = names
      .filter((name) => !isBookkeepingTable(name))
      .map((name) => ({
        name,
        columns: db
          .prepare(`select name, type from pragma_table_info(?) order by cid`)
          .all(name)
          .map((r) => {
            const c = columnRow.parse(r);
            return { name: c.name, declaredType: c.type.toUpperCase() };
          }),
        references: [
          ...new Set(
            db
              .prepare('select "table" from pragma_foreign_key_list(?)')
              .all(name)
              .map((r) => foreignKeyRow.parse(r).table),
          ),
        ],
      }));
    return {
      file,
      migrations,
      tables,
      count: (table) => countRow.parse(db.prepare(`select count(*) as n from ${quoteIdent(table)}`).get()).n,
      *batches(table, columns, size) {
        const statement = db
          .prepare(`select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table)}`)
          .raw(true);
        let batch: unknown[][] = [];
        for (const row of statement.iterate()) {
          if (!Array.isArray(row)) throw new Error(`Unexpected row shape in ${table}`);
          batch.push(row);
          if (batch.length === size) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
      },
      close: () => {
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
