/**
 * The phone's sync engine (src/device/sync-*.ts) running in Node against the real server on SQLite
 * and PostgreSQL, with a fault-injecting proxy between them. The phone's IndexedDB is fake-indexeddb;
 * everything else — HTTP, chunking, hashing, the database, the blob files — is real.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES } from '../../src/domain/blob';
import { getDatabase } from '../../src/device/db';
import { runSync, type SyncSummary } from '../../src/device/sync-run';
import { nextValue } from '../../src/server/db/counters';
import { dialects } from './harness';
import { queueCase } from './phone-fixtures';
import { syncRig } from './sync-fixtures';
import type { ProxiedRequest } from './fault-proxy';

const noDelay = { delaysMs: [0, 0, 0] };

describe.each(dialects)('the phone syncing through a bad link to the server on %s', (dialect) => {
  const rig = syncRig(dialect);
  afterEach(() => rig.stop());
  const setup = () => rig.start();

  const sync = (): Promise<SyncSummary> => runSync({ retry: noDelay });

  /**
   * The second chunk was cut after `arrived` bytes reached the server: the phone asked for the offset
   * and went on from a point past the chunk's start (what arrived was kept, up to what the proxy
   * delivered), sending exactly the bytes the server still lacked.
   */
  function expectResumedAfterCut(chunks: ProxiedRequest[], size: number, arrived: number): void {
    const offsets = chunks.map((r) => Number(r.url.split('=')[1]));
    expect(offsets.slice(0, 2)).toEqual([0, BLOB_CHUNK_BYTES]);
    const resumedAt = offsets[2] ?? 0;
    expect(resumedAt).toBeGreaterThan(BLOB_CHUNK_BYTES);
    expect(resumedAt).toBeLessThanOrEqual(BLOB_CHUNK_BYTES + arrived);
    expect(chunks.slice(2).reduce((sum, r) => sum + r.bodyBytes, 0)).toBe(size - resumedAt);
  }

  async function syncUntilDone(maxRuns = 50): Promise<SyncSummary[]> {
    const runs: SyncSummary[] = [];
    for (let i = 0; i < maxRuns; i += 1) {
      const summary = await sync();
      runs.push(summary);
      if (summary.outcome === 'done' && summary.waiting === 0) return runs;
    }
    throw new Error(`not done after ${String(maxRuns)} runs: ${JSON.stringify(runs.at(-1))}`);
  }

  it('the connection cut mid-chunk: the bytes that arrived are kept and the upload resumes right after them', async () => {
    const { proxy, phone, storedSha256 } = await setup();
    const { photos } = await queueCase(phone, { bigPhoto: 600_000 });
    let cut = false;
    rig.decide = (r) => {
      if (!cut && r.url.includes(`/chunks?offset=${String(BLOB_CHUNK_BYTES)}`)) {
        cut = true;
        return { kind: 'cut-request', afterBytes: 100_000 };
      }
      return { kind: 'none' };
    };

    const summary = await sync();

    expect(summary).toMatchObject({ outcome: 'done', sent: 1, waiting: 0 });
    const big = photos[0]!;
    const chunkRequests = proxy.seen.filter((r) => r.url.startsWith(`/api/blobs/${big.id}/chunks`));
    expectResumedAfterCut(chunkRequests, big.size, 100_000);
    expect(storedSha256(big.sha256)).toBe(big.sha256);
  });

  it('three cases go up side by side and the line drops under each mid-chunk: each upload resumes after what arrived, nothing twice', async () => {
    const { db, proxy, phone, storedSha256 } = await setup();
    const queued = [];
    for (let i = 0; i < 3; i += 1)
      queued.push(await queueCase(phone, { submittedAt: `2026-03-02T01:0${String(i)}:00.000Z`, bigPhoto: 600_000 }));
    const cut = new Set<string>();
    rig.decide = (r) => {
      const id = /^\/api\/blobs\/([^/]+)\/chunks\?offset=262144$/.exec(r.url)?.[1];
      if (id === undefined || cut.has(id)) return { kind: 'none' };
      cut.add(id);
      return { kind: 'cut-request', afterBytes: 100_000 };
    };

    expect(await sync()).toMatchObject({ outcome: 'done', sent: 3, waiting: 0 });

    expect(cut.size).toBe(3);
    const at = (url: string) => proxy.seen.findIndex((r) => r.url === url);
    for (const { record, photos } of queued) {
      const big = photos[0]!;
      const chunks = proxy.seen.filter((r) => r.url.startsWith(`/api/blobs/${big.id}/chunks`));
      expectResumedAfterCut(chunks, big.size, 100_000);
      for (const photo of photos) expect(storedSha256(photo.sha256)).toBe(photo.sha256);
      expect(proxy.seen.filter((r) => r.method === 'PUT' && r.url === `/api/cases/${record.id}`)).toHaveLength(1);
    }
    // Side by side: the third case was on its way before the first case's big photo was done.
    const [first, , third] = queued;
    const firstBigChunks = proxy.seen.filter((r) => r.url.startsWith(`/api/blobs/${first!.photos[0]!.id}/chunks`));
    expect(at(`/api/cases/${third!.record.id}`)).toBeLessThan(proxy.seen.indexOf(firstBigChunks.at(-1)!));
    expect(await db.selectFrom('cases').select('id').execute()).toHaveLength(3);
    expect(await db.selectFrom('case_events').select('seq').execute()).toHaveLength(3);
    const photos = queued.flatMap((q) => q.photos);
    expect(await db.selectFrom('blobs').select('sha256').execute()).toHaveLength(photos.length);
    expect(await getDatabase().photos.count()).toBe(0);
  });

  it('the response lost after the server committed: no second case, no second blob', async () => {
    const { db, phone } = await setup();
    const { photos } = await queueCase(phone);
    const lost = new Set<string>();
    rig.decide = (r) => {
      const key = r.url.includes('/chunks') ? 'chunk' : r.url.includes('/complete') ? 'complete' : r.method + r.url;
      if ((key === 'chunk' || key === 'complete' || r.url.startsWith('/api/cases/')) && !lost.has(key)) {
        lost.add(key);
        return { kind: 'lose-response' };
      }
      return { kind: 'none' };
    };

    expect(await sync()).toMatchObject({ outcome: 'done', sent: 1 });

    expect(lost.size).toBe(3);
    expect(await db.selectFrom('cases').select('id').execute()).toHaveLength(1);
    expect(await db.selectFrom('case_events').select('seq').execute()).toHaveLength(1);
    expect(await db.selectFrom('blobs').select('sha256').execute()).toHaveLength(photos.length);
    expect(await db.selectFrom('blob_uploads').select('id').execute()).toHaveLength(photos.length);
  });

  it('every request delivered twice: one case, one blob each, one receipt event', async () => {
    const { db, phone, storedSha256 } = await setup();
    const { photos } = await queueCase(phone);
    rig.decide = () => ({ kind: 'duplicate' });

    expect(await sync()).toMatchObject({ outcome: 'done', sent: 1 });

    expect(await db.selectFrom('cases').select('id').execute()).toHaveLength(1);
    expect(await db.selectFrom('case_events').select('seq').execute()).toHaveLength(1);
    expect(await db.selectFrom('blobs').select('sha256').execute()).toHaveLength(photos.length);
    for (const photo of photos) expect(storedSha256(photo.sha256)).toBe(photo.sha256);
  });

  it('a corrupted chunk: the hash mismatch is caught, the blob is sent again and stored exactly as taken', async () => {
    const { proxy, phone, storedSha256, db } = await setup();
    const { photos } = await queueCase(phone, { bigPhoto: 400_000 });
    let corrupted = false;
    rig.decide = (r) => {
      if (!corrupted && r.url.includes('/chunks?offset=262144')) {
        corrupted = true;
        return { kind: 'corrupt', atByte: 1000 };
      }
      return { kind: 'none' };
    };

    expect(await sync()).toMatchObject({ outcome: 'done', sent: 1 });

    const big = photos[0]!;
    const chunks = proxy.seen.filter((r) => r.url.startsWith(`/api/blobs/${big.id}/chunks`)).map((r) => r.url);
    expect(chunks.map((u) => u.split('=')[1])).toEqual(['0', '262144', '0', '262144']);
    expect(storedSha256(big.sha256)).toBe(big.sha256);
    expect(await db.selectFrom('blobs').select('sha256').execute()).toHaveLength(photos.length);
  });

  it("the phone's clock hours off: 办件编号 order and receivedAt follow the server's clock", async () => {
    const { t, phone } = await setup();
    const ahead = await queueCase(phone, { submittedAt: '2030-01-01T00:00:00.000Z', bigPhoto: 5000 });
    await sync();
    t.clock.advance(60_000);
    const behind = await queueCase(phone, { submittedAt: '2001-01-01T00:00:00.000Z', bigPhoto: 5000 });
    await sync();

    const a = await getDatabase().cases.get(ahead.record.id);
    const b = await getDatabase().cases.get(behind.record.id);
    expect(a?.remote).toMatchObject({ caseNumber: '999001-20260302-00001', receivedAt: '2026-03-02T02:00:00.000Z' });
    expect(b?.remote).toMatchObject({ caseNumber: '999001-20260302-00002', receivedAt: '2026-03-02T02:01:00.000Z' });
  });

  it('a case the server refuses as invalid is set aside with its reason, and the next case still goes through', async () => {
    const { db, phone } = await setup();
    const refused = await queueCase(phone, { valid: false, submittedAt: '2026-03-02T01:00:00.000Z' });
    const good = await queueCase(phone, { submittedAt: '2026-03-02T01:10:00.000Z', bigPhoto: 5000 });

    const summary = await sync();

    expect(summary).toMatchObject({ outcome: 'done', sent: 1, setAside: 1, waiting: 0 });
    const aside = await getDatabase().cases.get(refused.record.id);
    expect(aside?.status).toBe('outbox');
    expect(aside?.sync?.state).toBe('set-aside');
    expect(aside?.sync?.error?.code).toBe('CASE_INVALID');
    expect(aside?.sync?.error?.problems?.map((p) => p.where)).toEqual(
      expect.arrayContaining(['answers', 'materials', 'signature']),
    );
    expect((await getDatabase().cases.get(good.record.id))?.status).toBe('sent');
    expect(await db.selectFrom('cases').select('id').execute()).toEqual([{ id: good.record.id }]);
    expect(await sync()).toMatchObject({ outcome: 'done', sent: 0, setAside: 0 });
  });

  it('after a successful push the photo bytes are gone and the small record with its 办件编号 remains', async () => {
    const { phone } = await setup();
    const { record, photos } = await queueCase(phone, { bigPhoto: 300_000 });
    await getDatabase().thumbs.add({
      id: photos[0]!.id,
      caseId: record.id,
      bytes: new ArrayBuffer(10),
      type: 'image/jpeg',
      width: 1,
      height: 1,
    });

    await sync();

    const stored = await getDatabase().cases.get(record.id);
    expect(stored).toMatchObject({
      status: 'sent',
      remote: {
        caseNumber: '999001-20260302-00001',
        status: 'received',
        materials: { verified: photos.length, total: photos.length },
      },
      sync: { state: 'sent', bytesSent: stored?.sync?.bytesTotal, error: null },
    });
    expect(stored?.sync?.bytesTotal).toBe(photos.reduce((s, p) => s + p.size, 0));
    expect(await getDatabase().photos.where('caseId').equals(record.id).count()).toBe(0);
    expect(await getDatabase().thumbs.where('caseId').equals(record.id).count()).toBe(0);
  });

  it("a status change recorded in the server's case events shows up on the phone after the next pull", async () => {
    const { t, db, phone } = await setup();
    const { record } = await queueCase(phone, { bigPhoto: 5000 });
    await sync();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('case_events')
        .values({
          seq: await nextValue(trx, 'feed'),
          case_id: record.id,
          agent_id: phone.agentId,
          township_id: 'ignored',
          type: 'status',
          payload: JSON.stringify({ status: 'accepted' }),
          at: t.clock.now.toISOString(),
        })
        .execute();
    });

    const summary = await sync();

    expect(summary).toMatchObject({ outcome: 'done', pulled: 1 });
    const stored = await getDatabase().cases.get(record.id);
    expect(stored?.remote).toMatchObject({ status: 'accepted', caseNumber: '999001-20260302-00001' });
    const notices = await getDatabase().notices.toArray();
    expect(notices).toEqual([expect.objectContaining({ caseId: record.id, type: 'status', readAt: null })]);
    expect(await sync()).toMatchObject({ pulled: 0 });
    expect(await getDatabase().notices.count()).toBe(1);
    expect((await getDatabase().syncState.get(phone.agentId))?.lastError).toBeNull();
  });

  it('20 queued cases through a link that cuts every few requests: all arrive exactly once, byte-identical', async () => {
    const { db, phone, storedSha256 } = await setup();
    const queued = [];
    for (let i = 0; i < 20; i += 1)
      queued.push(
        await queueCase(phone, { submittedAt: `2026-03-02T01:${String(10 + i)}:00.000Z`, bigPhoto: 300_000 }),
      );
    rig.decide = (r, i) => {
      if (i % 4 !== 3) return { kind: 'none' };
      return r.bodyBytes > 10
        ? { kind: 'cut-request', afterBytes: Math.floor(r.bodyBytes / 2) }
        : { kind: 'lose-response' };
    };

    const runs = await syncUntilDone();

    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(20);
    const rows = await db.selectFrom('cases').select(['id', 'case_number']).execute();
    expect(rows.map((r) => r.id).sort()).toEqual(queued.map((q) => q.record.id).sort());
    expect(new Set(rows.map((r) => r.case_number)).size).toBe(20);
    const photos = queued.flatMap((q) => q.photos);
    expect(await db.selectFrom('blobs').select('sha256').execute()).toHaveLength(photos.length);
    for (const photo of photos) expect(storedSha256(photo.sha256)).toBe(photo.sha256);
    expect(await getDatabase().photos.count()).toBe(0);
  }, 120_000);

  it('100 queued cases while the connection drops every second or two: all arrive exactly once, byte-identical', async () => {
    const { db, phone, storedSha256 } = await setup();
    const queued = [];
    for (let i = 0; i < 100; i += 1) {
      const minute = String(i % 60).padStart(2, '0');
      queued.push(
        await queueCase(phone, {
          submittedAt: `2026-03-02T0${String(1 + Math.floor(i / 60))}:${minute}:00.000Z`,
          bigPhoto: 300_000,
        }),
      );
    }
    // A weak rural link: every 0.5–2 s something goes wrong with the request in flight — the line
    // drops mid-body, the answer is lost, the request arrives twice, or a stale copy turns up later.
    let nextFault = Date.now() + 500;
    let faults = 0;
    rig.decide = (r) => {
      if (Date.now() < nextFault) return { kind: 'none' };
      nextFault = Date.now() + 500 + Math.random() * 1500;
      faults += 1;
      const pick = faults % 4;
      if (pick === 0 && r.bodyBytes > 10) return { kind: 'cut-request', afterBytes: Math.floor(r.bodyBytes / 3) };
      if (pick === 1) return { kind: 'lose-response' };
      if (pick === 2) return { kind: 'duplicate' };
      return { kind: 'replay-later', afterRequests: 3 };
    };

    const runs = await syncUntilDone(400);

    expect(faults).toBeGreaterThan(3);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(100);
    const rows = await db.selectFrom('cases').select(['id', 'case_number']).execute();
    expect(rows.map((r) => r.id).sort()).toEqual(queued.map((q) => q.record.id).sort());
    expect(new Set(rows.map((r) => r.case_number)).size).toBe(100);
    expect(await db.selectFrom('case_events').select('seq').execute()).toHaveLength(100);
    const photos = queued.flatMap((q) => q.photos);
    expect(await db.selectFrom('blobs').select('sha256').execute()).toHaveLength(photos.length);
    for (const photo of photos) expect(storedSha256(photo.sha256)).toBe(photo.sha256);
    expect(await getDatabase().photos.count()).toBe(0);
  }, 300_000);
});
