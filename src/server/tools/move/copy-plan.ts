/**
 * What the move copies, and in which order, worked out from the two databases themselves: every table
 * SQLite holds must exist on PostgreSQL (after the migrations ran there) with the same columns, each
 * of a type the move knows how to carry over; parents are copied before the tables referencing them.
 * Anything else is a refusal naming the table — never a table silently left behind.
 *
 * The schema is portable (schema.ts): ids, timestamps and JSON are text, counters and booleans are
 * integers (0/1) on both databases, so values travel unchanged. A column of any other type (REAL,
 * BLOB…) is refused until this module learns it.
 */
import type { SourceTable } from './sqlite-source';

export type ColumnKind = 'text' | 'integer';

export type TargetColumn = { name: string; dataType: string };

export type PlannedTable = { name: string; columns: { name: string; kind: ColumnKind }[] };

export type CopyPlan = { ok: true; tables: PlannedTable[] } | { ok: false; problems: string[] };

const SQLITE_KINDS: Record<string, ColumnKind> = { TEXT: 'text', INTEGER: 'integer' };
const POSTGRES_KINDS: Record<string, ColumnKind> = {
  text: 'text',
  'character varying': 'text',
  integer: 'integer',
  bigint: 'integer',
  smallint: 'integer',
};

/** Tables in an order where each comes after every table it references; undefined on a cycle. */
export function dependencyOrder(tables: readonly SourceTable[]): string[] | undefined {
  const names = new Set(tables.map((t) => t.name));
  const pending = new Map(
    tables.map((t) => [t.name, new Set(t.references.filter((r) => r !== t.name && names.has(r)))]),
  );
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, refs]) => refs.size === 0).map(([name]) => name);
    if (ready.length === 0) return undefined;
    for (const name of ready.sort()) {
      order.push(name);
      pending.delete(name);
      for (const refs of pending.values()) refs.delete(name);
    }
  }
  return order;
}

export function planCopy(source: readonly SourceTable[], target: ReadonlyMap<string, TargetColumn[]>): CopyPlan {
  const problems: string[] = [];
  const planned = new Map<string, PlannedTable>();
  for (const table of source) {
    const targetColumns = target.get(table.name);
    if (!targetColumns) {
      problems.push(
        `table ${table.name} is in SQLite but not on PostgreSQL after the migrations: this version of the move does not know it`,
      );
      continue;
    }
    const byName = new Map(targetColumns.map((c) => [c.name, c]));
    const columns: PlannedTable['columns'] = [];
    for (const column of table.columns) {
      const sqliteKind = SQLITE_KINDS[column.declaredType];
      const targetColumn = byName.get(column.name);
      const postgresKind = targetColumn ? POSTGRES_KINDS[targetColumn.dataType] : undefined;
      if (!targetColumn) problems.push(`column ${table.name}.${column.name} is missing on PostgreSQL`);
      else if (!sqliteKind)
        problems.push(
          `column ${table.name}.${column.name} has type ${column.declaredType}, which the move cannot copy`,
        );
      else if (sqliteKind !== postgresKind)
        problems.push(
          `column ${table.name}.${column.name} is ${column.declaredType} in SQLite but ${targetColumn.dataType} on PostgreSQL`,
        );
      else columns.push({ name: column.name, kind: sqliteKind });
    }
    const sourceNames = new Set(table.columns.map((c) => c.name));
    for (const extra of targetColumns.filter((c) => !sourceNames.has(c.name)))
      problems.push(`column ${table.name}.${extra.name} is on PostgreSQL but not in SQLite`);
    planned.set(table.name, { name: table.name, columns });
  }
  const sourceNames = new Set(source.map((t) => t.name));
  for (const name of target.keys())
    if (!sourceNames.has(name))
      problems.push(`table ${name} is on PostgreSQL but not in SQLite: are both at the same migration?`);
  const order = dependencyOrder(source);
  if (!order) problems.push('the foreign keys between the tables form a cycle: no order to copy them in');
  if (problems.length > 0 || !order) return { ok: false, problems };
  return { ok: true, tables: order.flatMap((name) => planned.get(name) ?? []) };
}
