/**
 * Named counters (the change feed's seq, 办件编号 sequences). `nextValue` is an atomic upsert; the
 * counter's row stays locked until the surrounding transaction ends, so values are handed out — and
 * become visible — in order, with no gaps left by a concurrent writer, also across server processes:
 * on PostgreSQL the taker of N + 1 waits for the holder of N to end, and a committed transaction is
 * visible to new snapshots before its locks are released, so a reader polling "after N" that sees
 * N + 1 already sees N. A rolled-back writer rolls its value back too. SQLite has one writer at a time.
 * For this to hold, take the value inside the transaction that writes what it numbers (never on the
 * bare connection), and take 'feed' after every other counter of a transaction but 'audit', which comes
 * last of all (server/audit/record-audit.ts), so that two transactions never wait for each other's
 * counters in opposite order.
 * (test/integration/multi-process.test.ts checks it with two server processes.)
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export async function nextValue(trx: Transaction<Database> | Kysely<Database>, name: string): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
