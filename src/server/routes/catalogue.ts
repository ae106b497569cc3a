/**
 * The service-item catalogue is public information (行政许可法 Art. 30 requires publishing it), so
 * these routes need no sign-in. The phone revalidates with If-None-Match and gets a 304 when nothing
 * changed — a few bytes on a weak link.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { catalogueSchema, serviceItemSchema } from '../../domain/catalogue';
import { currentCatalogueVersion, loadCurrentCatalogue, loadItemVersion } from '../catalogue/catalogue-store';
import { HttpProblem } from '../http-problem';

export function catalogueRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/catalogue',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'The current service-item guides (办事指南); ETag = catalogue version',
        response: { 200: catalogueSchema, 304: z.null() },
      },
    },
    async (request, reply) => {
      const version = await currentCatalogueVersion(app.db.kysely);
      const etag = `"${version}"`;
      void reply.header('etag', etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return loadCurrentCatalogue(app.db.kysely);
    },
  );

  api.get(
    '/api/catalogue/items/:code/versions/:version',
    {
      config: { access: 'public' },
      schema: {
        tags: ['catalogue'],
        summary: 'One item at one version, current or not (cases keep the version they started under)',
        params: z.object({ code: z.string().min(1).max(50), version: z.coerce.number().int().positive() }),
        response: { 200: serviceItemSchema, 404: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const item = await loadItemVersion(app.db.kysely, request.params.code, request.params.version);
      if (!item) throw new HttpProblem(404, 'NOT_FOUND', 'No such item version');
      void reply.header('cache-control', 'public, max-age=31536000, immutable');
      return item;
    },
  );
}
