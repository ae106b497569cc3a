/**
 * What a clerk action does to a case (行政许可法 Art. 32/42/45; domain/case-lifecycle): the columns it
 * changes and the event it records. Deadlines are China dates counted in working days:
 * - accept: due date = the item's promised limit after the day of acceptance (即办件, limit 0: that day);
 * - request_supplement / suspend: the clock pauses (no deadline);
 * - resume: the due date moves by the working days spent suspended;
 * - extend: the due date moves by the days granted;
 * - reject / complete: closed, no deadline.
 * Pure apart from the notice-number counter; the caller has already checked that the status allows
 * the action and validated its specifics.
 */
import type { Kysely } from 'kysely';
import {
  SIGNATURE_MATERIAL_KEY,
  statusAfter,
  type ClerkAction,
  type SupplementRequest,
} from '../../domain/case-lifecycle';
import type { ServiceItem } from '../../domain/catalogue';
import { todayInChina } from '../../domain/resident-id';
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from '../../domain/working-days';
import type { CaseTable, Database, TownshipTable } from '../db/schema';
import { chinaDateOf } from './china-time';
import { nextNoticeNumber } from './next-notice-number';
import type { CaseEventDraft } from './record-case-event';

/** How a 补正 notice names the resident's signed authorisation. */
export const SIGNATURE_MATERIAL_NAME = '代办服务委托书（申请人签字）';

export type ClerkActionContext = {
  trx: Kysely<Database>;
  calendar: WorkCalendar;
  township: Pick<TownshipTable, 'id' | 'code'>;
  item: ServiceItem;
  now: Date;
};

export type CaseChanges = Partial<
  Pick<
    CaseTable,
    | 'status'
    | 'window_code'
    | 'deadline'
    | 'deadline_kind'
    | 'due_date'
    | 'accepted_at'
    | 'closed_at'
    | 'suspended_at'
    | 'supplement'
    | 'result'
  >
>;

function requireDueDate(row: CaseTable): string {
  if (row.due_date === null) throw new Error(`Case ${row.id} has no due date in status ${row.status}`);
  return row.due_date;
}

/** The column changes and the event of `action` on `row`. */
export async function clerkActionEffect(
  ctx: ClerkActionContext,
  row: CaseTable,
  action: ClerkAction,
): Promise<{ changes: CaseChanges; event: CaseEventDraft }> {
  const at = ctx.now.toISOString();
  const today = todayInChina(ctx.now);
  const status = statusAfter(row.status, action);
  switch (action.type) {
    case 'accept': {
      const dueDate = addWorkingDays(ctx.calendar, today, ctx.item.promisedLimitDays).date;
      const noticeNumber = await nextNoticeNumber(ctx.trx, ctx.township, '受', ctx.now);
      return {
        changes: { status, accepted_at: at, due_date: dueDate, deadline: dueDate, deadline_kind: 'due' },
        event: {
          type: 'accepted',
          payload: { status, acceptedAt: at, dueDate, deemed: false, noticeNumber, note: action.note },
        },
      };
    }
    case 'request_supplement': {
      const names = new Map(ctx.item.materials.map((m) => [m.key, m.name]));
      names.set(SIGNATURE_MATERIAL_KEY, SIGNATURE_MATERIAL_NAME);
      const supplement: SupplementRequest = {
        round: row.round + 1,
        items: action.items.map((i) => ({ ...i, name: names.get(i.materialKey) ?? i.materialKey })),
        note: action.note,
        noticeNumber: await nextNoticeNumber(ctx.trx, ctx.township, '补', ctx.now),
      };
      return {
        changes: { status, supplement: JSON.stringify(supplement), deadline: null, deadline_kind: null },
        event: { type: 'supplement_requested', payload: { ...supplement, status } },
      };
    }
    case 'reject': {
      const noticeNumber = await nextNoticeNumber(ctx.trx, ctx.township, '不', ctx.now);
      const payload = { status, reason: action.reason, noticeNumber };
      return {
        changes: {
          status,
          closed_at: at,
          result: JSON.stringify(payload),
          supplement: null,
          deadline: null,
          deadline_kind: null,
        },
        event: { type: 'rejected', payload },
      };
    }
    case 'complete': {
      const payload = {
        status,
        outcome: action.outcome,
        resultName: action.resultName,
        resultNumber: action.resultNumber,
        note: action.note,
      };
      return {
        changes: { status, closed_at: at, result: JSON.stringify(payload), deadline: null, deadline_kind: null },
        event: { type: 'completed', payload },
      };
    }
    case 'suspend':
      return {
        changes: { status, suspended_at: at, deadline: null, deadline_kind: null },
        event: { type: 'suspended', payload: { status, kind: action.kind, reason: action.reason } },
      };
    case 'resume': {
      const suspendedDay = row.suspended_at === null ? today : chinaDateOf(row.suspended_at);
      const paused = workingDaysBetween(ctx.calendar, suspendedDay, today).days;
      const dueDate = addWorkingDays(ctx.calendar, requireDueDate(row), paused).date;
      return {
        changes: { status, suspended_at: null, due_date: dueDate, deadline: dueDate, deadline_kind: 'due' },
        event: { type: 'resumed', payload: { status, dueDate, pausedWorkingDays: paused, note: action.note } },
      };
    }
    case 'extend': {
      const dueDate = addWorkingDays(ctx.calendar, requireDueDate(row), action.days).date;
      return {
        changes: { status, due_date: dueDate, deadline: dueDate, deadline_kind: 'due' },
        event: { type: 'extended', payload: { status, dueDate, days: action.days, reason: action.reason } },
      };
    }
    case 'transfer': {
      // The agent knows windows by name (社保所), not by code (SB).
      const target = await ctx.trx
        .selectFrom('windows')
        .select('name')
        .where('township_id', '=', ctx.township.id)
        .where('code', '=', action.windowCode)
        .executeTakeFirst();
      return {
        changes: { window_code: action.windowCode },
        event: {
          type: 'transferred',
          payload: {
            status,
            fromWindow: row.window_code,
            toWindow: action.windowCode,
            toWindowName: target?.name ?? action.windowCode,
            note: action.note,
          },
        },
      };
    }
  }
}
