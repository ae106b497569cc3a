import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataLockedError, lockDataKey, setEncryptionRequired } from './data-key';
import { closeDatabase, CURRENT_LOCK_KEY, getDatabase, type StoredNotice } from './db';
import { changePin, setUpPin, unlockWithPin } from './pin-repository';
import { pullChanges } from './sync-pull';
import { claimNoticesToNotify, markNoticeRead } from './sync-state-repository';
import { agentUser, sentCaseRecord } from './test-fixtures';
import { joinTownship, leaveTownship, type TestTownship } from './test-township';

const PIN = '246810';
const caseId = '0190f1a0-0000-7000-8000-000000000001';
const residentName = '欧阳秀英';
const clerkNote = `${residentName}的身份证已过期`;

const request = {
  round: 2,
  items: [{ materialKey: 'idCard', name: '申请人的身份证', note: clerkNote }],
  note: `请${residentName}本人到场`,
  noticeNumber: 'BZ-1',
};

/** A record exactly as IndexedDB holds it (no decryption), as JSON with its bytes spelt out. */
function raw(store: 'cases' | 'notices' | 'lock', key: string | number): Promise<string> {
  const idb = getDatabase().backendDB();
  return new Promise((resolve, reject) => {
    const request = idb.transaction(store, 'readonly').objectStore(store).get(key);
    request.onsuccess = () => {
      resolve(
        JSON.stringify(request.result, (_key, value: unknown) =>
          value instanceof ArrayBuffer ? new TextDecoder().decode(value) : value,
        ),
      );
    };
    request.onerror = () => {
      reject(request.error ?? new Error('raw read failed'));
    };
  });
}

/** An app restart (or a service worker on its own): the connection closes, memory forgets the key. */
async function restartLocked(): Promise<void> {
  lockDataKey();
  closeDatabase();
  await getDatabase().open();
}

const pull = () => pullChanges(agentUser.id, { retry: { delaysMs: [] } });
const notices = () => getDatabase().notices.toArray();
const remote = async () => (await getDatabase().cases.get(caseId))?.remote;

describe('what the pull writes is sealed to the phone, even while it is locked', { timeout: 60_000 }, () => {
  let township: TestTownship;

  beforeEach(async () => {
    township = await joinTownship();
    await setUpPin(PIN);
    await getDatabase().cases.put(sentCaseRecord(caseId, residentName));
  });
  afterEach(async () => {
    lockDataKey();
    await leaveTownship();
    setEncryptionRequired(false);
  });

  it('a decision pulled while locked is unreadable in IndexedDB and readable after unlock', async () => {
    await restartLocked();
    township.record(caseId, 'supplement_requested', { status: 'supplement', ...request });
    await pull();

    const [stored] = await notices();
    const seq = stored?.seq ?? 0;
    for (const text of [await raw('notices', seq), await raw('cases', caseId)]) {
      expect(text).not.toContain(residentName);
      expect(text).not.toContain('身份证已过期');
      expect(text).not.toContain('本人到场');
    }
    // Locked, the app sees what a list and a lock-screen notification need, and no more.
    expect(stored).toMatchObject({ caseId, type: 'supplement_requested', payload: { status: 'supplement' } });
    expect(Object.keys(stored?.payload ?? {})).toEqual(['status']);
    expect(await remote()).toMatchObject({ status: 'supplement', supplement: null });
    // Marking it notified and read works on the locked view and keeps the sealed payload.
    expect((await claimNoticesToNotify(agentUser.id)).map((n) => n.seq)).toEqual([seq]);
    await markNoticeRead(seq, new Date('2026-03-03T00:00:00.000Z'));
    // A later decision that keeps the case waiting (a transfer) leaves the sealed 补正 notice alone.
    township.record(caseId, 'transferred', { status: 'supplement', fromWindow: 'SB', toWindow: 'MZ', note: '' });
    await pull();

    expect(await unlockWithPin(PIN)).toEqual({ outcome: 'unlocked' });
    expect((await getDatabase().notices.get(seq))?.payload).toEqual({ status: 'supplement', ...request });
    expect((await getDatabase().notices.get(seq))?.readAt).toBe('2026-03-03T00:00:00.000Z');
    expect(await remote()).toMatchObject({ status: 'supplement', supplement: request });
    expect((await getDatabase().cases.get(caseId))?.applicant.name).toBe(residentName);
  });

  it('a PIN change keeps old notices readable', async () => {
    township.record(caseId, 'supplement_requested', { status: 'supplement', ...request });
    await pull();
    const before = await raw('notices', 1);
    expect(before).not.toContain(residentName);

    expect(await changePin(PIN, '135790')).toEqual({ outcome: 'unlocked' });
    await restartLocked();
    expect(await unlockWithPin('135790')).toEqual({ outcome: 'unlocked' });
    expect(await raw('notices', 1)).toBe(before);
    expect((await getDatabase().notices.get(1))?.payload).toEqual({ status: 'supplement', ...request });
    expect((await remote())?.supplement).toEqual(request);
  });

  it('the sealed 补正 notice goes when the township moves the case on while the phone is locked', async () => {
    township.record(caseId, 'supplement_requested', { status: 'supplement', ...request });
    await pull();
    await restartLocked();
    township.record(caseId, 'rejected', {
      status: 'rejected',
      reason: `${residentName}不在本镇户籍`,
      noticeNumber: 'BY-1',
    });
    await pull();
    expect(await raw('cases', caseId)).not.toContain('sealedSupplement');
    expect(await raw('notices', 2)).not.toContain('不在本镇户籍');

    expect(await unlockWithPin(PIN)).toEqual({ outcome: 'unlocked' });
    expect(await remote()).toMatchObject({ status: 'rejected', supplement: null });
    expect((await getDatabase().notices.get(2))?.payload).toMatchObject({ reason: `${residentName}不在本镇户籍` });
  });

  it('a locked notice cannot be given a payload: nothing personal is written in the clear', async () => {
    township.record(caseId, 'rejected', { status: 'rejected', reason: '材料不全', noticeNumber: 'BY-1' });
    await pull();
    await restartLocked();
    const locked = (await getDatabase().notices.get(1)) as StoredNotice;
    await expect(
      getDatabase().notices.put({ ...locked, payload: { ...locked.payload, reason: clerkNote } }),
    ).rejects.toBeInstanceOf(DataLockedError);
    expect(await raw('notices', 1)).not.toContain(residentName);
  });

  it('on a phone whose PIN predates the pull-seal key, what it pulled in the clear is sealed at the next unlock', async () => {
    const idb = getDatabase().backendDB();
    const older = { ...(await getDatabase().lock.get(CURRENT_LOCK_KEY)) };
    delete older.pullSealKey;
    await new Promise<void>((resolve) => {
      const transaction = idb.transaction('lock', 'readwrite');
      transaction.objectStore('lock').put(older);
      transaction.oncomplete = () => {
        resolve();
      };
    });
    await restartLocked();
    township.record(caseId, 'supplement_requested', { status: 'supplement', ...request });
    await pull();
    // As before this change: stored as pulled.
    expect(await raw('notices', 1)).toContain(clerkNote);
    expect(await raw('cases', caseId)).toContain(clerkNote);

    expect(await unlockWithPin(PIN)).toEqual({ outcome: 'unlocked' });
    expect(await raw('lock', CURRENT_LOCK_KEY)).toContain('pullSealKey');
    expect(await raw('notices', 1)).not.toContain(residentName);
    expect(await raw('cases', caseId)).not.toContain(residentName);
    expect((await getDatabase().notices.get(1))?.payload).toEqual({ status: 'supplement', ...request });
    expect((await remote())?.supplement).toEqual(request);

    // From now on a locked pull seals too.
    await restartLocked();
    township.record(caseId, 'rejected', {
      status: 'rejected',
      reason: `${residentName}不在本镇户籍`,
      noticeNumber: 'BY-1',
    });
    await pull();
    expect(await raw('notices', 2)).not.toContain(residentName);
  });
});
