import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECEIPT_ALPHABET } from '../domain/receipt-code';
import { saveCatalogue } from './catalogue-repository';
import {
  addPage,
  clearSignature,
  createDraft,
  deleteDraft,
  deletePage,
  loadCase,
  loadPhoto,
  movePage,
  pagesOf,
  retakePage,
  saveDraftOnHide,
  saveSignature,
  submitCase,
  updateDraft,
  type CaseWithItem,
  type CaseSummary,
  observeDrafts,
  observeOutbox,
  observeSetAside,
  returnToDrafts,
  CaseStateError,
} from './case-repository';
import { closeDatabase, getDatabase } from './db';
import { sha256Hex } from './sha256';
import { StorageFullError } from './storage';
import { agentUser, fakeProcessedPhoto, firstValue, housingFundItem, residentZhang } from './test-fixtures';

async function wipe(): Promise<void> {
  const db = getDatabase();
  await Promise.all([
    db.cases.clear(),
    db.photos.clear(),
    db.thumbs.clear(),
    db.itemVersions.clear(),
    db.catalogue.clear(),
  ]);
}

async function mustLoad(id: string): Promise<CaseWithItem> {
  const loaded = await loadCase(id);
  if (!loaded) throw new Error(`case ${id} is gone`);
  return loaded;
}

const signaturePng = (): ArrayBuffer => new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]).buffer;

describe('cases on the phone', () => {
  beforeEach(async () => {
    await wipe();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    closeDatabase();
  });

  it('a draft survives an app restart', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, { applicant: { ...residentZhang, phone: '1381234' } });
    await updateDraft(draft.id, { answers: { loanType: '银行贷款' } });
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));

    closeDatabase();

    const { record, item } = await mustLoad(draft.id);
    expect(record.status).toBe('draft');
    expect(record.applicant).toMatchObject({ name: '张三', phone: '1381234', villageId: 'village-1' });
    expect(record.answers).toEqual({ loanType: '银行贷款' });
    expect(record.pages).toHaveLength(1);
    expect(record.pages[0]).toMatchObject({ materialKey: 'idCard', order: 0, verification: 'pending' });
    expect(item.name).toBe(housingFundItem.name);
    const photo = await loadPhoto(record.pages[0]!.id);
    expect(new Uint8Array(photo!.bytes)[0]).toBe(1);
  });

  it('a new draft is for the resident of the agent’s own village', async () => {
    const draft = await createDraft(housingFundItem, agentUser);

    expect(draft.applicant.villageId).toBe(agentUser.village?.id);
    expect(draft.agentId).toBe(agentUser.id);
  });

  it('deleting a draft removes its photos', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    const other = await createDraft(housingFundItem, agentUser);
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(2));
    await saveSignature(draft.id, signaturePng(), '张三');
    await addPage(other.id, 'idCard', fakeProcessedPhoto(3));

    await deleteDraft(draft.id);

    const db = getDatabase();
    expect(await loadCase(draft.id)).toBeNull();
    expect(await db.photos.where('caseId').equals(draft.id).count()).toBe(0);
    expect(await db.thumbs.where('caseId').equals(draft.id).count()).toBe(0);
    expect(await db.photos.where('caseId').equals(other.id).count()).toBe(1);
    expect(await db.thumbs.where('caseId').equals(other.id).count()).toBe(1);
  });

  it('a case keeps the item version it was started under after the catalogue changes', async () => {
    await saveCatalogue({ version: 'c1', items: [housingFundItem] }, '"c1"');
    const draft = await createDraft(housingFundItem, agentUser);
    const version2 = {
      ...housingFundItem,
      version: 2,
      name: '住房公积金提取（测试，新版）',
      materials: [
        ...housingFundItem.materials,
        { ...housingFundItem.materials[0]!, key: 'extraForm', name: '新增的申请表' },
      ],
    };
    await saveCatalogue({ version: 'c2', items: [version2] }, '"c2"');

    await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '公积金贷款' } });
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));
    await saveSignature(draft.id, signaturePng(), '张三');

    const { item } = await mustLoad(draft.id);
    expect(item.version).toBe(1);
    expect(item.materials.map((m) => m.key)).not.toContain('extraForm');
    // Judged against version 1: the form version 2 added is not asked for.
    const result = await submitCase(draft.id);
    expect(result.ok).toBe(true);
  });

  it('a full disk leaves the draft as it was', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));
    await updateDraft(draft.id, { applicant: residentZhang });
    const before = await mustLoad(draft.id);
    const db = getDatabase();
    vi.spyOn(db.photos, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });

    const error: unknown = await addPage(draft.id, 'idCard', fakeProcessedPhoto(2)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StorageFullError);
    const after = await mustLoad(draft.id);
    expect(after.record).toEqual(before.record);
    expect(await db.photos.where('caseId').equals(draft.id).count()).toBe(1);
    expect(await db.thumbs.where('caseId').equals(draft.id).count()).toBe(1);
  });

  it('a full disk while typing keeps what was saved before', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, { applicant: residentZhang });
    const db = getDatabase();
    vi.spyOn(db.cases, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });

    const error: unknown = await updateDraft(draft.id, { applicant: { ...residentZhang, name: '李四' } }).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    expect((await mustLoad(draft.id)).record.applicant.name).toBe('张三');
  });

  it('what was typed as the page is hidden is written in one go, and unlinks a signature it invalidates', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, { applicant: residentZhang });
    await saveSignature(draft.id, signaturePng(), '张三');
    const snapshot = (await mustLoad(draft.id)).record;

    await saveDraftOnHide(snapshot, { applicant: { ...residentZhang, name: '李四' } });

    const { record } = await mustLoad(draft.id);
    expect(record.applicant.name).toBe('李四');
    expect(record.signature).toBeNull();
    expect(await loadPhoto(snapshot.signature!.imageId)).toBeNull();
  });

  it('a page-hide write of a case no longer in drafting changes nothing', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    const snapshot = { ...draft, status: 'outbox' as const };

    await saveDraftOnHide(snapshot, { answers: { loanType: '银行贷款' } });

    expect((await mustLoad(draft.id)).record.answers).toEqual({});
  });

  it('submit refuses while anything is missing and lists it all', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, {
      applicant: { ...residentZhang, idNumber: '110105194912310021', phone: '12345' },
      answers: { loanType: '银行贷款' },
    });

    const result = await submitCase(draft.id);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { where: 'applicant', field: 'idNumber', problem: 'ID_CHECK_CHAR' },
      { where: 'applicant', field: 'phone', problem: 'PHONE_INVALID' },
      { where: 'materials', materialKey: 'idCard', name: '申请人的身份证', problem: 'NO_PAGES' },
      { where: 'materials', materialKey: 'purchaseContract', name: '购房合同', problem: 'NO_PAGES' },
      { where: 'signature', problem: 'SIGNATURE_MISSING' },
    ]);
    const { record } = await mustLoad(draft.id);
    expect(record.status).toBe('draft');
    expect(record.receiptCode).toBeNull();
  });

  it('a complete case moves to the outbox with a receipt code and a tracking secret', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, {
      applicant: { ...residentZhang, idNumber: '11010519491231002x ' },
      answers: { loanType: '银行贷款' },
    });
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));
    await addPage(draft.id, 'purchaseContract', fakeProcessedPhoto(2));
    await saveSignature(draft.id, signaturePng(), '张三');

    const result = await submitCase(draft.id, new Date('2026-03-02T02:00:00.000Z'));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { record } = result;
    expect(record.status).toBe('outbox');
    expect(record.receiptCode).toMatch(new RegExp(`^[${RECEIPT_ALPHABET}]{4}-[${RECEIPT_ALPHABET}]{4}$`));
    expect(record.trackSecret).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(record.submittedAt).toBe('2026-03-02T02:00:00.000Z');
    expect(record.applicant.idNumber).toBe('11010519491231002X');
    await expect(updateDraft(draft.id, { answers: {} })).rejects.toBeInstanceOf(CaseStateError);
    await expect(deleteDraft(draft.id)).rejects.toBeInstanceOf(CaseStateError);
  });

  it('photos of a material the answers no longer need are not sent', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '银行贷款' } });
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));
    const contract = await addPage(draft.id, 'purchaseContract', fakeProcessedPhoto(2));
    await saveSignature(draft.id, signaturePng(), '张三');
    await updateDraft(draft.id, { answers: { loanType: '公积金贷款' } });

    const result = await submitCase(draft.id);

    expect(result.ok && result.record.pages.map((p) => p.materialKey)).toEqual(['idCard']);
    expect(await loadPhoto(contract.id)).toBeNull();
  });

  it('pages are reordered, retaken and deleted without leaving stray photos', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    const front = await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));
    const back = await addPage(draft.id, 'idCard', fakeProcessedPhoto(2));
    const third = await addPage(draft.id, 'idCard', fakeProcessedPhoto(3));

    await movePage(draft.id, third.id, -1);
    let pages = pagesOf((await mustLoad(draft.id)).record, 'idCard');
    expect(pages.map((p) => p.id)).toEqual([front.id, third.id, back.id]);

    await movePage(draft.id, front.id, -1);
    pages = pagesOf((await mustLoad(draft.id)).record, 'idCard');
    expect(pages.map((p) => p.id)).toEqual([front.id, third.id, back.id]);

    const retaken = await retakePage(draft.id, third.id, fakeProcessedPhoto(9));
    pages = pagesOf((await mustLoad(draft.id)).record, 'idCard');
    expect(pages.map((p) => p.id)).toEqual([front.id, retaken.id, back.id]);
    expect(retaken.sha256).toBe(fakeProcessedPhoto(9).sha256);
    expect(await loadPhoto(third.id)).toBeNull();

    await deletePage(draft.id, front.id);
    pages = pagesOf((await mustLoad(draft.id)).record, 'idCard');
    expect(pages.map((p) => [p.id, p.order])).toEqual([
      [retaken.id, 0],
      [back.id, 1],
    ]);
    const db = getDatabase();
    expect((await db.photos.toArray()).map((p) => p.id).sort()).toEqual([retaken.id, back.id].sort());
    expect((await db.thumbs.toArray()).map((p) => p.id).sort()).toEqual([retaken.id, back.id].sort());
  });

  it('the signature is kept as a PNG with its hash, and changing who signs asks for a new one', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, { applicant: residentZhang });
    const png = signaturePng();
    await saveSignature(draft.id, png, '张三');

    const { record } = await mustLoad(draft.id);
    expect(record.signature).toMatchObject({ signerName: '张三', sha256: await sha256Hex(png) });
    const stored = await loadPhoto(record.signature!.imageId);
    expect(stored).toMatchObject({ type: 'image/png', size: png.byteLength, sha256: await sha256Hex(png) });

    await updateDraft(draft.id, { applicant: { ...residentZhang, phone: '13900001111' } });
    expect((await mustLoad(draft.id)).record.signature).not.toBeNull();

    await updateDraft(draft.id, { applicant: { ...residentZhang, name: '张山' } });
    expect((await mustLoad(draft.id)).record.signature).toBeNull();
    expect(await loadPhoto(record.signature!.imageId)).toBeNull();

    await saveSignature(draft.id, png, '张山');
    await clearSignature(draft.id);
    expect((await mustLoad(draft.id)).record.signature).toBeNull();
    expect(await getDatabase().photos.count()).toBe(0);
  });

  it('the home lists the agent’s drafts and outbox, newest first', async () => {
    const older = await createDraft(housingFundItem, agentUser, new Date('2026-03-01T01:00:00Z'));
    const newer = await createDraft(housingFundItem, agentUser, new Date('2026-03-01T02:00:00Z'));
    await createDraft(housingFundItem, { id: 'someone-else', village: null });
    await updateDraft(older.id, { applicant: { name: '王五' } }, new Date('2026-03-01T00:30:00Z'));

    const drafts: CaseSummary[] = await firstValue(observeDrafts(agentUser.id));
    expect(drafts.map((d) => d.id)).toEqual([newer.id, older.id]);
    expect(drafts[1]).toMatchObject({ itemName: housingFundItem.name, applicantName: '王五' });
    expect(await firstValue(observeOutbox(agentUser.id))).toEqual([]);
  });

  it('a case the township refused goes back to the drafts with the receipt the resident already holds', async () => {
    const draft = await createDraft(housingFundItem, agentUser);
    await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '银行贷款' } });
    await addPage(draft.id, 'idCard', fakeProcessedPhoto(1));
    await addPage(draft.id, 'purchaseContract', fakeProcessedPhoto(2));
    await saveSignature(draft.id, signaturePng(), '张三');
    const submitted = await submitCase(draft.id);
    if (!submitted.ok) throw new Error('the case did not submit');
    await expect(returnToDrafts(draft.id)).rejects.toBeInstanceOf(CaseStateError);

    await getDatabase().cases.update(draft.id, {
      sync: {
        state: 'set-aside',
        bytesSent: 0,
        bytesTotal: 10,
        error: { code: 'CASE_INVALID', message: 'invalid', at: '2026-03-02T02:00:00.000Z' },
      },
    });
    expect((await firstValue(observeSetAside(agentUser.id))).map((c) => c.id)).toEqual([draft.id]);

    await returnToDrafts(draft.id);
    const back = (await mustLoad(draft.id)).record;
    expect(back).toMatchObject({ status: 'draft', sync: null, receiptCode: submitted.record.receiptCode });
    expect(await firstValue(observeSetAside(agentUser.id))).toEqual([]);
    expect(await getDatabase().photos.where('caseId').equals(draft.id).count()).toBe(3);

    const again = await submitCase(draft.id);
    expect(again.ok && again.record.receiptCode).toBe(submitted.record.receiptCode);
    expect(again.ok && again.record.trackSecret).toBe(submitted.record.trackSecret);
  });
});
