import type { Kysely, Migration } from 'kysely';

/**
 * Statistics read every case received in a period: a covering index over the columns they group and
 * count by keeps them off the wide case rows (the submission body makes each row several KB), and the
 * 补正 rate finds its cases by event type.
 */
export const statisticsIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('cases_statistics')
      .on('cases')
      .columns([
        'township_id',
        'received_at',
        'window_code',
        'status',
        'village_id',
        'item_code',
        'agent_id',
        'deadline',
        'due_date',
        'accepted_at',
        'closed_at',
        'id',
      ])
      .execute();
    await db.schema
      .createIndex('case_events_type')
      .on('case_events')
      .columns(['township_id', 'type', 'case_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('case_events_type').execute();
    await db.schema.dropIndex('cases_statistics').execute();
  },
};
