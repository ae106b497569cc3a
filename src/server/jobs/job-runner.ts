/**
 * Runs the scheduled rules: once when the server is ready, then every interval (JOB_INTERVAL_MS
 * unless configured). Runs never overlap within the process (each waits for the one before). Across
 * processes on one database each tick names its slot — the start of its interval on the shared
 * clock — and run-job.ts lets exactly one process do each job's run of that slot while the others
 * record 'skipped'; the rules are also safe to run twice (version-checked claims). A failed run is
 * logged and the next one tries again — a job never takes the server down. Tests call `runDue()`
 * with their own clock instead of waiting.
 */
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { sweepBlobs, type BlobSweepReport } from '../blobs/sweep-blobs';
import type { CalendarStore } from '../calendar/calendar-store';
import type { Dialect } from '../db/database';
import type { Database } from '../db/schema';
import { pruneTracking } from '../tracking/prune-tracking';
import { runDeemedAcceptance, type DeemedAcceptanceReport } from './deemed-acceptance';
import { pruneJobRuns } from './prune-job-runs';
import { runJob, type JobContext, type JobRunResult } from './run-job';

export const JOB_INTERVAL_MS = 60_000;

export type JobReport = {
  deemedAcceptance: DeemedAcceptanceReport;
  /** Rows of failed lookups, ended locks and expired access tokens deleted. */
  trackingPruned: number;
  /** Abandoned uploads and unreferenced photos deleted (blobs/sweep-blobs.ts). */
  blobSweep: BlobSweepReport;
};

type PruneReport = { trackingPruned: number; jobRunsPruned: number };

export type JobRunner = {
  /** Runs every rule now (after any run in progress, here or in another process) and reports what it did. */
  runDue: () => Promise<JobReport>;
  /** Starts the timer and the first run. */
  start: () => void;
  /** Stops the timer and waits for a run in progress. */
  stop: () => Promise<void>;
};

/** The start of the interval `at` falls in, counted from the epoch: the same for every process. */
export function slotOf(at: Date, intervalMs: number): string {
  return new Date(Math.floor(at.getTime() / intervalMs) * intervalMs).toISOString();
}

export function createJobRunner(options: {
  db: Kysely<Database>;
  dialect: Dialect;
  calendar: CalendarStore;
  now: () => Date;
  log: FastifyBaseLogger;
  /** DATA_DIR: the blob sweep deletes files under it. */
  dataDir: string;
  intervalMs?: number;
}): JobRunner {
  const { db, calendar, now, log, dataDir } = options;
  const intervalMs = options.intervalMs ?? JOB_INTERVAL_MS;
  const ctx: JobContext = { db, dialect: options.dialect, worker: `${os.hostname()}:${String(process.pid)}`, now };
  let tail: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  /** Every rule for `slot` (null: on demand), each claimed on its own. */
  const runOnce = async (
    slot: string | null,
  ): Promise<[JobRunResult<DeemedAcceptanceReport>, JobRunResult<PruneReport>, JobRunResult<BlobSweepReport>]> => {
    // Every process keeps its calendar current (another process may have saved a schedule).
    await calendar.refreshIfChanged();
    const deemed = await runJob(ctx, 'deemed-acceptance', slot, async () =>
      runDeemedAcceptance(db, await calendar.calendar(), now()),
    );
    if (deemed.outcome === 'done' && (deemed.report.accepted > 0 || deemed.report.backfilled > 0)) {
      log.info({ deemedAcceptance: deemed.report }, 'scheduled rules applied');
    }
    const pruned = await runJob(ctx, 'prune', slot, async () => ({
      trackingPruned: await pruneTracking(db, now()),
      jobRunsPruned: await pruneJobRuns(db, now()),
    }));
    const swept = await runJob(ctx, 'blob-sweep', slot, () => sweepBlobs(db, dataDir, now()));
    if (swept.outcome === 'done' && Object.values(swept.report).some((n) => n > 0)) {
      log.info({ blobSweep: swept.report }, 'abandoned uploads and unreferenced photos deleted');
    }
    if (deemed.outcome !== 'done' || pruned.outcome !== 'done' || swept.outcome !== 'done') {
      log.debug(
        { slot, deemedAcceptance: deemed.outcome, prune: pruned.outcome, blobSweep: swept.outcome },
        'scheduled run left to another process',
      );
    }
    return [deemed, pruned, swept];
  };

  const enqueue = <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };

  const runDue = (): Promise<JobReport> =>
    enqueue(async () => {
      const [deemed, pruned, swept] = await runOnce(null);
      // A run on demand waits for the lock, so it is always the one that did the work.
      if (deemed.outcome !== 'done' || pruned.outcome !== 'done' || swept.outcome !== 'done')
        throw new Error('A run on demand was skipped');
      return {
        deemedAcceptance: deemed.report,
        trackingPruned: pruned.report.trackingPruned,
        blobSweep: swept.report,
      };
    });

  let scheduled: { slot: string; pending: boolean } | undefined;
  const tick = (): void => {
    const slot = slotOf(now(), intervalMs);
    // A tick while the last one still runs, or a second one in the same slot (timer jitter), is dropped.
    if (scheduled && (scheduled.pending || scheduled.slot === slot)) return;
    const current = { slot, pending: true };
    scheduled = current;
    void enqueue(() => runOnce(slot))
      .catch((error: unknown) => {
        log.error({ err: error }, 'scheduled rules failed; will retry');
      })
      .finally(() => {
        current.pending = false;
      });
  };

  return {
    runDue,
    start: () => {
      if (timer) return;
      timer = setInterval(tick, intervalMs);
      timer.unref();
      tick();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      await tail;
    },
  };
}
