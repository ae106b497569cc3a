/**
 * `DAIBAN_TRUST_PROXY`: the reverse proxies whose X-Forwarded-For (and -Proto, -Host) the server
 * believes. Only a request arriving from one of them may name another client address; anyone else is
 * counted under the address they connect from, so faking the header does not escape a per-address
 * limit (the resident lookup's lock). Comma-separated entries, each a range name proxy-addr knows
 * (`loopback`, `linklocal`, `uniquelocal`), an IP address or a CIDR (`10.0.0.0/8`, `fd00::/8`).
 * A bare hop count is refused: it cannot check who sent the header, and Fastify ignores it anyway.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export const DEFAULT_TRUST_PROXY = 'loopback';

const RANGE_NAMES: ReadonlySet<string> = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // proxy-addr refuses /0 (it would trust everyone) as well as a prefix longer than the address.
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const trustProxySchema = z
  .string()
  .default(DEFAULT_TRUST_PROXY)
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim().toLowerCase())
      .filter((entry) => entry !== ''),
  )
  .superRefine((entries, ctx) => {
    if (entries.length === 1 && /^\d+$/.test(entries[0] ?? '')) {
      ctx.addIssue({
        code: 'custom',
        message:
          'a hop count cannot tell a proxy from a client faking X-Forwarded-For (Fastify ignores it); ' +
          'list the proxy addresses or CIDRs instead, e.g. 10.0.0.5 or 10.0.0.0/8',
      });
      return;
    }
    if (entries.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'name at least one proxy address, CIDR or range (e.g. loopback)' });
    }
    for (const entry of entries.filter((e) => !isProxyEntry(e))) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not an IP address, a CIDR (address/prefix) or one of ${[...RANGE_NAMES].join(', ')}`,
      });
    }
  });
