/**
 * A clerk's decision on a case, all or nothing in one transaction. Optimistic concurrency: the clerk
 * acts on the version they were looking at, and the case row is claimed with
 * `UPDATE … WHERE id = ? AND version = ?` — of two clerks deciding at once exactly one update matches,
 * the other gets 409 CASE_CHANGED and nothing of theirs is written. Lock order is always the case
 * row first, then counters (notice number, feed), as everywhere else, so writers cannot deadlock.
 */
import type { Kysely } from 'kysely';
import {
  SIGNATURE_MATERIAL_KEY,
  isActionAllowed,
  type ClerkAction,
  type ClerkActionRequest,
} from '../../domain/case-lifecycle';
import type { ServiceItem } from '../../domain/catalogue';
import type { WorkCalendar } from '../../domain/working-days';
import type { CaseDetail } from '../../domain/workbench';
import { loadItemVersion } from '../catalogue/catalogue-store';
import type { CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { caseDetailOf } from './case-detail-of';
import { clerkActionEffect } from './clerk-action-effect';
import { findStaffCase } from './find-staff-case';
import { recordCaseEvent } from './record-case-event';
import { staffWindows } from './staff-windows';

function invalid(field: string, message: string): HttpProblem {
  return new HttpProblem(400, 'VALIDATION_FAILED', message, { field: `action.${field}` });
}

/** Checks what the schema cannot: materials of this item version, a window of this township. */
async function checkSpecifics(
  db: Kysely<Database>,
  row: CaseTable,
  item: ServiceItem,
  action: ClerkAction,
): Promise<void> {
  if (action.type === 'request_supplement') {
    const known = new Set([...item.materials.map((m) => m.key), SIGNATURE_MATERIAL_KEY]);
    const seen = new Set<string>();
    for (const [i, entry] of action.items.entries()) {
      if (!known.has(entry.materialKey)) throw invalid(`items.${String(i)}.materialKey`, 'Not a material of this item');
      if (seen.has(entry.materialKey)) throw invalid(`items.${String(i)}.materialKey`, 'Material listed twice');
      seen.add(entry.materialKey);
    }
  }
  if (action.type === 'transfer') {
    if (action.windowCode === row.window_code) throw invalid('windowCode', 'The case is already at this window');
    const target = await db
      .selectFrom('windows')
      .select('id')
      .where('township_id', '=', row.township_id)
      .where('code', '=', action.windowCode)
      .executeTakeFirst();
    if (!target) throw invalid('windowCode', 'No such window in this township');
  }
}

/**
 * Applies the clerk's action to the case version they saw and returns the case as it is now.
 * @throws HttpProblem 404/403 (not the caller's case), 409 CASE_CHANGED (the version moved),
 * 409 ACTION_NOT_ALLOWED (not in this status), 400 VALIDATION_FAILED with `field`.
 */
export async function applyClerkAction(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  principal: TownshipPrincipal,
  caseId: string,
  request: ClerkActionRequest,
  now: Date,
): Promise<CaseDetail> {
  const { action, expectedVersion } = request;
  const at = now.toISOString();
  const updated = await db.transaction().execute(async (trx) => {
    const row = await findStaffCase(trx, principal, caseId);
    if (row.version !== expectedVersion) {
      throw new HttpProblem(409, 'CASE_CHANGED', 'The case changed since you opened it');
    }
    if (!isActionAllowed(row.status, action.type)) {
      throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', `A ${row.status} case does not allow ${action.type}`);
    }
    const item = await loadItemVersion(trx, row.item_code, row.item_version);
    if (!item) throw new Error(`Item version ${row.item_code} v${String(row.item_version)} is missing`);
    await checkSpecifics(trx, row, item, action);

    const claimed = await trx
      .updateTable('cases')
      .set({ version: expectedVersion + 1, updated_at: at })
      .where('id', '=', caseId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (claimed.numUpdatedRows === 0n) {
      throw new HttpProblem(409, 'CASE_CHANGED', 'The case changed since you opened it');
    }
    const township = await trx
      .selectFrom('townships')
      .select(['id', 'code'])
      .where('id', '=', row.township_id)
      .executeTakeFirstOrThrow();
    const { changes, event } = await clerkActionEffect({ trx, calendar, township, item, now }, row, action);
    await trx.updateTable('cases').set(changes).where('id', '=', caseId).execute();
    await recordCaseEvent(trx, row, event, principal.userId, at);
    return { ...row, ...changes, version: expectedVersion + 1, updated_at: at } satisfies CaseTable;
  });
  // After a transfer the case may have left the caller's windows: they see it, but may no longer act.
  const canAct = principal.role === 'admin' || (await staffWindows(db, principal)).includes(updated.window_code);
  return caseDetailOf(db, calendar, updated, canAct, now);
}
