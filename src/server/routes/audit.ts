/**
 * The audit trail viewer (审计日志): a township's administrator gets the entries of their township, a
 * county administrator those of every township of the county and those of no township; newest first,
 * filtered by township (county), action, actor, subject (an id or a 办件编号) and China dates.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../domain/api-error';
import { auditPageSchema, auditQuerySchema } from '../../domain/audit';
import { listAudit } from '../audit/list-audit';
import { requirePrincipal } from '../plugins/auth';

export function auditRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/audit',
    {
      config: { access: ['admin', 'county_admin'] },
      schema: {
        tags: ['admin'],
        summary: "One page of the audit trail of the administrator's township (or county), newest first",
        description:
          'Filters: action, actor (a user id), subject (an id, or a 办件编号 resolved to its case), from/to ' +
          '(China dates, inclusive). Paging by seq: pass the answer’s nextBefore as before for the next, ' +
          'older page. A township administrator gets their own township’s entries only (township= another ' +
          'is 403). A county administrator gets every township of the county and the entries of no township; ' +
          'township= narrows to one township of the county, or to none (the township-less entries); another ' +
          'township is 403.',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    (request) => listAudit(app.db.kysely, requirePrincipal(request), request.query),
  );
}
