/**
 * Live upload progress in bytes, per case (and per 补正 answer) and overall, for the sync screen. In
 * memory only: the durable figures are on the case record (`sync.bytesSent`, `resubmission.sync`),
 * written after every photo, so a restarted app shows where the last run stopped; this store adds the
 * moving figure of the run going on in this page or worker right now.
 */
import type { CaseRecord } from './db';
import type { Subscribable } from './subscribable';

/** Bytes of one case's photos the server has committed, of all its photos. */
export type CaseProgress = { bytesSent: number; bytesTotal: number };

/**
 * The key a 补正 answer's progress is reported under, beside its case's own (a run may send both:
 * the first submission's last photos and then the answer).
 */
export function resubmissionProgressKey(caseId: CaseRecord['id'], round: number): string {
  return `${caseId}#round-${String(round)}`;
}

/**
 * The current run: whether one is going, each case (by id) and 补正 answer (by
 * resubmissionProgressKey) it is sending, and their sums.
 */
export type SyncProgress = {
  running: boolean;
  cases: Readonly<Record<string, CaseProgress>>;
  bytesSent: number;
  bytesTotal: number;
};

const idle: SyncProgress = { running: false, cases: {}, bytesSent: 0, bytesTotal: 0 };

let current: SyncProgress = idle;
const listeners = new Set<(value: SyncProgress) => void>();

function publish(next: SyncProgress): void {
  current = next;
  for (const listener of listeners) listener(current);
}

function summed(running: boolean, cases: Record<string, CaseProgress>): SyncProgress {
  let bytesSent = 0;
  let bytesTotal = 0;
  for (const progress of Object.values(cases)) {
    bytesSent += progress.bytesSent;
    bytesTotal += progress.bytesTotal;
  }
  return { running, cases, bytesSent, bytesTotal };
}

/** The progress store: the UI subscribes; the sync engine reports. */
export const syncProgress = {
  /** Emits the current progress at once and on every change. */
  observe(): Subscribable<SyncProgress> {
    return {
      subscribe(next) {
        listeners.add(next);
        next(current);
        return () => {
          listeners.delete(next);
        };
      },
    };
  },
  /** The latest value. */
  get(): SyncProgress {
    return current;
  },
  /** A run starts: forget the previous run's cases. */
  start(): void {
    publish({ ...idle, running: true });
  },
  /** A case's (or, under resubmissionProgressKey, a 补正 answer's) committed bytes moved. */
  report(key: string, progress: CaseProgress): void {
    publish(summed(current.running, { ...current.cases, [key]: progress }));
  },
  /** The run ended; its figures stay visible until the next one starts. */
  finish(): void {
    publish({ ...current, running: false });
  },
};
