/**
 * Authentication and route access. Every /api route must declare `config.access` — a list of roles
 * or 'public' — or the server refuses to start: no route is open by accident. A request carries a
 * session in the `daiban_session` cookie (workbench) or an `Authorization: Bearer` token (phone).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../domain/auth';
import type { RouteAccess, TownshipRole } from '../../domain/roles';
import { findLiveSession } from '../accounts/sessions';
import type { SessionTable } from '../db/schema';
import { HttpProblem } from '../http-problem';

type SessionFields = {
  userId: string;
  sessionKind: SessionTable['kind'];
  tokenHash: string;
  expiresAt: string;
};

/** An agent, clerk or admin: everything they see is of their own township. */
export type TownshipPrincipal = SessionFields & { role: TownshipRole; townshipId: string };

/** A county administrator: statistics of the county's townships, no case data (docs/api.md). */
export type CountyPrincipal = SessionFields & { role: 'county_admin'; countyId: string };

export type Principal = TownshipPrincipal | CountyPrincipal;

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

/**
 * The signed-in agent, clerk or admin, or a 401 / 403 — for every route that touches one township's
 * cases. A county administrator is refused here even if a route's access list were to let them in.
 */
export function requireTownshipPrincipal(request: FastifyRequest): TownshipPrincipal {
  const principal = requirePrincipal(request);
  if (principal.role === 'county_admin') throw new HttpProblem(403, 'FORBIDDEN', 'Your role may not do this');
  return principal;
}

/** The principal of a user row; undefined for a row without the home its role needs. */
function principalOf(
  user: { id: string; role: Principal['role']; township_id: string | null; county_id: string | null },
  session: Pick<SessionTable, 'kind' | 'token_hash' | 'expires_at'>,
): Principal | undefined {
  const fields = {
    userId: user.id,
    sessionKind: session.kind,
    tokenHash: session.token_hash,
    expiresAt: session.expires_at,
  };
  if (user.role === 'county_admin') {
    return user.county_id === null ? undefined : { ...fields, role: user.role, countyId: user.county_id };
  }
  return user.township_id === null ? undefined : { ...fields, role: user.role, townshipId: user.township_id };
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
          .select(['id', 'role', 'township_id', 'county_id'])
          .where('id', '=', session.user_id)
          .executeTakeFirst();
        if (user) request.principal = principalOf(user, session) ?? null;
      }
    }
    if (access === 'public') return;
    if (!request.principal) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in first');
    if (!access.includes(request.principal.role)) {
      throw new HttpProblem(403, 'FORBIDDEN', 'Your role may not do this');
    }
  });
}
