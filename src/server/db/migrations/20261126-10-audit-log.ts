import type { Kysely, Migration } from 'kysely';

/**
 * The audit trail (server/audit): append-only, each entry hashed with the one before it. `seq` is
 * handed out by the 'audit' counter, gapless; (township_id, seq), (actor_id, seq) and (action, seq)
 * serve the administrator's filters newest first.
 */
export const auditLog: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('township_id', 'text')
      .addColumn('subject_type', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_township').on('audit_log').columns(['township_id', 'seq']).execute();
    await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'seq']).execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
    await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_id', 'seq']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_log').execute();
  },
};
