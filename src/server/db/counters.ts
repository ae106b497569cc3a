/**
 * Named counters (the change feed's seq, 办件编号 sequences). `nextValue` is an atomic upsert; the
 * counter's row stays locked until the surrounding transaction ends, so values are handed out — and
 * become visible — in order, with no gaps left by a concurrent writer.
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
