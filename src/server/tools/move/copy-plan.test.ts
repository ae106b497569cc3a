import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../db/database';
import { migrations } from '../../db/migrations/index';
import { planCopy, type TargetColumn } from './copy-plan';
import { addRow, emptyDigest, sameDigest } from './row-digest';
import { openSqliteSource, type SourceTable } from './sqlite-source';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The tables every migration creates, read from a freshly migrated SQLite file. */
async function migratedTables(): Promise<{ tables: SourceTable[]; recorded: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-plan-'));
  dirs.push(dataDir);
  const db = openDatabase({ dataDir, databaseUrl: undefined });
  await migrateToLatest(db);
  await db.close();
  const source = openSqliteSource(dataDir);
  try {
    return { tables: source.tables, recorded: source.migrations };
  } finally {
    source.close();
  }
}

/** PostgreSQL as the same migrations build it: TEXT is text, INTEGER is integer. */
const asTarget = (tables: readonly SourceTable[]) =>
  new Map<string, TargetColumn[]>(
    tables.map((t) => [t.name, t.columns.map((c) => ({ name: c.name, dataType: c.declaredType.toLowerCase() }))]),
  );

const table = (name: string, columns: [string, string][], references: string[] = []): SourceTable => ({
  name,
  columns: columns.map(([n, declaredType]) => ({ name: n, declaredType })),
  references,
});

describe('the move plan', () => {
  it('covers every table the migrations create, each copyable, parents before the tables that reference them', async () => {
    const { tables, recorded } = await migratedTables();
    expect(recorded).toEqual(Object.keys(migrations).sort());
    const plan = planCopy(tables, asTarget(tables));
    if (!plan.ok) throw new Error(plan.problems.join('\n'));
    expect(plan.tables.map((t) => t.name).sort()).toEqual(tables.map((t) => t.name).sort());
    expect(plan.tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['cases', 'case_events', 'counters', 'blobs']),
    );
    const position = new Map(plan.tables.map((t, i) => [t.name, i]));
    for (const t of tables)
      for (const parent of t.references)
        expect(position.get(parent), `${parent} before ${t.name}`).toBeLessThan(position.get(t.name) ?? -1);
    for (const t of plan.tables) expect(t.columns.length).toBe(tables.find((s) => s.name === t.name)?.columns.length);
  });

  it('refuses a table PostgreSQL does not have, a column type it cannot carry, mismatched columns and cycles', () => {
    const source = [
      table('parents', [['id', 'TEXT']]),
      table(
        'children',
        [
          ['id', 'TEXT'],
          ['parent_id', 'TEXT'],
        ],
        ['parents'],
      ),
      table('mystery', [['id', 'TEXT']]),
      table('measurements', [['value', 'REAL']]),
    ];
    const target = asTarget(source);
    target.delete('mystery');
    target.set('parents', [...(target.get('parents') ?? []), { name: 'extra', dataType: 'text' }]);
    const plan = planCopy(source, target);
    expect(plan.ok).toBe(false);
    const problems = plan.ok ? [] : plan.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('table mystery is in SQLite but not on PostgreSQL'),
        expect.stringContaining('measurements.value has type REAL'),
        expect.stringContaining('parents.extra is on PostgreSQL but not in SQLite'),
      ]),
    );
    const cyclic = [table('a', [['id', 'TEXT']], ['b']), table('b', [['id', 'TEXT']], ['a'])];
    const cycle = planCopy(cyclic, asTarget(cyclic));
    expect(cycle.ok ? [] : cycle.problems).toEqual([expect.stringContaining('cycle')]);
  });

  it('digests a table the same whatever order its rows come in, integers read as numbers or as text alike', () => {
    const a = emptyDigest();
    const b = emptyDigest();
    const c = emptyDigest();
    addRow(a, ['x', 1, null]);
    addRow(a, ['y', 2, 'null']);
    addRow(b, ['y', '2', 'null']);
    addRow(b, ['x', 1n, null]);
    addRow(c, ['x', 1, 'null']);
    addRow(c, ['y', 2, null]);
    expect(sameDigest(a, b)).toBe(true);
    expect(sameDigest(a, c)).toBe(false);
  });
});
