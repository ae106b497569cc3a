import { afterEach, describe, expect, it } from 'vitest';
import {
  currentDataKey,
  dataKeyReply,
  holdDataKey,
  isUnlocked,
  lockDataKey,
  setDataKey,
  setEncryptionRequired,
  setKeySource,
} from './data-key';

const key = (): Uint8Array => new Uint8Array(32).fill(7);

describe('the data key in memory', () => {
  afterEach(() => {
    setKeySource(null);
    lockDataKey();
    setEncryptionRequired(false);
  });

  it('a lock during a sync run takes effect when the run lets go of the key', async () => {
    setDataKey(key());
    const release = await holdDataKey();
    expect(release).not.toBeNull();
    lockDataKey();
    expect(isUnlocked()).toBe(false);
    expect(currentDataKey()).toEqual(key()); // the run still reads its photos
    expect(await holdDataKey()).toBeNull(); // but no new run starts on it
    release?.();
    expect(currentDataKey()).toBeNull();
  });

  it('the service worker borrows the key from an unlocked window for one run, and forgets it', async () => {
    setEncryptionRequired(true);
    setKeySource(() => Promise.resolve(key()));
    const release = await holdDataKey();
    expect(currentDataKey()).toEqual(key());
    release?.();
    expect(currentDataKey()).toBeNull();
  });

  it('with no unlocked window the run gets no key; a locked window answers null', async () => {
    setEncryptionRequired(true);
    setKeySource(() => Promise.resolve(dataKeyReply().key));
    expect(await holdDataKey()).toBeNull();
    setDataKey(key());
    expect(dataKeyReply().key).toEqual(key());
  });

  it('before any PIN nothing is sealed: a run needs no key', async () => {
    expect(await holdDataKey()).not.toBeNull();
  });
});
