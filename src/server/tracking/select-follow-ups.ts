import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Follow-up tasks with what the workbench shows beside them: the case's number, item, masked-to-be
 * name, window and agent, who called back and who closed, and the rating's follow-up comment.
 * No filter yet: callers add the township, windows, status or id.
 */
export function selectFollowUps(db: Kysely<Database>) {
  return db
    .selectFrom('follow_ups as f')
    .innerJoin('cases as c', 'c.id', 'f.case_id')
    .innerJoin('users as a', 'a.id', 'c.agent_id')
    .leftJoin('windows as w', (join) =>
      join.onRef('w.township_id', '=', 'c.township_id').onRef('w.code', '=', 'c.window_code'),
    )
    .leftJoin('catalogue_items as i', (join) =>
      join.onRef('i.code', '=', 'c.item_code').onRef('i.version', '=', 'c.item_version'),
    )
    .leftJoin('users as cb', 'cb.id', 'f.called_back_by')
    .leftJoin('users as cl', 'cl.id', 'f.closed_by')
    .leftJoin('case_ratings as r', 'r.case_id', 'f.case_id')
    .select([
      'f.id',
      'f.kind',
      'f.status',
      'f.case_id',
      'f.township_id',
      'f.satisfaction',
      'f.text',
      'f.contact_phone',
      'f.created_at',
      'f.callback_due',
      'f.fix_due',
      'f.called_back_at',
      'f.callback_note',
      'f.closed_at',
      'f.outcome',
      'c.case_number',
      'c.applicant_name',
      'c.window_code',
      'c.item_code',
      'w.name as window_name',
      'i.name as item_name',
      'a.name as agent_name',
      'cb.name as called_back_by',
      'cl.name as closed_by',
      'r.follow_up_comment',
    ]);
}

export type FollowUpRow = Awaited<ReturnType<ReturnType<typeof selectFollowUps>['execute']>>[number];
