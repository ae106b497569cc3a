import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/api-error';
import { loginResponseSchema, SESSION_COOKIE } from '../../src/domain/auth';
import type { CaseStatus } from '../../src/domain/case-submission';
import {
  statisticsFiguresSchema,
  statisticsResponseSchema,
  type StatisticsFigures,
  type StatisticsResponse,
} from '../../src/domain/statistics';
import { queueResponseSchema, type QueueTab } from '../../src/domain/workbench';
import { DEMO_PASSWORD, DEMO_TOWNSHIP } from '../../src/server/accounts/demo-seed';
import { nextValue } from '../../src/server/db/counters';
import type { CaseTable } from '../../src/server/db/schema';
import { dialects, startTestApp, type TestApp } from './harness';

/**
 * The test clock says 2026-03-02 10:00 in China (a Monday). February 2026 has the Spring Festival
 * break (Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked), which the working-day average must skip.
 */
const RESIDENT_ID = '11010519491231002X';
const RESIDENT_PHONE = '13812345678';

type Seed = {
  key: string;
  window: string;
  item: string;
  agent: string;
  status: CaseStatus;
  receivedAt: string;
  acceptedAt?: string;
  dueDate?: string;
  closedAt?: string;
  acceptBy: string;
  applicant?: string;
  supplements?: number;
};

/** The cases of the story (agents: 张建国 东坡村, 刘桂兰 西河村, 赵志刚 南山村). */
const SEEDS: readonly Seed[] = [
  // 民政办, 张建国: 补正 once, accepted Feb 3, completed Feb 10 — 5 working days, on time.
  {
    key: 'A',
    window: 'MZ',
    item: 'DEMO-MZ-001',
    agent: '13900000011',
    status: 'completed_approved',
    receivedAt: '2026-02-02T01:00:00.000Z',
    acceptedAt: '2026-02-03T02:00:00.000Z',
    dueDate: '2026-03-17',
    closedAt: '2026-02-10T03:00:00.000Z',
    acceptBy: '2026-02-09',
    supplements: 1,
  },
  // Accepted Feb 10, due Feb 12, completed (不予) Feb 26 — 7 working days across the festival: late.
  {
    key: 'B',
    window: 'MZ',
    item: 'DEMO-MZ-002',
    agent: '13900000011',
    status: 'completed_denied',
    receivedAt: '2026-02-09T02:00:00.000Z',
    acceptedAt: '2026-02-10T02:00:00.000Z',
    dueDate: '2026-02-12',
    closedAt: '2026-02-26T02:00:00.000Z',
    acceptBy: '2026-02-13',
  },
  // 刘桂兰: being handled, due Feb 27 — overdue today.
  {
    key: 'C',
    window: 'MZ',
    item: 'DEMO-MZ-003',
    agent: '13900000012',
    status: 'accepted',
    receivedAt: '2026-02-05T02:00:00.000Z',
    acceptedAt: '2026-02-06T02:00:00.000Z',
    dueDate: '2026-02-27',
    acceptBy: '2026-02-12',
  },
  // Received 00:30 on Feb 1 in China (still Jan 31 in UTC): in February. 不予受理.
  {
    key: 'D',
    window: 'MZ',
    item: 'DEMO-MZ-001',
    agent: '13900000012',
    status: 'rejected',
    receivedAt: '2026-01-31T16:30:00.000Z',
    closedAt: '2026-02-02T03:00:00.000Z',
    acceptBy: '2026-02-06',
  },
  // 卫健办, 赵志刚: waiting for acceptance (accept by Mar 6), and one waiting for 补正.
  {
    key: 'E',
    window: 'WJ',
    item: 'DEMO-WJ-001',
    agent: '13900000013',
    status: 'received',
    receivedAt: '2026-02-27T02:00:00.000Z',
    acceptBy: '2026-03-06',
  },
  {
    key: 'F',
    window: 'WJ',
    item: 'DEMO-WJ-001',
    agent: '13900000013',
    status: 'supplement',
    receivedAt: '2026-02-26T02:00:00.000Z',
    acceptBy: '2026-03-05',
    applicant: '=cmd|" /C calc"!A0',
    supplements: 1,
  },
  // 社保所 (not 李娜's window): deemed accepted on receipt, completed 2 working days later.
  {
    key: 'G',
    window: 'SB',
    item: 'DEMO-SB-001',
    agent: '13900000011',
    status: 'completed_approved',
    receivedAt: '2026-02-03T02:00:00.000Z',
    acceptedAt: '2026-02-03T02:00:00.000Z',
    dueDate: '2026-02-06',
    closedAt: '2026-02-05T02:00:00.000Z',
    acceptBy: '2026-02-10',
  },
  // 23:59 on Jan 31 in China: January. Accepted, due Feb 20: overdue.
  {
    key: 'H',
    window: 'MZ',
    item: 'DEMO-MZ-001',
    agent: '13900000011',
    status: 'accepted',
    receivedAt: '2026-01-31T15:59:00.000Z',
    acceptedAt: '2026-02-02T02:00:00.000Z',
    dueDate: '2026-02-20',
    acceptBy: '2026-02-06',
  },
  // 00:00 on Mar 1 in China: March.
  {
    key: 'I',
    window: 'MZ',
    item: 'DEMO-MZ-001',
    agent: '13900000013',
    status: 'received',
    receivedAt: '2026-02-28T16:00:00.000Z',
    acceptBy: '2026-03-06',
  },
  // Suspended (特别程序): its due date passed, but the clock is paused — not overdue.
  {
    key: 'J',
    window: 'MZ',
    item: 'DEMO-MZ-004',
    agent: '13900000011',
    status: 'suspended',
    receivedAt: '2026-02-04T02:00:00.000Z',
    acceptedAt: '2026-02-05T02:00:00.000Z',
    dueDate: '2026-02-20',
    acceptBy: '2026-02-11',
  },
  // Nobody answered within 5 working days: the server's Art. 32 job accepts it (视为受理).
  {
    key: 'K',
    window: 'MZ',
    item: 'DEMO-MZ-005',
    agent: '13900000013',
    status: 'received',
    receivedAt: '2026-02-10T02:00:00.000Z',
    acceptBy: '2026-02-24',
  },
];

const TIMED: readonly CaseStatus[] = ['received', 'accepted'];

async function login(t: TestApp, phone: string, client: 'web' | 'device'): Promise<Record<string, string>> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client },
  });
  expect(res.statusCode).toBe(200);
  if (client === 'device') return { authorization: `Bearer ${loginResponseSchema.parse(res.json()).token ?? ''}` };
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  return { cookie: `${SESSION_COOKIE}=${cookie}` };
}

/** Writes the story's cases straight into the database, then lets the Art. 32 job run. */
async function seedStory(t: TestApp): Promise<Map<string, string>> {
  const db = t.app.db.kysely;
  const township = await db
    .selectFrom('townships')
    .select(['id', 'code'])
    .where('code', '=', DEMO_TOWNSHIP.code)
    .executeTakeFirstOrThrow();
  const agents = await db
    .selectFrom('users')
    .select(['id', 'phone', 'village_id'])
    .where('role', '=', 'agent')
    .where('township_id', '=', township.id)
    .execute();
  const clerk = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'clerk')
    .where('township_id', '=', township.id)
    .executeTakeFirstOrThrow();
  const numbers = new Map<string, string>();
  for (const [index, seed] of SEEDS.entries()) {
    const agent = agents.find((a) => a.phone === seed.agent);
    if (!agent) throw new Error(`no agent ${seed.agent}`);
    const id = `0190${String(index).padStart(4, '0')}-0000-7000-8000-000000000000`;
    const caseNumber = `${township.code}-20260200-${String(index + 1).padStart(5, '0')}`;
    numbers.set(seed.key, caseNumber);
    const applicant = seed.applicant ?? `申请人${seed.key}`;
    const body = JSON.stringify({ applicant: { name: applicant, idNumber: RESIDENT_ID, phone: RESIDENT_PHONE } });
    const deadline = TIMED.includes(seed.status) ? (seed.status === 'received' ? seed.acceptBy : seed.dueDate) : null;
    const row: CaseTable = {
      id,
      case_number: caseNumber,
      township_id: township.id,
      village_id: agent.village_id,
      agent_id: agent.id,
      window_code: seed.window,
      item_code: seed.item,
      item_version: 1,
      applicant_name: applicant,
      receipt_code: `R${String(index).padStart(9, '0')}`,
      track_secret_hash: createHash('sha256').update(id).digest('hex'),
      status: seed.status,
      body,
      body_hash: createHash('sha256').update(body).digest('hex'),
      received_at: seed.receivedAt,
      submitted_at: seed.receivedAt,
      version: 2,
      updated_at: seed.closedAt ?? seed.acceptedAt ?? seed.receivedAt,
      round: 1 + (seed.supplements ?? 0) - (seed.status === 'supplement' ? 1 : 0),
      accept_by: seed.acceptBy,
      deadline: deadline ?? null,
      deadline_kind: deadline ? (seed.status === 'received' ? 'accept_by' : 'due') : null,
      due_date: seed.dueDate ?? null,
      accepted_at: seed.acceptedAt ?? null,
      closed_at: seed.closedAt ?? null,
      suspended_at: seed.status === 'suspended' ? '2026-02-09T02:00:00.000Z' : null,
      supplement: null,
      result: null,
    };
    await db.insertInto('cases').values(row).execute();
    const events: [string, string][] = [['received', seed.receivedAt]];
    for (let n = 0; n < (seed.supplements ?? 0); n += 1) events.push(['supplement_requested', seed.receivedAt]);
    for (const [type, at] of events) {
      await db
        .insertInto('case_events')
        .values({
          seq: await nextValue(db, 'feed'),
          case_id: id,
          agent_id: agent.id,
          township_id: township.id,
          type,
          payload: JSON.stringify({ status: type === 'received' ? 'received' : 'supplement' }),
          at,
          actor_id: type === 'received' ? agent.id : clerk.id,
        })
        .execute();
    }
  }
  const report = await t.app.jobs.runDue();
  expect(report.deemedAcceptance.accepted).toBe(1);
  return numbers;
}

function figures(partial: Partial<StatisticsFigures>): StatisticsFigures {
  return {
    received: 0,
    accepted: 0,
    completed: 0,
    approved: 0,
    denied: 0,
    rejected: 0,
    completionRate: null,
    averageWorkingDays: null,
    overdue: 0,
    overdueOpen: 0,
    closedLate: 0,
    supplemented: 0,
    supplementRate: null,
    rated: 0,
    satisfactionRate: null,
    dissatisfied: 0,
    ...partial,
  };
}

function rowOf(stats: StatisticsResponse, label: string) {
  const row = stats.rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row ${label} in ${stats.rows.map((r) => r.label).join(', ')}`);
  return statisticsFiguresSchema.parse(row);
}

/** A minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), to check what Excel would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe.each(dialects)('workbench statistics and exports on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await startTestApp(dialect);
    const numbers = await seedStory(t);
    const clerk = await login(t, '13900000001', 'web'); // 李娜: 民政办 and 卫健办
    const admin = await login(t, '13900000000', 'web');
    const app = t.app;
    const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
    const stats = async (query: string, headers = clerk) => {
      const res = await get(`/api/workbench/statistics?${query}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      return statisticsResponseSchema.parse(res.json());
    };
    return { t, numbers, clerk, admin, get, stats };
  }

  it('a clerk sees February per window of theirs: received, accepted (incl. deemed), completed, late, 补正', async () => {
    const { stats } = await setup();
    const feb = await stats('from=2026-02-01&to=2026-02-28&groupBy=window');
    expect(feb.windows).toEqual(['MZ', 'WJ']);
    expect(feb.today).toBe('2026-03-02');
    expect(feb.rows.map((r) => r.label)).toEqual(['民政办', '卫健办']);
    expect(rowOf(feb, '民政办')).toEqual(
      figures({
        received: 6,
        accepted: 5,
        completed: 2,
        approved: 1,
        denied: 1,
        rejected: 1,
        completionRate: 2 / 6,
        averageWorkingDays: 6,
        overdue: 2,
        overdueOpen: 1,
        closedLate: 1,
        supplemented: 1,
        supplementRate: 1 / 6,
      }),
    );
    expect(rowOf(feb, '卫健办')).toEqual(
      figures({ received: 2, completionRate: 0, supplemented: 1, supplementRate: 0.5 }),
    );
    expect(feb.total).toEqual(
      figures({
        received: 8,
        accepted: 5,
        completed: 2,
        approved: 1,
        denied: 1,
        rejected: 1,
        completionRate: 0.25,
        averageWorkingDays: 6,
        overdue: 2,
        overdueOpen: 1,
        closedLate: 1,
        supplemented: 2,
        supplementRate: 0.25,
      }),
    );
    expect(feb.unloadedYears).toEqual([]);
  });

  it('the same cases by village, agent, item and month', async () => {
    const { stats } = await setup();
    const byVillage = await stats('from=2026-02-01&to=2026-02-28&groupBy=village');
    expect(byVillage.rows.map((r) => r.label)).toEqual(['东坡村', '西河村', '南山村']);
    expect(rowOf(byVillage, '东坡村')).toMatchObject({
      received: 3,
      accepted: 3,
      completed: 2,
      averageWorkingDays: 6,
      closedLate: 1,
      supplemented: 1,
    });
    expect(rowOf(byVillage, '西河村')).toMatchObject({ received: 2, accepted: 1, rejected: 1, overdueOpen: 1 });
    expect(rowOf(byVillage, '南山村')).toMatchObject({ received: 3, accepted: 1, supplemented: 1, overdue: 0 });

    const byAgent = await stats('from=2026-02-01&to=2026-02-28&groupBy=agent');
    expect(byAgent.rows.map((r) => [r.label, r.received])).toEqual([
      ['张建国', 3],
      ['赵志刚', 3],
      ['刘桂兰', 2],
    ]);

    const byItem = await stats('from=2026-02-01&to=2026-02-28&groupBy=item');
    expect(byItem.rows.slice(0, 2).map((r) => [r.key, r.label, r.received])).toEqual([
      ['DEMO-MZ-001', '老年人优待证', 2],
      ['DEMO-WJ-001', '生育登记', 2],
    ]);
    expect(rowOf(byItem, '老年人优待证')).toMatchObject({ completed: 1, rejected: 1, averageWorkingDays: 5 });
    expect(byItem.rows).toHaveLength(6);

    const byMonth = await stats('from=2026-01-01&to=2026-03-31&groupBy=month');
    expect(byMonth.rows.map((r) => [r.label, r.received, r.overdueOpen])).toEqual([
      ['2026-01', 1, 1],
      ['2026-02', 8, 1],
      ['2026-03', 1, 0],
    ]);
    const oneMonth = await stats('from=2026-02-01&to=2026-02-28&groupBy=month');
    expect(oneMonth.rows.map((r) => [r.label, r.received])).toEqual([['2026-02', 8]]);
  });

  it('an administrator sees every window of the township; a clerk may narrow to one of theirs, not another', async () => {
    const { stats, get, clerk, admin } = await setup();
    const all = await stats('from=2026-02-01&to=2026-02-28', admin);
    expect(all.groupBy).toBe('window');
    expect(all.rows.map((r) => [r.label, r.received])).toEqual([
      ['民政办', 6],
      ['社保所', 1],
      ['卫健办', 2],
      ['自然资源所', 0],
    ]);
    expect(rowOf(all, '社保所')).toMatchObject({ accepted: 1, completed: 1, averageWorkingDays: 2 });
    expect(all.total).toMatchObject({ received: 9, completed: 3, averageWorkingDays: 4.7 });

    const wj = await stats('from=2026-02-01&to=2026-02-28&window=WJ&groupBy=village');
    expect(wj.windows).toEqual(['WJ']);
    expect(wj.total.received).toBe(2);

    const forbidden = await get('/api/workbench/statistics?from=2026-02-01&to=2026-02-28&window=SB', clerk);
    expect(forbidden.statusCode).toBe(403);
    const backwards = await get('/api/workbench/statistics?from=2026-03-01&to=2026-02-01', clerk);
    expect(backwards.statusCode).toBe(400);
    expect(apiErrorSchema.parse(backwards.json()).code).toBe('VALIDATION_FAILED');
  });

  it('an agent may not see statistics or export anything', async () => {
    const { t, get } = await setup();
    const agent = await login(t, '13900000011', 'device');
    for (const url of [
      '/api/workbench/statistics?from=2026-02-01&to=2026-02-28',
      '/api/workbench/statistics.csv?from=2026-02-01&to=2026-02-28',
      '/api/workbench/export/cases.xlsx',
    ]) {
      const res = await get(url, agent);
      expect(res.statusCode).toBe(403);
      expect(apiErrorSchema.parse(res.json()).code).toBe('FORBIDDEN');
    }
    expect((await get('/api/workbench/export/cases.csv', {})).statusCode).toBe(401);
  });

  it('the statistics download as CSV for Excel and as a workbook with the same figures', async () => {
    const { get, clerk } = await setup();
    const csv = await get('/api/workbench/statistics.csv?from=2026-02-01&to=2026-02-28&groupBy=window', clerk);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('办件统计_按窗口_2026-02-01至2026-02-28.csv')}`,
    );
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.body.slice(1));
    expect(rows[0]?.slice(0, 3)).toEqual(['窗口', '收件数', '受理数（含视为受理）']);
    expect(rows.map((r) => r[0])).toEqual(['窗口', '民政办', '卫健办', '合计']);
    expect(rows[3]?.slice(1, 8)).toEqual(['8', '5', '2', '1', '1', '1', '25.0%']);

    const xlsx = await get('/api/workbench/statistics.xlsx?from=2026-02-01&to=2026-02-28&groupBy=month', clerk);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBufferOf(xlsx.rawPayload));
    const sheet = workbook.getWorksheet('办件统计');
    expect(sheet?.getRow(1).font.bold).toBe(true);
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      '2026-02',
      8,
      5,
      2,
      1,
      1,
      1,
      0.25,
      6,
      2,
      1,
      1,
      2,
      0.25,
      0,
      undefined,
      0,
    ]);
    expect(sheet?.getCell('H2').numFmt).toBe('0.0%');
    expect(sheet?.getCell('I2').numFmt).toBe('0.0');
    expect(sheet?.getRow(3).getCell(1).value).toBe('合计');
  });

  it('the case list exports exactly the queue, every page, without ID numbers or phones', async () => {
    const { get, clerk, numbers } = await setup();
    const period = 'from=2026-02-01&to=2026-02-28';
    const queued = new Map<QueueTab, string[]>();
    for (const tab of ['received', 'supplement', 'handling', 'closed', 'overdue'] as const) {
      const res = await get(`/api/workbench/queue?tab=${tab}&${period}&pageSize=2`, clerk);
      const first = queueResponseSchema.parse(res.json());
      const all = [...first.rows];
      for (let page = 2; all.length < first.total; page += 1) {
        const next = await get(`/api/workbench/queue?tab=${tab}&${period}&pageSize=2&page=${String(page)}`, clerk);
        all.push(...queueResponseSchema.parse(next.json()).rows);
      }
      queued.set(
        tab,
        all.map((r) => r.caseNumber),
      );
    }

    const xlsx = await get(`/api/workbench/export/cases.xlsx?${period}`, clerk);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(arrayBufferOf(xlsx.rawPayload));
    const sheet = workbook.getWorksheet('办件清单');
    if (!sheet) throw new Error('no sheet 办件清单');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '办件编号',
      '事项',
      '窗口',
      '村',
      '代办员',
      '申请人',
      '状态',
      '收件时间',
      '受理时间',
      '承诺办结日期',
      '办结时间',
      '补正轮次',
    ]);
    expect(sheet.getRow(1).font.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBe(24);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const exported: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) exported.push(row.getCell(1).text);
    });
    const everyTab = ['received', 'supplement', 'handling', 'closed'].flatMap(
      (tab) => queued.get(tab as QueueTab) ?? [],
    );
    expect(exported).toEqual(everyTab);
    expect(new Set(exported)).toEqual(new Set(['A', 'B', 'C', 'D', 'E', 'F', 'J', 'K'].map((k) => numbers.get(k))));

    const rowA = sheet.getRow(exported.indexOf(numbers.get('A') ?? '') + 2);
    expect(rowA.getCell(2).value).toBe('老年人优待证');
    expect(rowA.getCell(3).value).toBe('民政办');
    expect(rowA.getCell(4).value).toBe('东坡村');
    expect(rowA.getCell(5).value).toBe('张建国');
    expect(rowA.getCell(7).value).toBe('已办结（准予）');
    // Real dates, in China wall-clock time: received 01:00 UTC = 09:00 in China.
    expect(rowA.getCell(8).value).toEqual(new Date('2026-02-02T09:00:00.000Z'));
    expect(rowA.getCell(8).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(rowA.getCell(10).value).toEqual(new Date('2026-03-17T00:00:00.000Z'));
    expect(rowA.getCell(12).value).toBe(1);

    const overdue = await get(`/api/workbench/export/cases.xlsx?tab=overdue&${period}`, clerk);
    const overdueBook = new ExcelJS.Workbook();
    await overdueBook.xlsx.load(arrayBufferOf(overdue.rawPayload));
    const overdueNumbers: string[] = [];
    overdueBook.getWorksheet('办件清单')?.eachRow((row, n) => {
      if (n > 1) overdueNumbers.push(row.getCell(1).text);
    });
    expect(overdueNumbers).toEqual(queued.get('overdue'));
    expect(overdueNumbers).toEqual([numbers.get('C')]);

    const csv = await get(`/api/workbench/export/cases.csv?${period}`, clerk);
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(String(csv.headers['content-disposition'])).toMatch(
      /^attachment; filename="daiban-cases-all-2026-03-02\.csv"/,
    );
    const rows = parseCsv(csv.body.slice(1));
    expect(rows.slice(1).map((r) => r[0])).toEqual(everyTab);
    const rowF = rows.find((r) => r[0] === numbers.get('F'));
    expect(rowF?.[5]).toBe(`'=cmd|" /C calc"!A0`);
    expect(csv.body).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(rows.find((r) => r[0] === numbers.get('A'))?.slice(7, 12)).toEqual([
      '2026-02-02 09:00',
      '2026-02-03 10:00',
      '2026-03-17',
      '2026-02-10 11:00',
      '1',
    ]);
    for (const text of [csv.body, xlsxText(workbook)]) {
      expect(text).not.toContain(RESIDENT_ID);
      expect(text).not.toContain(RESIDENT_PHONE);
      expect(text).not.toMatch(/1390000001\d/);
    }
  });

  it('an export of more than 50 000 cases is refused with a clear 400', async () => {
    t = await startTestApp(dialect);
    const db = t.app.db.kysely;
    const township = await db
      .selectFrom('townships')
      .select('id')
      .where('code', '=', DEMO_TOWNSHIP.code)
      .executeTakeFirstOrThrow();
    const agent = await db
      .selectFrom('users')
      .select('id')
      .where('phone', '=', '13900000011')
      .executeTakeFirstOrThrow();
    const rows: CaseTable[] = [];
    for (let n = 0; n <= 50_000; n += 1) {
      const id = `0191${String(n).padStart(8, '0')}-0000-7000-8000-000000000000`.slice(0, 36);
      rows.push({
        id,
        case_number: `999001-20260201-${String(n).padStart(6, '0')}`,
        township_id: township.id,
        village_id: null,
        agent_id: agent.id,
        window_code: 'MZ',
        item_code: 'DEMO-MZ-001',
        item_version: 1,
        applicant_name: '王秀英',
        receipt_code: id,
        track_secret_hash: id,
        status: 'completed_approved',
        body: '{}',
        body_hash: id,
        received_at: '2026-02-02T01:00:00.000Z',
        submitted_at: '2026-02-02T01:00:00.000Z',
        version: 1,
        updated_at: '2026-02-02T01:00:00.000Z',
        round: 1,
        accept_by: '2026-02-09',
        deadline: null,
        deadline_kind: null,
        due_date: '2026-03-17',
        accepted_at: '2026-02-02T01:00:00.000Z',
        closed_at: '2026-02-03T01:00:00.000Z',
        suspended_at: null,
        supplement: null,
        result: null,
      });
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        await trx
          .insertInto('cases')
          .values(rows.slice(i, i + 1000))
          .execute();
      }
    });
    const clerk = await login(t, '13900000001', 'web');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/workbench/export/cases.csv?tab=closed',
      headers: clerk,
    });
    expect(res.statusCode).toBe(400);
    const problem = apiErrorSchema.parse(res.json());
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.message).toContain('50001 cases');
  });
});

/** The bytes of a response as the ArrayBuffer exceljs reads. */
function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/** Every cell's text of a workbook, to search it for personal data. */
function xlsxText(workbook: ExcelJS.Workbook): string {
  const parts: string[] = [];
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => parts.push(cell.text));
    });
  });
  return parts.join('\n');
}
