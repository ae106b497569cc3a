/**
 * The change feed's events as typed values. The feed's envelope is loose on purpose (`type: string`,
 * `payload: record`) so that an older phone keeps working when the server learns a new event: this
 * module reads the types this build knows with their payload schemas (domain/case-lifecycle) and
 * answers null for anything else, which callers treat as "only the status, if it carries one".
 */
import { z } from 'zod';
import { caseEventPayloadSchemas } from '../domain/case-lifecycle';

const p = caseEventPayloadSchemas;

const caseEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('received'), payload: p.received }),
  z.object({ type: z.literal('accepted'), payload: p.accepted }),
  z.object({ type: z.literal('supplement_requested'), payload: p.supplement_requested }),
  z.object({ type: z.literal('resubmitted'), payload: p.resubmitted }),
  z.object({ type: z.literal('rejected'), payload: p.rejected }),
  z.object({ type: z.literal('completed'), payload: p.completed }),
  z.object({ type: z.literal('transferred'), payload: p.transferred }),
  z.object({ type: z.literal('suspended'), payload: p.suspended }),
  z.object({ type: z.literal('resumed'), payload: p.resumed }),
  z.object({ type: z.literal('extended'), payload: p.extended }),
  z.object({ type: z.literal('rated'), payload: p.rated }),
]);

/** A known case event with its checked payload. */
export type CaseEvent = z.infer<typeof caseEventSchema>;

/**
 * Reads a change (or a stored notice) as a known case event.
 * @returns null for a type this build does not know, or a payload that does not match its schema.
 */
export function parseCaseEvent(type: string, payload: unknown): CaseEvent | null {
  const parsed = caseEventSchema.safeParse({ type, payload });
  return parsed.success ? parsed.data : null;
}
