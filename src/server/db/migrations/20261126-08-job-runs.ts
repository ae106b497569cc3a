import type { Kysely, Migration } from 'kysely';

/**
 * Several server processes share one database (docs/operations.md): each scheduled run of a job is
 * claimed by exactly one of them through the unique (job, slot_claim) index, and every process's
 * attempt is recorded — who did the work, when, with what counts, and who found the slot taken.
 */
export const jobRuns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('job_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('job', 'text', (c) => c.notNull())
      .addColumn('slot', 'text')
      .addColumn('slot_claim', 'text')
      .addColumn('worker', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('report', 'text')
      .execute();
    // NULLs are distinct in a unique index on both databases: runs on demand and losers never collide.
    await db.schema.createIndex('job_runs_claim').on('job_runs').columns(['job', 'slot_claim']).unique().execute();
    await db.schema.createIndex('job_runs_started').on('job_runs').column('started_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('job_runs').execute();
  },
};
