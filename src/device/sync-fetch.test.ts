import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { closeDatabase } from './db';
import { clearSession, saveSession } from './session-repository';
import { ApiRequestError, NetworkError, syncFetch } from './sync-fetch';
import { agentUser } from './test-fixtures';

type Call = { url: string; init: RequestInit };

function serverAnswering(response: () => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(response());
  });
  return calls;
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const okSchema = z.object({ ok: z.literal(true) });

describe('talking to the server', () => {
  beforeEach(async () => {
    await clearSession();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    closeDatabase();
  });

  it('a locked account comes back as a typed error with its code and wait time', async () => {
    serverAnswering(() => json(423, { code: 'AUTH_LOCKED', message: 'locked', retryAfterSeconds: 600 }));

    const error: unknown = await syncFetch('/api/auth/login', { method: 'POST', response: okSchema }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 423, code: 'AUTH_LOCKED', retryAfterSeconds: 600 });
  });

  it('no signal at all becomes a NetworkError, not a crash', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    const error: unknown = await syncFetch('/api/auth/me', { response: okSchema }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ reason: 'unreachable' });
  });

  it("a proxy's HTML error page is reported as an unexpected response", async () => {
    serverAnswering(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));

    const error: unknown = await syncFetch('/api/auth/me', { response: okSchema }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE' });
  });

  it('an answer that breaks the contract is rejected rather than trusted', async () => {
    serverAnswering(() => json(200, { ok: 'yes' }));

    await expect(syncFetch('/api/auth/me', { response: okSchema })).rejects.toMatchObject({
      code: 'UNEXPECTED_RESPONSE',
    });
  });

  it('a signed-in phone sends its device token; cookie requests never carry it', async () => {
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: '2099-01-01T00:00:00.000Z' });
    const calls = serverAnswering(() => json(200, { ok: true }));

    await syncFetch('/api/auth/me', { response: okSchema });
    await syncFetch('/api/auth/me', { response: okSchema, auth: 'cookie' });

    const authorization = calls.map((call) => new Headers(call.init.headers).get('Authorization'));
    expect(authorization).toEqual(['Bearer device-token', null]);
    expect(calls.every((call) => call.init.credentials === 'same-origin')).toBe(true);
  });

  it('a JSON body goes out as JSON and an empty 204 answer is accepted', async () => {
    const calls = serverAnswering(() => new Response(null, { status: 204 }));

    const answer = syncFetch('/api/auth/logout', {
      method: 'POST',
      body: { reason: 'test' },
      response: z.undefined(),
    });

    await expect(answer).resolves.toBeUndefined();
    expect(calls[0]?.init.body).toBe('{"reason":"test"}');
    expect(new Headers(calls[0]?.init.headers).get('Content-Type')).toBe('application/json');
  });
});
