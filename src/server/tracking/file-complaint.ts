/**
 * A resident's complaint (投诉) about a case, in any status: it always opens a follow-up task. At most
 * COMPLAINTS_PER_DAY per case in any 24 hours, so one access token cannot flood the workbench.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { complaintRequestSchema } from '../../domain/tracking';
import type { WorkCalendar } from '../../domain/working-days';
import type { CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import { openFollowUp } from './open-follow-up';

export const COMPLAINTS_PER_DAY = 3;
const DAY_MS = 86_400_000;

/** @throws HttpProblem 429 RATE_LIMITED (with retryAfterSeconds) past COMPLAINTS_PER_DAY. */
export async function fileComplaint(
  db: Kysely<Database>,
  calendar: WorkCalendar,
  row: CaseTable,
  complaint: z.output<typeof complaintRequestSchema>,
  now: Date,
): Promise<void> {
  const recent = await db
    .selectFrom('follow_ups')
    .select('created_at')
    .where('case_id', '=', row.id)
    .where('kind', '=', 'complaint')
    .where('created_at', '>', new Date(now.getTime() - DAY_MS).toISOString())
    .orderBy('created_at')
    .execute();
  const oldest = recent[0];
  if (recent.length >= COMPLAINTS_PER_DAY && oldest) {
    const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(oldest.created_at) + DAY_MS - now.getTime()) / 1000));
    throw new HttpProblem(429, 'RATE_LIMITED', 'Too many complaints about this case today', { retryAfterSeconds });
  }
  await openFollowUp(
    db,
    calendar,
    row,
    {
      kind: 'complaint',
      satisfaction: null,
      text: complaint.text,
      contact_phone: complaint.contactPhone === '' ? null : complaint.contactPhone,
    },
    now,
  );
}
