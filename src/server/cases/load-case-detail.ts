import type { Kysely } from 'kysely';
import type { WorkCalendar } from '../../domain/working-days';
import type { CaseDetail } from '../../domain/workbench';
import type { Database } from '../db/schema';
import type { TownshipPrincipal } from '../plugins/auth';
import { caseDetailOf } from './case-detail-of';
import { findStaffCase } from './find-staff-case';

/** The detail of a case the clerk or admin may work on (404 outside the township, 403 at another window). */
export async function loadCaseDetail(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  principal: TownshipPrincipal,
  caseId: string,
  now: Date,
): Promise<CaseDetail> {
  const row = await findStaffCase(db, principal, caseId);
  return caseDetailOf(db, calendar, row, true, now);
}
