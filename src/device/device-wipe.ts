/**
 * A revoked phone hands in its unsent work, then wipes itself (docs/api.md, "Revoked phones").
 *
 * Invariants:
 * - unsent work is never wiped: the drain is a push-only sync run; while any case or 补正 answer is
 *   still waiting (no signal, the server down, the phone locked) the phone stays 'revoked' and tries
 *   again at the next contact. Cases the server refused (set aside) cannot be sent by anyone: they are
 *   wiped, and their number is reported. Whether anything waits is read from fields stored in the
 *   clear (a case's `status`, `sync`, `resubmission.status`), and read again holding the sync lock
 *   right before the wipe;
 * - a drain that finds a sync run going (often the very run whose pull heard DEVICE_REVOKED) waits
 *   for it to end and drains then, rather than giving up until the next contact;
 * - a locked phone (no data key) pushes nothing, but needs no PIN to know what waits: with nothing
 *   waiting it wipes at once — nothing is lost, and nothing personal stays on a phone that may be in
 *   a stranger's hands; with work waiting it keeps everything ('locked') until the PIN is entered;
 * - the server hears of the wipe (POST /api/devices/me/wiped) before the data goes; a 401 there means
 *   it already heard (a wipe cut short), so the wipe goes on;
 * - the wipe runs holding the sync lock, so no sync run writes into a database being deleted; it
 *   deletes every IndexedDB database of the app's origin (ours and anything another module keeps
 *   there, such as the PIN's wrapped key), every Cache Storage cache except the precached app shell
 *   (code, no data), localStorage and sessionStorage, and drops the data key from memory. Only the
 *   state 'wiped' is written back, so the screen says what happened.
 */
import { closeDatabase, DATABASE_NAME, getDatabase } from './db';
import { lockDataKey, setEncryptionRequired } from './data-key';
import { deviceState, setDeviceState } from './device-wipe-state';
import { loadSession } from './session-repository';
import { reportWiped } from './sync-enrol';
import { ApiRequestError, NetworkError, onDeviceRevoked } from './sync-fetch';
import { runSync, SYNC_LOCK_NAME, type SyncSummary } from './sync-run';
import { stopSyncScheduler } from './sync-scheduler';

export type DrainOutcome =
  /** Everything went and the data is gone. */
  | 'wiped'
  /** Unsent work is still on the phone, or the server did not hear of the wipe (no signal, busy): try again at the next contact. */
  | 'waiting'
  /** Unsent work waits for the PIN: nothing can be pushed until the phone is unlocked. */
  | 'locked'
  /** The server says this phone is not revoked after all: back to work. */
  | 'in-use';

/** Whether a push-only run has handed in everything it can: nothing waits, and it did not fail for want of a link. */
export function drainFinished(summary: Pick<SyncSummary, 'outcome' | 'waiting' | 'error'>): boolean {
  if (summary.outcome === 'signed-out') return true;
  if (summary.outcome === 'busy' || summary.outcome === 'offline') return false;
  // A token the server already ended (the wipe report went through before a cut) can send nothing more.
  if (summary.error?.code === 'UNAUTHENTICATED') return true;
  return summary.waiting === 0;
}

/** Starts listening for DEVICE_REVOKED on every sync call; returns the unsubscribe. */
export function watchForRevocation(): () => void {
  return onDeviceRevoked(() => {
    setDeviceState('revoked');
  });
}

/**
 * Cases and 补正 answers of the signed-in agent that the drain will hand in: in the outbox and not set
 * aside (what a sync run counts as `waiting`). Read from the clear fields, so it works while locked.
 */
export async function countWorkToHandIn(now: Date = new Date()): Promise<number> {
  const session = await loadSession(now);
  if (!session?.token || session.user.role !== 'agent') return 0;
  const agentId = session.user.id;
  const db = getDatabase();
  const cases = await db.cases.where('status').equals('outbox').toArray();
  const answers = await db.cases.where('resubmission.status').equals('outbox').toArray();
  return (
    cases.filter((c) => c.agentId === agentId && c.sync?.state !== 'set-aside').length +
    answers.filter((c) => c.agentId === agentId && c.resubmission?.sync?.state !== 'set-aside').length
  );
}

async function countSetAside(): Promise<number> {
  try {
    const cases = await getDatabase().cases.where('status').equals('outbox').toArray();
    const resubmissions = await getDatabase().cases.where('resubmission.status').equals('outbox').toArray();
    return (
      cases.filter((c) => c.sync?.state === 'set-aside').length +
      resubmissions.filter((c) => c.resubmission?.sync?.state === 'set-aside').length
    );
  } catch {
    return 0;
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => {
      resolve();
    };
    request.onerror = () => {
      reject(request.error ?? new Error(`could not delete ${name}`));
    };
  });
}

/** Deletes everything this app keeps on the phone (see the header), then records 'wiped'. */
export async function wipeLocalData(): Promise<void> {
  stopSyncScheduler();
  lockDataKey();
  closeDatabase();
  const names = new Set([DATABASE_NAME]);
  if (typeof indexedDB.databases === 'function') {
    for (const info of await indexedDB.databases()) if (info.name) names.add(info.name);
  }
  for (const name of names) await deleteDatabase(name);
  setEncryptionRequired(false);
  if (typeof caches !== 'undefined') {
    for (const key of await caches.keys()) if (!key.startsWith('workbox-precache')) await caches.delete(key);
  }
  for (const storage of ['localStorage', 'sessionStorage']) {
    const area: unknown = Reflect.get(globalThis, storage);
    const clear: unknown = typeof area === 'object' && area !== null ? Reflect.get(area, 'clear') : undefined;
    if (typeof clear === 'function') Reflect.apply(clear, area, []);
  }
  setDeviceState('wiped');
}

/** Runs `task` holding the sync lock (waiting for a run in progress), or at once where there are no Web Locks. */
async function withSyncLockHeld<T>(task: () => Promise<T>): Promise<T> {
  const scope: { navigator?: { locks?: LockManager } } = globalThis;
  const locks = scope.navigator?.locks;
  return locks ? locks.request(SYNC_LOCK_NAME, task) : task();
}

/**
 * 忘记 PIN on a revoked phone: the work the PIN would have handed in cannot be read, so it goes with
 * everything else. The server hears of it first, best effort, with that work counted among the cases
 * set aside (deleted without reaching the township), so 设备 shows the phone 已清除 rather than
 * waiting for a drain that will never come; without a signal the wipe goes on all the same (the
 * agent confirmed it, and the token goes with the data).
 */
export async function forgetRevokedPhone(lost: number): Promise<void> {
  await withSyncLockHeld(async () => {
    const setAside = (await countSetAside()) + lost;
    await reportWiped({ setAside }).catch(() => undefined);
    await wipeLocalData();
  });
}

/**
 * The revoked phone's next contact: push everything unsent, report the wipe, wipe. Never throws.
 * @returns what happened; 'waiting' means call again at the next contact, 'locked' after the unlock.
 */
export async function drainAndWipe(options: { now?: () => Date } = {}): Promise<DrainOutcome> {
  try {
    const drain = (): Promise<SyncSummary> => runSync({ pushOnly: true, ...(options.now ? { now: options.now } : {}) });
    let summary = await drain();
    if (summary.outcome === 'busy') {
      // A run is going (often the one whose pull just heard DEVICE_REVOKED): wait for it, then drain
      // — unless it was an earlier drain that wiped the phone meanwhile.
      await withSyncLockHeld(() => Promise.resolve());
      if (deviceState() === 'wiped') return 'wiped';
      summary = await drain();
    }
    if (!drainFinished(summary)) return summary.locked === true ? 'locked' : 'waiting';
    const setAside = await countSetAside();
    return await withSyncLockHeld(async (): Promise<DrainOutcome> => {
      // Another page may have queued work between the run and the lock: that work goes first.
      if (summary.waiting === 0 && (await countWorkToHandIn(options.now?.())) > 0)
        return summary.locked === true ? 'locked' : 'waiting';
      if (summary.outcome !== 'signed-out') {
        try {
          await reportWiped({ setAside });
        } catch (error) {
          if (error instanceof NetworkError) return 'waiting';
          if (error instanceof ApiRequestError && error.code === 'ACTION_NOT_ALLOWED') {
            setDeviceState('in-use');
            return 'in-use';
          }
          if (!(error instanceof ApiRequestError && error.code === 'UNAUTHENTICATED')) return 'waiting';
        }
      }
      await wipeLocalData();
      return 'wiped';
    });
  } catch {
    return 'waiting';
  }
}
