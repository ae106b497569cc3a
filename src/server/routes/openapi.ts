import type { FastifyInstance } from 'fastify';

/** The OpenAPI 3 document generated from the routes' zod schemas. */
export function openapiRoutes(app: FastifyInstance): void {
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());
}
