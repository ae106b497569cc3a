/**
 * Live upload progress in bytes, per case and overall, for the sync screen. In memory only: the
 * durable per-case figures are on the case record (`sync.bytesSent`), written after every photo, so a
 * restarted app shows where the last run stopped; this store adds the moving figure of the run going
 * on in this page or worker right now.
 */
import type { CaseRecord } from './db';
import type { Subscribable } from './subscribable';

/** Bytes of one case's photos the server has committed, of all its photos. */
export type CaseProgress = { bytesSent: number; bytesTotal: number };

/** The current run: whether one is going, each case it is sending, and their sums. */
export type SyncProgress = {
  running: boolean;
  cases: Readonly<Record<CaseRecord['id'], CaseProgress>>;
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

function summed(running: boolean, cases: Record<CaseRecord['id'], CaseProgress>): SyncProgress {
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
  /** A case's committed bytes moved. */
  report(caseId: CaseRecord['id'], progress: CaseProgress): void {
    publish(summed(current.running, { ...current.cases, [caseId]: progress }));
  },
  /** The run ended; its figures stay visible until the next one starts. */
  finish(): void {
    publish({ ...current, running: false });
  },
};
