/**
 * CSRF protection for the workbench's cookie session. A request that changes something (POST, PUT,
 * PATCH, DELETE) and would be authenticated by the `daiban_session` cookie — it carries the cookie and
 * no `Authorization: Bearer` — must prove it comes from our own pages:
 *  - it carries `X-Daiban-Csrf: 1`, a custom header a cross-site form cannot send and a cross-site
 *    script cannot send without a CORS preflight, which this server never grants; and
 *  - when the browser says where it comes from, that is us: `Origin` (if sent) names this host, and
 *    `Sec-Fetch-Site` (if sent) is `same-origin` (or `none`: typed by the user).
 * Otherwise 403 CSRF_REJECTED. Bearer tokens (the phone, the resident's tracking token) are never
 * sent by a browser on its own, so they need no proof. The SameSite=Strict cookie is a first line;
 * this is the second, for browsers or proxies that do not honour it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../domain/auth';
import { HttpProblem } from '../http-problem';

export const CSRF_HEADER = 'x-daiban-csrf';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function usesCookieSession(request: FastifyRequest): boolean {
  if (request.headers.authorization?.startsWith('Bearer ')) return false;
  return request.cookies[SESSION_COOKIE] !== undefined;
}

/** Whether Origin names the host the request was sent to (host[:port]). */
function originMatchesHost(origin: string, request: FastifyRequest): boolean {
  try {
    // request.host honours X-Forwarded-Host only from a trusted proxy (DAIBAN_TRUST_PROXY). The scheme is
    // not compared: a TLS-terminating proxy may not say X-Forwarded-Proto. URL drops default ports.
    const claimed = new URL(origin);
    const served = new URL(`${claimed.protocol}//${request.host}`);
    return claimed.host !== '' && claimed.host === served.host;
  } catch {
    return false;
  }
}

/** Why the request is refused, or undefined when it may go on. */
export function csrfProblem(request: FastifyRequest): string | undefined {
  if (SAFE_METHODS.has(request.method) || !usesCookieSession(request)) return undefined;
  if (request.headers[CSRF_HEADER] !== '1') return `missing ${CSRF_HEADER} header`;
  const origin = request.headers.origin;
  if (origin !== undefined && !originMatchesHost(origin, request)) return 'cross-origin request';
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  return undefined;
}

export function registerCsrf(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const problem = csrfProblem(request);
    if (problem === undefined) {
      done();
      return;
    }
    request.log.warn({ reason: problem }, 'CSRF check refused a cookie request');
    done(new HttpProblem(403, 'CSRF_REJECTED', 'This request must come from the workbench itself'));
  });
}
