import type { Kysely } from 'kysely';
import type { CaseTable, Database } from '../db/schema';

/** When the current round of a case arrived: the case itself for round 1, else its 补正 resubmission. */
export async function roundReceivedAt(
  db: Kysely<Database>,
  row: Pick<CaseTable, 'id' | 'round' | 'received_at'>,
): Promise<string> {
  if (row.round <= 1) return row.received_at;
  const round = await db
    .selectFrom('case_rounds')
    .select('received_at')
    .where('case_id', '=', row.id)
    .where('round', '=', row.round)
    .executeTakeFirst();
  return round?.received_at ?? row.received_at;
}
