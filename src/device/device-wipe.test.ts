import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { addPage, createDraft, saveSignature, submitCase, updateDraft } from './case-repository';
import { isUnlocked, lockDataKey, setEncryptionRequired } from './data-key';
import { closeDatabase, DATABASE_NAME, getDatabase } from './db';
import { countWorkToHandIn, drainAndWipe, drainFinished, forgetRevokedPhone, watchForRevocation } from './device-wipe';
import {
  adoptWorkerDeviceState,
  deviceState,
  deviceStateStored,
  setDeviceState,
  WORKER_STATE_DATABASE,
} from './device-wipe-state';
import { lockPhone, setUpPin, unlockWithPin } from './pin-repository';
import { loadSession, saveSession } from './session-repository';
import { syncFetch } from './sync-fetch';
import { runSync } from './sync-run';
import { agentUser, hashedPhoto, housingFundItem, residentZhang } from './test-fixtures';
import { TestTownship } from './test-township';

const later = '2100-01-01T00:00:00.000Z';

function answer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).flatMap((info) => (info.name ? [info.name] : []));
}

const PIN = '246810';

/** A 住房公积金 case submitted with no signal: in the outbox, sealed under the PIN's key. */
async function caseInOutbox(): Promise<string> {
  const draft = await createDraft(housingFundItem, agentUser);
  await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '银行贷款' } });
  await addPage(draft.id, 'idCard', await hashedPhoto(1));
  await addPage(draft.id, 'purchaseContract', await hashedPhoto(2));
  await saveSignature(draft.id, new Uint8Array([137, 80, 78, 71, 9]).buffer, residentZhang.name);
  const submitted = await submitCase(draft.id);
  if (!submitted.ok) throw new Error('the test case is incomplete');
  return draft.id;
}

/** `township` answering everything, plus the wipe report (204). */
function townshipTakingWipeReports(township: TestTownship) {
  return vi.fn((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/api/devices/me/wiped')) {
      township.seen.push({ method: init?.method ?? 'GET', path: '/api/devices/me/wiped', body: undefined });
      return Promise.resolve(answer(204));
    }
    return township.handle(input, init);
  });
}

/** A localStorage of a fresh page (Node has none: there, device-wipe-state acts as in the service worker). */
function pageStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'clear'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
    clear: () => {
      items.clear();
    },
  };
}

describe('a revoked phone hands in its work, then wipes itself', () => {
  beforeEach(async () => {
    setDeviceState('in-use');
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: later });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    closeDatabase();
    await getDatabase().delete();
    closeDatabase();
  });

  it('waits while anything is unsent or the link is down, and wipes once everything went', () => {
    expect(drainFinished({ outcome: 'offline', waiting: 0, error: null })).toBe(false);
    expect(drainFinished({ outcome: 'busy', waiting: 0, error: null })).toBe(false);
    const serverError = { code: 'INTERNAL', message: '', at: later };
    expect(drainFinished({ outcome: 'failed', waiting: 2, error: serverError })).toBe(false);
    expect(drainFinished({ outcome: 'done', waiting: 0, error: null })).toBe(true);
    // The pull is skipped, but a refusal of the last push still leaves nothing that could go.
    expect(drainFinished({ outcome: 'failed', waiting: 0, error: serverError })).toBe(true);
    expect(drainFinished({ outcome: 'signed-out', waiting: 0, error: null })).toBe(true);
  });

  it('any sync call answered DEVICE_REVOKED marks the phone revoked', async () => {
    const stop = watchForRevocation();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(answer(403, { code: 'DEVICE_REVOKED', message: 'revoked' }))),
    );
    await expect(syncFetch('/api/catalogue', { response: z.unknown() })).rejects.toMatchObject({
      code: 'DEVICE_REVOKED',
    });
    stop();
    expect(deviceState()).toBe('revoked');
  });

  it('with no signal for the wipe report, nothing is deleted', async () => {
    setDeviceState('revoked');
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(await drainAndWipe()).toBe('waiting');
    expect((await loadSession())?.token).toBe('device-token');
    expect(deviceState()).toBe('revoked');
  });

  it('after the server heard of it, the database is deleted and the phone says it was wiped', async () => {
    setDeviceState('revoked');
    const fetch = vi.fn((url: string) => Promise.resolve(answer(url.endsWith('/api/devices/me/wiped') ? 204 : 500)));
    vi.stubGlobal('fetch', fetch);
    expect(await drainAndWipe()).toBe('wiped');
    expect(fetch.mock.calls.map(([url]) => url)).toContain('/api/devices/me/wiped');
    expect(await databaseNames()).not.toContain(DATABASE_NAME);
    expect(await loadSession()).toBeNull();
    expect(deviceState()).toBe('wiped');
  });

  it('a phone the server says is not revoked goes back to work, its data untouched', async () => {
    setDeviceState('revoked');
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(answer(409, { code: 'ACTION_NOT_ALLOWED', message: 'not revoked' }))),
    );
    expect(await drainAndWipe()).toBe('in-use');
    expect((await loadSession())?.token).toBe('device-token');
  });
});

// Every PIN derives a key at the real 600 000 iterations: generous time on a busy machine.
describe('a revoked phone that is locked', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    setDeviceState('in-use');
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: later });
    await setUpPin(PIN);
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    lockDataKey();
    closeDatabase();
    await getDatabase().delete();
    closeDatabase();
    setEncryptionRequired(false);
  });

  it('a revoked phone with nothing unsent wipes while locked, without the PIN', async () => {
    // A draft holds a resident's name, but nothing waits to go: the drain would not send a draft either.
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, { applicant: residentZhang });
    lockPhone();
    setDeviceState('revoked');
    const township = new TestTownship();
    vi.stubGlobal('fetch', townshipTakingWipeReports(township));

    expect(await countWorkToHandIn()).toBe(0);
    expect(await drainAndWipe()).toBe('wiped');
    expect(isUnlocked()).toBe(false);
    expect(township.seen.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/devices/me/wiped']);
    expect(await databaseNames()).not.toContain(DATABASE_NAME);
    expect(await loadSession()).toBeNull();
    expect(deviceState()).toBe('wiped');
  });

  it('with unsent work it waits for the PIN and keeps everything; after the unlock the case goes, then the phone wipes', async () => {
    const caseId = await caseInOutbox();
    lockPhone();
    setDeviceState('revoked');
    const township = new TestTownship();
    vi.stubGlobal('fetch', townshipTakingWipeReports(township));

    expect(await countWorkToHandIn()).toBe(1);
    expect(await drainAndWipe()).toBe('locked');
    expect(await drainAndWipe()).toBe('locked');
    expect(township.seen).toEqual([]);
    expect(deviceState()).toBe('revoked');
    expect((await loadSession())?.token).toBe('device-token');
    expect((await getDatabase().cases.get(caseId))?.status).toBe('outbox');
    expect(await getDatabase().photos.count()).toBeGreaterThan(0);

    expect(await unlockWithPin(PIN)).toEqual({ outcome: 'unlocked' });
    expect(await drainAndWipe()).toBe('wiped');
    expect(township.cases.has(caseId)).toBe(true);
    expect(township.seen.at(-1)?.path).toBe('/api/devices/me/wiped');
    expect(deviceState()).toBe('wiped');
  });

  // 忘记 PIN on a revoked phone: what the PIN would have handed in is lost, and the township hears so.
  it('with the PIN forgotten, it tells the township the unsent case is lost with the data, then wipes', async () => {
    await caseInOutbox();
    lockPhone();
    setDeviceState('revoked');
    const reports: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string, init?: RequestInit) => {
        if (url.endsWith('/api/devices/me/wiped') && typeof init?.body === 'string')
          reports.push(JSON.parse(init.body));
        return Promise.resolve(answer(204));
      }),
    );

    await forgetRevokedPhone(await countWorkToHandIn());
    expect(reports).toEqual([{ setAside: 1 }]);
    expect(await databaseNames()).not.toContain(DATABASE_NAME);
    expect(deviceState()).toBe('wiped');
  });

  it('with the PIN forgotten and no signal, the wipe the agent confirmed still happens', async () => {
    await caseInOutbox();
    lockPhone();
    setDeviceState('revoked');
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );

    await forgetRevokedPhone(1);
    expect(await databaseNames()).not.toContain(DATABASE_NAME);
    expect(await loadSession()).toBeNull();
    expect(deviceState()).toBe('wiped');
  });
});

describe('a revocation heard by the service worker while no page is open', () => {
  beforeEach(async () => {
    setDeviceState('in-use');
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: later });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    closeDatabase();
    await getDatabase().delete();
    closeDatabase();
    setDeviceState('in-use');
  });

  it('is recorded, and the next app start takes it up — with no signal', async () => {
    // The worker's background sync (Node, like the worker, has no localStorage).
    const stop = watchForRevocation();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(answer(403, { code: 'DEVICE_REVOKED', message: 'revoked' }))),
    );
    expect((await runSync({ retry: { delaysMs: [] } })).error?.code).toBe('DEVICE_REVOKED');
    stop();
    await deviceStateStored();
    expect(await databaseNames()).toContain(WORKER_STATE_DATABASE);

    // The app starts in a page, offline: its localStorage knows nothing yet.
    vi.stubGlobal('localStorage', pageStorage());
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(deviceState()).toBe('in-use');
    await adoptWorkerDeviceState();
    expect(deviceState()).toBe('revoked');
    expect(await databaseNames()).not.toContain(WORKER_STATE_DATABASE);
  });

  it('a page with nothing recorded by the worker stays as it is, and creates no database', async () => {
    vi.stubGlobal('localStorage', pageStorage());
    await adoptWorkerDeviceState();
    expect(deviceState()).toBe('in-use');
    expect(await databaseNames()).not.toContain(WORKER_STATE_DATABASE);
  });
});
