/**
 * 行政许可法 Art. 32: a window that neither accepts, refuses nor sends a 补正 notice within five
 * working days of receiving the materials is deemed to have accepted them — "自收到申请材料之日起即为受理".
 * The server applies that rule itself: every case still 已收件 whose accept-by date has passed is
 * accepted as of its receipt (the current round's), with its due date counted from that day, a
 * 受理 notice number and an 'accepted' event marked deemed, with no clerk as actor.
 *
 * Safe to run twice or from two processes at once: each case is claimed with a version-checked
 * update, so only one run records the acceptance. Cases received before deadlines were tracked
 * (accept_by null) get their accept-by date first.
 */
import type { Kysely } from 'kysely';
import type { ServiceItem } from '../../domain/catalogue';
import { todayInChina } from '../../domain/resident-id';
import { addWorkingDays, type WorkCalendar } from '../../domain/working-days';
import { loadItemVersion } from '../catalogue/catalogue-store';
import type { CaseTable, Database } from '../db/schema';
import { acceptDeadline } from '../cases/accept-deadline';
import { chinaDateOf } from '../cases/china-time';
import { nextNoticeNumber } from '../cases/next-notice-number';
import { recordCaseEvent } from '../cases/record-case-event';
import { roundReceivedAt } from '../cases/round-received-at';

export const DEEMED_ACCEPTANCE_NOTE = '逾期未告知，视为受理';

export type DeemedAcceptanceReport = { accepted: number; backfilled: number };

async function backfillAcceptBy(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  townshipIds: readonly string[],
): Promise<number> {
  // A received case has a deadline exactly when it has an accept-by date; the deadline is indexed.
  const rows = await db
    .selectFrom('cases')
    .select(['id', 'round', 'received_at'])
    .where('township_id', 'in', townshipIds)
    .where('status', '=', 'received')
    .where('deadline', 'is', null)
    .execute();
  for (const row of rows) {
    await db
      .updateTable('cases')
      .set(acceptDeadline(calendar, await roundReceivedAt(db, row)))
      .where('id', '=', row.id)
      .where('status', '=', 'received')
      .where('deadline', 'is', null)
      .execute();
  }
  return rows.length;
}

async function acceptOne(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  row: CaseTable,
  item: ServiceItem,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const receivedAt = await roundReceivedAt(db, row);
  const dueDate = addWorkingDays(calendar, chinaDateOf(receivedAt), item.promisedLimitDays).date;
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('cases')
      .set({
        status: 'accepted',
        accepted_at: receivedAt,
        due_date: dueDate,
        deadline: dueDate,
        deadline_kind: 'due',
        version: row.version + 1,
        updated_at: at,
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .where('status', '=', 'received')
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) return false;
    const township = await trx
      .selectFrom('townships')
      .select(['id', 'code'])
      .where('id', '=', row.township_id)
      .executeTakeFirstOrThrow();
    const noticeNumber = await nextNoticeNumber(trx, township, '受', now);
    await recordCaseEvent(
      trx,
      row,
      {
        type: 'accepted',
        payload: {
          status: 'accepted',
          acceptedAt: receivedAt,
          dueDate,
          deemed: true,
          noticeNumber,
          note: DEEMED_ACCEPTANCE_NOTE,
        },
      },
      null,
      at,
    );
    return true;
  });
}

/**
 * Accepts every 已收件 case whose Art. 32 accept-by date is before today (China date of `now`).
 * Returns how many it accepted and how many accept-by dates it filled in.
 */
export async function runDeemedAcceptance(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  now: Date,
): Promise<DeemedAcceptanceReport> {
  // By township, so that the (township_id, status, deadline) index finds the cases: this runs every minute.
  const townshipIds = (await db.selectFrom('townships').select('id').execute()).map((t) => t.id);
  if (townshipIds.length === 0) return { accepted: 0, backfilled: 0 };
  const backfilled = await backfillAcceptBy(db, calendar, townshipIds);
  const due = await db
    .selectFrom('cases')
    .selectAll()
    .where('township_id', 'in', townshipIds)
    .where('status', '=', 'received')
    .where('deadline', '<', todayInChina(now))
    .where('deadline_kind', '=', 'accept_by')
    .orderBy('received_at')
    .execute();
  const items = new Map<string, ServiceItem>();
  let accepted = 0;
  for (const row of due) {
    const key = `${row.item_code}@${String(row.item_version)}`;
    let item = items.get(key);
    if (!item) {
      item = await loadItemVersion(db, row.item_code, row.item_version);
      if (!item) throw new Error(`Item version ${key} is missing`);
      items.set(key, item);
    }
    if (await acceptOne(db, calendar, row, item, now)) accepted += 1;
  }
  return { accepted, backfilled };
}
