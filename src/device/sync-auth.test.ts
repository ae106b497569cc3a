import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../domain/auth';
import { closeDatabase } from './db';
import { clearSession, loadSession, saveSession } from './session-repository';
import { RoleMismatchError, login, logout } from './sync-auth';
import { agentUser, clerkUser } from './test-fixtures';

type Call = { url: string; method: string; authorization: string | null };

const expiresAt = '2099-01-01T00:00:00.000Z';

/** A stand-in for the login and logout routes: answers a login with `user`. */
function fakeServer(user: SessionUser): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      authorization: new Headers(init.headers).get('Authorization'),
    });
    if (url === '/api/auth/logout') return Promise.resolve(new Response(null, { status: 204 }));
    const body = { user, token: 'issued-token', expiresAt };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  });
  return calls;
}

describe('signing in and out on the phone', () => {
  beforeEach(async () => {
    await clearSession();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    closeDatabase();
  });

  it('an agent signs in on the phone: the token and profile are kept on the device', async () => {
    fakeServer(agentUser);

    await login({ phone: '13900000011', password: 'daiban123', client: 'device' }, ['agent']);

    const session = await loadSession();
    expect(session).toMatchObject({ token: 'issued-token', expiresAt, user: { name: '张建国' } });
  });

  it('a clerk who uses the agent login is turned away, the issued token revoked and nothing stored', async () => {
    const calls = fakeServer(clerkUser);

    const error: unknown = await login({ phone: '13900000001', password: 'daiban123', client: 'device' }, [
      'agent',
    ]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RoleMismatchError);
    expect(error).toMatchObject({ role: 'clerk' });
    expect(calls.at(-1)).toEqual({
      url: '/api/auth/logout',
      method: 'POST',
      authorization: 'Bearer issued-token',
    });
    expect(await loadSession()).toBeNull();
  });

  it('signing out with a signal tells the server and forgets the session', async () => {
    await saveSession({ token: 'device-token', user: agentUser, expiresAt });
    const calls = fakeServer(agentUser);

    await logout('device');

    expect(calls).toEqual([{ url: '/api/auth/logout', method: 'POST', authorization: 'Bearer device-token' }]);
    expect(await loadSession()).toBeNull();
  });

  it('signing out with no signal still forgets the session on the phone', async () => {
    await saveSession({ token: 'device-token', user: agentUser, expiresAt });
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    await logout('device');

    expect(await loadSession()).toBeNull();
  });

  it('signing out while the phone knows it is offline does not even try the network', async () => {
    await saveSession({ token: 'device-token', user: agentUser, expiresAt });
    const calls = fakeServer(agentUser);
    vi.stubGlobal('navigator', { onLine: false });

    await logout('device');

    expect(calls).toEqual([]);
    expect(await loadSession()).toBeNull();
  });
});
