import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../domain/api-error';
import { townshipSchema } from '../../domain/township';
import { HttpProblem } from '../http-problem';
import { requireTownshipPrincipal } from '../plugins/auth';

/** The signed-in clerk's or admin's township: its villages and windows (the workbench's frame). */
export function townshipRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/township',
    {
      config: { access: ['clerk', 'admin'] },
      schema: {
        tags: ['township'],
        summary: "The caller's township with its villages and windows",
        response: { 200: townshipSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (request) => {
      const { townshipId } = requireTownshipPrincipal(request);
      const db = app.db.kysely;
      const township = await db
        .selectFrom('townships')
        .select(['id', 'code', 'name', 'is_demo'])
        .where('id', '=', townshipId)
        .executeTakeFirst();
      if (!township) throw new HttpProblem(404, 'NOT_FOUND', 'Township not found');
      const [villages, windows, agents] = await Promise.all([
        db
          .selectFrom('villages')
          .select(['id', 'code', 'name'])
          .where('township_id', '=', townshipId)
          .orderBy('code')
          .execute(),
        db
          .selectFrom('windows')
          .select(['id', 'code', 'name'])
          .where('township_id', '=', townshipId)
          .orderBy('code')
          .execute(),
        db
          .selectFrom('users')
          .select(['id', 'name', 'village_id'])
          .where('township_id', '=', townshipId)
          .where('role', '=', 'agent')
          .orderBy('name')
          .execute(),
      ]);
      return {
        id: township.id,
        code: township.code,
        name: township.name,
        isDemo: township.is_demo === 1,
        villages,
        windows,
        agents: agents.map((a) => ({ id: a.id, name: a.name, villageId: a.village_id })),
      };
    },
  );
}
