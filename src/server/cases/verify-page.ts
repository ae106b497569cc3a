/**
 * 原件已核验: the clerk compared a photographed page with the resident's original (a photo is grade-C
 * evidence, 国办函〔2016〕108号). Idempotent — the first clerk and time stay recorded — and not a
 * decision, so the case version does not move; refused once the case is closed.
 */
import type { Kysely } from 'kysely';
import { closedStatuses } from '../../domain/case-lifecycle';
import type { CasePageView } from '../../domain/workbench';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { findCasePage } from './find-case-page';
import { pageUrl } from './page-url';

/** Marks the page verified by the caller (once) and returns it as the workbench shows pages. */
export async function verifyPage(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  caseId: string,
  pageId: string,
  now: Date,
): Promise<CasePageView> {
  const { page, blob, caseStatus } = await findCasePage(db, principal, caseId, pageId);
  if (closedStatuses.has(caseStatus)) {
    throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', 'The case is closed');
  }
  if (!blob) throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', 'The photo has not arrived yet');
  if (page.verification !== 'verified') {
    await db
      .updateTable('case_pages')
      .set({ verification: 'verified', verified_by: principal.userId, verified_at: now.toISOString() })
      .where('case_id', '=', caseId)
      .where('page_id', '=', pageId)
      .where('verification', '=', 'pending')
      .execute();
  }
  const stored = await db
    .selectFrom('case_pages')
    .leftJoin('users', 'users.id', 'case_pages.verified_by')
    .select([
      'case_pages.material_key',
      'case_pages.position',
      'case_pages.round',
      'case_pages.verification',
      'users.name',
    ])
    .where('case_pages.case_id', '=', caseId)
    .where('case_pages.page_id', '=', pageId)
    .executeTakeFirstOrThrow();
  return {
    pageId,
    materialKey: stored.material_key,
    order: stored.position,
    round: stored.round,
    stored: true,
    verification: stored.verification,
    verifiedBy: stored.name,
    url: pageUrl(caseId, pageId),
  };
}
