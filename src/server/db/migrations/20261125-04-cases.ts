import type { Kysely, Migration } from 'kysely';

/** Cases as received from the phones, their photographed pages, the change feed and 办件编号 counters. */
export const cases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_number', 'text', (c) => c.notNull().unique())
      .addColumn('township_id', 'text', (c) => c.notNull().references('townships.id'))
      .addColumn('village_id', 'text', (c) => c.references('villages.id'))
      .addColumn('agent_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('window_code', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text', (c) => c.notNull())
      .addColumn('item_version', 'integer', (c) => c.notNull())
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('receipt_code', 'text', (c) => c.notNull().unique())
      .addColumn('track_secret_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('body_hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cases_queue').on('cases').columns(['township_id', 'window_code', 'status']).execute();
    await db.schema.createIndex('cases_agent').on('cases').column('agent_id').execute();
    await db.schema
      .createTable('case_pages')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('page_id', 'text', (c) => c.notNull())
      .addColumn('material_key', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('verification', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_pages_pk', ['case_id', 'page_id'])
      .execute();
    await db.schema.createIndex('case_pages_sha256').on('case_pages').column('sha256').execute();
    // seq comes from the 'feed' counter (see server/db/counters.ts), not from an identity column:
    // the counter row stays locked until the writing transaction commits, so entries become
    // visible in seq order and a reader polling "after N" never skips one.
    await db.schema
      .createTable('case_events')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('agent_id', 'text', (c) => c.notNull())
      .addColumn('township_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_events_agent').on('case_events').columns(['agent_id', 'seq']).execute();
    await db.schema
      .createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['counters', 'case_events', 'case_pages', 'cases']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
