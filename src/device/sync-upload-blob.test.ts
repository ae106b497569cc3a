import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BLOB_CHUNK_BYTES, createBlobRequestSchema, type BlobState } from '../domain/blob';
import { newId } from '../domain/ids';
import { closeDatabase } from './db';
import { setSyncBaseUrl } from './sync-fetch';
import { MAX_REANNOUNCES, uploadBlob } from './sync-upload-blob';

const noDelay = { delaysMs: [0, 0, 0] };
const SHA256 = 'a'.repeat(64);

function json(status: number, body: unknown): Promise<Response> {
  return Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  );
}

/**
 * A server that keeps uploads in memory and forgets one (as the retention sweep does) whenever
 * `sweepAfter` says so, after answering the request.
 */
function fakeServer(sweepAfter: (method: string, path: string, offset: number) => boolean) {
  const uploads = new Map<string, BlobState>();
  const requests: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const { pathname, searchParams } = new URL(url, 'http://phone.test');
    requests.push(`${method} ${pathname}${searchParams.size > 0 ? `?${searchParams.toString()}` : ''}`);
    if (method === 'POST' && pathname === '/api/blobs') {
      const { id, size } = createBlobRequestSchema.parse(JSON.parse(typeof init.body === 'string' ? init.body : '{}'));
      const state = uploads.get(id) ?? { id, size, sha256: SHA256, offset: 0, complete: false };
      uploads.set(id, state);
      return json(200, state);
    }
    const [, id = '', action = ''] = /^\/api\/blobs\/([^/]+)\/?(chunks|complete)?$/.exec(pathname) ?? [];
    const state = uploads.get(id);
    if (!state) return json(404, { code: 'NOT_FOUND', message: 'No such upload' });
    const offset = Number(searchParams.get('offset') ?? state.offset);
    if (action === 'chunks') {
      if (offset !== state.offset)
        return json(409, { code: 'OFFSET_MISMATCH', message: 'moved', offset: state.offset });
      state.offset += init.body instanceof Uint8Array ? init.body.byteLength : 0;
    } else if (action === 'complete') {
      if (state.offset < state.size)
        return json(409, { code: 'BLOB_INCOMPLETE', message: 'not yet', offset: state.offset });
      state.complete = true;
    }
    const answer = json(200, { ...state });
    if (sweepAfter(method, action, offset)) uploads.delete(id);
    return answer;
  });
  return { requests };
}

describe('a photo whose upload the server swept meanwhile', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setSyncBaseUrl('');
    closeDatabase();
  });

  it('is announced again and sent again from 0 to the end, never given up', async () => {
    let swept = false;
    const { requests } = fakeServer((_method, action, offset) => {
      if (swept || action !== 'chunks' || offset !== BLOB_CHUNK_BYTES) return false;
      swept = true;
      return true;
    });
    const id = newId();
    const size = 3 * BLOB_CHUNK_BYTES + 10;

    const state = await uploadBlob(
      { id, bytes: new ArrayBuffer(size), type: 'image/jpeg', sha256: SHA256 },
      { retry: noDelay },
    );

    expect(state).toMatchObject({ complete: true, offset: size });
    const chunks = (from: number) => `PUT /api/blobs/${id}/chunks?offset=${String(from)}`;
    expect(requests).toEqual([
      'POST /api/blobs',
      chunks(0),
      chunks(BLOB_CHUNK_BYTES),
      // Gone: the next chunk was refused with 404, so the phone announced the photo again.
      chunks(2 * BLOB_CHUNK_BYTES),
      'POST /api/blobs',
      chunks(0),
      chunks(BLOB_CHUNK_BYTES),
      chunks(2 * BLOB_CHUNK_BYTES),
      chunks(3 * BLOB_CHUNK_BYTES),
      `POST /api/blobs/${id}/complete`,
    ]);
  });

  it('swept after every chunk: it gives up with the 404 after MAX_REANNOUNCES announcements, never loops', async () => {
    const { requests } = fakeServer((method) => method === 'PUT');
    const error: unknown = await uploadBlob(
      { id: newId(), bytes: new ArrayBuffer(2 * BLOB_CHUNK_BYTES), type: 'image/jpeg', sha256: SHA256 },
      { retry: noDelay },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(requests.filter((r) => r === 'POST /api/blobs')).toHaveLength(1 + MAX_REANNOUNCES);
  });
});
