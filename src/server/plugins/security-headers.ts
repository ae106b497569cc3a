/**
 * Security headers on every response (helmet): a strict Content-Security-Policy without
 * 'unsafe-inline' or 'unsafe-eval', no framing, nosniff, no referrer. The built PWA has no inline
 * script or style (test/e2e/security-headers.test.ts loads it in Chromium and fails on any CSP
 * violation); React's style props go through CSSOM, which style-src does not govern.
 *
 * The API documentation (/api/docs, swagger-ui) is the one exception: swagger-ui writes inline
 * styles, so its pages get the same policy with style-src 'unsafe-inline' — scripts stay 'self'.
 * HSTS is left to the reverse proxy that terminates TLS (docs/operations.md): the server itself may
 * be reached over plain HTTP on the township LAN.
 */
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'blob:', 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function policyOf(directiveMap: Record<string, string[]>): string {
  return Object.entries(directiveMap)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join(';');
}

/** The policy of the app and the API. */
export const CONTENT_SECURITY_POLICY = policyOf(directives);

/** The policy of the swagger-ui pages under /api/docs: inline styles allowed, nothing else relaxed. */
export const DOCS_CONTENT_SECURITY_POLICY = policyOf({ ...directives, styleSrc: ["'self'", "'unsafe-inline'"] });

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    // The photos a clerk opens are same-origin; nothing of ours is meant to be embedded elsewhere.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/docs')) void reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
  });
}
