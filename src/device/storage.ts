/**
 * The phone's storage: how much is used and free, whether the browser has promised to keep it
 * (persistent storage, DESIGN §4), and the one error a full disk becomes.
 *
 * Invariant: every write that can run out of space is a single IndexedDB transaction, so a write
 * that hits the quota aborts as a whole and the previous state — a draft as it was, the outbox as it
 * was — stays intact. `withStorageGuard` turns the browser's quota error, however Dexie wraps it
 * (QuotaExceededError, or an AbortError whose inner error is one), into a StorageFullError.
 */

/** Below this much free space the app warns the agent (issue #3: 200 MB). */
export const LOW_STORAGE_BYTES = 200 * 1024 * 1024;

/** A write was refused because the phone's storage (or the browser's quota for this site) is full. */
export class StorageFullError extends Error {
  constructor(options?: { cause: unknown }) {
    super('The storage quota is exhausted; nothing was written', options);
    this.name = 'StorageFullError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether `error` is, or wraps, a quota error (DOMException, Dexie error, or their causes). */
export function isQuotaExceeded(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && isRecord(current); depth += 1) {
    if (current instanceof StorageFullError) return true;
    if (current.name === 'QuotaExceededError') return true;
    // Legacy DOMException code for QUOTA_EXCEEDED_ERR (older WebKit).
    if (current.code === 22 && current.name !== 'AbortError') return true;
    current = current.inner ?? current.cause;
  }
  return false;
}

/**
 * Runs one write and reports a full disk as StorageFullError; other errors pass through unchanged.
 * @throws StorageFullError when the write hit the quota (the write had no effect).
 */
export async function withStorageGuard<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaExceeded(error)) {
      throw error instanceof StorageFullError ? error : new StorageFullError({ cause: error });
    }
    throw error;
  }
}

export type StorageStatus = {
  /** Bytes this site uses; null when the browser does not say. */
  usage: number | null;
  /** Bytes this site may use in all; null when the browser does not say. */
  quota: number | null;
  /** quota − usage; null when either is unknown. */
  free: number | null;
  /** Whether the browser promised not to evict this site's data; null when it cannot be asked. */
  persisted: boolean | null;
  /** Free space is known and under LOW_STORAGE_BYTES. */
  low: boolean;
};

/** persist() exists on pages only; this module is also compiled for the service worker. */
type PageStorageManager = StorageManager & { persist?: () => Promise<boolean> };

function storageManager(): PageStorageManager | null {
  return typeof navigator !== 'undefined' && 'storage' in navigator ? navigator.storage : null;
}

/** Reads used and free space and the persistence state. Never throws: unknowns come back as null. */
export async function estimateStorage(): Promise<StorageStatus> {
  const manager = storageManager();
  let usage: number | null = null;
  let quota: number | null = null;
  let persisted: boolean | null = null;
  if (manager) {
    try {
      const estimate = await manager.estimate();
      usage = estimate.usage ?? null;
      quota = estimate.quota ?? null;
    } catch {
      // Unknown; shown as such.
    }
    try {
      persisted = await manager.persisted();
    } catch {
      persisted = null;
    }
  }
  const free = usage !== null && quota !== null ? Math.max(0, quota - usage) : null;
  return { usage, quota, free, persisted, low: free !== null && free < LOW_STORAGE_BYTES };
}

/**
 * Asks the browser to keep this site's storage under pressure instead of evicting it (DESIGN §4).
 * Chromium decides silently from engagement; others may refuse. Never throws.
 * @returns whether storage is now persistent.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const manager = storageManager();
  if (!manager) return false;
  try {
    if (await manager.persisted()) return true;
    return typeof manager.persist === 'function' ? await manager.persist() : false;
  } catch {
    return false;
  }
}

let askedOnce: Promise<boolean> | null = null;

/**
 * requestPersistentStorage, at most once per app start: called after each photo is kept, it asks
 * on the first one only (DESIGN §4: ask after the first capture). Never throws.
 */
export function requestPersistentStorageOnce(): Promise<boolean> {
  askedOnce ??= requestPersistentStorage();
  return askedOnce;
}
