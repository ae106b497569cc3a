/**
 * A case's events told in the resident's words (domain/tracking.ts trackStepSchema): 已交给代办员 when
 * the agent submitted on the phone, 已送到乡镇 on receipt (and again when 补正 materials arrive), 已受理
 * and from then 办理中, 需要补充材料 with the materials' names, 已办结, 不予受理 with the reason.
 * Transfers, pauses, extensions and ratings add no step: the view's status, expected date and
 * `suspended` flag say what they changed.
 */
import { z } from 'zod';
import { caseEventPayloadSchemas } from '../../domain/case-lifecycle';
import type { TrackView } from '../../domain/tracking';

type Step = TrackView['timeline'][number];
export type TimelineEvent = { type: string; payload: string; at: string };

const acceptedPayload = caseEventPayloadSchemas.accepted.pick({ acceptedAt: true });
const supplementPayload = z.object({ items: z.array(z.object({ name: z.string() })) });
const rejectedPayload = caseEventPayloadSchemas.rejected.pick({ reason: true });

function stepsOf(type: string, payload: unknown, at: string): Step[] {
  switch (type) {
    case 'received':
    case 'resubmitted':
      return [{ step: 'reached_township', at, detail: [] }];
    case 'accepted': {
      // A deemed acceptance (Art. 32) counts from receipt, not from when the rule ran.
      const acceptedAt = acceptedPayload.safeParse(payload).data?.acceptedAt ?? at;
      return [
        { step: 'accepted', at: acceptedAt, detail: [] },
        { step: 'in_progress', at: acceptedAt, detail: [] },
      ];
    }
    case 'supplement_requested': {
      const items = supplementPayload.safeParse(payload).data?.items ?? [];
      return [{ step: 'supplement', at, detail: items.map((i) => i.name) }];
    }
    case 'rejected': {
      const reason = rejectedPayload.safeParse(payload).data?.reason;
      return [{ step: 'rejected', at, detail: reason ? [reason] : [] }];
    }
    case 'completed':
      return [{ step: 'completed', at, detail: [] }];
    default:
      return [];
  }
}

/** The steps reached, oldest first: the phone's submission, then the case's events in order. */
export function trackTimeline(submittedAt: string, events: readonly TimelineEvent[]): Step[] {
  const steps: Step[] = [{ step: 'with_agent', at: submittedAt, detail: [] }];
  for (const event of events) steps.push(...stepsOf(event.type, JSON.parse(event.payload), event.at));
  return steps;
}
