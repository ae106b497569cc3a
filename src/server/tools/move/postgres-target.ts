/**
 * The PostgreSQL database the township moves to, through one connection: the whole copy and its
 * verification happen in one transaction on it, so a failure anywhere leaves nothing behind.
 */
import pg from 'pg';
import { z } from 'zod';
import type { TargetColumn } from './copy-plan';
import { addRow, emptyDigest, type TableDigest } from './row-digest';
import { isBookkeepingTable, quoteIdent } from './sqlite-source';

export type PostgresTarget = {
  /** The schema the tables go to (search_path), or undefined when it does not exist. */
  schema: string | undefined;
  /** Tables of that schema, but Kysely's bookkeeping, that hold at least one row. */
  tablesWithRows: () => Promise<string[]>;
  /** Every table of that schema, but Kysely's bookkeeping, with its columns. */
  describe: () => Promise<Map<string, TargetColumn[]>>;
  /** Sequences of that schema, with the column each feeds (serial / identity) when it feeds one. */
  sequences: () => Promise<TargetSequence[]>;
  /** Sets a column's sequence to continue after the column's largest value. */
  continueSequence: (sequence: TargetSequence) => Promise<void>;
  begin: () => Promise<void>;
  commit: () => Promise<void>;
  rollback: () => Promise<void>;
  /** Locks the tables against writers until the transaction ends (readers go on). */
  lock: (tables: readonly string[]) => Promise<void>;
  insert: (table: string, columns: readonly string[], rows: readonly unknown[][]) => Promise<void>;
  count: (table: string) => Promise<number>;
  /** Reads the table back through a cursor (inside the transaction) and digests it. */
  digest: (table: string, columns: readonly string[]) => Promise<TableDigest>;
  close: () => Promise<void>;
};

export type TargetSequence = { name: string; owner: { table: string; column: string } | undefined };

const sequenceRow = z.object({ name: z.string(), table: z.string().nullable(), column: z.string().nullable() });
const tableRow = z.object({ table_name: z.string() });
const columnRow = z.object({ table_name: z.string(), column_name: z.string(), data_type: z.string() });
const schemaRow = z.object({ schema: z.string().nullable() });
const countRow = z.object({ n: z.string() });
const existsRow = z.object({ found: z.boolean() });

/** PostgreSQL takes at most 65 535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

export function batchSizeFor(columnCount: number, wanted: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(MAX_PARAMETERS / Math.max(1, columnCount))));
}

export async function openPostgresTarget(url: string, schema: string | undefined): Promise<PostgresTarget> {
  const client = new pg.Client({
    connectionString: url,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect();
  try {
    const current = schemaRow.parse((await client.query('select current_schema() as schema')).rows[0]).schema;
    const tableNames = async (): Promise<string[]> =>
      (
        await client.query(
          "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
        )
      ).rows
        .map((r) => tableRow.parse(r).table_name)
        .filter((name) => !isBookkeepingTable(name));
    return {
      schema: current ?? undefined,
      async tablesWithRows() {
        const withRows: string[] = [];
        for (const name of await tableNames()) {
          const { rows } = await client.query(`select exists (select 1 from ${quoteIdent(name)}) as found`);
          if (existsRow.parse(rows[0]).found) withRows.push(name);
        }
        return withRows;
      },
      async describe() {
        const tables = new Map<string, TargetColumn[]>((await tableNames()).map((name) => [name, []]));
        const { rows } = await client.query(
          'select table_name, column_name, data_type from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position',
        );
        for (const row of rows) {
          const c = columnRow.parse(row);
          tables.get(c.table_name)?.push({ name: c.column_name, dataType: c.data_type });
        }
        return tables;
      },
      async sequences() {
        const { rows } = await client.query(
          `select s.relname as name, t.relname as "table", a.attname as "column"
             from pg_class s
             join pg_namespace n on n.oid = s.relnamespace
             left join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass
               and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
             left join pg_class t on t.oid = d.refobjid
             left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
            where s.relkind = 'S' and n.nspname = current_schema()
            order by s.relname`,
        );
        return rows.map((r) => {
          const row = sequenceRow.parse(r);
          return {
            name: row.name,
            owner: row.table !== null && row.column !== null ? { table: row.table, column: row.column } : undefined,
          };
        });
      },
      async continueSequence(sequence) {
        if (!sequence.owner) throw new Error(`sequence ${sequence.name} feeds no column`);
        const { table, column } = sequence.owner;
        await client.query(
          `select setval($1::regclass, coalesce((select max(${quoteIdent(column)}) from ${quoteIdent(table)}), 0) + 1, false)`,
          [quoteIdent(sequence.name)],
        );
      },
      begin: async () => {
        await client.query('begin');
      },
      commit: async () => {
        await client.query('commit');
      },
      rollback: async () => {
        await client.query('rollback');
      },
      lock: async (tables) => {
        if (tables.length > 0) await client.query(`lock table ${tables.map(quoteIdent).join(', ')} in exclusive mode`);
      },
      async insert(table, columns, rows) {
        if (rows.length === 0) return;
        const width = columns.length;
        const tuples = rows.map((_, r) => `(${columns.map((__, c) => `$${String(r * width + c + 1)}`).join(', ')})`);
        // Named: PostgreSQL parses each (table, batch size) statement once for the whole move.
        await client.query({
          name: `move_${table}_${String(rows.length)}`,
          // Ids are copied as they are, identity columns included (their sequences are moved on afterwards).
          text: `insert into ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) overriding system value values ${tuples.join(', ')}`,
          values: rows.flat(),
        });
      },
      async count(table) {
        const { rows } = await client.query(`select count(*)::text as n from ${quoteIdent(table)}`);
        return Number(countRow.parse(rows[0]).n);
      },
      async digest(table, columns) {
        const digest = emptyDigest();
        await client.query(
          `declare move_verify no scroll cursor for select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table)}`,
        );
        for (;;) {
          const { rows } = await client.query<unknown[]>({
            text: 'fetch forward 2000 from move_verify',
            rowMode: 'array',
          });
          if (rows.length === 0) break;
          for (const row of rows) addRow(digest, row);
        }
        await client.query('close move_verify');
        return digest;
      },
      close: () => client.end(),
    };
  } catch (error) {
    await client.end();
    throw error;
  }
}
