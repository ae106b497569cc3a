/**
 * Appends one event to a case's timeline and to its agent's change feed. The payload is checked
 * against its type's schema (domain/case-lifecycle) before it is written: a phone that reads the feed
 * never meets a payload its own schema refuses. `seq` comes from the 'feed' counter, so call this
 * inside the transaction that changes the case, after the case row is updated. Every event is also an
 * entry of the audit trail (server/audit), committed with it.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { caseEventPayloadSchemas, type CaseEventType } from '../../domain/case-lifecycle';
import { recordAudit } from '../audit/record-audit';
import { nextValue } from '../db/counters';
import type { CaseTable, Database } from '../db/schema';

/** An event to record: its type with a payload of that type. */
export type CaseEventDraft = {
  [K in CaseEventType]: { type: K; payload: z.input<(typeof caseEventPayloadSchemas)[K]> };
}[CaseEventType];

/** Records `event` on the case; `actorId` null means the server itself acted. Returns the event's seq. */
export async function recordCaseEvent(
  trx: Kysely<Database>,
  caseRow: Pick<CaseTable, 'id' | 'agent_id' | 'township_id'>,
  event: CaseEventDraft,
  actorId: string | null,
  at: string,
): Promise<number> {
  const schema: z.ZodType = caseEventPayloadSchemas[event.type];
  const payload = schema.parse(event.payload);
  const seq = await nextValue(trx, 'feed');
  await trx
    .insertInto('case_events')
    .values({
      seq,
      case_id: caseRow.id,
      agent_id: caseRow.agent_id,
      township_id: caseRow.township_id,
      type: event.type,
      payload: JSON.stringify(payload),
      at,
      actor_id: actorId,
    })
    .execute();
  const actor =
    actorId === null
      ? null
      : await trx.selectFrom('users').select(['id', 'role']).where('id', '=', actorId).executeTakeFirst();
  await recordAudit(
    trx,
    {
      action: 'case.event',
      actor: actor ?? null,
      townshipId: caseRow.township_id,
      subject: { type: 'case', id: caseRow.id },
      detail: { event: event.type, seq },
    },
    at,
  );
  return seq;
}
