import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { changesQuerySchema, changesResponseSchema } from '../../domain/change-feed';
import { caseReceiptSchema, caseSubmissionSchema } from '../../domain/case-submission';
import { receiveCase } from '../cases/receive-case';
import { requirePrincipal } from '../plugins/auth';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
};

/** The phone's side of sync: submit a case (idempotent), pull what changed. */
export function caseSyncRoutes(app: FastifyInstance, now: () => Date): void {
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
    (request) => receiveCase(app.db.kysely, requirePrincipal(request), request.params.id, request.body, now()),
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
      const { userId } = requirePrincipal(request);
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
