/**
 * An order-independent digest of a table's contents: the sum, modulo 2^64, of the first 8 bytes of
 * each row's SHA-256. Two tables with the same rows (as a multiset) have the same digest whatever
 * order the database returns them in — SQLite and PostgreSQL sort text differently — and a changed,
 * lost or doubled row changes it. Values are compared as text (an integer column read back as a
 * bigint string from PostgreSQL still matches), with null kept distinct from every string.
 */
import { createHash } from 'node:crypto';

const MASK = (1n << 64n) - 1n;

export type TableDigest = { rows: number; sum: bigint };

export const emptyDigest = (): TableDigest => ({ rows: 0, sum: 0n });

function canonical(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  throw new Error(`cannot digest a value of type ${typeof value}`);
}

export function addRow(digest: TableDigest, row: readonly unknown[]): void {
  const hash = createHash('sha256')
    .update(JSON.stringify(row.map(canonical)))
    .digest();
  digest.rows += 1;
  digest.sum = (digest.sum + hash.readBigUInt64BE(0)) & MASK;
}

export const sameDigest = (a: TableDigest, b: TableDigest): boolean => a.rows === b.rows && a.sum === b.sum;
