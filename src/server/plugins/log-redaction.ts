/**
 * The server's logger options: residents' personal data never reaches the log (个人信息保护法).
 * - Requests are logged as method, path and the *names* of query parameters: values are masked, since
 *   the queue's `q` holds applicants' names and receipt codes.
 * - Headers and bodies are not logged by Fastify; should one ever be (or an error carry one), the
 *   auth and cookie headers and every field that can hold an ID number, phone, name, password,
 *   tracking code or token are censored wherever they sit, up to three levels deep.
 * - A database error's `detail`/`parameters` (PostgreSQL repeats the offending values there) are
 *   censored too.
 * Every `log.` call in src/server logs ids, counts and reasons only (checked for issue #7).
 */
import type { FastifyServerOptions } from 'fastify';

/** Field names whose values may be personal data or secrets, wherever they appear. */
export const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'newPassword',
  'pin',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'trackSecret',
  'trackSecretHash',
  'idNumber',
  'phone',
  'phoneLast4',
  'name',
  'signerName',
  'applicantName',
  'address',
  'receiptCode',
  'trackCode',
  'q',
  'detail',
  'parameters',
] as const;

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of SENSITIVE_KEYS) {
    const prop = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `["${key}"]`;
    const join = (prefix: string) => (prop.startsWith('[') ? `${prefix}${prop}` : `${prefix}.${prop}`);
    paths.push(prop, join('*'), join('*.*'), join('*.*.*'));
  }
  return paths;
}

/** `/api/x?q=王秀英&page=2` → `/api/x?q=*&page=*`: which parameters were sent, never their values. */
export function maskQuery(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((part) => part !== '')
    .map((part) => `${part.split('=')[0] ?? ''}=*`);
  return `${url.slice(0, at)}?${names.join('&')}`;
}

type RequestLike = { method: string; url: string; ip?: string; socket?: { remotePort?: number } };

export function loggerOptions(level: string): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level,
    redact: { paths: redactPaths(), censor: '[redacted]' },
    serializers: {
      req: (request: RequestLike) => ({
        method: request.method,
        url: maskQuery(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
