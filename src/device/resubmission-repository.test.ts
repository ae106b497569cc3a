import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGNATURE_MATERIAL_KEY } from '../domain/case-lifecycle';
import { CaseStateError, loadPhoto } from './case-repository';
import { closeDatabase, getDatabase } from './db';
import {
  addResubmissionPage,
  currentResubmission,
  deleteResubmissionPage,
  discardResubmission,
  observeResubmissionQueue,
  observeSupplementCases,
  openSupplement,
  resubmissionProblems,
  retakeResubmissionPage,
  saveResubmissionSignature,
  submitResubmission,
} from './resubmission-repository';
import { runSync } from './sync-run';
import { agentUser, firstValue, hashedPhoto } from './test-fixtures';
import { joinTownship, leaveTownship, sentCaseAwaitingSupplement, type TestTownship } from './test-township';

async function stored(id: string) {
  const record = await getDatabase().cases.get(id);
  if (!record) throw new Error(`case ${id} is gone`);
  return record;
}

const idCardItem = { materialKey: 'idCard', name: '申请人的身份证', note: '复印件不清晰' };
const letterItem = { materialKey: SIGNATURE_MATERIAL_KEY, name: '代办服务委托书', note: '签名与身份证不符' };

describe('answering a 补正 notice on the phone', () => {
  let township: TestTownship;

  beforeEach(async () => {
    township = await joinTownship();
  });
  afterEach(leaveTownship);

  it('a 补正 notice from the feed opens exactly the requested slots', async () => {
    const record = await sentCaseAwaitingSupplement(township, [idCardItem]);
    expect(await firstValue(observeSupplementCases(agentUser.id))).toEqual([]);

    expect(await runSync({ retry: { delaysMs: [] } })).toMatchObject({ outcome: 'done', pulled: 1 });

    const pulled = await stored(record.id);
    expect(pulled.remote).toMatchObject({ status: 'supplement', caseNumber: '999001-20260302-00001' });
    expect(openSupplement(pulled)).toEqual({
      round: 2,
      items: [idCardItem],
      note: '请补齐后重新提交',
      noticeNumber: 'BZ-999001-2026-0001',
    });
    const [listed, ...others] = await firstValue(observeSupplementCases(agentUser.id));
    expect(others).toEqual([]);
    expect(listed).toMatchObject({ id: record.id, resubmission: null, request: { round: 2 } });
    // Exactly the requested material is open: nothing else can be added, not even the 委托书.
    expect(resubmissionProblems(openSupplement(pulled)!, null)).toEqual([
      { where: 'materials', materialKey: 'idCard', name: '申请人的身份证', problem: 'NO_PAGES' },
    ]);
    await expect(addResubmissionPage(record.id, 'purchaseContract', await hashedPhoto(7))).rejects.toMatchObject({
      code: 'UNKNOWN_MATERIAL',
    });
    await expect(saveResubmissionSignature(record.id, new ArrayBuffer(8), '张三')).rejects.toMatchObject({
      code: 'UNKNOWN_MATERIAL',
    });
    // The first submission's sent pages are what they were, and not part of the answer.
    expect((await stored(record.id)).pages).toEqual(record.pages);
    expect(currentResubmission(await stored(record.id))).toBeNull();
  });

  it('a resubmission survives a restart', async () => {
    const record = await sentCaseAwaitingSupplement(township, [idCardItem, letterItem]);
    await runSync({ retry: { delaysMs: [] } });
    const page = await addResubmissionPage(record.id, 'idCard', await hashedPhoto(9));

    closeDatabase();

    const reopened = await stored(record.id);
    expect(reopened.resubmission).toMatchObject({ round: 2, status: 'draft', pages: [page], signature: null });
    expect(new Uint8Array((await loadPhoto(page.id))!.bytes)[0]).toBe(9);
    expect(resubmissionProblems(openSupplement(reopened)!, reopened.resubmission!)).toEqual([
      { where: 'signature', problem: 'SIGNATURE_MISSING' },
    ]);

    await saveResubmissionSignature(record.id, new Uint8Array([137, 80, 78, 71, 9]).buffer, '张三');
    expect(await submitResubmission(record.id)).toMatchObject({ ok: true });
    closeDatabase();

    const queued = await stored(record.id);
    expect(queued.resubmission).toMatchObject({ status: 'outbox', sync: { state: 'waiting' }, pages: [page] });
    expect(await loadPhoto(queued.resubmission!.signature!.imageId)).not.toBeNull();
    expect((await firstValue(observeResubmissionQueue(agentUser.id))).map((s) => s.id)).toEqual([record.id]);
    // Answered: the 补正 notice no longer waits among the unread ones.
    expect((await getDatabase().notices.toArray()).map((n) => [n.type, n.readAt !== null])).toEqual([
      ['supplement_requested', true],
    ]);
    // In the outbox the answer no longer changes on the phone.
    await expect(addResubmissionPage(record.id, 'idCard', await hashedPhoto(10))).rejects.toBeInstanceOf(
      CaseStateError,
    );
  });

  it('an incomplete answer stays a draft and lists everything it lacks at once', async () => {
    const record = await sentCaseAwaitingSupplement(township, [
      idCardItem,
      { materialKey: 'purchaseContract', name: '购房合同', note: '缺少最后一页' },
      letterItem,
    ]);
    await runSync({ retry: { delaysMs: [] } });
    await addResubmissionPage(record.id, 'purchaseContract', await hashedPhoto(11));

    const result = await submitResubmission(record.id);

    expect(result).toEqual({
      ok: false,
      problems: [
        { where: 'materials', materialKey: 'idCard', name: '申请人的身份证', problem: 'NO_PAGES' },
        { where: 'signature', problem: 'SIGNATURE_MISSING' },
      ],
    });
    expect((await stored(record.id)).resubmission?.status).toBe('draft');
  });

  it('retaking and deleting a page of the answer keeps only the photos it names', async () => {
    const record = await sentCaseAwaitingSupplement(township, [idCardItem]);
    await runSync({ retry: { delaysMs: [] } });
    const first = await addResubmissionPage(record.id, 'idCard', await hashedPhoto(12));
    const second = await addResubmissionPage(record.id, 'idCard', await hashedPhoto(13));
    const retaken = await retakeResubmissionPage(record.id, first.id, await hashedPhoto(14));
    await deleteResubmissionPage(record.id, second.id);

    const answer = (await stored(record.id)).resubmission!;
    expect(answer.pages).toEqual([{ ...retaken, order: 0 }]);
    expect(await getDatabase().photos.where('caseId').equals(record.id).primaryKeys()).toEqual([retaken.id]);
    expect(await getDatabase().thumbs.where('caseId').equals(record.id).primaryKeys()).toEqual([retaken.id]);
  });

  it('when the township refuses the case meanwhile, the unsent answer can be discarded with its photos', async () => {
    const record = await sentCaseAwaitingSupplement(township, [idCardItem]);
    await runSync({ retry: { delaysMs: [] } });
    await addResubmissionPage(record.id, 'idCard', await hashedPhoto(15));
    township.setStatus(record.id, 'rejected');
    township.record(record.id, 'rejected', { status: 'rejected', reason: '不符合提取条件', noticeNumber: 'BY-1' });
    await runSync({ retry: { delaysMs: [] } });

    const refused = await stored(record.id);
    expect(refused.remote).toMatchObject({ status: 'rejected', supplement: null });
    expect(openSupplement(refused)).toBeNull();
    expect(currentResubmission(refused)).toMatchObject({ status: 'draft' });
    expect(await firstValue(observeSupplementCases(agentUser.id))).toEqual([]);

    await discardResubmission(record.id);

    expect((await stored(record.id)).resubmission).toBeNull();
    expect(await getDatabase().photos.where('caseId').equals(record.id).count()).toBe(0);
  });
});
