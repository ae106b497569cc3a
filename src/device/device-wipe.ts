/**
 * A revoked phone hands in its unsent work, then wipes itself (docs/api.md, "Revoked phones").
 *
 * Invariants:
 * - unsent work is never wiped: the drain is a push-only sync run; while any case or 补正 answer is
 *   still waiting (no signal, the server down, the phone locked) the phone stays 'revoked' and tries
 *   again at the next contact. Cases the server refused (set aside) cannot be sent by anyone: they are
 *   wiped, and their number is reported;
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
import { setDeviceState } from './device-wipe-state';
import { reportWiped } from './sync-enrol';
import { ApiRequestError, NetworkError, onDeviceRevoked } from './sync-fetch';
import { runSync, SYNC_LOCK_NAME, type SyncSummary } from './sync-run';
import { stopSyncScheduler } from './sync-scheduler';

export type DrainOutcome =
  /** Everything went and the data is gone. */
  | 'wiped'
  /** Unsent work is still on the phone (no signal, busy, locked): try again at the next contact. */
  | 'waiting'
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
 * The revoked phone's next contact: push everything unsent, report the wipe, wipe. Never throws.
 * @returns what happened; 'waiting' means call again at the next contact.
 */
export async function drainAndWipe(options: { now?: () => Date } = {}): Promise<DrainOutcome> {
  try {
    const summary = await runSync({ pushOnly: true, ...(options.now ? { now: options.now } : {}) });
    if (!drainFinished(summary)) return 'waiting';
    const setAside = await countSetAside();
    return await withSyncLockHeld(async (): Promise<DrainOutcome> => {
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
