import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveCatalogue } from './catalogue-repository';
import { addPage, createDraft, loadCase, loadPhoto, saveSignature, updateDraft } from './case-repository';
import { currentDataKey, DataLockedError, encryptionRequired, isUnlocked, setEncryptionRequired } from './data-key';
import { closeDatabase, getDatabase } from './db';
import {
  changePin,
  countUnsentCases,
  loadLockState,
  lockPhone,
  setUpPin,
  unlockWithPin,
  waitAfterFailures,
  wipeThisPhone,
} from './pin-repository';
import { agentUser, fakeProcessedPhoto, housingFundItem, residentZhang } from './test-fixtures';

const PIN = '246810';
const JPEG_SOI = [0xff, 0xd8, 0xff, 0xe0];

/** A photo whose bytes start like a real JPEG (SOI + APP0), so the raw check has something to find. */
function jpegLikePhoto() {
  const photo = fakeProcessedPhoto(7, 256);
  const bytes = new Uint8Array(photo.bytes);
  bytes.set(JPEG_SOI, 0);
  const thumb = new Uint8Array(photo.thumbnail.bytes);
  thumb.set(JPEG_SOI, 0);
  return photo;
}

/** A record exactly as IndexedDB holds it, read under Dexie (no decryption). */
function rawRecord(store: 'cases' | 'photos' | 'thumbs', id: string): Promise<unknown> {
  const idb = getDatabase().backendDB();
  return new Promise((resolve, reject) => {
    const request = idb.transaction(store, 'readonly').objectStore(store).get(id);
    request.onsuccess = () => {
      resolve(request.result);
    };
    request.onerror = () => {
      reject(request.error ?? new Error('raw read failed'));
    };
  });
}

/** Every string and every byte run in `value`, flattened for searching. */
function contents(value: unknown): { text: string; bytes: Uint8Array[] } {
  const text: string[] = [];
  const bytes: Uint8Array[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') text.push(v);
    else if (v instanceof ArrayBuffer) bytes.push(new Uint8Array(v));
    else if (ArrayBuffer.isView(v)) bytes.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    else if (typeof v === 'object' && v !== null) for (const inner of Object.values(v)) walk(inner);
  };
  walk(value);
  return { text: text.join('\n'), bytes };
}

function hasSequence(haystack: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function utf8(text: string): number[] {
  return [...new TextEncoder().encode(text)];
}

function revealsResident(raw: unknown): boolean {
  const { text, bytes } = contents(raw);
  const secrets = [residentZhang.name, residentZhang.idNumber, residentZhang.phone, residentZhang.address];
  if (secrets.some((secret) => text.includes(secret))) return true;
  return bytes.some((run) => hasSequence(run, JPEG_SOI) || secrets.some((secret) => hasSequence(run, utf8(secret))));
}

/** A complete case for 张三 with one JPEG page and a signature. */
async function captureCase(): Promise<{ caseId: string; pageId: string; signatureId: string }> {
  await saveCatalogue({ version: 'v1', items: [housingFundItem] }, null);
  const draft = await createDraft(housingFundItem, agentUser);
  await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '商业贷款' } });
  const page = await addPage(draft.id, 'idCard', jpegLikePhoto());
  await saveSignature(draft.id, new Uint8Array([137, 80, 78, 71, 1, 2, 3]).buffer, residentZhang.name);
  const loaded = await loadCase(draft.id);
  return { caseId: draft.id, pageId: page.id, signatureId: loaded?.record.signature?.imageId ?? '' };
}

/** An app restart: the connection closes, memory forgets the key. */
function restart(): void {
  lockPhone();
  closeDatabase();
}

// Every PIN try derives a key at the real 600 000 iterations: generous time on a busy machine.
describe('the PIN that unlocks the phone and the data sealed under it', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await wipeThisPhone();
  });
  afterEach(async () => {
    await wipeThisPhone();
  });

  it('seals a captured case and its photos: the stored records hold no name, ID number, phone or JPEG', async () => {
    await setUpPin(PIN);
    const { caseId, pageId, signatureId } = await captureCase();

    for (const [store, id] of [
      ['cases', caseId],
      ['photos', pageId],
      ['thumbs', pageId],
      ['photos', signatureId],
    ] as const) {
      const raw = await rawRecord(store, id);
      expect(raw, `${store}/${id}`).toBeDefined();
      expect(revealsResident(raw), `${store}/${id}`).toBe(false);
    }
    // The clear part is what lists and indexes need: the reader does find it.
    expect(contents(await rawRecord('cases', caseId)).text).toContain(housingFundItem.code);

    // Unlocked, everything reads back as it was typed and photographed.
    const loaded = await loadCase(caseId);
    expect(loaded?.record.applicant).toMatchObject(residentZhang);
    expect(loaded?.record.answers).toEqual({ loanType: '商业贷款' });
    const photo = await loadPhoto(pageId);
    expect([...new Uint8Array(photo?.bytes ?? new ArrayBuffer(0)).slice(0, 4)]).toEqual(JPEG_SOI);
    expect(photo?.bytes.byteLength).toBe(256);
  });

  it('after a restart the phone is locked: the case shows no name and cannot change until the right PIN', async () => {
    await setUpPin(PIN);
    const { caseId } = await captureCase();
    restart();
    expect(await loadLockState()).toEqual({ pinSet: true, failures: 0, waitUntil: null });

    const locked = await loadCase(caseId);
    expect(encryptionRequired()).toBe(true);
    expect(locked?.record.applicant).toEqual({});
    expect(locked?.record.status).toBe('draft');
    await expect(updateDraft(caseId, { applicant: residentZhang })).rejects.toBeInstanceOf(DataLockedError);

    // A pull while locked updates only the clear part and keeps the sealed one.
    await getDatabase().cases.update(caseId, { remote: null, updatedAt: '2026-11-26T00:00:00.000Z' });

    expect(await unlockWithPin(PIN)).toEqual({ outcome: 'unlocked' });
    const unlocked = await loadCase(caseId);
    expect(unlocked?.record.applicant).toMatchObject(residentZhang);
    expect(unlocked?.record.updatedAt).toBe('2026-11-26T00:00:00.000Z');
  });

  it('counts wrong PINs across restarts and makes each try after the third wait longer', async () => {
    await setUpPin(PIN);
    restart();
    const t0 = new Date('2026-11-26T08:00:00.000Z');
    expect(await unlockWithPin('000000', t0)).toEqual({ outcome: 'wrong', failures: 1, waitUntil: null });
    expect(await unlockWithPin('000001', t0)).toEqual({ outcome: 'wrong', failures: 2, waitUntil: null });
    expect(await unlockWithPin('000002', t0)).toEqual({
      outcome: 'wrong',
      failures: 3,
      waitUntil: '2026-11-26T08:00:30.000Z',
    });
    expect(isUnlocked()).toBe(false);

    restart(); // a reload does not reset the count or the wait
    expect(await loadLockState()).toEqual({ pinSet: true, failures: 3, waitUntil: '2026-11-26T08:00:30.000Z' });
    // Even the right PIN is not tried during the wait.
    const during = new Date('2026-11-26T08:00:10.000Z');
    expect(await unlockWithPin(PIN, during)).toEqual({
      outcome: 'wait',
      failures: 3,
      waitUntil: '2026-11-26T08:00:30.000Z',
    });
    const after = new Date('2026-11-26T08:00:31.000Z');
    expect(await unlockWithPin('999999', after)).toEqual({
      outcome: 'wrong',
      failures: 4,
      waitUntil: '2026-11-26T08:01:31.000Z',
    });
    expect(await unlockWithPin(PIN, new Date('2026-11-26T08:01:32.000Z'))).toEqual({ outcome: 'unlocked' });
    expect(await loadLockState()).toEqual({ pinSet: true, failures: 0, waitUntil: null });
  });

  it('waits 30 s, 1 min, 5 min, 15 min, then an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(waitAfterFailures)).toEqual([
      0, 0, 30_000, 60_000, 300_000, 900_000, 3_600_000, 3_600_000,
    ]);
  });

  it('changing the PIN re-wraps the same data key: the old PIN stops working, the cases stay readable', async () => {
    await setUpPin(PIN);
    const { caseId } = await captureCase();
    const keyBefore = currentDataKey()?.slice();
    const rawBefore = await rawRecord('cases', caseId);

    expect(await changePin('111111', '135790')).toMatchObject({ outcome: 'wrong', failures: 1 });
    expect(await changePin(PIN, '135790')).toEqual({ outcome: 'unlocked' });
    // Nothing was re-encrypted: the record is byte for byte the same.
    expect(await rawRecord('cases', caseId)).toEqual(rawBefore);

    restart();
    expect(await unlockWithPin(PIN)).toMatchObject({ outcome: 'wrong' });
    expect(await unlockWithPin('135790')).toEqual({ outcome: 'unlocked' });
    expect(currentDataKey()).toEqual(keyBefore);
    expect((await loadCase(caseId))?.record.applicant.name).toBe(residentZhang.name);
  });

  it('seals, in one pass at the first PIN, the cases and photos stored in the clear before it existed', async () => {
    setEncryptionRequired(false);
    const { caseId, pageId, signatureId } = await captureCase();
    expect(revealsResident(await rawRecord('cases', caseId))).toBe(true);
    expect(revealsResident(await rawRecord('photos', pageId))).toBe(true);

    await setUpPin(PIN);
    for (const [store, id] of [
      ['cases', caseId],
      ['photos', pageId],
      ['thumbs', pageId],
      ['photos', signatureId],
    ] as const) {
      expect(revealsResident(await rawRecord(store, id)), `${store}/${id}`).toBe(false);
    }
    restart();
    expect(await unlockWithPin(PIN)).toEqual({ outcome: 'unlocked' });
    expect((await loadCase(caseId))?.record.applicant).toMatchObject(residentZhang);
    const photo = await loadPhoto(pageId);
    expect([...new Uint8Array(photo?.bytes ?? new ArrayBuffer(0)).slice(0, 4)]).toEqual(JPEG_SOI);
  });

  it('a sealed value moved onto another record does not open', async () => {
    await setUpPin(PIN);
    const first = await captureCase();
    const second = await captureCase();
    const raw = (await rawRecord('cases', first.caseId)) as Record<string, unknown>;
    const idb = getDatabase().backendDB();
    await new Promise<void>((resolve) => {
      const transaction = idb.transaction('cases', 'readwrite');
      transaction.objectStore('cases').put({ ...raw, id: second.caseId });
      transaction.oncomplete = () => {
        resolve();
      };
    });
    await expect(loadCase(second.caseId)).rejects.toThrow(/does not open/);
  });

  it('re-registering the phone names the unsent cases, then deletes everything', async () => {
    await setUpPin(PIN);
    await captureCase();
    restart();
    expect(await countUnsentCases()).toBe(1);
    await wipeThisPhone();
    expect(await loadLockState()).toEqual({ pinSet: false });
    expect(await getDatabase().cases.count()).toBe(0);
    expect(encryptionRequired()).toBe(false);
  });
});
