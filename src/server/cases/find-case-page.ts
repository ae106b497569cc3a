import type { Kysely } from 'kysely';
import type { BlobTable, CasePageTable, CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { findStaffCase } from './find-staff-case';

/**
 * A page (or the signature) of a case the caller may work on, with its stored blob if the photo
 * has arrived. 404 when the case is not the caller's township's or has no such page.
 */
export async function findCasePage(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  caseId: string,
  pageId: string,
): Promise<{ page: CasePageTable; blob: BlobTable | undefined; caseStatus: CaseTable['status'] }> {
  const row = await findStaffCase(db, principal, caseId);
  const page = await db
    .selectFrom('case_pages')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('page_id', '=', pageId)
    .executeTakeFirst();
  if (!page) throw new HttpProblem(404, 'NOT_FOUND', 'No such page');
  const blob = await db.selectFrom('blobs').selectAll().where('sha256', '=', page.sha256).executeTakeFirst();
  return { page, blob, caseStatus: row.status };
}
