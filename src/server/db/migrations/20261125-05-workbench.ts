import type { Kysely, Migration } from 'kysely';

/**
 * The clerk workbench: deadlines and decisions on cases, 补正 rounds, who acted on each event, page
 * verification, reveals of masked fields, and administrator-edited holiday schedules.
 */
export const workbench: Migration = {
  async up(db: Kysely<unknown>) {
    const caseColumns: [string, 'text' | 'integer'][] = [
      ['accept_by', 'text'],
      ['deadline', 'text'],
      ['deadline_kind', 'text'],
      ['due_date', 'text'],
      ['accepted_at', 'text'],
      ['closed_at', 'text'],
      ['suspended_at', 'text'],
      ['supplement', 'text'],
      ['result', 'text'],
    ];
    await db.schema
      .alterTable('cases')
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    for (const [name, type] of caseColumns) {
      await db.schema.alterTable('cases').addColumn(name, type).execute();
    }
    await db.schema
      .createIndex('cases_queue_deadline')
      .on('cases')
      .columns(['township_id', 'status', 'deadline'])
      .execute();
    await db.schema
      .createIndex('cases_window_deadline')
      .on('cases')
      .columns(['township_id', 'window_code', 'status', 'deadline'])
      .execute();
    // The queue's pages and counts read these indexes alone, never the wide case rows (the body is
    // kilobytes of JSON): order of the open tabs, order of 已办结, and the 办件编号 / name search. The
    // trailing filter columns are not for seeking: they let the queue's filters be checked in the index.
    const filterColumns = ['village_id', 'item_code', 'agent_id'];
    await db.schema
      .createIndex('cases_window_order')
      .on('cases')
      .columns(['township_id', 'window_code', 'status', 'deadline', 'received_at', 'id', ...filterColumns])
      .execute();
    await db.schema
      .createIndex('cases_window_closed')
      .on('cases')
      .columns(['township_id', 'window_code', 'status', 'closed_at', 'id', 'received_at', ...filterColumns])
      .execute();
    await db.schema
      .createIndex('cases_search')
      .on('cases')
      .columns(['township_id', 'window_code', 'applicant_name', 'case_number', 'id'])
      .execute();
    await db.schema.alterTable('case_events').addColumn('actor_id', 'text').execute();
    await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'seq']).execute();
    await db.schema.alterTable('case_pages').addColumn('verified_by', 'text').execute();
    await db.schema.alterTable('case_pages').addColumn('verified_at', 'text').execute();
    await db.schema
      .createTable('case_rounds')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_rounds_pk', ['case_id', 'round'])
      .execute();
    await db.schema
      .createTable('case_reveals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_reveals_case').on('case_reveals').columns(['case_id', 'at']).execute();
    await db.schema
      .createTable('calendar_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['calendar_years', 'case_reveals', 'case_rounds']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
