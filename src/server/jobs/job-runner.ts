/**
 * Runs the scheduled rules: once when the server is ready, then every JOB_INTERVAL_MS. Runs never
 * overlap within the process (each waits for the one before); the rules themselves are safe to run
 * from several processes at once. A failed run is logged and the next one tries again — a job
 * never takes the server down. Tests call `runDue()` with their own clock instead of waiting.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { CalendarStore } from '../calendar/calendar-store';
import type { Database } from '../db/schema';
import { pruneTracking } from '../tracking/prune-tracking';
import { runDeemedAcceptance, type DeemedAcceptanceReport } from './deemed-acceptance';

export const JOB_INTERVAL_MS = 60_000;

export type JobReport = {
  deemedAcceptance: DeemedAcceptanceReport;
  /** Rows of failed lookups, ended locks and expired access tokens deleted. */
  trackingPruned: number;
};

export type JobRunner = {
  /** Runs every rule now (after any run in progress) and reports what it did. */
  runDue: () => Promise<JobReport>;
  /** Starts the timer and the first run. */
  start: () => void;
  /** Stops the timer and waits for a run in progress. */
  stop: () => Promise<void>;
};

export function createJobRunner(options: {
  db: Kysely<Database>;
  calendar: CalendarStore;
  now: () => Date;
  log: FastifyBaseLogger;
  intervalMs?: number;
}): JobRunner {
  const { db, calendar, now, log } = options;
  let tail: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const runOnce = async (): Promise<JobReport> => {
    await calendar.refreshIfChanged();
    const deemedAcceptance = await runDeemedAcceptance(db, await calendar.calendar(), now());
    if (deemedAcceptance.accepted > 0 || deemedAcceptance.backfilled > 0) {
      log.info({ deemedAcceptance }, 'scheduled rules applied');
    }
    const trackingPruned = await pruneTracking(db, now());
    return { deemedAcceptance, trackingPruned };
  };

  const runDue = (): Promise<JobReport> => {
    const run = tail.then(runOnce, runOnce);
    tail = run.catch(() => undefined);
    return run;
  };

  const tick = (): void => {
    runDue().catch((error: unknown) => {
      log.error({ err: error }, 'scheduled rules failed; will retry');
    });
  };

  return {
    runDue,
    start: () => {
      if (timer) return;
      timer = setInterval(tick, options.intervalMs ?? JOB_INTERVAL_MS);
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
