import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthResponseSchema } from '../../domain/health';
import { isReachable } from '../db/database';
import { SERVER_VERSION } from '../version';

export function healthRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: { 200: healthResponseSchema, 503: healthResponseSchema },
      },
    },
    async (_request, reply) => {
      const reachable = await isReachable(app.db);
      const body = {
        status: reachable ? ('ok' as const) : ('degraded' as const),
        version: SERVER_VERSION,
        database: { dialect: app.db.dialect, reachable },
      };
      return reply.code(reachable ? 200 : 503).send(body);
    },
  );
}
