import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { closeDatabase } from './db';
import { ApiRequestError, setSyncBaseUrl, syncFetch } from './sync-fetch';

type Call = { url: string; init: RequestInit };

function serverAnswering(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
    );
  });
  return calls;
}

describe('sending photo chunks to the server', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setSyncBaseUrl('');
    closeDatabase();
  });

  it('a chunk goes as raw bytes, exactly the bytes of its slice', async () => {
    const calls = serverAnswering(200, { ok: true });
    const photo = new Uint8Array([1, 2, 3, 4, 5, 6]);

    await syncFetch('/api/blobs/x/chunks?offset=2', {
      method: 'PUT',
      body: photo.subarray(2, 4),
      response: z.object({ ok: z.boolean() }),
      auth: 'cookie',
    });

    const init = calls[0]?.init;
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/octet-stream');
    expect(init?.body).toEqual(new Uint8Array([3, 4]));
  });

  it('requests stay same-origin unless a base URL is set', async () => {
    const calls = serverAnswering(200, { ok: true });
    const response = z.object({ ok: z.boolean() });

    await syncFetch('/api/health', { response, auth: 'cookie' });
    setSyncBaseUrl('http://127.0.0.1:9999/');
    await syncFetch('/api/health', { response, auth: 'cookie' });

    expect(calls.map((c) => c.url)).toEqual(['/api/health', 'http://127.0.0.1:9999/api/health']);
  });

  it("the server's committed offset and a refused case's problems reach the caller", async () => {
    serverAnswering(409, { code: 'OFFSET_MISMATCH', message: 'moved', offset: 262144 });
    const mismatch: unknown = await syncFetch('/x', { response: z.unknown(), auth: 'cookie' }).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(ApiRequestError);
    expect(mismatch).toMatchObject({ code: 'OFFSET_MISMATCH', offset: 262144 });

    serverAnswering(422, { code: 'CASE_INVALID', message: 'no', problems: [{ where: 'signature' }] });
    const invalid: unknown = await syncFetch('/x', { response: z.unknown(), auth: 'cookie' }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'CASE_INVALID', problems: [{ where: 'signature' }] });
  });
});
