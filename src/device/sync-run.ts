/**
 * One sync run: push every outbox case of the signed-in agent (oldest first), then pull the
 * township's decisions. Every trigger — page events, the timer, the 立即同步 button and the service
 * worker's `sync` event — ends up here; there is no second implementation.
 *
 * Invariants:
 * - One syncer at a time across pages and the service worker: the Web Lock 'daiban-sync' is taken
 *   with ifAvailable, so a second caller returns 'busy' at once instead of queueing a duplicate run.
 *   Where Web Locks are missing (Node 20, old browsers) an in-memory flag guards this context.
 * - A run may be killed at any moment (a service worker's sync event gets minutes): all progress is
 *   committed on the server and in IndexedDB as it happens, so the next run continues from there.
 * - A run never throws: failures come back in the summary and in the stored sync state.
 */
import { getDatabase, type CaseRecord, type SyncError } from './db';
import { loadSession } from './session-repository';
import { NetworkError } from './sync-fetch';
import { syncProgress } from './sync-progress';
import { pullChanges } from './sync-pull';
import { pushCase } from './sync-push-case';
import type { RetryPolicy } from './sync-retry';

/** The Web Lock name and the Background Sync tag. */
export const SYNC_LOCK_NAME = 'daiban-sync';

export type SyncSummary = {
  /**
   * 'done': everything that could go went, decisions pulled; 'offline': no answer from the server;
   * 'failed': the server answered with an error (details in `error`); 'busy': another page or the
   * service worker is syncing right now; 'signed-out': no agent session with a token on this phone.
   */
  outcome: 'done' | 'offline' | 'failed' | 'busy' | 'signed-out';
  sent: number;
  setAside: number;
  /** Outbox cases still waiting after this run (set-aside ones not counted). */
  waiting: number;
  /** Changes pulled from the feed. */
  pulled: number;
  error: SyncError | null;
};

export type RunSyncOptions = {
  retry?: RetryPolicy;
  /** The phone's clock, for the recorded attempt and success times. */
  now?: () => Date;
};

const empty = { sent: 0, setAside: 0, waiting: 0, pulled: 0, error: null };

let runningHere = false;

/** Runs `task` holding the sync lock, or returns null at once when someone else holds it. */
async function withSyncLock<T>(task: () => Promise<T>): Promise<T | null> {
  // Node 20 has no navigator at all; some browsers have one without locks.
  const scope: { navigator?: { locks?: LockManager } } = globalThis;
  const locks = scope.navigator?.locks;
  if (locks) {
    return locks.request(SYNC_LOCK_NAME, { ifAvailable: true }, (lock) => (lock ? task() : null));
  }
  if (runningHere) return null;
  runningHere = true;
  try {
    return await task();
  } finally {
    runningHere = false;
  }
}

function describe(error: unknown, at: Date): SyncError {
  const message = error instanceof Error ? error.message : String(error);
  const code =
    error instanceof NetworkError
      ? 'NETWORK'
      : error instanceof Error && 'code' in error && typeof error.code === 'string'
        ? error.code
        : 'UNKNOWN';
  return { code, message, at: at.toISOString() };
}

async function waitingCases(agentId: string): Promise<CaseRecord[]> {
  const outbox = await getDatabase().cases.where('status').equals('outbox').toArray();
  return outbox
    .filter((c) => c.agentId === agentId && c.sync?.state !== 'set-aside')
    .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id.localeCompare(b.id));
}

async function recordAttempt(agentId: string, at: Date, error: SyncError | null): Promise<void> {
  const db = getDatabase();
  await db.transaction('rw', db.syncState, async () => {
    const state = await db.syncState.get(agentId);
    await db.syncState.put({
      agentId,
      cursor: state?.cursor ?? 0,
      lastAttemptAt: at.toISOString(),
      lastSuccessAt: error ? (state?.lastSuccessAt ?? null) : at.toISOString(),
      lastError: error,
    });
  });
}

async function runLocked(options: RunSyncOptions): Promise<SyncSummary> {
  const now = options.now ?? (() => new Date());
  const session = await loadSession(now());
  if (!session?.token || session.user.role !== 'agent') return { outcome: 'signed-out', ...empty };
  const agentId = session.user.id;
  const summary: SyncSummary = { outcome: 'done', ...empty };
  let failure: unknown = null;
  syncProgress.start();
  try {
    for (const record of await waitingCases(agentId)) {
      const result = await pushCase(record.id, {
        ...(options.retry ? { retry: options.retry } : {}),
        now,
        onProgress: (progress) => {
          syncProgress.report(record.id, progress);
        },
      });
      if (result.outcome === 'sent') summary.sent += 1;
      if (result.outcome === 'set-aside') summary.setAside += 1;
    }
    summary.pulled = (await pullChanges(agentId, options.retry ? { retry: options.retry } : {})).applied;
  } catch (error) {
    failure = error;
  } finally {
    syncProgress.finish();
  }
  const at = now();
  summary.error = failure === null ? null : describe(failure, at);
  summary.outcome = failure === null ? 'done' : failure instanceof NetworkError ? 'offline' : 'failed';
  summary.waiting = (await waitingCases(agentId)).length;
  await recordAttempt(agentId, at, summary.error);
  return summary;
}

/**
 * Runs one sync now unless another is running (then 'busy'). Never throws: a failure is reported in
 * the summary and stored as the agent's lastError; the next run continues where this one stopped.
 */
export async function runSync(options: RunSyncOptions = {}): Promise<SyncSummary> {
  try {
    return (await withSyncLock(() => runLocked(options))) ?? { outcome: 'busy', ...empty };
  } catch (error) {
    return { outcome: 'failed', ...empty, error: describe(error, (options.now ?? (() => new Date()))()) };
  }
}
