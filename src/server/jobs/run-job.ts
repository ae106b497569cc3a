/**
 * One process's attempt at one run of a scheduled job, recorded in job_runs. A scheduled run names
 * its slot (the start of its interval): the first process to insert the slot's claim — the unique
 * (job, slot_claim) index decides — does the work, holding the job's lock (db/with-advisory-lock.ts) so that
 * it never overlaps a slow earlier run elsewhere; every other process records 'skipped' and moves on.
 * So each scheduled run is done exactly once however many processes tick, and job_runs shows who did
 * it. A run on demand (slot null) claims nothing and waits for the lock instead.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../domain/ids';
import type { Dialect } from '../db/database';
import type { Database, JobName, JobOutcome } from '../db/schema';
import { withAdvisoryLock } from '../db/with-advisory-lock';

export type JobContext = {
  db: Kysely<Database>;
  dialect: Dialect;
  /** `host:pid` of this process. */
  worker: string;
  now: () => Date;
};

export type JobRunResult<R> = { outcome: 'done'; report: R } | { outcome: 'skipped' | 'busy' };

async function finish(ctx: JobContext, id: string, outcome: JobOutcome, report: unknown): Promise<void> {
  await ctx.db
    .updateTable('job_runs')
    .set({ outcome, finished_at: ctx.now().toISOString(), report: JSON.stringify(report) })
    .where('id', '=', id)
    .execute();
}

/**
 * Runs `work` as `job`'s run of `slot` (null: on demand) if this process gets it; `work`'s result is
 * stored as JSON. A failure is recorded and rethrown.
 */
export async function runJob<R>(
  ctx: JobContext,
  job: JobName,
  slot: string | null,
  work: () => Promise<R>,
): Promise<JobRunResult<R>> {
  const id = newId();
  const startedAt = ctx.now().toISOString();
  const run = { id, job, slot, worker: ctx.worker, started_at: startedAt, finished_at: null, report: null };
  const claimed = await ctx.db
    .insertInto('job_runs')
    .values({ ...run, slot_claim: slot, outcome: 'running' })
    .onConflict((oc) => oc.columns(['job', 'slot_claim']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!claimed) {
    await ctx.db
      .insertInto('job_runs')
      .values({ ...run, slot_claim: null, outcome: 'skipped', finished_at: startedAt })
      .execute();
    return { outcome: 'skipped' };
  }
  try {
    const result = await withAdvisoryLock(ctx.db, ctx.dialect, `job/${job}`, slot === null ? 'wait' : 'try', work);
    if (!result.locked) {
      await finish(ctx, id, 'busy', null);
      return { outcome: 'busy' };
    }
    await finish(ctx, id, 'done', result.value);
    return { outcome: 'done', report: result.value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The job's own error is the one to report, even when the database is what failed.
    await finish(ctx, id, 'failed', { error: message }).catch(() => undefined);
    throw error;
  }
}
