import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { changesQuerySchema, changesResponseSchema } from '../../domain/change-feed';
import { caseResubmissionSchema } from '../../domain/case-lifecycle';
import { caseReceiptSchema, caseSubmissionSchema } from '../../domain/case-submission';
import type { CalendarStore } from '../calendar/calendar-store';
import { receiveCase } from '../cases/receive-case';
import { resubmitCase } from '../cases/resubmit-case';
import { requireTownshipPrincipal } from '../plugins/auth';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

/** The phone's side of sync: submit a case and its 补正 rounds (idempotent), pull what changed. */
export function caseSyncRoutes(app: FastifyInstance, calendar: CalendarStore, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.put(
    '/api/cases/:id',
    {
      config: { access: ['agent'] },
      bodyLimit: 256 * 1024,
      schema: {
        tags: ['sync'],
        summary: 'Submit a case into the township queue, idempotent by the client case id',
        description:
          'The same body again returns the same receipt; a different body under the same id is 409 CONFLICT. ' +
          'An incomplete or invalid case is 422 CASE_INVALID with every problem listed.',
        params: z.object({ id: z.uuid() }),
        body: caseSubmissionSchema,
        response: { 200: caseReceiptSchema, ...errors },
      },
    },
    async (request) =>
      receiveCase(
        app.db.kysely,
        await calendar.calendar(),
        requireTownshipPrincipal(request),
        request.params.id,
        request.body,
        now(),
      ),
  );

  api.put(
    '/api/cases/:id/rounds/:round',
    {
      config: { access: ['agent'] },
      bodyLimit: 256 * 1024,
      schema: {
        tags: ['sync'],
        summary: 'Answer a 补正 notice with the requested materials: round N of the case, idempotent by round',
        description:
          'The same body again returns the receipt; a different body for a recorded round is 409 CONFLICT. ' +
          'The case must be in 补正 for this round (else 409 ACTION_NOT_ALLOWED); pages must cover every ' +
          'requested material and nothing else (else 422 CASE_INVALID with problems NO_PAGES / NOT_REQUESTED). ' +
          'The case returns to 已收件 and the five working days to accept start again.',
        params: z.object({ id: z.uuid(), round: z.coerce.number().int().min(2).max(100) }),
        body: caseResubmissionSchema,
        response: { 200: caseReceiptSchema, ...errors, 404: apiErrorSchema },
      },
    },
    async (request) =>
      resubmitCase(
        app.db.kysely,
        await calendar.calendar(),
        requireTownshipPrincipal(request),
        request.params.id,
        request.params.round,
        request.body,
        now(),
      ),
  );

  api.get(
    '/api/sync/changes',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['sync'],
        summary: "Changes to the caller's cases after a cursor, in order, paginated",
        querystring: changesQuerySchema,
        response: { 200: changesResponseSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const { userId } = requireTownshipPrincipal(request);
      const { after, limit } = request.query;
      const rows = await app.db.kysely
        .selectFrom('case_events')
        .select(['seq', 'case_id', 'type', 'payload', 'at'])
        .where('agent_id', '=', userId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const changes = page.map((r) => ({
        seq: r.seq,
        caseId: r.case_id,
        type: r.type,
        payload: z.record(z.string(), z.unknown()).parse(JSON.parse(r.payload)),
        at: r.at,
      }));
      return {
        changes,
        cursor: page.at(-1)?.seq ?? after,
        hasMore: rows.length > limit,
        serverTime: now().toISOString(),
      };
    },
  );
}
