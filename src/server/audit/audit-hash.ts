/**
 * The audit chain's hash: entry N's hash is SHA-256 over entry N−1's hash and entry N's own fields
 * in a fixed order (canonical JSON: an array, detail keys sorted). Editing, deleting, inserting or
 * reordering any entry changes every hash after it, so `npm run audit:verify` names the first entry
 * whose stored hash no longer matches. The first entry chains from GENESIS_HASH.
 */
import { createHash } from 'node:crypto';
import type { AuditTable } from '../db/schema';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: everything but the hash itself. */
export type HashedAuditFields = Omit<AuditTable, 'hash'>;

function sortedDetail(detail: string): string {
  const parsed: unknown = JSON.parse(detail);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  const entries = Object.entries(parsed).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

export function auditHash(entry: HashedAuditFields): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.action,
    entry.actor_id,
    entry.actor_role,
    entry.township_id,
    entry.subject_type,
    entry.subject_id,
    sortedDetail(entry.detail),
    entry.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
