/**
 * One sync run: push every outbox case of the signed-in agent (oldest first), then every 补正 answer
 * in the outbox (oldest first; after the first submissions, since an answer needs its case's round 1
 * on the server), then pull the township's decisions. Every trigger — page events, the timer, the
 * 立即同步 button and the service worker's `sync` event — ends up here; there is no second
 * implementation.
 *
 * Invariants:
 * - One syncer at a time across pages and the service worker: the Web Lock 'daiban-sync' is taken
 *   with ifAvailable, so a second caller returns 'busy' at once instead of queueing a duplicate run.
 *   Where Web Locks are missing (Node 20, old browsers) an in-memory flag guards this context.
 * - Up to PUSHES_AT_ONCE cases (then 补正 answers) are pushed side by side, started oldest first, so
 *   the uplink carries one push's bytes while another waits a round trip for its answer (a lone
 *   stop-and-wait push leaves a 300 ms line idle a third of the time). Each push stays strictly
 *   sequential inside — one request at a time, every chunk at the offset the server committed — so a
 *   cut re-sends at most the one chunk each upload had in flight, and everything else a push
 *   promises (idempotent requests, photo bytes deleted only after the server confirmed them, its own
 *   progress) holds unchanged. Cases started together may reach the server, and so get their
 *   办件编号, in either order.
 * - After a transient failure no further push starts; those already going are awaited (each
 *   commits what it can and records its own failure), then the run stops with the first failure. A
 *   refusal sets its case aside and stops nothing.
 * - A run may be killed at any moment (a service worker's sync event gets minutes): all progress is
 *   committed on the server and in IndexedDB as it happens, so the next run continues from there.
 * - A run never throws: failures come back in the summary and in the stored sync state.
 * - Pushes read sealed cases and photos, so a run holds the data key (data-key holdDataKey) from
 *   start to end — a lock during the run takes effect when it ends. With no key to be had (the phone
 *   is locked; the service worker found no unlocked window) the run pushes nothing, pulls the
 *   decisions (they need no decryption) and says `locked`.
 */
import { holdDataKey, setEncryptionRequired } from './data-key';
import { getDatabase, type CaseRecord, type SyncError } from './db';
import { loadSession } from './session-repository';
import { NetworkError } from './sync-fetch';
import { resubmissionProgressKey, syncProgress } from './sync-progress';
import { pullChanges } from './sync-pull';
import { pushCase } from './sync-push-case';
import { pushResubmission } from './sync-push-resubmission';
import type { RetryPolicy } from './sync-retry';

/** The Web Lock name and the Background Sync tag. */
export const SYNC_LOCK_NAME = 'daiban-sync';

/**
 * Cases (or 补正 answers) pushed side by side. bench/sync (50 cases × 4 photos, 1 Mbit/s up, 300 ms
 * round trip): one at a time takes 1.78 × the line-rate limit, two 1.2 ×, three 1.05 ×. Each more
 * also adds a partial chunk to what a cut throws away (about 180 KB per cut at three, 80 KB at one).
 */
export const PUSHES_AT_ONCE = 3;

export type SyncSummary = {
  /**
   * 'done': everything that could go went, decisions pulled; 'offline': no answer from the server;
   * 'failed': the server answered with an error (details in `error`); 'busy': another page or the
   * service worker is syncing right now; 'signed-out': no agent session with a token on this phone.
   */
  outcome: 'done' | 'offline' | 'failed' | 'busy' | 'signed-out';
  /** First submissions that reached the township with every photo. */
  sent: number;
  /** 补正 answers the township accepted as their round. */
  resubmitted: number;
  /** Cases and 补正 answers the server refused in this run. */
  setAside: number;
  /** Outbox cases and 补正 answers still waiting after this run (set-aside ones not counted). */
  waiting: number;
  /** Changes pulled from the feed. */
  pulled: number;
  error: SyncError | null;
  /** True when the phone was locked: nothing was pushed (解锁后继续上传); absent otherwise. */
  locked?: boolean;
};

export type RunSyncOptions = {
  retry?: RetryPolicy;
  /** The phone's clock, for the recorded attempt and success times. */
  now?: () => Date;
  /** Push only, no pull: a revoked phone handing in its unsent work (device-wipe.ts). */
  pushOnly?: boolean;
};

const empty = { sent: 0, resubmitted: 0, setAside: 0, waiting: 0, pulled: 0, error: null };

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

async function waitingResubmissions(agentId: string): Promise<CaseRecord[]> {
  const outbox = await getDatabase().cases.where('resubmission.status').equals('outbox').toArray();
  const submittedAt = (c: CaseRecord): string => c.resubmission?.submittedAt ?? '';
  return outbox
    .filter((c) => c.agentId === agentId && c.resubmission?.sync?.state !== 'set-aside')
    .sort((a, b) => submittedAt(a).localeCompare(submittedAt(b)) || a.id.localeCompare(b.id));
}

/**
 * Runs `task` for each of `items`, starting them in order, at most `limit` at a time. After the first
 * failure no item starts; the ones going are awaited, then that failure is thrown.
 */
async function eachAtMost<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const failures: unknown[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (failures.length === 0) {
      const item = items[next];
      if (item === undefined) return;
      next += 1;
      try {
        await task(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
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
  // Locked (no key to be had): nothing is pushed, decisions are still pulled. Whether a PIN exists
  // is read afresh: a long-lived service worker may have opened the database before it was set.
  setEncryptionRequired((await getDatabase().lock.count()) > 0);
  const release = await holdDataKey();
  if (!release) summary.locked = true;
  syncProgress.start();
  try {
    await eachAtMost(release ? await waitingCases(agentId) : [], PUSHES_AT_ONCE, async (record) => {
      const result = await pushCase(record.id, {
        ...(options.retry ? { retry: options.retry } : {}),
        now,
        onProgress: (progress) => {
          syncProgress.report(record.id, progress);
        },
      });
      if (result.outcome === 'sent') summary.sent += 1;
      if (result.outcome === 'set-aside') summary.setAside += 1;
    });
    await eachAtMost(release ? await waitingResubmissions(agentId) : [], PUSHES_AT_ONCE, async (record) => {
      const key = resubmissionProgressKey(record.id, record.resubmission?.round ?? 0);
      const result = await pushResubmission(record.id, {
        ...(options.retry ? { retry: options.retry } : {}),
        now,
        onProgress: (progress) => {
          syncProgress.report(key, progress);
        },
      });
      if (result.outcome === 'sent') summary.resubmitted += 1;
      if (result.outcome === 'set-aside') summary.setAside += 1;
    });
    if (options.pushOnly !== true) {
      summary.pulled = (await pullChanges(agentId, options.retry ? { retry: options.retry } : {})).applied;
    }
  } catch (error) {
    failure = error;
  } finally {
    syncProgress.finish();
    release?.();
  }
  const at = now();
  summary.error = failure === null ? null : describe(failure, at);
  summary.outcome = failure === null ? 'done' : failure instanceof NetworkError ? 'offline' : 'failed';
  summary.waiting = (await waitingCases(agentId)).length + (await waitingResubmissions(agentId)).length;
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
