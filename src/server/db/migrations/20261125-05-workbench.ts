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
