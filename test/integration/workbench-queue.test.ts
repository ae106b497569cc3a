import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids';
import { QUEUE_COUNT_CAP, caseDetailSchema, casePageViewSchema } from '../../src/domain/workbench';
import { calendarResponseSchema } from '../../src/domain/calendar-api';
import { revealLogSchema } from '../../src/server/routes/workbench';
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
  elderlyAllowance,
  housingFund,
  problemOf,
  tokenFor,
} from './workbench-fixtures';

describe.each(dialects)("the township workbench's queue and case view on %s", (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await startTestApp(dialect);
    t.clock.now = chinaTime('2026-03-02 10:00');
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const li = apiAs(t.app, await tokenFor(t.app, CLERK_MZ));
    return { t, app: t.app, agent, li };
  }

  async function userByPhone(phone: string) {
    return t!.app.db.kysely
      .selectFrom('users')
      .select(['id', 'village_id'])
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
  }

  it('each tab lists its cases, and every tab is counted, for the windows the clerk works', async () => {
    const { t, agent, li } = await setup();
    const a = await agent.submit(completeCase().submission);
    t.clock.advance(60_000);
    const a2 = await agent.submit(completeCase().submission);
    const b = await agent.submit(completeCase().submission);
    const c = await agent.submit(completeCase().submission);
    const d = await agent.submit(completeCase().submission);
    const sb = await agent.submit(completeCase(housingFund).submission);
    await li.act(b.id, { type: 'request_supplement', items: [{ materialKey: 'hukou', note: '缺' }], note: '' });
    await li.act(c.id, { type: 'accept', note: '' });
    await li.act(d.id, { type: 'reject', reason: '不符合条件' });

    const received = await li.queue();
    expect(received.counts).toEqual({ received: 2, supplement: 1, handling: 1, due_soon: 0, overdue: 0, closed: 1 });
    expect(received).toMatchObject({ total: 2, today: '2026-03-02' });
    expect(received.rows.map((r) => r.id)).toEqual([a.id, a2.id]);
    expect(received.rows[0]).toMatchObject({
      caseNumber: a.caseNumber,
      status: 'received',
      windowCode: 'MZ',
      itemCode: elderlyAllowance.code,
      itemName: '高龄津贴（补贴）申领',
      villageName: '东坡村',
      agentName: '张建国',
      applicantName: '王秀英',
      deadline: { kind: 'accept_by', date: '2026-03-09', remainingWorkingDays: 5, unloadedYears: [] },
      materials: { stored: 0, total: 4 },
      version: 1,
    });
    expect((await li.queue({ tab: 'supplement' })).rows.map((r) => [r.id, r.deadline])).toEqual([[b.id, null]]);
    expect((await li.queue({ tab: 'handling' })).rows.map((r) => r.id)).toEqual([c.id]);
    expect((await li.queue({ tab: 'closed' })).rows.map((r) => [r.id, r.status])).toEqual([[d.id, 'rejected']]);

    const page2 = await li.queue({ pageSize: 1, page: 2 });
    expect(page2).toMatchObject({ total: 2, rows: [{ id: a2.id }] });

    const chen = apiAs(t.app, await tokenFor(t.app, CLERK_SB));
    expect((await chen.queue()).rows.map((r) => r.id)).toEqual([sb.id]);
    const wang = apiAs(t.app, await tokenFor(t.app, ADMIN));
    expect((await wang.queue()).counts.received).toBe(3);
  });

  it('办理中 and 已办结 read the clerk’s two windows as one list, in deadline and closing order', async () => {
    const { t, agent, li } = await setup();
    const submit = async () => {
      t.clock.advance(60_000);
      return agent.submit(completeCase().submission);
    };
    const [early, late, paused, gone1, gone2, gone3] = [
      await submit(),
      await submit(),
      await submit(),
      await submit(),
      await submit(),
      await submit(),
    ];
    for (const c of [early, late, paused]) await li.act(c.id, { type: 'accept', note: '' });
    await li.act(paused.id, { type: 'suspend', kind: 'special_procedure', reason: '入户核查' });
    // The later one moves to 卫健办 and is extended: it stays behind the earlier due date of 民政办's.
    await li.act(late.id, { type: 'extend', days: 5, reason: '负责人批准延长' });
    await li.act(late.id, { type: 'transfer', windowCode: 'WJ', note: '' });
    await li.act(gone1.id, { type: 'reject', reason: '不符合条件' });
    t.clock.advance(1000);
    await li.act(gone2.id, { type: 'transfer', windowCode: 'WJ', note: '' });
    await li.act(gone2.id, { type: 'reject', reason: '不符合条件' });
    t.clock.advance(1000);
    await li.act(gone3.id, { type: 'reject', reason: '不符合条件' });

    const handling = await li.queue({ tab: 'handling' });
    expect(handling.rows.map((r) => [r.id, r.windowCode])).toEqual([
      [early.id, 'MZ'],
      [late.id, 'WJ'],
      [paused.id, 'MZ'],
    ]);
    const closed = await li.queue({ tab: 'closed' });
    expect(closed.rows.map((r) => [r.id, r.windowCode])).toEqual([
      [gone3.id, 'MZ'],
      [gone2.id, 'WJ'],
      [gone1.id, 'MZ'],
    ]);
    const second = await li.queue({ tab: 'closed', pageSize: 1, page: 2 });
    expect(second).toMatchObject({ total: 3, hasMore: true, rows: [{ id: gone2.id }] });
  });

  it('filters by window, village, item, agent and date of receipt (China dates), and searches 办件编号 and names', async () => {
    const { t, agent, li } = await setup();
    const zhang = await userByPhone(AGENT);
    const liu = await userByPhone(AGENT_2);
    const neighbour = apiAs(t.app, await tokenFor(t.app, AGENT_2));
    const first = await agent.submit(completeCase(elderlyAllowance, { name: '王秀英' }).submission);
    // 2026-03-03 00:30 in China is still 2026-03-02 in UTC: it counts as received on the 3rd.
    t.clock.now = chinaTime('2026-03-03 00:30');
    const second = await neighbour.submit(completeCase(elderlyAllowance, { name: '李四' }).submission);
    t.clock.advance(1000);
    const third = await agent.submit(completeCase(elderlyAllowance, { name: '张三丰' }).submission);
    const ids = async (query: Record<string, string>) => (await li.queue(query)).rows.map((r) => r.id);

    expect(await ids({ window: 'MZ' })).toEqual([first.id, second.id, third.id]);
    expect(await ids({ window: 'WJ' })).toEqual([]);
    const notMine = await li.queueRes({ window: 'SB' });
    expect(notMine.statusCode).toBe(403);
    expect(problemOf(notMine).code).toBe('FORBIDDEN');
    expect(await ids({ village: liu.village_id ?? '' })).toEqual([second.id]);
    expect(await ids({ agent: zhang.id })).toEqual([first.id, third.id]);
    expect(await ids({ item: elderlyAllowance.code })).toHaveLength(3);
    expect(await ids({ item: housingFund.code })).toEqual([]);
    expect(await ids({ from: '2026-03-03' })).toEqual([second.id, third.id]);
    expect(await ids({ to: '2026-03-02' })).toEqual([first.id]);
    expect(await ids({ from: '2026-03-02', to: '2026-03-02' })).toEqual([first.id]);

    expect(await ids({ q: second.caseNumber.slice(-14) })).toEqual([second.id]);
    expect(await ids({ q: '李四' })).toEqual([second.id]);
    expect(await ids({ q: '三丰' })).toEqual([third.id]);
    expect(await ids({ q: '%' })).toEqual([]);
    expect(await ids({ q: '_' })).toEqual([]);
    const filtered = await li.queue({ q: '王秀英' });
    expect(filtered.counts).toMatchObject({ received: 1, closed: 0 });
  });

  it('a search matching thousands of cases still answers: counted to 1000+, paged to the last one', async () => {
    const { t, agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    const db = t.app.db.kysely;
    const template = await db.selectFrom('cases').selectAll().where('id', '=', receipt.id).executeTakeFirstOrThrow();
    const copies = Array.from({ length: 2100 }, (_, n) => ({
      ...template,
      id: newId(),
      case_number: `${template.case_number}-${String(n)}`,
      receipt_code: `${template.receipt_code}${String(n)}`,
    }));
    for (let i = 0; i < copies.length; i += 300) {
      await db
        .insertInto('cases')
        .values(copies.slice(i, i + 300))
        .execute();
    }
    const found = await li.queue({ q: template.case_number, pageSize: 10 });
    expect(found.counts.received).toBe(QUEUE_COUNT_CAP + 1);
    expect(found.total).toBe(QUEUE_COUNT_CAP + 1);
    expect(found.rows).toHaveLength(10);
    expect(found.hasMore).toBe(true);
    const last = await li.queue({ q: template.case_number, pageSize: 50, page: 43 });
    expect(last.rows).toHaveLength(1);
    expect(last.hasMore).toBe(false);
    const whole = await li.queue({ pageSize: 200, page: 11 });
    expect(whole.rows).toHaveLength(101);
    expect(whole.hasMore).toBe(false);
    expect((await li.queue({ q: `${template.case_number}-2099` })).rows).toHaveLength(1);
  });

  it('即将到期 and 已超期 follow the clock in working days', async () => {
    const { t, agent, li } = await setup();
    const waiting = await agent.submit(completeCase().submission);
    const accepted = await agent.submit(completeCase().submission);
    await li.act(accepted.id, { type: 'accept', note: '' }); // due 2026-03-30
    expect((await li.queue()).counts).toMatchObject({ due_soon: 0, overdue: 0 });

    t.clock.now = chinaTime('2026-03-05 09:00');
    const soon = await li.queue({ tab: 'due_soon' });
    expect(soon.rows.map((r) => [r.id, r.deadline?.remainingWorkingDays])).toEqual([[waiting.id, 2]]);
    expect(soon.counts).toMatchObject({ due_soon: 1, overdue: 0 });

    t.clock.now = chinaTime('2026-03-10 09:00');
    const late = await li.queue({ tab: 'overdue' });
    expect(late.rows.map((r) => [r.id, r.deadline?.date, r.deadline?.remainingWorkingDays])).toEqual([
      [waiting.id, '2026-03-09', -1],
    ]);

    t.clock.now = chinaTime('2026-03-26 09:00');
    const both = await li.queue({ tab: 'due_soon' });
    expect(both.rows.map((r) => [r.id, r.deadline?.kind, r.deadline?.remainingWorkingDays])).toEqual([
      [accepted.id, 'due', 2],
    ]);
    expect(both.counts).toMatchObject({ due_soon: 1, overdue: 1, handling: 1, received: 1 });
  });

  it('the detail masks the ID number and phone; revealing one is recorded, and listed apart from the timeline', async () => {
    const { t, agent, li } = await setup();
    const receipt = await agent.submit(completeCase().submission);
    const detail = await li.detail(receipt.id);
    expect(detail.applicant).toMatchObject({ name: '王秀英', idNumber: '110105********002X', phone: '138****5678' });
    expect(detail.agent).toEqual({ name: '张建国', phone: '13900000011' });
    expect(detail).toMatchObject({
      township: { code: '999001' },
      village: '东坡村',
      item: { code: elderlyAllowance.code },
    });
    expect(JSON.stringify(await li.queue())).not.toMatch(/11010519491231002X|13812345678/);

    t.clock.advance(60_000);
    const id = await li.post(`/api/workbench/cases/${receipt.id}/reveal`, { field: 'idNumber' });
    expect(id.json()).toEqual({ field: 'idNumber', value: '11010519491231002X' });
    const phone = await li.post(`/api/workbench/cases/${receipt.id}/reveal`, { field: 'phone' });
    expect(phone.json()).toEqual({ field: 'phone', value: '13812345678' });
    const chen = apiAs(t.app, await tokenFor(t.app, CLERK_SB));
    expect((await chen.post(`/api/workbench/cases/${receipt.id}/reveal`, { field: 'phone' })).statusCode).toBe(403);

    const log = revealLogSchema.parse((await li.get(`/api/workbench/cases/${receipt.id}/reveals`)).json());
    expect(log.reveals.map((r) => [r.field, r.userName, r.at])).toEqual([
      ['idNumber', '李娜', t.clock.now.toISOString()],
      ['phone', '李娜', t.clock.now.toISOString()],
    ]);
    expect((await li.detail(receipt.id)).timeline.map((e) => e.type)).toEqual(['received']);
  });

  it('page photos are served only inside the township, never cached, and can be marked 原件已核验', async () => {
    const { t, agent, li } = await setup();
    await addOtherTownship(t.app);
    const { submission, photos } = completeCase();
    const receipt = await agent.submit(submission);
    const [page, unsent] = submission.pages;
    const bytes = photos.get(page!.sha256)!;
    await agent.upload(bytes);

    const detail = await li.detail(receipt.id);
    const view = detail.pages.find((p) => p.pageId === page!.id)!;
    expect(view).toMatchObject({ stored: true, verification: 'pending', verifiedBy: null });
    const res = await li.get(view.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    expect(Buffer.compare(res.rawPayload, bytes)).toBe(0);

    expect((await li.get(`/api/workbench/cases/${receipt.id}/pages/${unsent!.id}`)).statusCode).toBe(404);
    const sun = apiAs(t.app, await tokenFor(t.app, OTHER_CLERK));
    expect((await sun.get(view.url)).statusCode).toBe(404);
    const chen = apiAs(t.app, await tokenFor(t.app, CLERK_SB));
    expect((await chen.get(view.url)).statusCode).toBe(403);

    expect(detail.signature).toMatchObject({ stored: false, signerName: '王秀英' });
    expect((await li.get(detail.signature!.url)).statusCode).toBe(404);
    await agent.upload(photos.get(submission.signature!.sha256)!, 'image/png');
    const signature = await li.get(detail.signature!.url);
    expect([signature.statusCode, signature.headers['content-type']]).toEqual([200, 'image/png']);
    expect((await li.queue()).rows[0]?.materials).toEqual({ stored: 2, total: 4 });

    const verify = `/api/workbench/cases/${receipt.id}/pages/${page!.id}/verify`;
    const verified = casePageViewSchema.parse((await li.post(verify)).json());
    expect(verified).toMatchObject({ pageId: page!.id, verification: 'verified', verifiedBy: '李娜' });
    const wang = apiAs(t.app, await tokenFor(t.app, ADMIN));
    expect(casePageViewSchema.parse((await wang.post(verify)).json()).verifiedBy).toBe('李娜');
    const notArrived = await li.post(`/api/workbench/cases/${receipt.id}/pages/${unsent!.id}/verify`);
    expect(problemOf(notArrived).code).toBe('ACTION_NOT_ALLOWED');
    const after = await li.detail(receipt.id);
    expect(after.version).toBe(detail.version);
    await li.act(receipt.id, { type: 'reject', reason: '材料不实' });
    const closed = await li.post(`/api/workbench/cases/${receipt.id}/pages/${submission.pages[2]!.id}/verify`);
    expect([closed.statusCode, problemOf(closed).code]).toEqual([409, 'ACTION_NOT_ALLOWED']);
  });

  it('an administrator enters 2027’s holidays: deadlines into 2027 move, and the not-yet-announced warning goes', async () => {
    const { t } = await setup();
    t.clock.now = chinaTime('2026-12-10 10:00');
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const li = apiAs(t.app, await tokenFor(t.app, CLERK_MZ));
    const wang = apiAs(t.app, await tokenFor(t.app, ADMIN));
    const accepted = await agent.submit(completeCase().submission);
    const before = await li.act(accepted.id, { type: 'accept', note: '' });
    // 2027 is not announced yet: only weekends are days off there, and the deadline says so.
    expect(before.deadline).toMatchObject({ date: '2027-01-07', unloadedYears: [2027] });
    t.clock.now = chinaTime('2026-12-28 10:00');
    const received = await agent.submit(completeCase().submission);
    expect((await li.detail(received.id)).deadline).toMatchObject({ date: '2027-01-04', unloadedYears: [2027] });

    const calendar = calendarResponseSchema.parse((await li.get('/api/calendar')).json());
    expect(calendar).toMatchObject({ year: 2026, schedule: { year: 2026, source: 'statutory' } });
    expect(calendar.years.map((y) => y.year)).not.toContain(2027);
    expect(calendarResponseSchema.parse((await li.get('/api/calendar?year=2027')).json()).schedule).toBeNull();

    const url = '/api/admin/calendar/2027';
    expect((await li.put(url, { holidays: ['2027-01-01'], workdays: [] })).statusCode).toBe(403);
    const badDate = await wang.put(url, { holidays: ['2027-02-30'], workdays: [] });
    expect(problemOf(badDate)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'holidays.0' });
    const wrongYear = await wang.put(url, { holidays: ['2027-01-01', '2026-10-01'], workdays: [] });
    expect(problemOf(wrongYear)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'holidays.1' });
    const both = await wang.put(url, { holidays: ['2027-01-01'], workdays: ['2027-01-01'] });
    expect(problemOf(both)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'workdays.0' });

    const saved = await wang.put(url, { year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'statutory' });
    expect(saved.statusCode, saved.body).toBe(200);
    const body = calendarResponseSchema.parse(saved.json());
    expect(body.schedule).toEqual({ year: 2027, holidays: ['2027-01-01'], workdays: [], source: 'admin' });
    expect(body.years.find((y) => y.year === 2027)).toMatchObject({ source: 'admin', updatedBy: '王强' });
    expect(saved.json()).toMatchObject({ recomputedCases: 2 });

    const moved = caseDetailSchema.parse((await li.detailRes(accepted.id)).json());
    expect(moved).toMatchObject({ dueDate: '2027-01-08', deadline: { date: '2027-01-08', unloadedYears: [] } });
    const queue = await li.queue();
    expect(queue.rows.map((r) => [r.id, r.deadline?.date, r.deadline?.unloadedYears])).toEqual([
      [received.id, '2027-01-05', []],
    ]);
  });
});
