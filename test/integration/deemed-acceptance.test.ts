import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { dialects, startTestApp, type TestApp } from './harness';
import { AGENT, CLERK_MZ, apiAs, chinaTime, completeCase, tokenFor } from './workbench-fixtures';

const reportOf = (report: string | null): unknown => JSON.parse(report ?? 'null');

describe.each(dialects)('Art. 32: a case nobody answered in five working days is accepted, on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** A 高龄津贴 case received on Thursday 2026-02-12 at 10:00, the day before the 春节 break. */
  async function receivedBeforeSpringFestival() {
    t = await startTestApp(dialect);
    t.clock.now = chinaTime('2026-02-12 10:00');
    const receivedAt = t.clock.now.toISOString();
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const li = apiAs(t.app, await tokenFor(t.app, CLERK_MZ));
    const receipt = await agent.submit(completeCase().submission);
    return { t, agent, li, receipt, receivedAt };
  }

  it('still 已收件 on the fifth working day (Feb 26, after 春节); accepted the next day, dated from receipt', async () => {
    const { t, agent, li, receipt, receivedAt } = await receivedBeforeSpringFestival();
    expect((await li.detail(receipt.id)).deadline).toMatchObject({ kind: 'accept_by', date: '2026-02-26' });

    t.clock.now = chinaTime('2026-02-26 17:30');
    expect((await t.app.jobs.runDue()).deemedAcceptance.accepted).toBe(0);
    expect((await li.detail(receipt.id)).status).toBe('received');

    t.clock.now = chinaTime('2026-02-27 00:05');
    expect((await t.app.jobs.runDue()).deemedAcceptance.accepted).toBe(1);
    const detail = await li.detail(receipt.id);
    expect(detail).toMatchObject({
      status: 'accepted',
      acceptedAt: receivedAt,
      // 20 working days counted from the day of receipt, not from the day the rule noticed.
      dueDate: '2026-03-18',
      deadline: { kind: 'due', date: '2026-03-18' },
    });
    expect(detail.timeline.at(-1)).toMatchObject({
      type: 'accepted',
      actorName: null,
      at: t.clock.now.toISOString(),
      payload: {
        status: 'accepted',
        deemed: true,
        acceptedAt: receivedAt,
        note: '逾期未告知，视为受理',
        noticeNumber: '999001-受-2026-1',
      },
    });
    const feed = await agent.changes();
    expect(feed.at(-1)).toMatchObject({ caseId: receipt.id, type: 'accepted', payload: { deemed: true } });
  });

  it('runs twice — or in two server processes at once — and records the acceptance once', async () => {
    const { t, li, receipt } = await receivedBeforeSpringFestival();
    // SQLite is served by one process (two connections in one Node process would only block each
    // other); on PostgreSQL a second server process runs the rule against the same database.
    const second = dialect === 'postgres' ? await t.restart() : t.app;
    t.clock.now = chinaTime('2026-03-02 09:00');
    // (The second process's own start-up run may be the one that wins: count what was recorded.)
    const reports = await Promise.all([t.app.jobs.runDue(), second.jobs.runDue(), t.app.jobs.runDue()]);
    expect(reports.reduce((n, r) => n + r.deemedAcceptance.accepted, 0)).toBeLessThanOrEqual(1);
    expect((await t.app.jobs.runDue()).deemedAcceptance.accepted).toBe(0);
    const detail = await li.detail(receipt.id);
    expect(detail.timeline.filter((e) => e.type === 'accepted')).toHaveLength(1);
    expect(detail.version).toBe(2);
  });

  it('a case sent to 补正 is waiting for the resident, not for the window: it is never deemed accepted', async () => {
    const { t, li, receipt } = await receivedBeforeSpringFestival();
    t.clock.now = chinaTime('2026-02-13 09:00');
    await li.act(receipt.id, {
      type: 'request_supplement',
      items: [{ materialKey: 'hukou', note: '缺本人页' }],
      note: '',
    });
    t.clock.now = chinaTime('2026-04-01 09:00');
    expect((await t.app.jobs.runDue()).deemedAcceptance.accepted).toBe(0);
    expect((await li.detail(receipt.id)).status).toBe('supplement');
  });

  it('every run is recorded in job_runs: which process, when, and what it did', async () => {
    const { t } = await receivedBeforeSpringFestival();
    t.clock.now = chinaTime('2026-02-27 09:00');
    // A record from 32 days ago is pruned by the run; one from 30 days ago is kept.
    const old = (days: number) => ({
      id: `old-${String(days)}`,
      job: 'prune' as const,
      slot: new Date(t.clock.now.getTime() - days * 86_400_000).toISOString(),
      slot_claim: null,
      worker: 'elsewhere:1',
      started_at: new Date(t.clock.now.getTime() - days * 86_400_000).toISOString(),
      finished_at: null,
      outcome: 'skipped' as const,
      report: null,
    });
    await t.app.db.kysely
      .insertInto('job_runs')
      .values([old(32), old(30)])
      .execute();
    await t.app.jobs.runDue();
    expect(
      (await t.app.db.kysely.selectFrom('job_runs').select('id').where('worker', '=', 'elsewhere:1').execute()).map(
        (r) => r.id,
      ),
    ).toEqual(['old-30']);
    const runs = await t.app.db.kysely
      .selectFrom('job_runs')
      .selectAll()
      .where('slot', 'is', null)
      // The harness's own run at start-up was at another time.
      .where('started_at', '=', t.clock.now.toISOString())
      .orderBy('started_at')
      .execute();
    expect(runs.map((r) => [r.job, r.outcome, r.worker, r.finished_at, reportOf(r.report)])).toEqual([
      [
        'deemed-acceptance',
        'done',
        `${os.hostname()}:${String(process.pid)}`,
        t.clock.now.toISOString(),
        { accepted: 1, backfilled: 0 },
      ],
      [
        'prune',
        'done',
        `${os.hostname()}:${String(process.pid)}`,
        t.clock.now.toISOString(),
        { trackingPruned: 0, jobRunsPruned: 1 },
      ],
      [
        'blob-sweep',
        'done',
        `${os.hostname()}:${String(process.pid)}`,
        t.clock.now.toISOString(),
        { abandonedUploads: 0, finishedUploads: 0, unreferencedBlobs: 0 },
      ],
    ]);
    // The start-up run claimed its slot — the interval it fell in — for each job.
    const scheduled = await t.app.db.kysely
      .selectFrom('job_runs')
      .selectAll()
      .where('slot', 'is not', null)
      .where('worker', '!=', 'elsewhere:1')
      .execute();
    expect(scheduled.map((r) => r.job).sort()).toEqual(['blob-sweep', 'deemed-acceptance', 'prune']);
    expect(scheduled.every((r) => r.slot_claim === r.slot && r.outcome === 'done')).toBe(true);
  });

  it('a case received before deadlines were tracked gets its accept-by date, then the rule applies to it', async () => {
    const { t, li, receipt } = await receivedBeforeSpringFestival();
    await t.app.db.kysely
      .updateTable('cases')
      .set({ accept_by: null, deadline: null, deadline_kind: null })
      .where('id', '=', receipt.id)
      .execute();
    t.clock.now = chinaTime('2026-02-20 09:00');
    expect((await t.app.jobs.runDue()).deemedAcceptance).toEqual({ accepted: 0, backfilled: 1 });
    expect((await li.detail(receipt.id)).deadline).toMatchObject({ kind: 'accept_by', date: '2026-02-26' });
    t.clock.now = chinaTime('2026-02-27 09:00');
    expect((await t.app.jobs.runDue()).deemedAcceptance).toEqual({ accepted: 1, backfilled: 0 });
  });
});
