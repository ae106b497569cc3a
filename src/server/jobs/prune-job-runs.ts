import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** How long job_runs keeps a run: long enough to look back over a month of scheduled runs. */
export const JOB_RUNS_KEPT_DAYS = 31;

/** Deletes job_runs rows started more than JOB_RUNS_KEPT_DAYS before `now`; returns how many. */
export async function pruneJobRuns(db: Kysely<Database>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - JOB_RUNS_KEPT_DAYS * 86_400_000).toISOString();
  const result = await db.deleteFrom('job_runs').where('started_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
