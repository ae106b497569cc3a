/**
 * Every route the server registers, as `METHOD url` (HEAD twins of GET routes left out). The
 * authorization matrix (test/integration/authz-matrix.test.ts) fails when a route is missing from its
 * table, so a new route cannot ship without its access being stated and tested.
 */
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  // Module augmentation needs interfaces: declaration merging is the only way to extend Fastify's types.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyInstance {
    routeList: readonly string[];
  }
}

export function registerRouteList(app: FastifyInstance): void {
  const routes: string[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
}
