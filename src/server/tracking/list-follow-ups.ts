/**
 * The workbench's follow-up list: the tasks on cases at the caller's windows (a clerk's own windows,
 * every window of the township for an admin — the queue's rule). Open and called-back tasks come
 * by the fix due date, most urgent first; closed (and all) newest first, at most FOLLOW_UP_LIST_MAX.
 */
import type { Kysely } from 'kysely';
import { todayInChina } from '../../domain/resident-id';
import { FOLLOW_UP_LIST_MAX, type FollowUpListResponse, type followUpListQuerySchema } from '../../domain/tracking';
import type { z } from 'zod';
import { staffWindows } from '../cases/staff-windows';
import type { Database } from '../db/schema';
import type { TownshipPrincipal } from '../plugins/auth';
import { followUpOf } from './follow-up-of';
import { selectFollowUps } from './select-follow-ups';

export async function listFollowUps(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  query: z.output<typeof followUpListQuerySchema>,
  now: Date,
): Promise<FollowUpListResponse> {
  const counts = { open: 0, called_back: 0, closed: 0 };
  const windows = await staffWindows(db, principal);
  if (windows.length === 0) return { followUps: [], counts };

  const byStatus = await db
    .selectFrom('follow_ups as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .select(['f.status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('f.township_id', '=', principal.townshipId)
    .where('c.window_code', 'in', windows)
    .groupBy('f.status')
    .execute();
  for (const row of byStatus) counts[row.status] = Number(row.n);

  let rows = selectFollowUps(db)
    .where('f.township_id', '=', principal.townshipId)
    .where('c.window_code', 'in', windows);
  if (query.status === 'open' || query.status === 'called_back') {
    rows = rows.where('f.status', '=', query.status).orderBy('f.fix_due').orderBy('f.created_at');
  } else {
    if (query.status === 'closed') rows = rows.where('f.status', '=', 'closed');
    rows = rows.orderBy('f.created_at', 'desc');
  }
  const today = todayInChina(now);
  const found = await rows.orderBy('f.id').limit(FOLLOW_UP_LIST_MAX).execute();
  return { followUps: found.map((row) => followUpOf(row, today)), counts };
}
