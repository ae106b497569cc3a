/**
 * The 补正 loop end to end on SQLite and PostgreSQL: the phone's real sync engine sends a case, a
 * clerk asks for 补正 through the real workbench API, the phone pulls the notice, the agent adds a
 * page for the requested material only, and the answer goes back through a fault-injecting proxy.
 * The phone's IndexedDB is fake-indexeddb; HTTP, hashing, the database and the blob files are real.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { getDatabase } from '../../src/device/db';
import { addResubmissionPage, openSupplement, submitResubmission } from '../../src/device/resubmission-repository';
import { runSync, type SyncSummary } from '../../src/device/sync-run';
import { dialects } from './harness';
import { clerkAt, housingFund, processedPhoto, queueCase } from './phone-fixtures';
import { syncRig } from './sync-fixtures';

const noDelay = { delaysMs: [0, 0, 0] };
/** 陈静 works 社保所 (SB), the housing fund's window. */
const CLERK_SB = '13900000002';

describe.each(dialects)('a 补正 round trip between the phone and the server on %s', (dialect) => {
  const rig = syncRig(dialect);
  afterEach(() => rig.stop());

  async function setup() {
    const started = await rig.start();
    return { ...started, clerk: await clerkAt(started.t.app, CLERK_SB) };
  }

  const sync = (): Promise<SyncSummary> => runSync({ retry: noDelay });

  it('resubmits only the missing material after 补正, once, though the answer to it was lost', async () => {
    const { proxy, phone, db, storedSha256, clerk } = await setup();
    const { record } = await queueCase(phone, { bigPhoto: 5000 });
    expect(await sync()).toMatchObject({ outcome: 'done', sent: 1 });

    // The window is found from the case: the housing fund goes to 社保所, where 陈静 works.
    expect((await clerk.detail(record.id)).windowCode).toBe(housingFund.windowCode);
    const requested = record.pages[0]!.materialKey;
    await clerk.act(record.id, {
      type: 'request_supplement',
      items: [{ materialKey: requested, note: '复印件不清晰' }],
      note: '请补拍后重新提交',
    });

    expect(await sync()).toMatchObject({ outcome: 'done', pulled: 1 });
    const notified = await getDatabase().cases.get(record.id);
    const request = openSupplement(notified!);
    expect(request).toMatchObject({ round: 2, items: [{ materialKey: requested, note: '复印件不清晰' }] });
    expect(request?.items[0]?.name).toBe(housingFund.materials.find((m) => m.key === requested)?.name);

    const photo = processedPhoto(40_000);
    const page = await addResubmissionPage(record.id, requested, photo);
    expect(await submitResubmission(record.id)).toMatchObject({ ok: true });
    let lost = false;
    rig.decide = (r) => {
      if (!lost && r.method === 'PUT' && r.url === `/api/cases/${record.id}/rounds/2`) {
        lost = true;
        return { kind: 'lose-response' };
      }
      return { kind: 'none' };
    };

    expect(await sync()).toMatchObject({ outcome: 'done', resubmitted: 1, setAside: 0, waiting: 0 });

    expect(lost).toBe(true);
    expect(proxy.seen.filter((r) => r.url.endsWith('/rounds/2'))).toHaveLength(2);
    // One round on the server; the case is back at 已收件 in round 2 with only the new page added.
    expect(await db.selectFrom('case_rounds').select(['case_id', 'round']).execute()).toEqual([
      { case_id: record.id, round: 2 },
    ]);
    expect(await db.selectFrom('cases').select(['status', 'round']).where('id', '=', record.id).execute()).toEqual([
      { status: 'received', round: 2 },
    ]);
    const roundPages = await db
      .selectFrom('case_pages')
      .select(['page_id', 'material_key', 'sha256'])
      .where('case_id', '=', record.id)
      .where('round', '=', 2)
      .execute();
    expect(roundPages).toEqual([{ page_id: page.id, material_key: requested, sha256: photo.sha256 }]);
    expect(storedSha256(photo.sha256)).toBe(photo.sha256);
    const events = await db.selectFrom('case_events').select('type').where('case_id', '=', record.id).execute();
    expect(events.filter((e) => e.type === 'resubmitted')).toHaveLength(1);

    // On the phone: the answer is sent, its photo bytes gone, the first submission untouched.
    const after = await getDatabase().cases.get(record.id);
    expect(after?.resubmission).toMatchObject({ round: 2, status: 'sent', sync: { state: 'sent' } });
    expect(after?.remote).toMatchObject({ status: 'received', round: 2, supplement: null });
    expect(after?.pages).toEqual(record.pages);
    expect(await getDatabase().photos.count()).toBe(0);
    // The server's echo of the round is pulled without a notice; nothing more to send.
    expect(await sync()).toMatchObject({ outcome: 'done', resubmitted: 0, waiting: 0 });
    expect((await getDatabase().notices.toArray()).map((n) => n.type)).toEqual(['supplement_requested']);
  });

  it('a clerk refuses the case while the answer waits: it is set aside with the reason, the next one still goes', async () => {
    const { db, phone, clerk } = await setup();
    const refused = await queueCase(phone, { bigPhoto: 5000, submittedAt: '2026-03-02T01:00:00.000Z' });
    const good = await queueCase(phone, { bigPhoto: 5000, submittedAt: '2026-03-02T01:10:00.000Z' });
    expect(await sync()).toMatchObject({ outcome: 'done', sent: 2 });
    for (const { record } of [refused, good]) {
      await clerk.act(record.id, {
        type: 'request_supplement',
        items: [{ materialKey: record.pages[0]!.materialKey, note: '照片模糊' }],
        note: '',
      });
    }
    await sync();
    for (const { record } of [refused, good]) {
      await addResubmissionPage(record.id, record.pages[0]!.materialKey, processedPhoto(3000));
      expect(await submitResubmission(record.id)).toMatchObject({ ok: true });
    }
    await clerk.act(refused.record.id, { type: 'reject', reason: '申请人不符合提取条件' });

    expect(await sync()).toMatchObject({ outcome: 'done', resubmitted: 1, setAside: 1, waiting: 0 });

    const aside = await getDatabase().cases.get(refused.record.id);
    expect(aside?.resubmission).toMatchObject({
      status: 'outbox',
      sync: { state: 'set-aside', error: { code: 'ACTION_NOT_ALLOWED' } },
    });
    expect(aside?.remote).toMatchObject({ status: 'rejected', supplement: null });
    expect(await getDatabase().photos.where('caseId').equals(refused.record.id).count()).toBe(1);
    expect((await getDatabase().cases.get(good.record.id))?.resubmission?.status).toBe('sent');
    expect(await db.selectFrom('case_rounds').select('case_id').execute()).toEqual([{ case_id: good.record.id }]);
  });
});
