/**
 * The unwrapped data key, in memory only (this page or this service-worker run), and whether this
 * phone requires it at all.
 *
 * Invariants:
 * - the key is never written anywhere: it comes from the PIN (pin-repository) or, in the service
 *   worker, from an unlocked window of the app for one sync run (setKeySource);
 * - lockDataKey() drops it, except that a sync run holding it (holdDataKey) finishes first: the
 *   key goes when the last holder lets go, so a push is never cut off between reading a case and
 *   reading its photos;
 * - `encryptionRequired` is true once a PIN exists (read when the database opens): from then on a
 *   personal record is never written in the clear — without the key the write fails (DataLockedError);
 * - the public pull-seal key (crypto-sealed-box) is no secret: it is read from the lock row when the
 *   database opens and set with the PIN, so what the pull writes is sealed even while locked; its key
 *   pair is derived from the data key, so it opens only while the data key is here.
 */
import { pullSealKeyPair, type PullSealKeyPair } from './crypto-sealed-box';

/** A personal record had to be read or written while the phone is locked. */
export class DataLockedError extends Error {
  readonly code = 'DATA_LOCKED';

  constructor(message = 'The phone is locked: unlock it with the PIN') {
    super(message);
    this.name = 'DataLockedError';
  }
}

let key: Uint8Array | null = null;
let required = false;
let holders = 0;
let dropPending = false;
let source: (() => Promise<Uint8Array | null>) | null = null;
let pullSealKey: Uint8Array | null = null;
/** One pair per data key, so crypto-sealed-box's memory of opened boxes lasts as long as the key. */
const pairs = new WeakMap<Uint8Array, PullSealKeyPair>();
const listeners = new Set<() => void>();

function changed(): void {
  for (const listener of listeners) listener();
}

/** The data key while unlocked, else null. */
export function currentDataKey(): Uint8Array | null {
  return key;
}

/** Whether the app is unlocked (the key is in memory and no lock is pending). */
export function isUnlocked(): boolean {
  return key !== null && !dropPending;
}

/** Keeps the key after a successful unlock (or PIN setup). */
export function setDataKey(next: Uint8Array): void {
  key = next;
  required = true;
  dropPending = false;
  changed();
}

/** Locks: the key goes now, or when the last sync run holding it ends. */
export function lockDataKey(): void {
  if (holders > 0) dropPending = true;
  else key = null;
  changed();
}

/** Whether personal records must be sealed (a PIN exists on this phone). */
export function encryptionRequired(): boolean {
  return required;
}

/** Set when the database opens (a PIN row exists) and when the PIN is first set. */
export function setEncryptionRequired(value: boolean): void {
  required = value;
}

/** This phone's public pull-seal key; null before a PIN, or until the first unlock on a phone whose lock predates it. */
export function currentPullSealKey(): Uint8Array | null {
  return pullSealKey;
}

/** Set when the database opens (from the lock row), when the PIN is set and at unlock. */
export function setPullSealKey(next: Uint8Array | null): void {
  pullSealKey = next;
}

/** The pull-seal key pair while the data key is in memory (it opens sealed boxes), else null. */
export function currentPullSealKeyPair(): PullSealKeyPair | null {
  if (!key) return null;
  let pair = pairs.get(key);
  if (!pair) {
    pair = pullSealKeyPair(key);
    pairs.set(key, pair);
  }
  return pair;
}

/** Where a context without a PIN screen (the service worker) may ask for the key. */
export function setKeySource(next: (() => Promise<Uint8Array | null>) | null): void {
  source = next;
}

/**
 * Holds the key for one task (a sync run): fetched from the key source if this context has none.
 * @returns a release function, or null when no key is to be had (locked; the task must skip
 * anything that needs it). With no PIN on this phone nothing is sealed: a no-op release.
 */
export async function holdDataKey(): Promise<(() => void) | null> {
  if (!required) return () => undefined;
  let borrowed = false;
  if (!key && source) {
    const fetched = await source().catch(() => null);
    if (fetched) {
      key = fetched;
      borrowed = true;
    }
  }
  if (!key || dropPending) return null;
  holders += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && (dropPending || borrowed)) {
      key = null;
      dropPending = false;
      changed();
    }
  };
}

/** Calls `listener` whenever the key comes or goes. */
export function onDataKeyChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The service worker's question to a window (over a MessageChannel): may it borrow the data key? */
export const DATA_KEY_REQUEST = 'DATA_KEY_REQUEST';

/** A window's answer: the key while it is unlocked, else null. */
export type DataKeyReply = { type: 'DATA_KEY'; key: Uint8Array | null };

/** The answer this context gives to DATA_KEY_REQUEST. */
export function dataKeyReply(): DataKeyReply {
  return { type: 'DATA_KEY', key: isUnlocked() ? key : null };
}
