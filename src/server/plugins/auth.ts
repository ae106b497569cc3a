/**
 * Authentication and route access. Every /api route must declare `config.access` — a list of roles
 * or 'public' — or the server refuses to start: no route is open by accident. A request carries a
 * session in the `daiban_session` cookie (workbench) or an `Authorization: Bearer` token (phone).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../domain/auth';
import type { Role, RouteAccess } from '../../domain/roles';
import { findLiveSession } from '../accounts/sessions';
import type { SessionTable } from '../db/schema';
import { HttpProblem } from '../http-problem';

export type Principal = {
  userId: string;
  role: Role;
  townshipId: string;
  sessionKind: SessionTable['kind'];
  tokenHash: string;
  expiresAt: string;
};

declare module 'fastify' {
  // Module augmentation needs interfaces: declaration merging is the only way to extend Fastify's types.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Routes registered by third-party plugins that are public by nature (the API documentation). */
const PUBLIC_PREFIXES = ['/api/docs', '/api/openapi.json'];

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  return request.cookies[SESSION_COOKIE];
}

/** The signed-in principal, or a 401 — for handlers of non-public routes. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in first');
  return request.principal;
}

export function registerAuth(app: FastifyInstance, now: () => Date): void {
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    if (route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const token = tokenOf(request);
    if (token) {
      const session = await findLiveSession(app.db.kysely, token, now());
      if (session) {
        const user = await app.db.kysely
          .selectFrom('users')
          .select(['id', 'role', 'township_id'])
          .where('id', '=', session.user_id)
          .executeTakeFirst();
        if (user) {
          request.principal = {
            userId: user.id,
            role: user.role,
            townshipId: user.township_id,
            sessionKind: session.kind,
            tokenHash: session.token_hash,
            expiresAt: session.expires_at,
          };
        }
      }
    }
    if (access === 'public') return;
    if (!request.principal) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in first');
    if (!access.includes(request.principal.role)) {
      throw new HttpProblem(403, 'FORBIDDEN', 'Your role may not do this');
    }
  });
}
