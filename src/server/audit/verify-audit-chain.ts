/**
 * Walks the audit chain in seq order, a batch at a time (memory stays flat on millions of entries), and
 * stops at the first entry that breaks it:
 * - a seq missing from 1, 2, 3… (or the 'audit' counter ahead of the last entry): entries were deleted;
 * - prev_hash not the hash of the entry before: entries were reordered or inserted (or the entry
 *   before was edited and re-hashed to hide it);
 * - the stored hash not what the entry's fields hash to (audit-hash.ts): the entry was edited.
 * - an anchor (audit-anchor.ts) whose entry's hash differs, or whose entry is not there: the chain up to
 *   it was rewritten — edited and recomputed, or cut back and regrown — after the anchor was taken.
 * The walk ends at the counter's value read before it starts, so entries appended meanwhile by a running
 * server are neither checked nor mistaken for damage.
 */
import type { Kysely } from 'kysely';
import type { AuditTable, Database } from '../db/schema';
import { GENESIS_HASH, auditHash } from './audit-hash';

export const VERIFY_BATCH_SIZE = 5_000;

export type ChainProblem = 'missing' | 'link' | 'hash' | 'anchor';

export type ChainBreak = {
  /** The first seq where the chain does not hold. */
  seq: number;
  problem: ChainProblem;
  /** What is wrong, in a sentence for the operator. */
  message: string;
};

export type ChainReport =
  | { ok: true; entries: number; lastSeq: number; lastHash: string; anchorsMatched: number }
  | { ok: false; checked: number; broken: ChainBreak };

/** Anchors by seq (audit-anchor.ts): entry seq must have this hash. */
export type AnchorMap = ReadonlyMap<number, string>;

const NO_ANCHORS: AnchorMap = new Map();

function anchorMismatch(seq: number, anchored: string, actual: string): ChainBreak {
  return {
    seq,
    problem: 'anchor',
    message:
      `anchor ${String(seq)}:${anchored} does not match: entry ${String(seq)} now has hash ${actual} ` +
      `(the chain up to seq ${String(seq)} was rewritten and recomputed after the anchor was taken)`,
  };
}

/**
 * The first break among `rows` (in seq order) after an entry `previous` (seq 0 = the chain's start),
 * `anchors` included.
 */
export function findChainBreak(
  previous: { seq: number; hash: string },
  rows: readonly AuditTable[],
  anchors: AnchorMap = NO_ANCHORS,
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
    const anchored = anchors.get(row.seq);
    if (anchored !== undefined && anchored !== hash) {
      return { checked: index, broken: anchorMismatch(row.seq, anchored, hash) };
    }
    last = { seq: row.seq, hash };
  }
  return { last };
}

/** Checks the whole chain up to the 'audit' counter's current value, and every anchor against it. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { batchSize?: number; onBatch?: (checked: number) => void; anchors?: AnchorMap } = {},
): Promise<ChainReport> {
  const batchSize = options.batchSize ?? VERIFY_BATCH_SIZE;
  const anchors = options.anchors ?? NO_ANCHORS;
  const genesis = anchors.get(0);
  if (genesis !== undefined && genesis !== GENESIS_HASH) {
    return { ok: false, checked: 0, broken: anchorMismatch(0, genesis, GENESIS_HASH) };
  }
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
    const result = findChainBreak(last, rows, anchors);
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
  const beyond = [...anchors.keys()].filter((seq) => seq > last.seq).sort((a, b) => a - b)[0];
  if (beyond !== undefined) {
    return {
      ok: false,
      checked: last.seq,
      broken: {
        seq: beyond,
        problem: 'anchor',
        message:
          `anchor ${String(beyond)}:${anchors.get(beyond) ?? ''} names entry ${String(beyond)}, but the chain ends at ` +
          `seq ${String(last.seq)} (entries deleted and the counter set back — or the anchor is of another database)`,
      },
    };
  }
  return { ok: true, entries: last.seq, lastSeq: last.seq, lastHash: last.hash, anchorsMatched: anchors.size };
}
