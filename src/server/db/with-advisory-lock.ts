/**
 * Mutual exclusion across server processes sharing one database. On PostgreSQL the lock is a
 * transaction-level advisory lock keyed by the schema in use and `name`, held by one pooled
 * connection for as long as `work` runs (the work itself may use other connections): it ends with
 * that transaction, so a process that dies mid-work releases it with its connection. Processes on
 * other schemas of the same database are not held up.
 *
 * SQLite is one file served by one process, whose own callers do not overlap: no lock.
 */
import { type Kysely, sql } from 'kysely';
import type { Dialect } from './database';
import type { Database } from './schema';

export type LockedResult<R> = { locked: true; value: R } | { locked: false };

/**
 * Runs `work` holding the lock `name`. `mode` 'try' gives up at once (`locked: false`) when another
 * process holds it; 'wait' waits for it.
 */
export async function withAdvisoryLock<R>(
  db: Kysely<Database>,
  dialect: Dialect,
  name: string,
  mode: 'try' | 'wait',
  work: () => Promise<R>,
): Promise<LockedResult<R>> {
  if (dialect === 'sqlite') return { locked: true, value: await work() };
  return db.transaction().execute(async (trx): Promise<LockedResult<R>> => {
    // current_schema() is null while the configured schema does not exist yet (before the first migration).
    const key = sql`hashtextextended(coalesce(current_schema(), '') || '/daiban/' || ${name}, 0)`;
    if (mode === 'wait') {
      await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
    } else {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${key}) as locked`.execute(trx);
      if (rows[0]?.locked !== true) return { locked: false };
    }
    return { locked: true, value: await work() };
  });
}
