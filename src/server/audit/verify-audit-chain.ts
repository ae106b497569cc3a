/**
 * Walks the audit chain in seq order, a batch at a time (memory stays flat on millions of entries), and
 * stops at the first entry that breaks it:
 * - a seq missing from 1, 2, 3… (or the 'audit' counter ahead of the last entry): entries were deleted;
 * - prev_hash not the hash of the entry before: entries were reordered or inserted (or the entry
 *   before was edited and re-hashed to hide it);
 * - the stored hash not what the entry's fields hash to (audit-hash.ts): the entry was edited.
 * The walk ends at the counter's value read before it starts, so entries appended meanwhile by a running
 * server are neither checked nor mistaken for damage.
 */
import type { Kysely } from 'kysely';
import type { AuditTable, Database } from '../db/schema';
import { GENESIS_HASH, auditHash } from './audit-hash';

export const VERIFY_BATCH_SIZE = 5_000;

export type ChainProblem = 'missing' | 'link' | 'hash';

export type ChainBreak = {
  /** The first seq where the chain does not hold. */
  seq: number;
  problem: ChainProblem;
  /** What is wrong, in a sentence for the operator. */
  message: string;
};

export type ChainReport =
  { ok: true; entries: number; lastSeq: number; lastHash: string } | { ok: false; checked: number; broken: ChainBreak };

/** The first break among `rows` (in seq order) after an entry `previous` (seq 0 = the chain's start). */
export function findChainBreak(
  previous: { seq: number; hash: string },
  rows: readonly AuditTable[],
): { broken: ChainBreak; checked: number } | { last: { seq: number; hash: string } } {
  let last = previous;
  for (const [index, row] of rows.entries()) {
    const expected = last.seq + 1;
    if (row.seq !== expected) {
      const gap = row.seq - 1 === expected ? String(expected) : `${String(expected)}–${String(row.seq - 1)}`;
      return {
        checked: index,
        broken: {
          seq: expected,
          problem: 'missing',
          message: `entry ${gap} is missing (deleted): the chain jumps from seq ${String(last.seq)} to ${String(row.seq)}`,
        },
      };
    }
    if (row.prev_hash !== last.hash) {
      return {
        checked: index,
        broken: {
          seq: row.seq,
          problem: 'link',
          message:
            `prev_hash link broken: entry ${String(row.seq)} does not chain from entry ${String(last.seq)} ` +
            `(entries reordered or inserted, or entry ${String(last.seq)} edited and re-hashed)`,
        },
      };
    }
    const { hash, ...fields } = row;
    if (auditHash(fields) !== hash) {
      return {
        checked: index,
        broken: {
          seq: row.seq,
          problem: 'hash',
          message: `hash mismatch: entry ${String(row.seq)} was edited after it was written`,
        },
      };
    }
    last = { seq: row.seq, hash };
  }
  return { last };
}

/** Checks the whole chain up to the 'audit' counter's current value. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { batchSize?: number; onBatch?: (checked: number) => void } = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const counter = await db.selectFrom('counters').select('value').where('name', '=', 'audit').executeTakeFirst();
  // No 'audit' counter row (never written, or deleted): check every entry there is.
  const end =
    counter === undefined
      ? ((
          await db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.max('seq').as('max'))
            .executeTakeFirst()
        )?.max ?? 0)
      : counter.value;
  let last = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', last.seq)
      .where('seq', '<=', end)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    const result = findChainBreak(last, rows);
    if ('broken' in result) return { ok: false, checked: last.seq + result.checked, broken: result.broken };
    last = result.last;
    options.onBatch?.(last.seq);
    if (rows.length < batchSize) break;
  }
  if (last.seq < end) {
    const gap = last.seq + 1 === end ? String(end) : `${String(last.seq + 1)}–${String(end)}`;
    return {
      ok: false,
      checked: last.seq,
      broken: {
        seq: last.seq + 1,
        problem: 'missing',
        message: `entry ${gap} is missing (deleted): the trail ends at seq ${String(last.seq)} but ${String(end)} entries were written`,
      },
    };
  }
  return { ok: true, entries: last.seq, lastSeq: last.seq, lastHash: last.hash };
}
