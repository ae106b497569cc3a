/**
 * Whether this phone is in use, revoked (handing in its unsent work before it wipes) or wiped. Kept in
 * localStorage, not IndexedDB: it must outlive the wipe of the database, and be read before it opens.
 *
 * Where there is no localStorage (the service worker, whose background sync may be the first to hear
 * DEVICE_REVOKED while no page is open) the state lives in memory, and a revocation is also written to
 * a one-row IndexedDB database of its own; the next app start takes it up (adoptWorkerDeviceState)
 * and deletes that database, so a phone that learnt of its revocation in the background acts on it
 * even when it starts with no signal. The wipe deletes every IndexedDB database, that one included.
 */
import type { Subscribable } from './subscribable';

export type DeviceState = 'in-use' | 'revoked' | 'wiped';

export const DEVICE_STATE_KEY = 'daiban-device-state';

/** The IndexedDB database holding the state a context without localStorage recorded. */
export const WORKER_STATE_DATABASE = 'daiban-device-state';
const WORKER_STATE_STORE = 'state';

/** The part of `localStorage` used here (typed by hand: device/ also compiles for the service worker). */
type KeyValueStore = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

function isStore(value: unknown): value is KeyValueStore {
  return typeof value === 'object' && value !== null && 'getItem' in value && 'setItem' in value;
}

function store(): KeyValueStore | null {
  try {
    // Reading `localStorage` itself throws where storage is disabled.
    const candidate: unknown = Reflect.get(globalThis, 'localStorage');
    return isStore(candidate) ? candidate : null;
  } catch {
    return null;
  }
}

let memory: DeviceState = 'in-use';
const listeners = new Set<(state: DeviceState) => void>();
let workerWrite: Promise<void> = Promise.resolve();

function parse(value: unknown): DeviceState {
  return value === 'revoked' || value === 'wiped' ? value : 'in-use';
}

function settle(request: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('IndexedDB request failed'));
    };
  });
}

/**
 * Opens the worker's state database; with `create: false` a missing one is not created (the upgrade
 * is aborted) and the answer is null.
 */
function openWorkerState(create: boolean): Promise<IDBDatabase | null> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(WORKER_STATE_DATABASE, 1);
    let missing = false;
    request.onupgradeneeded = () => {
      if (create) {
        request.result.createObjectStore(WORKER_STATE_STORE);
        return;
      }
      missing = true;
      request.transaction?.abort();
    };
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      if (missing) resolve(null);
      else reject(request.error ?? new Error(`could not open ${WORKER_STATE_DATABASE}`));
    };
  });
}

async function writeWorkerState(state: DeviceState): Promise<void> {
  const db = await openWorkerState(true);
  if (!db) return;
  try {
    const transaction = db.transaction(WORKER_STATE_STORE, 'readwrite');
    await settle(transaction.objectStore(WORKER_STATE_STORE).put(state, DEVICE_STATE_KEY));
  } finally {
    db.close();
  }
}

/** The state now. */
export function deviceState(): DeviceState {
  const kept = store();
  if (!kept) return memory;
  try {
    return parse(kept.getItem(DEVICE_STATE_KEY));
  } catch {
    return memory;
  }
}

/** Records `state` (never goes back from 'wiped' to 'revoked') and tells every subscriber. */
export function setDeviceState(state: DeviceState): void {
  if (state === 'revoked' && deviceState() === 'wiped') return;
  memory = state;
  const kept = store();
  try {
    if (state === 'in-use') kept?.removeItem(DEVICE_STATE_KEY);
    else kept?.setItem(DEVICE_STATE_KEY, state);
  } catch {
    // A full or disabled storage keeps the state in memory for this page.
  }
  if (!kept && state === 'revoked') {
    workerWrite = workerWrite.then(() => writeWorkerState(state)).catch(() => undefined);
  }
  for (const listener of listeners) listener(state);
}

/**
 * Resolves once the revocation a context without localStorage recorded is stored (the service worker
 * awaits it before its sync event ends). Never rejects.
 */
export function deviceStateStored(): Promise<void> {
  return workerWrite;
}

/**
 * In a page: takes up a revocation the service worker recorded while no page was open (a phone
 * already wiped stays wiped), then deletes that record. Never rejects.
 */
export async function adoptWorkerDeviceState(): Promise<void> {
  if (!store()) return;
  try {
    const db = await openWorkerState(false);
    if (!db) return;
    let recorded: DeviceState = 'in-use';
    try {
      if (db.objectStoreNames.contains(WORKER_STATE_STORE)) {
        const transaction = db.transaction(WORKER_STATE_STORE, 'readonly');
        recorded = parse(await settle(transaction.objectStore(WORKER_STATE_STORE).get(DEVICE_STATE_KEY)));
      }
    } finally {
      db.close();
    }
    if (recorded === 'revoked') setDeviceState('revoked');
    await settle(indexedDB.deleteDatabase(WORKER_STATE_DATABASE));
  } catch {
    // Unreadable: the next sync call that hears DEVICE_REVOKED records it again.
  }
}

/** Emits the state now and on every change (this page, and other tabs through `storage` events). */
export function observeDeviceState(): Subscribable<DeviceState> {
  return {
    subscribe(next) {
      next(deviceState());
      const onStorage = (event: Event): void => {
        const key: unknown = Reflect.get(event, 'key');
        if (key === DEVICE_STATE_KEY || key === null) next(deviceState());
      };
      listeners.add(next);
      const target: unknown = Reflect.get(globalThis, 'addEventListener');
      if (typeof target === 'function') globalThis.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(next);
        if (typeof target === 'function') globalThis.removeEventListener('storage', onStorage);
      };
    },
  };
}
