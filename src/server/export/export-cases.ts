/**
 * The case list export (办件清单): the cases of a queue query, every page, as a table. The cases and
 * their order come from the queue itself (`listQueue`, read in large pages), so an export always
 * holds what the clerk's queue shows; tab 'all' is 待受理, 补正中, 办理中 and 已办结 one after another
 * (every case is in exactly one of them). Columns are names, states and dates only: residents' ID
 * numbers and phones are never exported.
 */
import type { Kysely } from 'kysely';
import type { CaseStatus } from '../../domain/case-submission';
import { EXPORT_MAX_ROWS, type CaseExportQuery } from '../../domain/statistics';
import type { WorkCalendar } from '../../domain/working-days';
import type { QueueTab } from '../../domain/workbench';
import { listQueue } from '../cases/list-queue';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import type { ExportColumn, ExportTable, ExportValue } from './export-table';

/** Every case is in exactly one of these tabs (即将到期 and 已超期 are parts of the first and third). */
const ALL_TABS: readonly QueueTab[] = ['received', 'supplement', 'handling', 'closed'];
/** Cases read per queue page (the queue binds their ids: under SQLite's 32 766 and PostgreSQL's 65 535 parameters). */
const PAGE_SIZE = 20_000;
/** Cases per detail query (ids are bound as parameters). */
const DETAIL_CHUNK = 2_000;

export const STATUS_TEXT = {
  received: '已收件',
  accepted: '已受理，办理中',
  supplement: '补正中',
  rejected: '不予受理',
  suspended: '特别程序中',
  completed_approved: '已办结（准予）',
  completed_denied: '已办结（不予）',
} as const satisfies Record<CaseStatus, string>;

export const TAB_TEXT = {
  all: '全部',
  received: '待受理',
  supplement: '补正中',
  handling: '办理中',
  due_soon: '即将到期',
  overdue: '已超期',
  closed: '已办结',
} as const satisfies Record<CaseExportQuery['tab'], string>;

const COLUMNS: readonly ExportColumn[] = [
  { header: '办件编号', kind: 'text', width: 24 },
  { header: '事项', kind: 'text', width: 30 },
  { header: '窗口', kind: 'text', width: 12 },
  { header: '村', kind: 'text', width: 12 },
  { header: '代办员', kind: 'text', width: 10 },
  { header: '申请人', kind: 'text', width: 10 },
  { header: '状态', kind: 'text', width: 14 },
  { header: '收件时间', kind: 'datetime', width: 17 },
  { header: '受理时间', kind: 'datetime', width: 17 },
  { header: '承诺办结日期', kind: 'date', width: 13 },
  { header: '办结时间', kind: 'datetime', width: 17 },
  { header: '补正轮次', kind: 'integer', width: 9 },
];

/** The ids of the matching cases in queue order; 400 when there are more than EXPORT_MAX_ROWS. */
async function caseIds(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  principal: TownshipPrincipal,
  query: CaseExportQuery,
  now: Date,
): Promise<string[]> {
  const tabs = query.tab === 'all' ? ALL_TABS : [query.tab];
  const filters = { ...query, page: 1, pageSize: 1 };
  // Counted up to one past the limit, so that "too many" is known without counting them all.
  const probe = await listQueue(
    db,
    calendar,
    principal,
    { ...filters, tab: tabs[0] ?? 'received' },
    now,
    EXPORT_MAX_ROWS,
  );
  const total = tabs.reduce((sum, tab) => sum + probe.counts[tab], 0);
  if (total > EXPORT_MAX_ROWS) {
    throw new HttpProblem(
      400,
      'VALIDATION_FAILED',
      `The export would hold ${String(total)} cases, more than ${String(EXPORT_MAX_ROWS)}: narrow the filters`,
    );
  }
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const tab of tabs) {
    for (let page = 1; ; page += 1) {
      const answer = await listQueue(
        db,
        calendar,
        principal,
        { ...filters, tab, page, pageSize: PAGE_SIZE },
        now,
        EXPORT_MAX_ROWS,
      );
      for (const row of answer.rows) {
        // A case that moved between pages while we read is listed once.
        if (!seen.has(row.id)) ids.push(row.id);
        seen.add(row.id);
      }
      if (!answer.hasMore) break;
    }
  }
  return ids.slice(0, EXPORT_MAX_ROWS);
}

/**
 * The case list for `query` (a queue query without paging, or tab 'all') as a table.
 * @throws HttpProblem 403 for a window the caller does not work, 400 for more than EXPORT_MAX_ROWS cases.
 */
export async function exportCases(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  principal: TownshipPrincipal,
  query: CaseExportQuery,
  now: Date,
): Promise<ExportTable> {
  const ids = await caseIds(db, calendar, principal, query, now);
  const rows = new Map<string, ExportValue[]>();
  for (let i = 0; i < ids.length; i += DETAIL_CHUNK) {
    const chunk = ids.slice(i, i + DETAIL_CHUNK);
    const details = await db
      .selectFrom('cases')
      .innerJoin('users as agent', 'agent.id', 'cases.agent_id')
      .leftJoin('villages', 'villages.id', 'cases.village_id')
      .leftJoin('windows', (join) =>
        join.onRef('windows.township_id', '=', 'cases.township_id').onRef('windows.code', '=', 'cases.window_code'),
      )
      .leftJoin('catalogue_items as item', (join) =>
        join.onRef('item.code', '=', 'cases.item_code').onRef('item.version', '=', 'cases.item_version'),
      )
      .select((eb) => [
        'cases.id',
        'cases.case_number',
        'cases.item_code',
        'cases.window_code',
        'cases.applicant_name',
        'cases.status',
        'cases.received_at',
        'cases.accepted_at',
        'cases.due_date',
        'cases.closed_at',
        'item.name as item_name',
        'windows.name as window_name',
        'villages.name as village_name',
        'agent.name as agent_name',
        eb
          .selectFrom('case_events')
          .select((sub) => sub.fn.countAll<string | number>().as('n'))
          .whereRef('case_events.case_id', '=', 'cases.id')
          .where('case_events.type', '=', 'supplement_requested')
          .as('supplements'),
      ])
      .where('cases.id', 'in', chunk)
      .execute();
    for (const d of details) {
      rows.set(d.id, [
        d.case_number,
        d.item_name ?? d.item_code,
        d.window_name ?? d.window_code,
        d.village_name,
        d.agent_name,
        d.applicant_name,
        STATUS_TEXT[d.status],
        d.received_at,
        d.accepted_at,
        d.due_date,
        d.closed_at,
        Number(d.supplements ?? 0),
      ]);
    }
  }
  return {
    sheetName: '办件清单',
    columns: COLUMNS,
    rows: ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [row] : [];
    }),
  };
}
