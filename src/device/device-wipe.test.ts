import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { closeDatabase, DATABASE_NAME, getDatabase } from './db';
import { drainAndWipe, drainFinished, watchForRevocation } from './device-wipe';
import { deviceState, setDeviceState } from './device-wipe-state';
import { loadSession, saveSession } from './session-repository';
import { syncFetch } from './sync-fetch';
import { agentUser } from './test-fixtures';

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
