/**
 * The PIN that unlocks this phone's data (crypto-pin for the key hierarchy, data-key for the key in
 * memory, db-encryption for what is sealed).
 *
 * Invariants:
 * - the data key is generated once, at PIN setup, and only ever stored wrapped under the PIN's key;
 *   changing the PIN re-wraps the same key (new salt), so no record is re-encrypted;
 * - wrong PINs are counted in IndexedDB, so a reload does not reset them: from the third wrong PIN in
 *   a row each next try waits longer (waitAfterFailures); a try during the wait is refused without
 *   deriving anything;
 * - a forgotten PIN cannot be recovered: the only way out is re-registering the phone
 *   (wipeThisPhone), which deletes every local record — unsent work included — so the screen first
 *   names how many cases would be lost;
 * - records stored in the clear before the first PIN are sealed right after it is set (or, if that
 *   pass was cut short, after the next unlock), in one pass; `sealedAll` records that it finished;
 * - the lock row holds the public pull-seal key derived from the data key (crypto-sealed-box), so a
 *   locked phone seals what it pulls. A row from before that key gets it at the next unlock (or PIN
 *   change), and the pass runs again for the notices and 补正 notices pulled in the clear meanwhile.
 */
import { devicePinSchema } from '../domain/device-pin';
import { derivePinKey, newDataKey, newSalt, PIN_ITERATIONS, unwrapDataKey, wrapDataKey } from './crypto-pin';
import { pullSealKeyPair } from './crypto-sealed-box';
import { lockDataKey, setDataKey, setEncryptionRequired, setPullSealKey } from './data-key';
import { closeDatabase, CURRENT_LOCK_KEY, getDatabase, type StoredLock } from './db';

/** Wrong PINs in a row accepted without a wait. */
export const FREE_FAILURES = 2;

/** After this many wrong PINs in a row the lock screen puts 重新登记本机 first. */
export const SUGGEST_REREGISTER_AFTER = 10;

const WAITS_SECONDS = [30, 60, 5 * 60, 15 * 60, 60 * 60] as const;

/** How long the next try waits after `failures` wrong PINs in a row (0: no wait). */
export function waitAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  const index = Math.min(failures - FREE_FAILURES - 1, WAITS_SECONDS.length - 1);
  return (WAITS_SECONDS[index] ?? 0) * 1000;
}

export type LockState = { pinSet: false } | { pinSet: true; failures: number; waitUntil: string | null };

/** Whether this phone has a PIN, and the wrong-PIN state. */
export async function loadLockState(): Promise<LockState> {
  const row = await getDatabase().lock.get(CURRENT_LOCK_KEY);
  return row ? { pinSet: true, failures: row.failures, waitUntil: row.waitUntil } : { pinSet: false };
}

export class PinError extends Error {
  readonly code: 'PIN_FORMAT' | 'PIN_EXISTS' | 'NO_PIN';

  constructor(code: PinError['code'], message: string) {
    super(message);
    this.name = 'PinError';
    this.code = code;
  }
}

async function wrapped(
  pin: string,
  dataKey: Uint8Array,
): Promise<Pick<StoredLock, 'salt' | 'iterations' | 'wrappedKey'>> {
  const salt = newSalt();
  const pinKey = await derivePinKey(pin, salt, PIN_ITERATIONS);
  return { salt: salt.slice().buffer, iterations: PIN_ITERATIONS, wrappedKey: await wrapDataKey(dataKey, pinKey) };
}

/**
 * Sets the first PIN: a new data key, wrapped under it, and the phone unlocked. Records already on
 * the phone in the clear are sealed before this returns.
 * @throws PinError 'PIN_FORMAT' (not six digits) or 'PIN_EXISTS' (change it with changePin).
 */
export async function setUpPin(pin: string, now: Date = new Date()): Promise<void> {
  if (!devicePinSchema.safeParse(pin).success) throw new PinError('PIN_FORMAT', 'The PIN is six digits');
  const db = getDatabase();
  const dataKey = newDataKey();
  const { publicKey } = pullSealKeyPair(dataKey);
  const row: StoredLock = {
    key: CURRENT_LOCK_KEY,
    ...(await wrapped(pin, dataKey)),
    failures: 0,
    waitUntil: null,
    setAt: now.toISOString(),
    sealedAll: false,
    pullSealKey: publicKey.slice().buffer,
  };
  await db.transaction('rw', db.lock, async () => {
    if (await db.lock.get(CURRENT_LOCK_KEY)) throw new PinError('PIN_EXISTS', 'A PIN is already set');
    await db.lock.add(row);
  });
  setDataKey(dataKey);
  setPullSealKey(publicKey);
  await sealPlainRecords();
}

export type UnlockResult =
  | { outcome: 'unlocked' }
  | { outcome: 'wrong'; failures: number; waitUntil: string | null }
  | { outcome: 'wait'; failures: number; waitUntil: string }
  | { outcome: 'no-pin' };

/** The data key under `pin`, counting a wrong PIN and honouring the wait; the key is not kept. */
async function tryPin(
  pin: string,
  now: Date,
): Promise<{ result: Exclude<UnlockResult, { outcome: 'unlocked' }> } | { dataKey: Uint8Array; row: StoredLock }> {
  const db = getDatabase();
  const row = await db.lock.get(CURRENT_LOCK_KEY);
  if (!row) return { result: { outcome: 'no-pin' } };
  if (row.waitUntil && Date.parse(row.waitUntil) > now.getTime())
    return { result: { outcome: 'wait', failures: row.failures, waitUntil: row.waitUntil } };
  const pinKey = await derivePinKey(pin, new Uint8Array(row.salt), row.iterations);
  const dataKey = devicePinSchema.safeParse(pin).success ? await unwrapDataKey(row.wrappedKey, pinKey) : null;
  if (dataKey) return { dataKey, row };
  const failures = row.failures + 1;
  const wait = waitAfterFailures(failures);
  const waitUntil = wait > 0 ? new Date(now.getTime() + wait).toISOString() : null;
  await db.lock.update(CURRENT_LOCK_KEY, { failures, waitUntil });
  return { result: { outcome: 'wrong', failures, waitUntil } };
}

/**
 * Unlocks with `pin`: derives its key and unwraps the data key (a wrong PIN fails the unwrap and is
 * counted). While a wait runs the PIN is not even tried.
 */
export async function unlockWithPin(pin: string, now: Date = new Date()): Promise<UnlockResult> {
  const tried = await tryPin(pin, now);
  if ('result' in tried) return tried.result;
  await keepKeys(tried.row, tried.dataKey, { failures: 0, waitUntil: null });
  return { outcome: 'unlocked' };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * After the right PIN: writes `changes` to the lock row and keeps the data key and its public
 * pull-seal key in memory. A row without that public key (made before it existed) gets it, and the
 * sealing pass runs again for what was pulled in the clear; so does a pass that was cut short.
 */
async function keepKeys(row: StoredLock, dataKey: Uint8Array, changes: Partial<StoredLock>): Promise<void> {
  const { publicKey } = pullSealKeyPair(dataKey);
  const known = row.pullSealKey !== undefined && sameBytes(new Uint8Array(row.pullSealKey), publicKey);
  await getDatabase().lock.update(CURRENT_LOCK_KEY, {
    ...changes,
    ...(known ? {} : { pullSealKey: publicKey.slice().buffer, sealedAll: false }),
  });
  setDataKey(dataKey);
  setPullSealKey(publicKey);
  if (!row.sealedAll || !known) await sealPlainRecords();
}

/**
 * Changes the PIN: the same data key, wrapped again under the new PIN (fresh salt). The current PIN
 * is checked like an unlock (a wrong one counts).
 */
export async function changePin(current: string, next: string, now: Date = new Date()): Promise<UnlockResult> {
  if (!devicePinSchema.safeParse(next).success) throw new PinError('PIN_FORMAT', 'The PIN is six digits');
  const tried = await tryPin(current, now);
  if ('result' in tried) return tried.result;
  await keepKeys(tried.row, tried.dataKey, {
    ...(await wrapped(next, tried.dataKey)),
    failures: 0,
    waitUntil: null,
    setAt: now.toISOString(),
  });
  return { outcome: 'unlocked' };
}

/** Locks the phone: the data key leaves memory (a sync run holding it finishes first). */
export function lockPhone(): void {
  lockDataKey();
}

const SEAL_CHUNK = 10;

/**
 * Seals every record stored in the clear — from before the PIN existed, or pulled before the lock row
 * had its public pull-seal key (notices, the 补正 notice in a case's `remote`) — by reading and writing
 * it back under the keys, a few records per transaction; records already sealed are simply sealed
 * again. Marks the pass as done. Needs the data key and the public key in memory.
 */
export async function sealPlainRecords(): Promise<void> {
  const db = getDatabase();
  await resealTable(db.cases);
  await resealTable(db.photos);
  await resealTable(db.thumbs);
  await resealTable(db.notices);
  await db.lock.update(CURRENT_LOCK_KEY, { sealedAll: true });
}

/** The part of a Dexie table resealTable uses. */
type ResealableTable<T, K> = {
  toCollection: () => { primaryKeys: () => Promise<K[]> };
  bulkGet: (keys: K[]) => Promise<(T | undefined)[]>;
  bulkPut: (items: readonly T[]) => Promise<unknown>;
};

async function resealTable<T, K>(table: ResealableTable<T, K>): Promise<void> {
  const db = getDatabase();
  const ids = await table.toCollection().primaryKeys();
  for (let start = 0; start < ids.length; start += SEAL_CHUNK) {
    const chunk = ids.slice(start, start + SEAL_CHUNK);
    await db.transaction('rw', [db.cases, db.photos, db.thumbs, db.notices], async () => {
      const rows = await table.bulkGet(chunk);
      await table.bulkPut(rows.filter((row): row is T => row !== undefined));
    });
  }
}

/** Cases on this phone the township does not have yet: drafts, the outbox, unsent 补正 answers. */
export async function countUnsentCases(): Promise<number> {
  const cases = await getDatabase().cases.toArray();
  return cases.filter(
    (c) =>
      c.status !== 'sent' ||
      (c.resubmission !== null && c.resubmission !== undefined && c.resubmission.status !== 'sent'),
  ).length;
}

/**
 * 重新登记本机 for a forgotten PIN: deletes this phone's whole database — session, PIN, key and every
 * case, unsent ones included (they cannot be decrypted without the PIN). The caller confirms first,
 * naming countUnsentCases().
 */
export async function wipeThisPhone(): Promise<void> {
  lockDataKey();
  const db = getDatabase();
  closeDatabase();
  await db.delete();
  setEncryptionRequired(false);
  setPullSealKey(null);
}
