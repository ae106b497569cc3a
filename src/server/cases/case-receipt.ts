import type { Kysely } from 'kysely';
import type { CaseReceipt } from '../../domain/case-submission';
import type { CaseTable, Database } from '../db/schema';

/**
 * The receipt the phone gets for a case or a 补正 round: the case as it is now, with every page of
 * every round counted ("材料上传中 n/m": stored pages of all pages, the signature included).
 */
export async function caseReceipt(
  db: Kysely<Database>,
  row: Pick<CaseTable, 'id' | 'case_number' | 'status'>,
  receivedAt: string,
): Promise<CaseReceipt> {
  const pages = await db
    .selectFrom('case_pages')
    .leftJoin('blobs', 'blobs.sha256', 'case_pages.sha256')
    .select(['case_pages.page_id', 'blobs.sha256 as stored'])
    .where('case_pages.case_id', '=', row.id)
    .execute();
  return {
    id: row.id,
    caseNumber: row.case_number,
    status: row.status,
    receivedAt,
    materials: { verified: pages.filter((p) => p.stored !== null).length, total: pages.length },
  };
}
