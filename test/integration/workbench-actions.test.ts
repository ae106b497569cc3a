import { afterEach, describe, expect, it } from 'vitest';
import { caseReceiptSchema } from '../../src/domain/case-submission';
import { newId } from '../../src/domain/ids';
import { dialects, startTestApp, type TestApp } from './harness';
import {
  ADMIN,
  AGENT,
  AGENT_2,
  CLERK_MZ,
  CLERK_SB,
  OTHER_CLERK,
  addOtherTownship,
  apiAs,
  chinaTime,
  completeCase,
  housingFund,
  pageOf,
  problemOf,
  signatureOf,
  tokenFor,
  type Photos,
} from './workbench-fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(dialects)('clerks deciding cases at the window on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** 示范镇 on Monday 2026-03-02, 10:00 China time, with 张建国's phone and 李娜 at 民政办. */
  async function setup() {
    t = await startTestApp(dialect);
    t.clock.now = chinaTime('2026-03-02 10:00');
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const li = apiAs(t.app, await tokenFor(t.app, CLERK_MZ));
    return { t, app: t.app, agent, li };
  }

  it('受理 sets the promised completion date 20 working days after the day of acceptance', async () => {
    const { t, agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    const before = await li.detail(receipt.id);
    expect(before.status).toBe('received');
    expect(before.deadline).toEqual({
      kind: 'accept_by',
      date: '2026-03-09',
      remainingWorkingDays: 5,
      unloadedYears: [],
    });
    expect(before.actions).toEqual(['accept', 'request_supplement', 'reject', 'transfer']);

    t.clock.advance(DAY_MS);
    const accepted = await li.act(receipt.id, { type: 'accept', note: '材料齐全' });
    expect(accepted).toMatchObject({
      status: 'accepted',
      version: before.version + 1,
      acceptedAt: t.clock.now.toISOString(),
      dueDate: '2026-03-31',
      deadline: { kind: 'due', date: '2026-03-31', remainingWorkingDays: 20, unloadedYears: [] },
      actions: ['complete', 'suspend', 'extend', 'transfer'],
    });
    expect(accepted.timeline.at(-1)).toMatchObject({
      type: 'accepted',
      actorName: '李娜',
      payload: { deemed: false, noticeNumber: '999001-受-2026-1', dueDate: '2026-03-31', note: '材料齐全' },
    });
  });

  it('a 即办件 is due the day it is accepted', async () => {
    const { t, agent } = await setup();
    const chen = apiAs(t.app, await tokenFor(t.app, CLERK_SB));
    const receipt = await agent.submit(completeCase(housingFund).submission);
    const accepted = await chen.act(receipt.id, { type: 'accept', note: '' });
    expect(accepted.dueDate).toBe('2026-03-02');
    expect(accepted.deadline).toMatchObject({ kind: 'due', date: '2026-03-02', remainingWorkingDays: 0 });
  });

  it('补正 lists every material in one notice; resubmitting just those pages brings the case back as round 2 with a new Art. 32 date', async () => {
    const { t, agent, li } = await setup();
    const first = completeCase();
    const receipt = await agent.submit(first.submission);
    const notice = await li.act(receipt.id, {
      type: 'request_supplement',
      items: [
        { materialKey: 'idCard', note: '身份证反面不清晰' },
        { materialKey: '__signature', note: '委托书未按手印' },
      ],
      note: '请一次补齐',
    });
    expect(notice).toMatchObject({ status: 'supplement', round: 1, deadline: null, actions: ['reject', 'transfer'] });
    expect(notice.supplement).toEqual({
      round: 2,
      items: [
        { materialKey: 'idCard', note: '身份证反面不清晰', name: '申请人居民身份证' },
        { materialKey: '__signature', note: '委托书未按手印', name: '代办服务委托书（申请人签字）' },
      ],
      note: '请一次补齐',
      noticeNumber: '999001-补-2026-1',
    });
    const feed = await agent.changes();
    expect(feed.at(-1)).toMatchObject({
      type: 'supplement_requested',
      payload: { status: 'supplement', round: 2, noticeNumber: '999001-补-2026-1' },
    });

    t.clock.now = chinaTime('2026-03-04 15:30');
    const photos: Photos = new Map();
    const round2 = {
      pages: [pageOf('idCard', photos, 0), pageOf('idCard', photos, 1)],
      signature: { ...signatureOf(photos), signerName: '王秀英' },
      submittedAt: '2026-03-04T07:20:00.000Z',
    };
    const res = await agent.resubmit(receipt.id, 2, round2);
    expect(res.statusCode, res.body).toBe(200);
    const again = caseReceiptSchema.parse(res.json());
    const total = first.submission.pages.length + 1 + 3;
    expect(again).toMatchObject({
      id: receipt.id,
      caseNumber: receipt.caseNumber,
      status: 'received',
      receivedAt: t.clock.now.toISOString(),
      materials: { verified: 0, total },
    });

    const back = await li.detail(receipt.id);
    expect(back).toMatchObject({ status: 'received', round: 2, supplement: null });
    expect(back.deadline).toMatchObject({ kind: 'accept_by', date: '2026-03-11' });
    expect(back.pages.filter((p) => p.round === 2).map((p) => p.materialKey)).toEqual(['idCard', 'idCard']);
    expect(back.signature?.imageId).toBe(round2.signature.imageId);
    expect(back.timeline.map((e) => [e.type, e.actorName])).toEqual([
      ['received', '张建国'],
      ['supplement_requested', '李娜'],
      ['resubmitted', '张建国'],
    ]);
    expect(back.timeline.at(-1)?.payload).toEqual({ status: 'received', round: 2, pages: 3 });
    const queue = await li.queue({ tab: 'received' });
    expect(queue.rows.find((r) => r.id === receipt.id)).toMatchObject({ round: 2, materials: { stored: 0, total } });
  });

  it('a lost response on resubmission makes one round: the same body again answers the same receipt', async () => {
    const { t, agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    await li.act(receipt.id, {
      type: 'request_supplement',
      items: [{ materialKey: 'hukou', note: '缺本人页' }],
      note: '',
    });
    const photos: Photos = new Map();
    const body = { pages: [pageOf('hukou', photos)], signature: null, submittedAt: '2026-03-02T03:00:00.000Z' };
    const first = await agent.resubmit(receipt.id, 2, body);
    t.clock.advance(60_000);
    const second = await agent.resubmit(receipt.id, 2, body);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.json()).toEqual(first.json());

    // Even after the clerk moved the case on, the repeat is still answered with the receipt.
    await li.act(receipt.id, { type: 'accept', note: '' });
    const late = await agent.resubmit(receipt.id, 2, body);
    expect(late.statusCode).toBe(200);
    expect(caseReceiptSchema.parse(late.json()).status).toBe('accepted');

    const db = t.app.db.kysely;
    expect(await db.selectFrom('case_rounds').select('round').where('case_id', '=', receipt.id).execute()).toHaveLength(
      1,
    );
    const events = await db.selectFrom('case_events').select('type').where('case_id', '=', receipt.id).execute();
    expect(events.filter((e) => e.type === 'resubmitted')).toHaveLength(1);
  });

  it('a different body for a round already received is a conflict, never an overwrite', async () => {
    const { agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    await li.act(receipt.id, {
      type: 'request_supplement',
      items: [{ materialKey: 'hukou', note: '缺本人页' }],
      note: '',
    });
    const photos: Photos = new Map();
    const body = { pages: [pageOf('hukou', photos)], signature: null, submittedAt: '2026-03-02T03:00:00.000Z' };
    expect((await agent.resubmit(receipt.id, 2, body)).statusCode).toBe(200);
    const other = await agent.resubmit(receipt.id, 2, { ...body, pages: [pageOf('hukou', photos)] });
    expect(other.statusCode).toBe(409);
    expect(problemOf(other).code).toBe('CONFLICT');
    const detail = await li.detail(receipt.id);
    expect(detail.pages.filter((p) => p.round === 2).map((p) => p.pageId)).toEqual([body.pages[0]?.id]);
  });

  it('resubmitting a material that was not asked for, or leaving one out, is 422 with each problem named', async () => {
    const { t, agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    await li.act(receipt.id, {
      type: 'request_supplement',
      items: [
        { materialKey: 'idCard', note: '反面' },
        { materialKey: 'hukou', note: '本人页' },
      ],
      note: '',
    });
    const photos: Photos = new Map();
    const res = await agent.resubmit(receipt.id, 2, {
      pages: [pageOf('idCard', photos), pageOf('applicationForm', photos)],
      signature: signatureOf(photos),
      submittedAt: '2026-03-02T03:00:00.000Z',
    });
    expect(res.statusCode).toBe(422);
    const problem = problemOf(res);
    expect(problem.code).toBe('CASE_INVALID');
    expect(problem.problems).toEqual([
      { where: 'materials', materialKey: 'hukou', problem: 'NO_PAGES' },
      { where: 'materials', materialKey: 'applicationForm', problem: 'NOT_REQUESTED' },
      { where: 'materials', materialKey: '__signature', problem: 'NOT_REQUESTED' },
    ]);
    expect((await li.detail(receipt.id)).status).toBe('supplement');

    const wrongRound = await agent.resubmit(receipt.id, 3, {
      pages: [],
      signature: null,
      submittedAt: '2026-03-02T03:00:00.000Z',
    });
    expect(problemOf(wrongRound).code).toBe('ACTION_NOT_ALLOWED');
    const someoneElse = apiAs(t.app, await tokenFor(t.app, AGENT_2));
    const stranger = await someoneElse.resubmit(receipt.id, 2, {
      pages: [pageOf('idCard', photos), pageOf('hukou', photos)],
      signature: null,
      submittedAt: '2026-03-02T03:00:00.000Z',
    });
    expect(stranger.statusCode).toBe(404);
  });

  it('two clerks on one case: the second decision gets 409 CASE_CHANGED and only the first one stands', async () => {
    const { t, agent, li } = await setup();
    const wang = apiAs(t.app, await tokenFor(t.app, ADMIN));
    const receipt = await agent.submit(completeCase().submission);
    const seen = await li.detail(receipt.id);
    expect((await li.actRes(receipt.id, seen.version, { type: 'accept', note: '' })).statusCode).toBe(200);
    const late = await wang.actRes(receipt.id, seen.version, { type: 'reject', reason: '不符合条件' });
    expect(late.statusCode).toBe(409);
    expect(problemOf(late).code).toBe('CASE_CHANGED');
    const detail = await wang.detail(receipt.id);
    expect(detail.status).toBe('accepted');
    expect(detail.timeline.map((e) => e.type)).toEqual(['received', 'accepted']);

    // At the same instant: exactly one of two decisions on the same version wins.
    const other = await agent.submit(completeCase().submission);
    const v = (await li.detail(other.id)).version;
    const results = await Promise.all([
      li.actRes(other.id, v, { type: 'accept', note: '' }),
      wang.actRes(other.id, v, { type: 'reject', reason: '材料不实' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const decided = await li.detail(other.id);
    expect(decided.version).toBe(v + 1);
    expect(decided.timeline.filter((e) => e.type !== 'received')).toHaveLength(1);
  });

  it('a clerk of another window is refused, and a clerk of another township is told the case does not exist', async () => {
    const { t, agent } = await setup();
    await addOtherTownship(t.app);
    const receipt = await agent.submit(completeCase().submission);
    const chen = apiAs(t.app, await tokenFor(t.app, CLERK_SB));
    const sun = apiAs(t.app, await tokenFor(t.app, OTHER_CLERK));
    expect((await chen.detailRes(receipt.id)).statusCode).toBe(403);
    expect((await chen.actRes(receipt.id, 1, { type: 'accept', note: '' })).statusCode).toBe(403);
    for (const res of [
      await sun.detailRes(receipt.id),
      await sun.actRes(receipt.id, 1, { type: 'accept', note: '' }),
      await sun.post(`/api/workbench/cases/${receipt.id}/reveal`, { field: 'idNumber' }),
      await sun.detailRes(newId()),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(problemOf(res).code).toBe('NOT_FOUND');
    }
    expect((await agent.detailRes(receipt.id)).statusCode).toBe(403);
    const unchanged = await apiAs(t.app, await tokenFor(t.app, CLERK_MZ)).detail(receipt.id);
    expect(unchanged).toMatchObject({ status: 'received', version: 1 });
  });

  it('不予受理 needs a reason the resident is told, and closes the case with a numbered decision', async () => {
    const { agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    const noReason = await li.actRes(receipt.id, 1, { type: 'reject', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(problemOf(noReason)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'action.reason' });
    const rejected = await li.act(receipt.id, { type: 'reject', reason: '申请人未满80周岁' });
    expect(rejected).toMatchObject({ status: 'rejected', deadline: null, actions: [] });
    expect(rejected.closedAt).not.toBeNull();
    expect(rejected.timeline.at(-1)?.payload).toMatchObject({
      reason: '申请人未满80周岁',
      noticeNumber: '999001-不-2026-1',
    });
    const after = await li.actRes(receipt.id, rejected.version, { type: 'accept', note: '' });
    expect(after.statusCode).toBe(409);
    expect(problemOf(after).code).toBe('ACTION_NOT_ALLOWED');
  });

  it('a 补正 notice may only name materials of the item, each once', async () => {
    const { agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    const unknown = await li.actRes(receipt.id, 1, {
      type: 'request_supplement',
      items: [{ materialKey: 'passport', note: '护照' }],
      note: '',
    });
    expect(problemOf(unknown)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'action.items.0.materialKey' });
    const twice = await li.actRes(receipt.id, 1, {
      type: 'request_supplement',
      items: [
        { materialKey: 'idCard', note: '正面' },
        { materialKey: 'idCard', note: '反面' },
      ],
      note: '',
    });
    expect(problemOf(twice)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'action.items.1.materialKey' });
    expect((await li.detail(receipt.id)).version).toBe(1);
  });

  it('挂起 pauses the clock: on resuming, the due date moves by the working days paused; 延期 adds its days past the 清明 break', async () => {
    const { t, agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    expect((await li.act(receipt.id, { type: 'accept', note: '' })).dueDate).toBe('2026-03-30');
    t.clock.now = chinaTime('2026-03-03 09:00');
    const paused = await li.act(receipt.id, { type: 'suspend', kind: 'special_procedure', reason: '入户核查' });
    expect(paused).toMatchObject({
      status: 'suspended',
      deadline: null,
      dueDate: '2026-03-30',
      actions: ['resume', 'transfer'],
    });
    t.clock.now = chinaTime('2026-03-06 16:00');
    const resumed = await li.act(receipt.id, { type: 'resume', note: '核查完毕' });
    expect(resumed).toMatchObject({
      status: 'accepted',
      dueDate: '2026-04-02',
      deadline: { kind: 'due', date: '2026-04-02' },
    });
    expect(resumed.timeline.at(-1)?.payload).toMatchObject({ pausedWorkingDays: 3, dueDate: '2026-04-02' });
    // Apr 3 (Fri) is a working day; Apr 4–6 is 清明, so the second day is Tuesday Apr 7.
    const extended = await li.act(receipt.id, { type: 'extend', days: 2, reason: '需县民政局会审' });
    expect(extended).toMatchObject({ dueDate: '2026-04-07', deadline: { date: '2026-04-07' } });
  });

  it('转办 moves the case to another window of the township, where that window’s clerk takes it up', async () => {
    const { t, agent, li } = await setup();
    const chen = apiAs(t.app, await tokenFor(t.app, CLERK_SB));
    const receipt = await agent.submit(completeCase().submission);
    const nowhere = await li.actRes(receipt.id, 1, { type: 'transfer', windowCode: 'XX', note: '' });
    expect(problemOf(nowhere)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'action.windowCode' });
    const same = await li.actRes(receipt.id, 1, { type: 'transfer', windowCode: 'MZ', note: '' });
    expect(problemOf(same)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'action.windowCode' });

    const moved = await li.act(receipt.id, { type: 'transfer', windowCode: 'SB', note: '属社保业务' });
    expect(moved).toMatchObject({ windowCode: 'SB', status: 'received', actions: [] });
    // The agent reads the window's name, not its code.
    expect(moved.timeline.at(-1)?.payload).toMatchObject({ toWindow: 'SB', toWindowName: '社保所' });
    expect((await li.detailRes(receipt.id)).statusCode).toBe(403);
    expect((await li.queue()).rows.map((r) => r.id)).not.toContain(receipt.id);
    expect((await chen.queue()).rows.map((r) => r.id)).toContain(receipt.id);
    expect((await chen.act(receipt.id, { type: 'accept', note: '' })).status).toBe('accepted');
  });

  it("every decision reaches the agent's change feed in order, each with the status it leaves", async () => {
    const { t, agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    await li.act(receipt.id, { type: 'accept', note: '' });
    await li.act(receipt.id, { type: 'suspend', kind: 'other', reason: '等待公示' });
    t.clock.advance(2 * DAY_MS);
    await li.act(receipt.id, { type: 'resume', note: '' });
    await li.act(receipt.id, { type: 'extend', days: 5, reason: '负责人批准延长' });
    await li.act(receipt.id, { type: 'transfer', windowCode: 'WJ', note: '' });
    await li.act(receipt.id, {
      type: 'complete',
      outcome: 'approved',
      resultName: '高龄津贴审批结果',
      resultNumber: 'GL-001',
      note: '',
    });
    const feed = (await agent.changes()).filter((c) => c.caseId === receipt.id);
    expect(feed.map((c) => [c.type, c.payload.status])).toEqual([
      ['received', 'received'],
      ['accepted', 'accepted'],
      ['suspended', 'suspended'],
      ['resumed', 'accepted'],
      ['extended', 'accepted'],
      ['transferred', 'accepted'],
      ['completed', 'completed_approved'],
    ]);
    expect(feed.map((c) => c.seq)).toEqual([...feed.map((c) => c.seq)].sort((a, b) => a - b));
    expect(feed.at(-1)?.payload).toMatchObject({
      outcome: 'approved',
      resultName: '高龄津贴审批结果',
      resultNumber: 'GL-001',
    });
    expect(feed[5]?.payload).toMatchObject({ fromWindow: 'MZ', toWindow: 'WJ' });
  });
});
