/**
 * The audit trail viewer for a township's administrator (审计日志): the entries of their township,
 * newest first, filtered by action, actor, subject (an id or a 办件编号) and China dates.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../domain/api-error';
import { auditPageSchema, auditQuerySchema } from '../../domain/audit';
import { listAudit } from '../audit/list-audit';
import { requireTownshipPrincipal } from '../plugins/auth';

export function auditRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: "One page of the audit trail of the administrator's township, newest first",
        description:
          'Filters: action, actor (a user id), subject (an id, or a 办件编号 resolved to its case), from/to ' +
          '(China dates, inclusive). Paging by seq: pass the answer’s nextBefore as before for the next, ' +
          'older page. Entries of other townships, and those of no township, are never listed.',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    (request) => listAudit(app.db.kysely, requireTownshipPrincipal(request), request.query),
  );
}
