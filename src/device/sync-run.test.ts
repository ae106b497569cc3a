import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDatabase } from './db';
import { saveSession } from './session-repository';
import { runSync } from './sync-run';
import { agentUser } from './test-fixtures';

describe('a sync run on the phone', () => {
  beforeEach(async () => {
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: '2100-01-01T00:00:00.000Z' });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await getDatabase().delete();
    closeDatabase();
  });

  it('with no signal it reports offline and records the failure, without throwing', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    const summary = await runSync({ retry: { delaysMs: [] } });

    expect(summary).toMatchObject({ outcome: 'offline', error: { code: 'NETWORK' } });
    const state = await getDatabase().syncState.get(agentUser.id);
    expect(state).toMatchObject({ cursor: 0, lastSuccessAt: null, lastError: { code: 'NETWORK' } });
  });

  it('a second run asked for while one is going answers busy instead of running twice', async () => {
    let calls = 0;
    vi.stubGlobal('fetch', async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return new Response(
        JSON.stringify({ changes: [], cursor: 0, hasMore: false, serverTime: '2026-03-02T02:00:00.000Z' }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    });

    const [first, second] = await Promise.all([runSync(), runSync()]);

    expect([first.outcome, second.outcome].sort()).toEqual(['busy', 'done']);
    expect(calls).toBe(1);
  });

  it('a phone with nobody signed in does not call the server', async () => {
    await getDatabase().session.clear();
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);

    expect((await runSync()).outcome).toBe('signed-out');
    expect(fetch).not.toHaveBeenCalled();
  });
});
