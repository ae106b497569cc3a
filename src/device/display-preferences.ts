/**
 * Display choices a person makes on this browser, kept in localStorage (not IndexedDB: they are read
 * before first paint and must work on a phone that never signed in). A browser that refuses storage
 * (private mode, storage disabled) simply does not remember; nothing fails.
 */

const LARGE_TEXT_KEY = 'daiban.largeText';

/** The part of `localStorage` used here (typed by hand: device/ also compiles for the service worker). */
type KeyValueStore = {
  getItem: (key: string) => string | null;
  setItem: (key: string, value: string) => void;
  removeItem: (key: string) => void;
};

function isStore(value: unknown): value is KeyValueStore {
  return typeof value === 'object' && value !== null && 'getItem' in value && typeof value.getItem === 'function';
}

function storage(): KeyValueStore | null {
  try {
    // Reading `localStorage` itself throws where storage is disabled.
    const candidate: unknown = Reflect.get(globalThis, 'localStorage');
    return isStore(candidate) ? candidate : null;
  } catch {
    return null;
  }
}

/** Whether the resident turned on 大字模式 on this browser before. */
export function loadLargeText(): boolean {
  try {
    return storage()?.getItem(LARGE_TEXT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Remembers 大字模式 on or off for the next visit. */
export function saveLargeText(on: boolean): void {
  try {
    if (on) storage()?.setItem(LARGE_TEXT_KEY, '1');
    else storage()?.removeItem(LARGE_TEXT_KEY);
  } catch {
    // Storage full or refused: the choice holds for this visit only.
  }
}

const LOCK_AFTER_KEY = 'daiban.lockAfterMs';

/** The agent screens lock after this long without a touch, unless changed in 设置. */
export const DEFAULT_LOCK_AFTER_MS = 10 * 60_000;

/** How long without a touch before the agent screens lock (设置 → 锁屏与 PIN). */
export function loadLockAfterMs(): number {
  try {
    const stored = Number(storage()?.getItem(LOCK_AFTER_KEY));
    return Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_LOCK_AFTER_MS;
  } catch {
    return DEFAULT_LOCK_AFTER_MS;
  }
}

/** Remembers the inactivity lock time for this browser. */
export function saveLockAfterMs(ms: number): void {
  try {
    storage()?.setItem(LOCK_AFTER_KEY, String(ms));
  } catch {
    // Storage refused: the default holds.
  }
}
