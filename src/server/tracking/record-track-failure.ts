/**
 * Counts a failed lookup against each of its keys. The TRACK_FAILURE_LIMIT-th failure of a key within
 * TRACK_FAILURE_WINDOW_MINUTES locks it for TRACK_LOCK_MINUTES and clears its count, so it starts again
 * from nothing once the lock ends. Everything lives in the database: a restart or a second server
 * process does not reset a count. Two failures recorded at the same instant by two processes may both
 * see the count below the limit; the next failure then locks.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../domain/ids';
import { TRACK_FAILURE_LIMIT, TRACK_FAILURE_WINDOW_MINUTES, TRACK_LOCK_MINUTES } from '../../domain/tracking';
import type { Database } from '../db/schema';

const MINUTE_MS = 60_000;

export async function recordTrackFailure(db: Kysely<Database>, keys: readonly string[], now: Date): Promise<void> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - TRACK_FAILURE_WINDOW_MINUTES * MINUTE_MS).toISOString();
  const lockedUntil = new Date(now.getTime() + TRACK_LOCK_MINUTES * MINUTE_MS).toISOString();
  for (const key of keys) {
    await db.insertInto('track_failures').values({ id: newId(), key, at }).execute();
    const row = await db
      .selectFrom('track_failures')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('key', '=', key)
      .where('at', '>', since)
      .executeTakeFirst();
    if (Number(row?.n ?? 0) < TRACK_FAILURE_LIMIT) continue;
    await db
      .insertInto('track_locks')
      .values({ key, locked_until: lockedUntil })
      .onConflict((oc) => oc.column('key').doUpdateSet({ locked_until: lockedUntil }))
      .execute();
    await db.deleteFrom('track_failures').where('key', '=', key).execute();
  }
}
