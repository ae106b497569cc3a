import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { TownshipPrincipal } from '../plugins/auth';

/**
 * The window codes whose cases the principal works: a clerk's own windows, every window of the
 * township for an admin, none for an agent.
 */
export async function staffWindows(db: Kysely<Database>, principal: TownshipPrincipal): Promise<string[]> {
  if (principal.role === 'agent') return [];
  let query = db
    .selectFrom('windows')
    .select('windows.code')
    .where('windows.township_id', '=', principal.townshipId)
    .orderBy('windows.code');
  if (principal.role === 'clerk') {
    query = query
      .innerJoin('user_windows', 'user_windows.window_id', 'windows.id')
      .where('user_windows.user_id', '=', principal.userId);
  }
  const rows = await query.execute();
  return rows.map((r) => r.code);
}
