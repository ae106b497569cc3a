import { afterEach, describe, expect, it } from 'vitest';
import { statisticsResponseSchema } from '../../src/domain/statistics';
import { trackViewSchema } from '../../src/domain/tracking';
import { dialects, startTestApp, type TestApp } from './harness';
import { PHONE_LAST4, closeCase, followUpsOf, submitTrackable, trackApi } from './track-fixtures';
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
  housingFund,
  problemOf,
  tokenFor,
} from './workbench-fixtures';

describe.each(dialects)('好差评 and follow-ups on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** Monday 2026-03-02 10:00: 张建国 submits a case at 民政办; 李娜 closes it on Tuesday. */
  async function setup() {
    t = await startTestApp(dialect);
    t.clock.now = chinaTime('2026-03-02 10:00');
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const li = apiAs(t.app, await tokenFor(t.app, CLERK_MZ));
    const trackable = await submitTrackable(agent);
    const track = trackApi(t.app);
    const tokenOf = async (c = trackable) =>
      (await track.lookup({ code: c.code, phoneLast4: PHONE_LAST4 })).accessToken;
    return { t, agent, li, track, tokenOf, ...trackable };
  }

  it('rating an open case is refused', async () => {
    const { track, tokenOf } = await setup();
    const token = await tokenOf();
    const res = await track.rateRes(token, { satisfaction: 'very_satisfied' });
    expect(res.statusCode).toBe(409);
    expect(problemOf(res).code).toBe('ACTION_NOT_ALLOWED');
    expect((await track.view(token)).canRate).toBe(false);
    expect((await track.rateRes('nope', { satisfaction: 'satisfied' })).statusCode).toBe(401);
  });

  it('a case can be rated once; a second rating is 409 ALREADY_RATED; one follow-up comment', async () => {
    const { t, li, track, tokenOf, receipt } = await setup();
    t.clock.now = chinaTime('2026-03-03 09:00');
    await closeCase(li, receipt.id);
    const token = await tokenOf();
    expect((await track.view(token)).canRate).toBe(true);
    const early = await track.commentRes(token, '补充一句');
    expect(early.statusCode).toBe(409);
    expect(problemOf(early).code).toBe('ACTION_NOT_ALLOWED');

    const rated = await track.rateRes(token, { satisfaction: 'very_satisfied', comment: '  办得很快  ' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(trackViewSchema.parse(rated.json())).toMatchObject({
      canRate: false,
      rating: {
        satisfaction: 'very_satisfied',
        comment: '办得很快',
        ratedAt: chinaTime('2026-03-03 09:00').toISOString(),
        followUpComment: null,
      },
    });
    const again = await track.rateRes(await tokenOf(), { satisfaction: 'very_dissatisfied' });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).code).toBe('ALREADY_RATED');

    const comment = await track.commentRes(token, '谢谢代办员');
    expect(comment.statusCode, comment.body).toBe(200);
    expect(trackViewSchema.parse(comment.json()).rating?.followUpComment).toBe('谢谢代办员');
    const second = await track.commentRes(token, '再说一句');
    expect(second.statusCode).toBe(409);
    expect(problemOf(second).code).toBe('ALREADY_RATED');
    expect((await track.view(token)).rating).toMatchObject({
      satisfaction: 'very_satisfied',
      followUpComment: '谢谢代办员',
    });
    // A good rating opens no follow-up.
    expect((await followUpsOf(li).list('all')).followUps).toEqual([]);
  });

  it('of two ratings sent at once exactly one is stored', async () => {
    const { li, track, tokenOf, receipt } = await setup();
    await closeCase(li, receipt.id);
    const [a, b] = [await tokenOf(), await tokenOf()];
    const answers = await Promise.all([
      track.rateRes(a, { satisfaction: 'satisfied' }),
      track.rateRes(b, { satisfaction: 'very_dissatisfied' }),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(answers.map((r) => (r.statusCode === 409 ? problemOf(r).code : 'ok')).sort()).toEqual([
      'ALREADY_RATED',
      'ok',
    ]);
    const events = await t!.app.db.kysely
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', receipt.id)
      .where('type', '=', 'rated')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('a 不予受理 case can be rated too', async () => {
    const { li, track, tokenOf, receipt } = await setup();
    await li.act(receipt.id, { type: 'reject', reason: '不符合申领条件' });
    const token = await tokenOf();
    const view = await track.view(token);
    expect(view).toMatchObject({ status: 'rejected', canRate: true });
    expect(view.timeline.at(-1)).toMatchObject({ step: 'rejected', detail: ['不符合申领条件'] });
    expect((await track.rateRes(token, { satisfaction: 'basic' })).statusCode).toBe(200);
  });

  it('a 非常不满意 rating opens a follow-up the clerk sees, records the call back and closes it', async () => {
    const { t, agent, li, track, tokenOf, receipt } = await setup();
    t.clock.now = chinaTime('2026-03-03 09:00');
    await closeCase(li, receipt.id);
    const token = await tokenOf();
    const rated = await track.rateRes(token, { satisfaction: 'very_dissatisfied', comment: '跑了三趟' });
    expect(rated.statusCode, rated.body).toBe(200);
    await track.commentRes(token, '希望改进');

    const liFollowUps = followUpsOf(li);
    const open = await liFollowUps.list();
    expect(open.counts).toEqual({ open: 1, called_back: 0, closed: 0 });
    expect(open.followUps).toHaveLength(1);
    const task = open.followUps[0];
    expect(task).toMatchObject({
      kind: 'bad_rating',
      status: 'open',
      caseId: receipt.id,
      caseNumber: receipt.caseNumber,
      itemName: '高龄津贴（补贴）申领',
      applicantMasked: '欧**英',
      windowName: '民政办',
      agentName: '张建国',
      satisfaction: 'very_dissatisfied',
      text: '跑了三趟',
      followUpComment: '希望改进',
      contactPhone: null,
      createdAt: chinaTime('2026-03-03 09:00').toISOString(),
      // Call back within 1 working day, fix within 15.
      callbackDue: '2026-03-04',
      fixDue: '2026-03-24',
      calledBackAt: null,
      closedAt: null,
      callbackOverdue: false,
      fixOverdue: false,
    });
    const id = task?.id ?? '';

    // Other windows and other townships do not see it; the admin does.
    const chen = followUpsOf(apiAs(t.app, await tokenFor(t.app, CLERK_SB)));
    expect((await chen.list()).followUps).toEqual([]);
    expect((await chen.getRes(id)).statusCode).toBe(403);
    await addOtherTownship(t.app);
    const sun = followUpsOf(apiAs(t.app, await tokenFor(t.app, OTHER_CLERK)));
    expect((await sun.getRes(id)).statusCode).toBe(404);
    expect((await sun.list('all')).counts).toEqual({ open: 0, called_back: 0, closed: 0 });
    const admin = followUpsOf(apiAs(t.app, await tokenFor(t.app, ADMIN)));
    expect((await admin.list()).followUps.map((f) => f.id)).toEqual([id]);
    expect((await agent.get(`/api/workbench/follow-ups/${id}`)).statusCode).toBe(403);

    // Thursday: the call back is late.
    t.clock.now = chinaTime('2026-03-05 09:00');
    expect((await liFollowUps.list()).followUps[0]).toMatchObject({ callbackOverdue: true, fixOverdue: false });
    const calledBack = await liFollowUps.act(id, { type: 'called_back', note: '已电话联系，解释了流程' });
    expect(calledBack).toMatchObject({
      status: 'called_back',
      calledBackAt: chinaTime('2026-03-05 09:00').toISOString(),
      calledBackBy: '李娜',
      callbackNote: '已电话联系，解释了流程',
      callbackOverdue: false,
    });
    const twice = await liFollowUps.actRes(id, { type: 'called_back', note: '再次联系' });
    expect(twice.statusCode).toBe(409);
    expect((await liFollowUps.list()).counts).toEqual({ open: 0, called_back: 1, closed: 0 });

    t.clock.now = chinaTime('2026-03-06 16:00');
    const closed = await liFollowUps.act(id, { type: 'close', outcome: '补发了津贴，群众表示满意' });
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: chinaTime('2026-03-06 16:00').toISOString(),
      closedBy: '李娜',
      outcome: '补发了津贴，群众表示满意',
      calledBackBy: '李娜',
    });
    const closeAgain = await liFollowUps.actRes(id, { type: 'close', outcome: '再关一次' });
    expect(closeAgain.statusCode).toBe(409);
    expect(problemOf(closeAgain).code).toBe('ACTION_NOT_ALLOWED');
    const all = await liFollowUps.list('closed');
    expect(all.counts).toEqual({ open: 0, called_back: 0, closed: 1 });
    expect(all.followUps.map((f) => f.id)).toEqual([id]);
    const one = await liFollowUps.getRes(id);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(closed);
    const bad = await liFollowUps.actRes(id, { type: 'close', outcome: '' });
    expect(problemOf(bad).code).toBe('VALIDATION_FAILED');
  });

  it("a complaint always opens a follow-up, with the resident's number; the township's own days to fix count", async () => {
    const { t, li, track, tokenOf } = await setup();
    await t.app.db.kysely.updateTable('townships').set({ follow_up_fix_days: 5 }).execute();
    const token = await tokenOf();
    const res = await track.complainRes(token, { text: '代办员收了路费', contactPhone: '13700001111' });
    expect(res.statusCode, res.body).toBe(200);
    const [task] = (await followUpsOf(li).list()).followUps;
    expect(task).toMatchObject({
      kind: 'complaint',
      satisfaction: null,
      text: '代办员收了路费',
      contactPhone: '13700001111',
      followUpComment: null,
      callbackDue: '2026-03-03',
      fixDue: '2026-03-09',
    });
    expect((await track.complainRes(token, { text: '第二次投诉内容' })).statusCode).toBe(200);
    expect((await track.complainRes(token, { text: '第三次投诉内容' })).statusCode).toBe(200);
    const flood = await track.complainRes(token, { text: '第四次投诉内容' });
    expect(flood.statusCode).toBe(429);
    expect(problemOf(flood).code).toBe('RATE_LIMITED');
    expect(flood.headers['retry-after']).toBe(String(24 * 3600));
    const short = await track.complainRes(token, { text: '差' });
    expect(problemOf(short)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'text' });
    expect((await followUpsOf(li).list()).counts.open).toBe(3);
  });

  it("the agent's change feed carries the rating, without the comment", async () => {
    const { agent, li, track, tokenOf, receipt } = await setup();
    await closeCase(li, receipt.id);
    await track.rateRes(await tokenOf(), { satisfaction: 'dissatisfied', comment: '态度一般' });
    const last = (await agent.changes()).at(-1);
    expect(last).toMatchObject({
      caseId: receipt.id,
      type: 'rated',
      payload: { status: 'completed_approved', satisfaction: 'dissatisfied', hasComment: true },
    });
    expect(JSON.stringify(last)).not.toContain('态度一般');
    // The workbench timeline lists it too.
    expect((await li.detail(receipt.id)).timeline.at(-1)).toMatchObject({ type: 'rated', actorName: null });
  });

  it('statistics give satisfaction by window and agent, on screen and in the download', async () => {
    const { t, agent, li, track, tokenOf, ...first } = await setup();
    const chen = apiAs(t.app, await tokenFor(t.app, CLERK_SB));
    const liu = apiAs(t.app, await tokenFor(t.app, AGENT_2));
    const second = await submitTrackable(liu);
    const third = await submitTrackable(agent, housingFund);
    const fourth = await submitTrackable(agent);
    await closeCase(li, first.receipt.id);
    await closeCase(li, second.receipt.id);
    await chen.act(third.receipt.id, { type: 'accept', note: '' });
    await chen.act(third.receipt.id, {
      type: 'complete',
      outcome: 'approved',
      resultName: '提取',
      resultNumber: '',
      note: '',
    });
    await li.act(fourth.receipt.id, { type: 'reject', reason: '材料不符合要求' });
    for (const [c, satisfaction] of [
      [first, 'very_satisfied'],
      [second, 'dissatisfied'],
      [third, 'satisfied'],
      [fourth, 'very_dissatisfied'],
    ] as const) {
      const res = await track.rateRes(await tokenOf(c), { satisfaction });
      expect(res.statusCode, res.body).toBe(200);
    }

    const admin = apiAs(t.app, await tokenFor(t.app, ADMIN));
    const stats = async (groupBy: string) => {
      const res = await admin.get(`/api/workbench/statistics?from=2026-03-01&to=2026-03-31&groupBy=${groupBy}`);
      expect(res.statusCode, res.body).toBe(200);
      return statisticsResponseSchema.parse(res.json());
    };
    const byWindow = await stats('window');
    const row = (label: string) => byWindow.rows.find((r) => r.label === label);
    expect(row('民政办')).toMatchObject({ rated: 3, satisfactionRate: 1 / 3, dissatisfied: 2 });
    expect(row('社保所')).toMatchObject({ rated: 1, satisfactionRate: 1, dissatisfied: 0 });
    expect(row('卫健办')).toMatchObject({ rated: 0, satisfactionRate: null, dissatisfied: 0 });
    expect(byWindow.total).toMatchObject({ received: 4, rated: 4, satisfactionRate: 0.5, dissatisfied: 2 });

    const byAgent = await stats('agent');
    expect(byAgent.rows.map((r) => [r.label, r.rated, r.satisfactionRate, r.dissatisfied])).toEqual([
      ['张建国', 3, 2 / 3, 1],
      ['刘桂兰', 1, 0, 1],
    ]);

    const csv = await admin.get('/api/workbench/statistics.csv?from=2026-03-01&to=2026-03-31&groupBy=agent');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]?.split(',').slice(-3)).toEqual(['评价数', '满意率（基本满意及以上）', '不满意数']);
    expect(lines[1]?.split(',').slice(-3)).toEqual(['3', '66.7%', '1']);
    expect(lines[3]?.split(',').slice(-3)).toEqual(['4', '50.0%', '2']);
  });
});
