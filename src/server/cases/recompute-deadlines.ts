/**
 * When a year's holiday schedule changes (an administrator enters the year announced in November,
 * or corrects one), deadlines computed with the old calendar — weekends only, for a year not yet
 * announced — are computed again from what happened to each case:
 * - 已收件: accept-by = ACCEPT_WITHIN_WORKING_DAYS after the current round's receipt;
 * - 办理中 / 挂起: due date = the item's promised limit after the day of acceptance, then, in event
 *   order, + the working days of each finished suspension and + each extension.
 * Decisions already recorded (events, notices) are history and stay as they were; the case version
 * does not move, since no decision changed.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ServiceItem } from '../../domain/catalogue';
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from '../../domain/working-days';
import { loadItemVersion } from '../catalogue/catalogue-store';
import type { CaseTable, Database } from '../db/schema';
import { acceptDeadline } from './accept-deadline';
import { chinaDateOf } from './china-time';

const CHUNK = 500;
const extendedPayload = z.object({ days: z.number().int() });

type Row = Pick<
  CaseTable,
  | 'id'
  | 'status'
  | 'round'
  | 'received_at'
  | 'accepted_at'
  | 'accept_by'
  | 'due_date'
  | 'deadline'
  | 'item_code'
  | 'item_version'
> & { round_received_at: string | null };

function dueDateOf(
  calendar: WorkCalendar,
  row: Row,
  item: ServiceItem,
  events: readonly { type: string; at: string; payload: string }[],
): string | null {
  if (row.accepted_at === null) return row.due_date;
  let due = addWorkingDays(calendar, chinaDateOf(row.accepted_at), item.promisedLimitDays).date;
  let suspendedDay: string | null = null;
  for (const event of events) {
    if (event.type === 'suspended') suspendedDay = chinaDateOf(event.at);
    if (event.type === 'resumed' && suspendedDay !== null) {
      due = addWorkingDays(calendar, due, workingDaysBetween(calendar, suspendedDay, chinaDateOf(event.at)).days).date;
      suspendedDay = null;
    }
    if (event.type === 'extended') {
      due = addWorkingDays(calendar, due, extendedPayload.parse(JSON.parse(event.payload)).days).date;
    }
  }
  return due;
}

/**
 * Recomputes the deadlines of open cases whose accept-by or due date falls in `year` or later.
 * Returns how many cases got a different date.
 */
export async function recomputeDeadlines(db: Kysely<Database>, calendar: WorkCalendar, year: number): Promise<number> {
  const from = `${String(year)}-01-01`;
  const rows: Row[] = await db
    .selectFrom('cases')
    .leftJoin('case_rounds', (join) =>
      join.onRef('case_rounds.case_id', '=', 'cases.id').onRef('case_rounds.round', '=', 'cases.round'),
    )
    .select([
      'cases.id',
      'cases.status',
      'cases.round',
      'cases.received_at',
      'cases.accepted_at',
      'cases.accept_by',
      'cases.due_date',
      'cases.deadline',
      'cases.item_code',
      'cases.item_version',
      'case_rounds.received_at as round_received_at',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('cases.status', '=', 'received'), eb('cases.accept_by', '>=', from)]),
        eb.and([eb('cases.status', 'in', ['accepted', 'suspended']), eb('cases.due_date', '>=', from)]),
      ]),
    )
    .execute();
  const items = new Map<string, ServiceItem>();
  let changed = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const accepted = chunk.filter((r) => r.status !== 'received').map((r) => r.id);
    const events =
      accepted.length === 0
        ? []
        : await db
            .selectFrom('case_events')
            .select(['case_id', 'type', 'at', 'payload'])
            .where('case_id', 'in', accepted)
            .where('type', 'in', ['suspended', 'resumed', 'extended'])
            .orderBy('seq')
            .execute();
    const eventsByCase = new Map<string, typeof events>();
    for (const event of events) {
      const list = eventsByCase.get(event.case_id);
      if (list) list.push(event);
      else eventsByCase.set(event.case_id, [event]);
    }
    for (const row of chunk) {
      if (row.status === 'received') {
        const next = acceptDeadline(calendar, row.round_received_at ?? row.received_at);
        if (next.accept_by === row.accept_by) continue;
        await db.updateTable('cases').set(next).where('id', '=', row.id).where('status', '=', 'received').execute();
        changed += 1;
        continue;
      }
      const key = `${row.item_code}@${String(row.item_version)}`;
      let item = items.get(key);
      if (!item) {
        item = await loadItemVersion(db, row.item_code, row.item_version);
        if (!item) throw new Error(`Item version ${key} is missing`);
        items.set(key, item);
      }
      const due = dueDateOf(calendar, row, item, eventsByCase.get(row.id) ?? []);
      if (due === row.due_date) continue;
      await db
        .updateTable('cases')
        .set(row.status === 'accepted' ? { due_date: due, deadline: due, deadline_kind: 'due' } : { due_date: due })
        .where('id', '=', row.id)
        .where('status', '=', row.status)
        .execute();
      changed += 1;
    }
  }
  return changed;
}
