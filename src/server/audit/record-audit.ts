/**
 * Appends one entry to the audit trail (append-only, hash-chained — see audit-hash.ts).
 *
 * `seq` comes from the 'audit' counter (db/counters.ts), whose row stays locked until the caller's
 * transaction ends: appenders queue one behind the other, across server processes too, and each reads
 * the hash of an entry that is already committed — the chain cannot fork. Call it inside the
 * transaction that does what it records, so that the act and its trace commit or vanish together;
 * take 'audit' after every other counter of the transaction (after 'feed'), so no two transactions
 * wait for each other's counters in opposite order.
 */
import type { Kysely } from 'kysely';
import { auditDetailSchema, type AuditAction, type AuditDetail, type AuditSubjectType } from '../../domain/audit';
import type { Role } from '../../domain/roles';
import { nextValue } from '../db/counters';
import type { Database } from '../db/schema';
import { GENESIS_HASH, auditHash } from './audit-hash';

export type AuditDraft = {
  action: AuditAction;
  /** Null when the server itself acted (a scheduled job). */
  actor: { id: string; role: Role } | null;
  townshipId: string | null;
  subject: { type: AuditSubjectType; id: string } | null;
  detail?: AuditDetail;
};

/** Records `draft` at `at` (ISO-8601) and returns its seq. */
export async function recordAudit(trx: Kysely<Database>, draft: AuditDraft, at: string): Promise<number> {
  const detail = JSON.stringify(auditDetailSchema.parse(draft.detail ?? {}));
  const seq = await nextValue(trx, 'audit');
  const previous =
    seq === 1
      ? undefined
      : await trx
          .selectFrom('audit_log')
          .select('hash')
          .where('seq', '=', seq - 1)
          .executeTakeFirst();
  const fields = {
    seq,
    at,
    action: draft.action,
    actor_id: draft.actor?.id ?? null,
    actor_role: draft.actor?.role ?? null,
    township_id: draft.townshipId,
    subject_type: draft.subject?.type ?? null,
    subject_id: draft.subject?.id ?? null,
    detail,
    prev_hash: previous?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...fields, hash: auditHash(fields) })
    .execute();
  return seq;
}
