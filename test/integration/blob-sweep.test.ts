/**
 * Photo retention (server/blobs/sweep-blobs.ts): an upload a phone abandoned, and a stored photo no
 * case refers to, are deleted with their files BLOB_ABANDONED_DAYS after they were last in use; a
 * photo a case needs, or a file another upload still uses, is never touched. The tests move the
 * server's clock and run the scheduled rules. Runs on SQLite and PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { BLOB_ABANDONED_DAYS, blobStateSchema } from '../../src/domain/blob';
import { newId } from '../../src/domain/ids';
import { dialects, startTestApp, type TestApp } from './harness';
import { sha256 } from './phone-fixtures';
import { AGENT, AGENT_2, apiAs, completeCase, jpegBytes, tokenFor } from './workbench-fixtures';

const DAY_MS = 86_400_000;

function uploads(app: FastifyInstance, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    /** Announces `bytes` as upload `id`; its state. */
    announce: async (id: string, bytes: Buffer) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/blobs',
        headers,
        payload: { id, size: bytes.length, sha256: sha256(bytes), type: 'image/jpeg' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return blobStateSchema.parse(res.json());
    },
    chunk: async (id: string, offset: number, bytes: Buffer) => {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/blobs/${id}/chunks?offset=${String(offset)}`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: bytes,
      });
      expect(res.statusCode, res.body).toBe(200);
    },
    complete: async (id: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/blobs/${id}/complete`, headers });
      expect(res.statusCode, res.body).toBe(200);
    },
    state: (id: string) => app.inject({ method: 'GET', url: `/api/blobs/${id}`, headers }),
  };
}

describe.each(dialects)('photos are kept only as long as needed, on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const partFile = (id: string) => path.join(t?.config.dataDir ?? '', 'uploads', `${id}.part`);
  const blobFile = (hash: string) => path.join(t?.config.dataDir ?? '', 'blobs', hash.slice(0, 2), hash);
  const stored = async (hash: string) =>
    (await t?.app.db.kysely.selectFrom('blobs').select('sha256').where('sha256', '=', hash).executeTakeFirst()) !==
      undefined && fs.existsSync(blobFile(hash));
  /** Sets the clock `days` after `from` and runs the scheduled rules; the sweep's report. */
  const sweepAt = async (from: Date, days: number) => {
    if (!t) throw new Error('no app');
    t.clock.now = new Date(from.getTime() + days * DAY_MS);
    return (await t.app.jobs.runDue()).blobSweep;
  };

  it('a half-sent photo the phone abandoned is kept 29 days, and deleted with its part file after 30', async () => {
    t = await startTestApp(dialect);
    const api = uploads(t.app, await tokenFor(t.app, AGENT));
    const bytes = jpegBytes(4000);
    const id = newId();
    const start = t.clock.now;
    await api.announce(id, bytes);
    await api.chunk(id, 0, bytes.subarray(0, 1000));
    expect(fs.existsSync(partFile(id))).toBe(true);

    expect(await sweepAt(start, BLOB_ABANDONED_DAYS - 1)).toMatchObject({ abandonedUploads: 0 });
    expect((await api.state(id)).statusCode).toBe(200);
    expect(fs.existsSync(partFile(id))).toBe(true);

    expect(await sweepAt(start, BLOB_ABANDONED_DAYS + 0.01)).toMatchObject({ abandonedUploads: 1 });
    expect((await api.state(id)).statusCode).toBe(404);
    expect(fs.existsSync(partFile(id))).toBe(false);
    // The phone that comes back announces the photo again and starts from 0.
    expect(await api.announce(id, bytes)).toMatchObject({ offset: 0, complete: false });
  });

  it('a phone that announces its upload again on day 29 keeps it another 30 days', async () => {
    t = await startTestApp(dialect);
    const api = uploads(t.app, await tokenFor(t.app, AGENT));
    const bytes = jpegBytes(4000);
    const id = newId();
    const start = t.clock.now;
    await api.announce(id, bytes);
    await api.chunk(id, 0, bytes.subarray(0, 1000));
    t.clock.now = new Date(start.getTime() + 29 * DAY_MS);
    expect(await api.announce(id, bytes)).toMatchObject({ offset: 1000 });
    expect(await sweepAt(start, 31)).toMatchObject({ abandonedUploads: 0 });
    expect(await api.announce(id, bytes)).toMatchObject({ offset: 1000 });
  });

  it('a photo no case refers to is deleted with its file 30 days after its upload finished, not at 29', async () => {
    t = await startTestApp(dialect);
    const api = uploads(t.app, await tokenFor(t.app, AGENT));
    const bytes = jpegBytes(4000);
    const hash = sha256(bytes);
    const id = newId();
    const start = t.clock.now;
    await api.announce(id, bytes);
    await api.chunk(id, 0, bytes);
    await api.complete(id);
    expect(await stored(hash)).toBe(true);

    expect(await sweepAt(start, BLOB_ABANDONED_DAYS - 1)).toEqual({
      abandonedUploads: 0,
      finishedUploads: 0,
      unreferencedBlobs: 0,
    });
    expect(await stored(hash)).toBe(true);

    expect(await sweepAt(start, BLOB_ABANDONED_DAYS + 0.01)).toEqual({
      abandonedUploads: 0,
      finishedUploads: 1,
      unreferencedBlobs: 1,
    });
    expect(await stored(hash)).toBe(false);
    expect(fs.existsSync(blobFile(hash))).toBe(false);
    // Gone for the phone too: announcing it again starts from 0, it is not "already complete".
    expect(await api.announce(id, bytes)).toMatchObject({ offset: 0, complete: false });
  });

  it('the photos and signature of a case are never swept, however old', async () => {
    t = await startTestApp(dialect);
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const { submission, photos } = completeCase();
    const start = t.clock.now;
    await agent.submit(submission);
    for (const bytes of photos.values()) await agent.upload(bytes);

    const report = await sweepAt(start, 400);
    expect(report).toEqual({ abandonedUploads: 0, finishedUploads: photos.size, unreferencedBlobs: 0 });
    for (const hash of photos.keys()) expect(await stored(hash), hash).toBe(true);
    // Announced again by a phone that lost the answer: already stored, complete at once.
    const [hash, bytes] = [...photos][0] ?? ['', Buffer.alloc(0)];
    expect(await uploads(t.app, await tokenFor(t.app, AGENT)).announce(newId(), bytes)).toMatchObject({
      complete: true,
    });
    expect(await stored(hash)).toBe(true);
  });

  it('one file shared by two uploads and a case: kept while any of them still needs it', async () => {
    t = await startTestApp(dialect);
    const zhang = uploads(t.app, await tokenFor(t.app, AGENT));
    const liu = uploads(t.app, await tokenFor(t.app, AGENT_2));
    const start = t.clock.now;
    // 张建国 uploads a photo and never sends its case; 刘桂兰 uploads the very same bytes on day 20.
    const bytes = jpegBytes(5000);
    const hash = sha256(bytes);
    const first = newId();
    await zhang.announce(first, bytes);
    await zhang.chunk(first, 0, bytes);
    await zhang.complete(first);
    t.clock.now = new Date(start.getTime() + 20 * DAY_MS);
    const second = newId();
    expect(await liu.announce(second, bytes)).toMatchObject({ complete: true });

    // Day 31: the first upload is past, the second is not: the file stays.
    expect(await sweepAt(start, 31)).toMatchObject({ finishedUploads: 1, unreferencedBlobs: 0 });
    expect(await stored(hash)).toBe(true);
    // Day 51: nothing needs it any more.
    expect(await sweepAt(start, 51)).toMatchObject({ finishedUploads: 1, unreferencedBlobs: 1 });
    expect(await stored(hash)).toBe(false);

    // The same again, but now a case refers to the file: never deleted.
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT_2));
    const { submission, photos } = completeCase();
    const page = submission.pages[0];
    if (!page) throw new Error('a case with no page');
    const pageBytes = photos.get(page.sha256) ?? Buffer.alloc(0);
    const third = newId();
    await zhang.announce(third, pageBytes);
    await zhang.chunk(third, 0, pageBytes);
    await zhang.complete(third);
    await agent.submit(submission);
    expect(await sweepAt(start, 200)).toMatchObject({ unreferencedBlobs: 0 });
    expect(await stored(page.sha256)).toBe(true);
  });

  it('two server processes sweep at once: each upload is deleted once', async () => {
    t = await startTestApp(dialect);
    const api = uploads(t.app, await tokenFor(t.app, AGENT));
    const start = t.clock.now;
    const ids = [newId(), newId(), newId()];
    for (const id of ids) {
      const bytes = jpegBytes(3000);
      await api.announce(id, bytes);
      await api.chunk(id, 0, bytes.subarray(0, 500));
    }
    // SQLite is served by one process; on PostgreSQL a second process sweeps the same database.
    const second = dialect === 'postgres' ? await t.restart() : t.app;
    t.clock.now = new Date(start.getTime() + 40 * DAY_MS);
    const reports = await Promise.all([t.app.jobs.runDue(), second.jobs.runDue()]);
    expect(reports.reduce((n, r) => n + r.blobSweep.abandonedUploads, 0)).toBe(ids.length);
    for (const id of ids) expect(fs.existsSync(partFile(id))).toBe(false);
  });
});
