import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseResubmissionSchema } from '../domain/case-lifecycle';
import { getDatabase } from './db';
import {
  addResubmissionPage,
  deleteResubmissionPage,
  returnResubmissionToDraft,
  submitResubmission,
} from './resubmission-repository';
import { syncProgress, resubmissionProgressKey } from './sync-progress';
import { runSync } from './sync-run';
import { hashedPhoto } from './test-fixtures';
import { joinTownship, leaveTownship, sentCaseAwaitingSupplement, type TestTownship } from './test-township';

const noRetry = { retry: { delaysMs: [] } };
const idCardItem = { materialKey: 'idCard', name: '申请人的身份证', note: '复印件不清晰' };

async function stored(id: string) {
  const record = await getDatabase().cases.get(id);
  if (!record) throw new Error(`case ${id} is gone`);
  return record;
}

describe('a 补正 answer on its way to the township', () => {
  let township: TestTownship;

  beforeEach(async () => {
    township = await joinTownship();
  });
  afterEach(leaveTownship);

  it('resubmits only the missing material after 补正', async () => {
    const record = await sentCaseAwaitingSupplement(township, [idCardItem]);
    await runSync(noRetry);
    const page = await addResubmissionPage(record.id, 'idCard', await hashedPhoto(21, 5000));
    expect(await submitResubmission(record.id)).toMatchObject({ ok: true });
    township.seen.length = 0;

    const summary = await runSync(noRetry);

    expect(summary).toMatchObject({ outcome: 'done', sent: 0, resubmitted: 1, setAside: 0, waiting: 0 });
    // The new photo goes up first, then the round with that material's page only.
    expect(township.seen.map((r) => `${r.method} ${r.path.split('?')[0] ?? ''}`)).toEqual([
      'POST /api/blobs',
      `PUT /api/cases/${record.id}/rounds/2`,
      'GET /api/sync/changes',
    ]);
    const body = caseResubmissionSchema.parse(township.seen[1]?.body);
    expect(body.pages).toEqual([page]);
    expect(body.signature).toBeNull();
    const after = await stored(record.id);
    expect(after.resubmission).toMatchObject({
      round: 2,
      status: 'sent',
      sync: { state: 'sent', bytesSent: 5000, bytesTotal: 5000 },
    });
    expect(after.remote).toMatchObject({ status: 'received', round: 2, supplement: null });
    // The first submission is as it was; the answer's photo bytes are gone now the server has them.
    expect(after.pages).toEqual(record.pages);
    expect(after.signature).toEqual(record.signature);
    expect(await getDatabase().photos.count()).toBe(0);
    expect(await getDatabase().thumbs.count()).toBe(0);
    expect(syncProgress.get().cases[resubmissionProgressKey(record.id, 2)]).toEqual({
      bytesSent: 5000,
      bytesTotal: 5000,
    });
    // The server's echo of the round raises no notice; a second run sends nothing again.
    expect((await getDatabase().notices.toArray()).map((n) => n.type)).toEqual(['supplement_requested']);
    expect(await runSync(noRetry)).toMatchObject({ resubmitted: 0, waiting: 0 });
  });

  it('a refused resubmission is set aside and does not block other cases', async () => {
    const refused = await sentCaseAwaitingSupplement(township, [idCardItem], 1);
    const good = await sentCaseAwaitingSupplement(township, [idCardItem], 11);
    await runSync(noRetry);
    await addResubmissionPage(refused.id, 'idCard', await hashedPhoto(31));
    await submitResubmission(refused.id, new Date('2026-03-03T01:00:00.000Z'));
    await addResubmissionPage(good.id, 'idCard', await hashedPhoto(32));
    await submitResubmission(good.id, new Date('2026-03-03T02:00:00.000Z'));
    // The clerk refused the first case after the notice, before the answer arrived.
    township.setStatus(refused.id, 'rejected');

    const summary = await runSync(noRetry);

    expect(summary).toMatchObject({ outcome: 'done', resubmitted: 1, setAside: 1, waiting: 0 });
    const aside = await stored(refused.id);
    expect(aside.resubmission).toMatchObject({
      status: 'outbox',
      sync: { state: 'set-aside', error: { code: 'ACTION_NOT_ALLOWED' } },
    });
    // Kept on the phone: nothing the server has not confirmed is deleted.
    expect(await getDatabase().photos.where('caseId').equals(refused.id).count()).toBe(1);
    expect((await stored(good.id)).resubmission?.status).toBe('sent');
    expect(await runSync(noRetry)).toMatchObject({ resubmitted: 0, setAside: 0, waiting: 0 });
  });

  it('an answer the server finds incomplete comes back to the agent with the problems, and goes once fixed', async () => {
    const record = await sentCaseAwaitingSupplement(township, [idCardItem]);
    await runSync(noRetry);
    const page = await addResubmissionPage(record.id, 'idCard', await hashedPhoto(41));
    await submitResubmission(record.id);
    const problem = { where: 'materials', materialKey: 'idCard', problem: 'NO_PAGES' };
    const lift = township.refuse((r) => r.method === 'PUT' && r.path.endsWith('/rounds/2'), 422, 'CASE_INVALID', {
      problems: [problem],
    });

    expect(await runSync(noRetry)).toMatchObject({ setAside: 1, resubmitted: 0 });
    expect((await stored(record.id)).resubmission?.sync).toMatchObject({
      state: 'set-aside',
      error: { code: 'CASE_INVALID', problems: [problem] },
    });

    await returnResubmissionToDraft(record.id);
    const retake = await addResubmissionPage(record.id, 'idCard', await hashedPhoto(42));
    await deleteResubmissionPage(record.id, page.id);
    await submitResubmission(record.id);
    lift();

    expect(await runSync(noRetry)).toMatchObject({ resubmitted: 1, setAside: 0 });
    expect(caseResubmissionSchema.parse(township.seen.at(-2)?.body).pages.map((p) => p.id)).toEqual([retake.id]);
  });

  it('with no signal the answer waits with its photos, and goes with the next run', async () => {
    const record = await sentCaseAwaitingSupplement(township, [idCardItem]);
    await runSync(noRetry);
    await addResubmissionPage(record.id, 'idCard', await hashedPhoto(51));
    await submitResubmission(record.id);
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    expect(await runSync(noRetry)).toMatchObject({ outcome: 'offline', waiting: 1 });
    expect((await stored(record.id)).resubmission?.sync?.error?.code).toBe('NETWORK');

    vi.stubGlobal('fetch', township.handle);
    expect(await runSync(noRetry)).toMatchObject({ outcome: 'done', resubmitted: 1, waiting: 0 });
  });
});
