/**
 * Request rate caps (@fastify/rate-limit, fixed windows): sign-in per client address and per phone
 * number, the public tracking lookup per address, device enrolment per address — counted in the
 * database (rate-limit-store.ts), so every server process on it shares one count and a restart
 * forgets nothing — and uploads per device token, counted in each process's memory: a phone sends up
 * to 1 200 chunks a minute, and a database write per chunk would cost more than an exact count across
 * processes is worth (the cap stops a flood, not a guesser). Over the cap: 429 RATE_LIMITED with
 * retryAfterSeconds and Retry-After (docs/operations.md, Rate limits).
 *
 * The client address is `request.ip`, which honours X-Forwarded-For only from DAIBAN_TRUST_PROXY
 * (trust-proxy.ts). These caps come on top of the account lock (routes/auth.ts) and the tracking
 * failure lock (server/tracking), which stay as they are.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { HttpProblem } from '../http-problem';
import { createRateLimitStore, loadRateLimitSecret } from './rate-limit-store';

type Hook = 'onRequest' | 'preHandler';

export type RateLimit = {
  /** Namespaces the counters: limits share one store. */
  name: string;
  max: number;
  windowMs: number;
  /**
   * onRequest for what is known before the body (the address; the principal, which the auth plugin's
   * global onRequest hook has set by then); preHandler for what is in the body.
   */
  hook: Hook;
  key: (request: FastifyRequest) => string | undefined;
  /** 'database': one count shared by every server process; 'memory': each process counts its own. */
  counted: 'database' | 'memory';
};

const MINUTE_MS = 60_000;

const byAddress = (request: FastifyRequest): string => request.ip;

function phoneOf(request: FastifyRequest): string | undefined {
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null || !('phone' in body)) return undefined;
  return typeof body.phone === 'string' ? body.phone : undefined;
}

/** The device (or web) session token, by its hash: never the token itself. */
const byToken = (request: FastifyRequest): string => request.principal?.tokenHash ?? `ip:${request.ip}`;

/** The caps, by `METHOD url` as the route is registered. A route not yet registered is skipped. */
export const RATE_LIMITS: Readonly<Record<string, readonly RateLimit[]>> = {
  'POST /api/auth/login': [
    { name: 'login-address', max: 30, windowMs: MINUTE_MS, hook: 'onRequest', key: byAddress, counted: 'database' },
    { name: 'login-phone', max: 10, windowMs: MINUTE_MS, hook: 'preHandler', key: phoneOf, counted: 'database' },
  ],
  'POST /api/track/lookup': [
    {
      name: 'track-lookup-address',
      max: 30,
      windowMs: MINUTE_MS,
      hook: 'onRequest',
      key: byAddress,
      counted: 'database',
    },
  ],
  // A phone back from days offline may send hundreds of photos at once: the cap stops a flood, not a backlog.
  // onRequest, before the body: a chunk's bytes must start streaming to disk at once (routes/blobs.ts).
  'POST /api/blobs': [
    { name: 'blob-create-token', max: 1200, windowMs: MINUTE_MS, hook: 'onRequest', key: byToken, counted: 'memory' },
  ],
  'PUT /api/blobs/:id/chunks': [
    { name: 'blob-chunk-token', max: 1200, windowMs: MINUTE_MS, hook: 'onRequest', key: byToken, counted: 'memory' },
  ],
  'POST /api/devices/enrol': [
    { name: 'enrol-address', max: 10, windowMs: MINUTE_MS, hook: 'onRequest', key: byAddress, counted: 'database' },
  ],
};

/** How many distinct keys each process counts in memory; the oldest windows are forgotten first. */
const MEMORY_KEYS = 100_000;

/** After the migrations: the store's HMAC key comes from the database. */
export async function registerRateLimits(app: FastifyInstance, now: () => Date): Promise<void> {
  const store = createRateLimitStore({
    db: app.db.kysely,
    secret: await loadRateLimitSecret(app.db.kysely, now()),
    now,
    log: app.log,
    inMemory: new Set(
      Object.values(RATE_LIMITS)
        .flat()
        .filter((limit) => limit.counted === 'memory')
        .map((limit) => limit.name),
    ),
    memoryKeys: MEMORY_KEYS,
  });
  await app.register(fastifyRateLimit, { global: false, store });

  const checkerOf = (limit: RateLimit): onRequestAsyncHookHandler => {
    const check = app.createRateLimit({
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator: (request) => `${limit.name}:${limit.key(request) ?? ''}`,
    });
    return async (request) => {
      if (limit.key(request) === undefined) return;
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        throw new HttpProblem(429, 'RATE_LIMITED', 'Too many requests; try again later', {
          retryAfterSeconds: Math.max(1, result.ttlInSeconds),
        });
      }
    };
  };

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      for (const limit of RATE_LIMITS[`${method} ${route.url}`] ?? []) {
        const existing = route[limit.hook];
        const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
        route[limit.hook] = [...list, checkerOf(limit)];
      }
    }
  });
}
