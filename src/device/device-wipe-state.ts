/**
 * Whether this phone is in use, revoked (handing in its unsent work before it wipes) or wiped. Kept in
 * localStorage, not IndexedDB: it must outlive the wipe of the database, and be read before it opens.
 * Where there is no localStorage (the service worker) the state lives in memory only.
 */
import type { Subscribable } from './subscribable';

export type DeviceState = 'in-use' | 'revoked' | 'wiped';

export const DEVICE_STATE_KEY = 'daiban-device-state';

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

function parse(value: string | null | undefined): DeviceState {
  return value === 'revoked' || value === 'wiped' ? value : 'in-use';
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
  try {
    if (state === 'in-use') store()?.removeItem(DEVICE_STATE_KEY);
    else store()?.setItem(DEVICE_STATE_KEY, state);
  } catch {
    // A full or disabled storage keeps the state in memory for this page.
  }
  for (const listener of listeners) listener(state);
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
