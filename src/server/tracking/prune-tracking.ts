import type { Kysely } from 'kysely';
import { TRACK_FAILURE_WINDOW_MINUTES } from '../../domain/tracking';
import type { Database } from '../db/schema';

/** Deletes failed lookups too old to count, ended locks and expired access tokens; returns how many rows. */
export async function pruneTracking(db: Kysely<Database>, now: Date): Promise<number> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - TRACK_FAILURE_WINDOW_MINUTES * 60_000).toISOString();
  const results = await Promise.all([
    db.deleteFrom('track_failures').where('at', '<=', since).executeTakeFirst(),
    db.deleteFrom('track_locks').where('locked_until', '<=', at).executeTakeFirst(),
    db.deleteFrom('track_tokens').where('expires_at', '<=', at).executeTakeFirst(),
  ]);
  return results.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
}
