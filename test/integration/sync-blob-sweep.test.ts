/**
 * The phone's sync engine against the photo retention sweep (server/blobs/sweep-blobs.ts): a phone
 * that left a photo half-sent and comes back after the server swept it sends that photo again from
 * the start and delivers the case whole. Real server on SQLite and PostgreSQL, fake-indexeddb phone.
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES } from '../../src/domain/blob';
import { getDatabase } from '../../src/device/db';
import { runSync } from '../../src/device/sync-run';
import { dialects } from './harness';
import { queueCase } from './phone-fixtures';
import { syncRig } from './sync-fixtures';

const noDelay = { delaysMs: [0, 0, 0] };
const DAY_MS = 86_400_000;

describe.each(dialects)('a phone back after a long time, against the server on %s', (dialect) => {
  const rig = syncRig(dialect);
  afterEach(() => rig.stop());

  it('a phone back after 40 days re-sends a photo whose half upload was swept', async () => {
    const { t, db, proxy, phone, storedSha256 } = await rig.start();
    const { record, photos } = await queueCase(phone, { bigPhoto: 600_000 });
    const big = photos[0];
    if (!big) throw new Error('no photo');
    // The line dies after the big photo's first chunk: the run ends with the photo half sent.
    rig.decide = (r) =>
      r.method === 'PUT' && r.url.startsWith(`/api/blobs/${big.id}/chunks`) && !r.url.endsWith('offset=0')
        ? { kind: 'cut-request', afterBytes: 0 }
        : { kind: 'none' };
    expect(await runSync({ retry: noDelay })).toMatchObject({ outcome: 'offline', sent: 0, waiting: 1 });
    const half = await db.selectFrom('blob_uploads').selectAll().where('id', '=', big.id).executeTakeFirstOrThrow();
    expect(half).toMatchObject({ committed: BLOB_CHUNK_BYTES, complete: 0 });
    const part = path.join(t.config.dataDir, 'uploads', `${big.id}.part`);
    expect(fs.existsSync(part)).toBe(true);

    // Forty days without a word from the phone: the sweep deletes the half upload.
    t.clock.advance(40 * DAY_MS);
    expect((await t.app.jobs.runDue()).blobSweep.abandonedUploads).toBe(1);
    expect(fs.existsSync(part)).toBe(false);

    rig.decide = () => ({ kind: 'none' });
    const seenBefore = proxy.seen.length;
    expect(await runSync({ retry: noDelay })).toMatchObject({ outcome: 'done', sent: 1, waiting: 0 });

    const again = proxy.seen.slice(seenBefore).filter((r) => r.url.startsWith(`/api/blobs/${big.id}/chunks`));
    expect(again[0]?.url).toBe(`/api/blobs/${big.id}/chunks?offset=0`);
    expect(again.reduce((sum, r) => sum + r.bodyBytes, 0)).toBe(big.size);
    for (const photo of photos) expect(storedSha256(photo.sha256)).toBe(photo.sha256);
    expect((await getDatabase().cases.get(record.id))?.status).toBe('sent');
    expect(await getDatabase().photos.count()).toBe(0);
    // The case was already with the township from the first run: still one case.
    expect(await db.selectFrom('cases').select('id').execute()).toHaveLength(1);
  });
});
