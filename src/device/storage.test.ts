import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateStorage, isQuotaExceeded, LOW_STORAGE_BYTES, StorageFullError, withStorageGuard } from './storage';

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('the phone’s storage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('a full disk is recognised however Dexie wraps it', () => {
    expect(isQuotaExceeded(quota())).toBe(true);
    expect(isQuotaExceeded(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted', quota()))).toBe(true);
    expect(isQuotaExceeded(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(isQuotaExceeded(new Dexie.ConstraintError('Key already exists'))).toBe(false);
    expect(isQuotaExceeded(new Error('boom'))).toBe(false);
  });

  it('a write that hits the quota becomes a StorageFullError; other failures pass through', async () => {
    await expect(withStorageGuard(() => Promise.reject(quota()))).rejects.toBeInstanceOf(StorageFullError);
    const other = new Error('disk on fire');
    await expect(withStorageGuard(() => Promise.reject(other))).rejects.toBe(other);
    await expect(withStorageGuard(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('free space under 200 MB is flagged as low', async () => {
    vi.stubGlobal('navigator', {
      storage: {
        estimate: () => Promise.resolve({ usage: 900 * 1024 * 1024, quota: 1000 * 1024 * 1024 }),
        persisted: () => Promise.resolve(false),
      },
    });

    const status = await estimateStorage();

    expect(status).toMatchObject({ free: 100 * 1024 * 1024, persisted: false, low: true });
    expect(status.free).toBeLessThan(LOW_STORAGE_BYTES);
  });

  it('a browser that cannot tell reports unknowns, never a false warning', async () => {
    vi.stubGlobal('navigator', {});

    expect(await estimateStorage()).toEqual({ usage: null, quota: null, free: null, persisted: null, low: false });
  });
});
