/**
 * What a resident sees of one case (domain/tracking.ts trackViewSchema). Built field by field from
 * public data only: the masked name, the item, the steps, the dates, and the agent's, window's and
 * township's contact numbers — never the ID number, the applicant's phone, the answers or the photos.
 */
import type { Kysely } from 'kysely';
import { closedStatuses } from '../../domain/case-lifecycle';
import { maskName } from '../../domain/mask-name';
import type { TrackView } from '../../domain/tracking';
import type { CaseTable, Database } from '../db/schema';
import { trackTimeline } from './track-timeline';

/** 承诺办结日期 once accepted (also while paused), the Art. 32 answer-by date while received, else none. */
function expectedDateOf(row: CaseTable): string | null {
  if (row.status === 'accepted' || row.status === 'suspended') return row.due_date;
  if (row.status === 'received') return row.accept_by;
  return null;
}

export async function trackViewOf(db: Kysely<Database>, row: CaseTable): Promise<TrackView> {
  const [item, agent, window, township, events, rating] = await Promise.all([
    db
      .selectFrom('catalogue_items')
      .select('name')
      .where('code', '=', row.item_code)
      .where('version', '=', row.item_version)
      .executeTakeFirst(),
    db.selectFrom('users').select(['name', 'phone']).where('id', '=', row.agent_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('windows')
      .select(['name', 'phone'])
      .where('township_id', '=', row.township_id)
      .where('code', '=', row.window_code)
      .executeTakeFirst(),
    db
      .selectFrom('townships')
      .select(['name', 'supervision_phone'])
      .where('id', '=', row.township_id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('case_events')
      .select(['type', 'payload', 'at'])
      .where('case_id', '=', row.id)
      .orderBy('seq')
      .execute(),
    db.selectFrom('case_ratings').selectAll().where('case_id', '=', row.id).executeTakeFirst(),
  ]);
  const closed = closedStatuses.has(row.status);
  return {
    caseNumber: row.case_number,
    receiptCode: row.receipt_code,
    applicantMasked: maskName(row.applicant_name),
    itemName: item?.name ?? row.item_code,
    status: row.status,
    timeline: trackTimeline(row.submitted_at, events),
    expectedDate: expectedDateOf(row),
    suspended: row.status === 'suspended',
    agent: { name: agent.name, phone: agent.phone },
    window: { name: window?.name ?? row.window_code, phone: window?.phone ?? null },
    township: { name: township.name, supervisionPhone: township.supervision_phone },
    canRate: closed && !rating,
    rating: rating
      ? {
          satisfaction: rating.satisfaction,
          comment: rating.comment,
          ratedAt: rating.rated_at,
          followUpComment: rating.follow_up_comment,
        }
      : null,
  };
}
