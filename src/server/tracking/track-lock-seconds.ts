import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Seconds until the last lock on any of `keys` ends; 0 when none is locked now. */
export async function trackLockSeconds(db: Kysely<Database>, keys: readonly string[], now: Date): Promise<number> {
  const row = await db
    .selectFrom('track_locks')
    .select((eb) => eb.fn.max<string | null>('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', now.toISOString())
    .executeTakeFirst();
  const until = row?.until;
  if (until === null || until === undefined) return 0;
  return Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
}
