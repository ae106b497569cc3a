/**
 * One server, one county, two townships (the demo seed: 示范镇 and 青石镇 in 示范县): each township's
 * staff see only their own township's cases in every workbench route, and the county administrator
 * gets the county's statistics — per township, summing to each township's own figures — and nothing
 * with a resident's data in it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loginResponseSchema } from '../../src/domain/auth';
import { newId } from '../../src/domain/ids';
import {
  statisticsFiguresSchema,
  statisticsResponseSchema,
  type StatisticsFigures,
  type StatisticsResponse,
  type StatisticsRow,
} from '../../src/domain/statistics';
import { followUpListResponseSchema } from '../../src/domain/tracking';
import {
  DEMO_COUNTY,
  DEMO_COUNTY_ADMIN,
  DEMO_PASSWORD,
  DEMO_TOWNSHIP,
  DEMO_TOWNSHIP_2,
} from '../../src/server/accounts/demo-seed';
import { dialects, startTestApp, type TestApp } from './harness';
import { ADMIN, AGENT, CLERK_MZ, apiAs, chinaTime, completeCase, problemOf, tokenFor } from './workbench-fixtures';

const QING_CLERK = '13900000003'; // 周敏, 青石镇 民政办
const QING_AGENT = '13900000014'; // 吴德福, 青石镇 石桥村
const PERIOD = 'from=2026-03-01&to=2026-03-31';

describe.each(dialects)('a county of two townships on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** Two cases at 示范镇 (one accepted), three at 青石镇 (one accepted, one rejected), and a follow-up each. */
  async function setup() {
    t = await startTestApp(dialect);
    t.clock.now = chinaTime('2026-03-02 10:00');
    const app = t.app;
    const shifanAgent = apiAs(app, await tokenFor(app, AGENT));
    const qingAgent = apiAs(app, await tokenFor(app, QING_AGENT));
    const li = apiAs(app, await tokenFor(app, CLERK_MZ));
    const wang = apiAs(app, await tokenFor(app, ADMIN));
    const zhou = apiAs(app, await tokenFor(app, QING_CLERK));
    const county = apiAs(app, await tokenFor(app, DEMO_COUNTY_ADMIN.phone));

    const shifan = [
      await shifanAgent.submit(completeCase(undefined, { name: '王秀英' }).submission),
      await shifanAgent.submit(completeCase(undefined, { name: '王秀英' }).submission),
    ];
    const qing = [
      await qingAgent.submit(completeCase(undefined, { name: '石青山' }).submission),
      await qingAgent.submit(completeCase(undefined, { name: '石青山' }).submission),
      await qingAgent.submit(completeCase(undefined, { name: '石青山' }).submission),
    ];
    await li.act(shifan[0]!.id, { type: 'accept', note: '' });
    await zhou.act(qing[0]!.id, { type: 'accept', note: '' });
    await zhou.act(qing[1]!.id, { type: 'reject', reason: '不属于本镇受理范围' });

    const db = app.db.kysely;
    for (const receipt of [shifan[0]!, qing[0]!]) {
      const row = await db
        .selectFrom('cases')
        .select('township_id')
        .where('id', '=', receipt.id)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('follow_ups')
        .values({
          id: newId(),
          case_id: receipt.id,
          township_id: row.township_id,
          kind: 'complaint',
          status: 'open',
          satisfaction: null,
          text: '办得太慢',
          contact_phone: null,
          created_at: t.clock.now.toISOString(),
          callback_due: '2026-03-03',
          fix_due: '2026-03-09',
          called_back_at: null,
          called_back_by: null,
          callback_note: null,
          closed_at: null,
          closed_by: null,
          outcome: null,
        })
        .execute();
    }
    return { app, li, wang, zhou, county, shifan, qing };
  }

  const statsOf = async (api: ReturnType<typeof apiAs>, groupBy: string): Promise<StatisticsResponse> => {
    const res = await api.get(`/api/workbench/statistics?${PERIOD}&groupBy=${groupBy}`);
    expect(res.statusCode, res.body).toBe(200);
    return statisticsResponseSchema.parse(res.json());
  };

  it('seeds the demo county: both townships belong to it, and its administrator signs in to no township', async () => {
    t = await startTestApp(dialect);
    const db = t.app.db.kysely;
    const townships = await db
      .selectFrom('townships')
      .innerJoin('counties', 'counties.id', 'townships.county_id')
      .select(['townships.code', 'counties.name as county'])
      .orderBy('townships.code')
      .execute();
    expect(townships).toEqual([
      { code: DEMO_TOWNSHIP.code, county: DEMO_COUNTY.name },
      { code: DEMO_TOWNSHIP_2.code, county: DEMO_COUNTY.name },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: DEMO_COUNTY_ADMIN.phone, password: DEMO_PASSWORD, client: 'web' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { user } = loginResponseSchema.parse(res.json());
    expect(user).toMatchObject({ role: 'county_admin', township: null, county: { name: DEMO_COUNTY.name } });
    expect(user.windows).toEqual([]);
    // Every user belongs to exactly one of a township and a county.
    await expect(
      db.updateTable('users').set({ township_id: null }).where('phone', '=', ADMIN).execute(),
    ).rejects.toThrow();
  });

  it("each township's staff see only their own township in the queue, case detail, follow-ups and exports", async () => {
    const { li, wang, zhou, shifan, qing } = await setup();
    const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();

    expect(ids((await wang.queue({ tab: 'received' })).rows)).toEqual([shifan[1]!.id]);
    expect(ids((await wang.queue({ tab: 'handling' })).rows)).toEqual([shifan[0]!.id]);
    expect(ids((await zhou.queue({ tab: 'received' })).rows)).toEqual([qing[2]!.id]);
    expect(ids((await zhou.queue({ tab: 'handling' })).rows)).toEqual([qing[0]!.id]);
    expect(ids((await li.queue({ tab: 'received' })).rows)).toEqual([shifan[1]!.id]);

    // Another township's case does not exist for them: 404, not 403.
    for (const [api, foreign] of [
      [wang, qing[0]!.id],
      [li, qing[2]!.id],
      [zhou, shifan[0]!.id],
    ] as const) {
      const detail = await api.get(`/api/workbench/cases/${foreign}`);
      expect(detail.statusCode).toBe(404);
      expect((await api.post(`/api/workbench/cases/${foreign}/reveal`, { field: 'idNumber' })).statusCode).toBe(404);
      expect((await api.get(`/api/workbench/cases/${foreign}/reveals`)).statusCode).toBe(404);
    }
    expect((await zhou.get(`/api/workbench/cases/${qing[0]!.id}`)).statusCode).toBe(200);

    const followUps = async (api: ReturnType<typeof apiAs>) => {
      const res = await api.get('/api/workbench/follow-ups');
      expect(res.statusCode, res.body).toBe(200);
      return followUpListResponseSchema.parse(res.json()).followUps.map((f) => f.caseId);
    };
    expect(await followUps(wang)).toEqual([shifan[0]!.id]);
    expect(await followUps(li)).toEqual([shifan[0]!.id]);
    expect(await followUps(zhou)).toEqual([qing[0]!.id]);

    const shifanCsv = await wang.get('/api/workbench/export/cases.csv?tab=all');
    expect(shifanCsv.statusCode).toBe(200);
    expect(shifanCsv.body).toContain('王秀英');
    expect(shifanCsv.body).not.toContain('石青山');
    const qingCsv = await zhou.get('/api/workbench/export/cases.csv?tab=all');
    expect(qingCsv.body).toContain('石青山');
    expect(qingCsv.body).not.toContain('王秀英');

    const mine = await statsOf(wang, 'township');
    expect(mine.rows.map((r) => [r.label, r.received])).toEqual([[DEMO_TOWNSHIP.name, 2]]);
    expect((await statsOf(zhou, 'window')).total).toMatchObject({ received: 3, accepted: 1, rejected: 1 });
  });

  it("the county administrator's statistics by township are each township's own figures, and add up", async () => {
    const { wang, zhou, county } = await setup();
    const shifan = await statsOf(wang, 'window');
    const qing = await statsOf(zhou, 'window');
    const byTownship = await statsOf(county, 'township');

    expect(byTownship.rows.map((r) => r.label)).toEqual([DEMO_TOWNSHIP.name, DEMO_TOWNSHIP_2.name]);
    const figures = (row: StatisticsRow): StatisticsFigures =>
      statisticsFiguresSchema.parse(
        Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'key' && k !== 'label')),
      );
    expect(figures(byTownship.rows[0]!)).toEqual(shifan.total);
    expect(figures(byTownship.rows[1]!)).toEqual(qing.total);
    expect(byTownship.total).toMatchObject({
      received: shifan.total.received + qing.total.received,
      accepted: shifan.total.accepted + qing.total.accepted,
      rejected: shifan.total.rejected + qing.total.rejected,
      completed: shifan.total.completed + qing.total.completed,
      overdue: shifan.total.overdue + qing.total.overdue,
      supplemented: shifan.total.supplemented + qing.total.supplemented,
    });
    expect(byTownship.total).toMatchObject({ received: 5, accepted: 2, rejected: 1 });
    expect((await statsOf(county, 'month')).total).toEqual(byTownship.total);
    expect((await statsOf(county, 'item')).total).toEqual(byTownship.total);

    // Groupings that belong to one township, and narrowing to one window, are not the county's.
    for (const groupBy of ['window', 'village', 'agent']) {
      const res = await county.get(`/api/workbench/statistics?${PERIOD}&groupBy=${groupBy}`);
      expect(res.statusCode).toBe(400);
    }
    expect((await county.get(`/api/workbench/statistics?${PERIOD}&groupBy=township&window=MZ`)).statusCode).toBe(403);

    const csv = await county.get(`/api/workbench/statistics.csv?${PERIOD}&groupBy=township`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('乡镇');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '乡镇,收件数',
      `${DEMO_TOWNSHIP.name},2`,
      `${DEMO_TOWNSHIP_2.name},3`,
      '合计,5',
    ]);
    const xlsx = await county.get(`/api/workbench/statistics.xlsx?${PERIOD}&groupBy=township`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('the county administrator gets no case, queue, follow-up, case export or township data: 403', async () => {
    const { county, shifan, qing } = await setup();
    const refused = [
      await county.get('/api/workbench/queue'),
      await county.get(`/api/workbench/cases/${shifan[0]!.id}`),
      await county.get(`/api/workbench/cases/${qing[0]!.id}`),
      await county.post(`/api/workbench/cases/${shifan[0]!.id}/reveal`, { field: 'idNumber' }),
      await county.get(`/api/workbench/cases/${shifan[0]!.id}/reveals`),
      await county.post(`/api/workbench/cases/${shifan[0]!.id}/actions`, { type: 'accept', note: '' }),
      await county.get('/api/workbench/follow-ups'),
      await county.get('/api/workbench/export/cases.csv?tab=all'),
      await county.get('/api/workbench/export/cases.xlsx?tab=all'),
      await county.get('/api/township'),
      await county.get('/api/sync/changes'),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual(refused.map(() => 403));
    expect(problemOf(refused[0]!).code).toBe('FORBIDDEN');
    expect((await county.get('/api/auth/me')).statusCode).toBe(200);
  });
});
