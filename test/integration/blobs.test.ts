import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/api-error';
import { loginResponseSchema } from '../../src/domain/auth';
import { BLOB_CHUNK_BYTES, blobStateSchema } from '../../src/domain/blob';
import { newId } from '../../src/domain/ids';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { dialects, startTestApp, type TestApp } from './harness';

/** A photo-sized body that starts like a JPEG (the server checks magic bytes, not pixels). */
function fakeJpeg(size: number): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function agentToken(app: FastifyInstance, phone = '13900000011'): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client: 'device' },
  });
  return loginResponseSchema.parse(res.json()).token ?? '';
}

function client(app: FastifyInstance, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    create: (body: object) => app.inject({ method: 'POST', url: '/api/blobs', headers, payload: body }),
    state: (id: string) => app.inject({ method: 'GET', url: `/api/blobs/${id}`, headers }),
    chunk: (id: string, offset: number, bytes: Uint8Array) =>
      app.inject({
        method: 'PUT',
        url: `/api/blobs/${id}/chunks?offset=${String(offset)}`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: Buffer.from(bytes),
      }),
    complete: (id: string) => app.inject({ method: 'POST', url: `/api/blobs/${id}/complete`, headers }),
  };
}

describe.each(dialects)('resumable photo uploads on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await startTestApp(dialect);
    const api = client(t.app, await agentToken(t.app));
    const bytes = fakeJpeg(3 * BLOB_CHUNK_BYTES + 1234);
    const id = newId();
    const created = await api.create({ id, size: bytes.length, sha256: sha256(bytes), type: 'image/jpeg' });
    expect(created.statusCode).toBe(200);
    expect(blobStateSchema.parse(created.json())).toMatchObject({ offset: 0, complete: false });
    return { t, api, bytes, id };
  }

  async function sendAll(api: ReturnType<typeof client>, id: string, bytes: Buffer, from: number) {
    let offset = from;
    let sent = 0;
    while (offset < bytes.length) {
      const chunk = bytes.subarray(offset, offset + BLOB_CHUNK_BYTES);
      const res = await api.chunk(id, offset, chunk);
      expect(res.statusCode).toBe(200);
      sent += chunk.length;
      offset = blobStateSchema.parse(res.json()).offset;
    }
    return sent;
  }

  function storedFile(app: TestApp, hash: string): Buffer {
    return fs.readFileSync(path.join(app.config.dataDir, 'blobs', hash.slice(0, 2), hash));
  }

  it('a photo sent in chunks is stored byte-identical under its SHA-256', async () => {
    const { t, api, bytes, id } = await setup();
    await sendAll(api, id, bytes, 0);
    const done = await api.complete(id);
    expect(done.statusCode).toBe(200);
    expect(blobStateSchema.parse(done.json())).toMatchObject({ complete: true, offset: bytes.length });
    expect(storedFile(t, sha256(bytes)).equals(bytes)).toBe(true);
  });

  it('the connection cut mid-chunk: the retry resumes from the committed offset, re-sending at most one chunk', async () => {
    const { api, bytes, id } = await setup();
    await api.chunk(id, 0, bytes.subarray(0, BLOB_CHUNK_BYTES));
    await api.chunk(id, BLOB_CHUNK_BYTES, bytes.subarray(BLOB_CHUNK_BYTES, 2 * BLOB_CHUNK_BYTES));
    // The third chunk was cut off in transit and never arrived. The phone asks where to continue.
    const state = blobStateSchema.parse((await api.state(id)).json());
    expect(state.offset).toBe(2 * BLOB_CHUNK_BYTES);
    const resent = await sendAll(api, id, bytes, state.offset);
    expect(resent).toBe(bytes.length - 2 * BLOB_CHUNK_BYTES);
    expect((await api.complete(id)).statusCode).toBe(200);
  });

  it('a lost response: the same chunk delivered twice, and the same complete twice, have one effect', async () => {
    const { t, api, bytes, id } = await setup();
    const first = bytes.subarray(0, BLOB_CHUNK_BYTES);
    expect(blobStateSchema.parse((await api.chunk(id, 0, first)).json()).offset).toBe(BLOB_CHUNK_BYTES);
    expect(blobStateSchema.parse((await api.chunk(id, 0, first)).json()).offset).toBe(BLOB_CHUNK_BYTES);
    await sendAll(api, id, bytes, BLOB_CHUNK_BYTES);
    expect((await api.complete(id)).statusCode).toBe(200);
    expect((await api.complete(id)).statusCode).toBe(200);
    expect(
      (await api.create({ id, size: bytes.length, sha256: sha256(bytes), type: 'image/jpeg' })).json(),
    ).toMatchObject({
      complete: true,
    });
    const rows = await t.app.db.kysely.selectFrom('blobs').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(storedFile(t, sha256(bytes)).equals(bytes)).toBe(true);
  });

  it('a chunk that arrives out of order is refused with the offset to resume from', async () => {
    const { api, bytes, id } = await setup();
    const early = await api.chunk(id, BLOB_CHUNK_BYTES, bytes.subarray(BLOB_CHUNK_BYTES, 2 * BLOB_CHUNK_BYTES));
    expect(early.statusCode).toBe(409);
    expect(apiErrorSchema.parse(early.json())).toMatchObject({ code: 'OFFSET_MISMATCH', offset: 0 });
    const incomplete = await api.complete(id);
    expect(apiErrorSchema.parse(incomplete.json())).toMatchObject({ code: 'BLOB_INCOMPLETE', offset: 0 });
  });

  it('a corrupted chunk is caught by the hash: the upload starts over and nothing corrupt is stored', async () => {
    const { t, api, bytes, id } = await setup();
    const corrupted = Buffer.from(bytes);
    corrupted[BLOB_CHUNK_BYTES + 17] = (corrupted[BLOB_CHUNK_BYTES + 17] ?? 0) ^ 0xff;
    await sendAll(api, id, corrupted, 0);
    const refused = await api.complete(id);
    expect(refused.statusCode).toBe(422);
    expect(apiErrorSchema.parse(refused.json())).toMatchObject({ code: 'BLOB_HASH_MISMATCH', offset: 0 });
    expect(await t.app.db.kysely.selectFrom('blobs').selectAll().execute()).toHaveLength(0);
    await sendAll(api, id, bytes, 0);
    expect((await api.complete(id)).statusCode).toBe(200);
    expect(storedFile(t, sha256(bytes)).equals(bytes)).toBe(true);
  });

  it('bytes written but never acknowledged before a crash are discarded, not kept', async () => {
    const { t, api, bytes, id } = await setup();
    await api.chunk(id, 0, bytes.subarray(0, BLOB_CHUNK_BYTES));
    fs.appendFileSync(path.join(t.config.dataDir, 'uploads', `${id}.part`), randomBytes(5000));
    await sendAll(api, id, bytes, BLOB_CHUNK_BYTES);
    expect((await api.complete(id)).statusCode).toBe(200);
    expect(storedFile(t, sha256(bytes)).equals(bytes)).toBe(true);
  });

  it('a photo the server already holds completes at once, whoever sends it', async () => {
    const { t, api, bytes, id } = await setup();
    await sendAll(api, id, bytes, 0);
    await api.complete(id);
    const other = client(t.app, await agentToken(t.app, '13900000012'));
    const again = await other.create({ id: newId(), size: bytes.length, sha256: sha256(bytes), type: 'image/jpeg' });
    expect(blobStateSchema.parse(again.json())).toMatchObject({ complete: true, offset: bytes.length });
  });

  it('a file that is not an image is refused even when its hash matches', async () => {
    t = await startTestApp(dialect);
    const api = client(t.app, await agentToken(t.app));
    const text = Buffer.from('这不是照片'.repeat(100));
    const id = newId();
    await api.create({ id, size: text.length, sha256: sha256(text), type: 'image/jpeg' });
    // Its first bytes give it away: the chunk is refused before it is stored, and so is complete.
    const refusedChunk = await api.chunk(id, 0, text);
    expect(refusedChunk.statusCode).toBe(422);
    expect(apiErrorSchema.parse(refusedChunk.json()).code).toBe('BLOB_TYPE_REJECTED');
    const refused = await api.complete(id);
    expect(refused.statusCode).toBe(409);
    expect(apiErrorSchema.parse(refused.json()).code).toBe('BLOB_INCOMPLETE');
    expect(await t.app.db.kysely.selectFrom('blobs').selectAll().execute()).toHaveLength(0);
  });

  it("one agent cannot read or add to another agent's upload, and an id cannot be reused for other content", async () => {
    const { t, api, bytes, id } = await setup();
    const other = client(t.app, await agentToken(t.app, '13900000012'));
    expect((await other.state(id)).statusCode).toBe(404);
    expect((await other.chunk(id, 0, bytes.subarray(0, 10))).statusCode).toBe(404);
    const reuse = await api.create({ id, size: 10, sha256: sha256(bytes.subarray(0, 10)), type: 'image/jpeg' });
    expect(reuse.statusCode).toBe(409);
  });

  /** Opens a raw connection and starts a chunk PUT of `declared` bytes, sending only `bytes`. */
  async function startRawChunk(
    app: FastifyInstance,
    token: string,
    id: string,
    offset: number,
    declared: number,
    bytes: Uint8Array,
  ): Promise<net.Socket> {
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const socket = net.connect(address.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      `PUT /api/blobs/${id}/chunks?offset=${String(offset)} HTTP/1.1\r\nHost: x\r\n` +
        `Authorization: Bearer ${token}\r\nContent-Type: application/octet-stream\r\n` +
        `Content-Length: ${String(declared)}\r\n\r\n`,
    );
    await new Promise<void>((resolve) =>
      socket.write(bytes, () => {
        resolve();
      }),
    );
    return socket;
  }

  async function committedOffset(api: ReturnType<typeof client>, id: string, atLeast: number): Promise<number> {
    for (let i = 0; i < 100; i += 1) {
      const offset = blobStateSchema.parse((await api.state(id)).json()).offset;
      if (offset >= atLeast) return offset;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return blobStateSchema.parse((await api.state(id)).json()).offset;
  }

  it('the line breaks mid-chunk: the bytes that arrived are kept, and the retry sends only the rest', async () => {
    const { t, bytes, id } = await setup();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await agentToken(t.app);
    const api = client(t.app, token);
    const socket = await startRawChunk(t.app, token, id, 0, BLOB_CHUNK_BYTES, bytes.subarray(0, 100_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    expect(await committedOffset(api, id, 100_000)).toBe(100_000);
    expect(await sendAll(api, id, bytes, 100_000)).toBe(bytes.length - 100_000);
    expect((await api.complete(id)).statusCode).toBe(200);
    expect(storedFile(t, sha256(bytes)).equals(bytes)).toBe(true);
  });

  it('a phone that vanished mid-chunk (the connection left half-open): asking for the offset ends the stalled chunk and counts its bytes', async () => {
    const { t, bytes, id } = await setup();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await agentToken(t.app);
    const api = client(t.app, token);
    const stalled = await startRawChunk(t.app, token, id, 0, BLOB_CHUNK_BYTES, bytes.subarray(0, 50_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closed = new Promise<void>((resolve) =>
      stalled.once('close', () => {
        resolve();
      }),
    );
    expect(blobStateSchema.parse((await api.state(id)).json()).offset).toBe(50_000);
    await closed;
    await sendAll(api, id, bytes, 50_000);
    expect((await api.complete(id)).statusCode).toBe(200);
    expect(storedFile(t, sha256(bytes)).equals(bytes)).toBe(true);
  });

  it('a chunk announced larger than any chunk may be is refused with 413 before its bytes are read', async () => {
    const { t, id } = await setup();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const socket = await startRawChunk(t.app, await agentToken(t.app), id, 0, 2 * 1024 * 1024, new Uint8Array(10));
    const answer = await new Promise<string>((resolve) =>
      socket.once('data', (data) => {
        resolve(String(data));
      }),
    );
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('PAYLOAD_TOO_LARGE');
  });

  it('a chunk past the declared size or an empty chunk is a 400, never a 500', async () => {
    const { api, bytes, id } = await setup();
    const tooLong = await api.chunk(id, 0, Buffer.concat([bytes, Buffer.from([1])]));
    expect(tooLong.statusCode).toBe(400);
    const empty = await api.chunk(id, 0, new Uint8Array());
    expect(empty.statusCode).toBe(400);
  });
});
