import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type Db } from '../db/database';
import type { AuditTable } from '../db/schema';
import { GENESIS_HASH, auditHash } from './audit-hash';
import { recordAudit } from './record-audit';
import { findChainBreak, verifyAuditChain } from './verify-audit-chain';

/** A chain of `n` well-formed entries, as recordAudit writes them. */
function chainOf(n: number): AuditTable[] {
  const rows: AuditTable[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields = {
      seq,
      at: `2026-03-02T02:00:${String(seq).padStart(2, '0')}.000Z`,
      action: 'case.reveal' as const,
      actor_id: 'clerk-1',
      actor_role: 'clerk' as const,
      township_id: 't-1',
      subject_type: 'case' as const,
      subject_id: `case-${String(seq)}`,
      detail: JSON.stringify({ field: 'idNumber' }),
      prev_hash: prev,
    };
    const row = { ...fields, hash: auditHash(fields) };
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

const start = { seq: 0, hash: GENESIS_HASH };

describe('the chain walker', () => {
  it('accepts an untouched chain and ends at its last entry', () => {
    const rows = chainOf(5);
    expect(findChainBreak(start, rows)).toEqual({ last: { seq: 5, hash: rows[4]?.hash } });
  });

  it('continues a chain from the last entry of the batch before', () => {
    const rows = chainOf(6);
    const first = findChainBreak(start, rows.slice(0, 3));
    if (!('last' in first)) throw new Error('first batch broken');
    expect(findChainBreak(first.last, rows.slice(3))).toEqual({ last: { seq: 6, hash: rows[5]?.hash } });
  });

  it('names an edited entry: its fields no longer hash to its stored hash', () => {
    const rows = chainOf(5);
    const edited = rows.map((r) => (r.seq === 3 ? { ...r, detail: JSON.stringify({ field: 'phone' }) } : r));
    expect(findChainBreak(start, edited)).toMatchObject({ checked: 2, broken: { seq: 3, problem: 'hash' } });
  });

  it('names a deleted entry by the seq that is missing', () => {
    const rows = chainOf(5).filter((r) => r.seq !== 2);
    const result = findChainBreak(start, rows);
    expect(result).toMatchObject({ broken: { seq: 2, problem: 'missing' } });
    expect('broken' in result && result.broken.message).toContain('entry 2 is missing');
  });

  it('names reordered entries where the link to the entry before breaks', () => {
    const rows = chainOf(5);
    const [e3, e4] = [rows[2], rows[3]];
    if (!e3 || !e4) throw new Error('short chain');
    const swapped = [rows[0], rows[1], { ...e4, seq: 3 }, { ...e3, seq: 4 }, rows[4]].flatMap((r) => (r ? [r] : []));
    expect(findChainBreak(start, swapped)).toMatchObject({ broken: { seq: 3, problem: 'link' } });
  });

  it('catches an edited entry whose hash was recomputed: the next entry no longer links to it', () => {
    const rows = chainOf(4);
    const target = rows[1];
    if (!target) throw new Error('short chain');
    const edited = { ...target, detail: JSON.stringify({ field: 'phone' }) };
    const rehashed = { ...edited, hash: auditHash(edited) };
    const tampered = rows.map((r) => (r.seq === 2 ? rehashed : r));
    expect(findChainBreak(start, tampered)).toMatchObject({ broken: { seq: 3, problem: 'link' } });
  });

  it('catches a chain recomputed from an edited entry on: an anchor taken before no longer matches', () => {
    const rows = chainOf(5);
    const anchors = new Map([[4, rows[3]?.hash ?? '']]);
    // Entry 2 edited, then entries 2…5 re-hashed and re-linked: the chain alone holds.
    let prev = rows[0]?.hash ?? '';
    const recomputed = rows.map((r) => {
      if (r.seq === 1) return r;
      const fields = { ...r, prev_hash: prev, detail: r.seq === 2 ? JSON.stringify({ field: 'phone' }) : r.detail };
      // auditHash reads the hashed fields only: the stale hash riding along is ignored.
      const next = { ...fields, hash: auditHash(fields) };
      prev = next.hash;
      return next;
    });
    expect(findChainBreak(start, recomputed)).toMatchObject({ last: { seq: 5 } });
    const result = findChainBreak(start, recomputed, anchors);
    expect(result).toMatchObject({ checked: 3, broken: { seq: 4, problem: 'anchor' } });
    expect('broken' in result && result.broken.message).toContain(`anchor 4:${rows[3]?.hash ?? ''} does not match`);
    expect(findChainBreak(start, rows, anchors)).toMatchObject({ last: { seq: 5 } });
  });
});

describe('verifying the trail in a database', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-audit-'));
    db = openDatabase({ dataDir: dir, databaseUrl: undefined });
    await migrateToLatest(db);
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function record(n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      await db.kysely.transaction().execute((trx) =>
        recordAudit(
          trx,
          {
            action: 'auth.sign_in',
            actor: { id: `user-${String(i)}`, role: 'clerk' },
            townshipId: 't-1',
            subject: { type: 'user', id: `user-${String(i)}` },
            detail: { client: 'web' },
          },
          new Date(Date.UTC(2026, 2, 2, 2, 0, i)).toISOString(),
        ),
      );
    }
  }

  it('an empty trail is intact', async () => {
    expect(await verifyAuditChain(db.kysely)).toEqual({
      ok: true,
      entries: 0,
      lastSeq: 0,
      lastHash: GENESIS_HASH,
      anchorsMatched: 0,
    });
  });

  it('walks a trail in small batches to its last entry', async () => {
    await record(7);
    const batches: number[] = [];
    const report = await verifyAuditChain(db.kysely, { batchSize: 2, onBatch: (n) => batches.push(n) });
    const last = await db.kysely.selectFrom('audit_log').select('hash').where('seq', '=', 7).executeTakeFirst();
    expect(report).toEqual({ ok: true, entries: 7, lastSeq: 7, lastHash: last?.hash, anchorsMatched: 0 });
    expect(batches).toEqual([2, 4, 6, 7]);
  });

  it('notices the newest entries deleted: the counter says more were written', async () => {
    await record(4);
    await db.kysely.deleteFrom('audit_log').where('seq', '>=', 3).execute();
    expect(await verifyAuditChain(db.kysely, { batchSize: 2 })).toMatchObject({
      ok: false,
      checked: 2,
      broken: { seq: 3, problem: 'missing' },
    });
  });

  it('holds its anchors as it grows; names an anchor beyond its end', async () => {
    await record(3);
    const head = await db.kysely
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', '=', 3)
      .executeTakeFirst();
    const anchors = new Map([
      [0, GENESIS_HASH],
      [3, head?.hash ?? ''],
    ]);
    await record(2);
    expect(await verifyAuditChain(db.kysely, { batchSize: 2, anchors })).toMatchObject({
      ok: true,
      entries: 5,
      anchorsMatched: 2,
    });
    const ahead = new Map([[9, head?.hash ?? '']]);
    expect(await verifyAuditChain(db.kysely, { anchors: ahead })).toMatchObject({
      ok: false,
      checked: 5,
      broken: { seq: 9, problem: 'anchor' },
    });
    expect(await verifyAuditChain(db.kysely, { anchors: new Map([[0, head?.hash ?? '']]) })).toMatchObject({
      ok: false,
      broken: { seq: 0, problem: 'anchor' },
    });
  });

  it('a break beyond the first batch is named by its seq', async () => {
    await record(6);
    await db.kysely.updateTable('audit_log').set({ at: '2020-01-01T00:00:00.000Z' }).where('seq', '=', 5).execute();
    expect(await verifyAuditChain(db.kysely, { batchSize: 2 })).toMatchObject({
      ok: false,
      checked: 4,
      broken: { seq: 5, problem: 'hash' },
    });
  });
});
