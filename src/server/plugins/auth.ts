/**
 * Authentication and route access. Every /api route must declare `config.access` — a list of roles
 * or 'public' — or the server refuses to start: no route is open by accident. A request carries a
 * session in the `daiban_session` cookie (workbench) or an `Authorization: Bearer` token (phone).
 *
 * A device token belongs to a `devices` row. Once an administrator revokes the device, its token is
 * refused with 403 DEVICE_REVOKED on every route except those marked `config.revokedDeviceMay` (the
 * phone's hand-in of unsent work, DRAIN_ROUTES, and its wipe report); once the phone reports the wipe
 * the token is dead (401). A disabled user's web sessions are ended; only a revoked phone may drain.
 *
 * The hot path: every authenticated request reads its session, user and phone in one statement and
 * writes nothing; the phone's last_seen_at is noted in memory and written in batches
 * (last-seen-batcher.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../domain/auth';
import type { RouteAccess, TownshipRole } from '../../domain/roles';
import { findLiveSession, type LiveSession } from '../accounts/sessions';
import type { SessionTable } from '../db/schema';
import { HttpProblem } from '../http-problem';
import { createLastSeenBatcher } from './last-seen-batcher';

type SessionFields = {
  userId: string;
  sessionKind: SessionTable['kind'];
  tokenHash: string;
  expiresAt: string;
  /** The phone a device token belongs to; null for a web session. */
  deviceId: string | null;
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
    /** A revoked phone's token may still call this route (hand in unsent work, report the wipe). */
    revokedDeviceMay?: boolean;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Routes registered by third-party plugins that are public by nature (the API documentation). */
const PUBLIC_PREFIXES = ['/api/docs', '/api/openapi.json'];

/**
 * What a revoked phone still needs to hand in its unsent work: push a case or a 补正 answer
 * (idempotent, its agent's own) and upload their photos. Every read — pull, catalogue, tracking,
 * workbench — is refused. docs/api.md lists the same set.
 */
const DRAIN_ROUTES = new Set([
  'PUT /api/cases/:id',
  'PUT /api/cases/:id/rounds/:round',
  'POST /api/blobs',
  'GET /api/blobs/:id',
  'PUT /api/blobs/:id/chunks',
  'POST /api/blobs/:id/complete',
]);

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

/** The principal of a live session; undefined for a user without the home its role needs. */
function principalOf(session: LiveSession): Principal | undefined {
  const { user } = session;
  const fields = {
    userId: user.id,
    sessionKind: session.kind,
    tokenHash: session.token_hash,
    expiresAt: session.expires_at,
    deviceId: session.device?.id ?? null,
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
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => DRAIN_ROUTES.has(`${String(m)} ${route.url}`))) {
      route.config = { ...route.config, revokedDeviceMay: true };
    }
    if (route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} does not declare config.access`);
    }
  });

  // Registered after the database's own onClose hook, so it runs first (onClose hooks run last-in
  // first-out), once every request has been answered: the last notes reach the database.
  const lastSeen = createLastSeenBatcher({ db: () => app.db.kysely, log: app.log });
  app.addHook('onClose', async () => {
    await lastSeen.close();
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const token = tokenOf(request);
    let revoked = false;
    if (token) {
      const at = now();
      // One statement: the session with its user and phone.
      const session = await findLiveSession(app.db.kysely, token, at);
      const device = session?.device;
      if (session && device?.wipedAt == null) {
        revoked = device?.revokedAt != null;
        if (session.user.disabled_at === null || revoked) request.principal = principalOf(session) ?? null;
        if (device) lastSeen.seen(device.id, device.lastSeenAt, at);
      }
    }
    // Even a public route (the catalogue) refuses a revoked phone that shows its token: it learns at once.
    if (revoked && request.routeOptions.config.revokedDeviceMay !== true) {
      throw new HttpProblem(403, 'DEVICE_REVOKED', 'This device was revoked: hand in unsent work, then wipe');
    }
    if (access === 'public') return;
    if (!request.principal) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in first');
    if (!access.includes(request.principal.role)) {
      throw new HttpProblem(403, 'FORBIDDEN', 'Your role may not do this');
    }
  });
}
