/**
 * The hardened API as an attacker meets it: security headers on every answer, a cookie session that
 * cannot be ridden from another site, rate caps on sign-in, tracking and uploads — the first counted in
 * the database, shared by every server on it and kept over a restart — and uploads that are images by
 * their bytes or nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/domain/auth';
import { blobStateSchema } from '../../src/domain/blob';
import { newId } from '../../src/domain/ids';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { openDatabase } from '../../src/server/db/database';
import { countInDatabase } from '../../src/server/plugins/rate-limit-store';
import { CONTENT_SECURITY_POLICY } from '../../src/server/plugins/security-headers';
import { dialects, startTestApp, type TestApp } from './harness';
import { AGENT, CLERK_MZ, pngBytes, problemOf, tokenFor } from './workbench-fixtures';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function webSession(app: FastifyInstance, phone: string): Promise<Record<string, string>> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client: 'web' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { [SESSION_COOKIE]: res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '' };
}

/** Every file under `dir`, recursively (the blob store's directory). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe.each(dialects)('the hardened API on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('every answer carries the security headers: strict CSP, no framing, nosniff, no referrer', async () => {
    t = await startTestApp(dialect);
    for (const url of ['/api/health', '/api/township', '/api/no-such-route', '/some/deep/link']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    // The API documentation may use inline styles (swagger-ui), but never inline scripts.
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    const docsPolicy = String(docs.headers['content-security-policy']);
    expect(docsPolicy).toContain("style-src 'self' 'unsafe-inline';");
    expect(docsPolicy).toContain("script-src 'self';");
    expect(docsPolicy).toContain("frame-ancestors 'none'");
  });

  it("a cross-site request cannot ride a clerk's cookie session; the workbench's own request passes", async () => {
    t = await startTestApp(dialect);
    const cookies = await webSession(t.app, CLERK_MZ);
    const logout = (headers: Record<string, string>) =>
      t?.app.inject({ method: 'POST', url: '/api/auth/logout', cookies, headers });

    // A form posted from another site: no custom header (and the browser names the other origin).
    const crossSite: Record<string, string>[] = [
      {},
      { origin: 'https://evil.example' },
      { 'x-daiban-csrf': '1', origin: 'https://evil.example' },
      { 'x-daiban-csrf': '1', 'sec-fetch-site': 'cross-site' },
      { 'x-daiban-csrf': '1', 'sec-fetch-site': 'same-site' },
      { 'x-daiban-csrf': '1', origin: 'null' },
    ];
    for (const headers of crossSite) {
      const refused = await logout(headers);
      expect(refused?.statusCode, JSON.stringify(headers)).toBe(403);
      expect(problemOf(refused ?? expect.fail()).code).toBe('CSRF_REJECTED');
    }
    // Nothing happened: the session is still alive.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies })).statusCode).toBe(200);

    // What the workbench sends (sync-fetch): the header, its own origin, same-origin fetch metadata.
    const own = await logout({ 'x-daiban-csrf': '1', origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' });
    expect(own?.statusCode, own?.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies })).statusCode).toBe(401);

    // The phone's bearer token is not a cookie: a browser never sends it by itself, so no proof is asked.
    const token = await tokenFor(t.app, AGENT);
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(phone.statusCode).toBe(204);
  });

  it('a burst of sign-ins is capped per phone number and per client address, with Retry-After', async () => {
    t = await startTestApp(dialect);
    const app = t.app;
    const login = (phone: string, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone, password: 'wrong-password', client: 'web' },
        remoteAddress,
      });
    // The same number from rotating addresses: 10 tries a minute, then 429 — not the account lock's 423.
    const unknown = '13700000000';
    for (let i = 0; i < 10; i += 1) expect((await login(unknown, `198.51.100.${String(i + 1)}`)).statusCode).toBe(401);
    const capped = await login(unknown, '198.51.100.200');
    expect(capped.statusCode).toBe(429);
    expect(problemOf(capped).code).toBe('RATE_LIMITED');
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
    expect(problemOf(capped).retryAfterSeconds).toBe(Number(capped.headers['retry-after']));

    // Many numbers from one address: 30 a minute, then 429; another address is not affected.
    for (let i = 0; i < 30; i += 1) {
      const res = await login(`1370000${String(1000 + i)}`, '203.0.113.5');
      expect(res.statusCode).toBe(401);
    }
    const fromSame = await login('13700009999', '203.0.113.5');
    expect(fromSame.statusCode).toBe(429);
    expect(problemOf(fromSame).code).toBe('RATE_LIMITED');
    expect((await login('13700009999', '203.0.113.6')).statusCode).toBe(401);
  });

  it('two servers on one database share the sign-in cap: the 11th try on one number is refused by either', async () => {
    t = await startTestApp(dialect);
    const servers = [t.app, await t.restart()];
    const login = (i: number, remoteAddress: string) =>
      servers[i % 2]?.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone: '13700000001', password: 'wrong-password', client: 'web' },
        remoteAddress,
      });
    for (let i = 0; i < 10; i += 1) expect((await login(i, `198.51.100.${String(i + 1)}`))?.statusCode).toBe(401);
    for (const i of [0, 1]) {
      const capped = await login(i, '198.51.100.200');
      expect(capped?.statusCode).toBe(429);
      expect(problemOf(capped ?? expect.fail()).code).toBe('RATE_LIMITED');
    }
  });

  it('a restart does not reset the count: the number stays capped for the rest of its minute, then may try again', async () => {
    t = await startTestApp(dialect);
    const login = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone: '13700000002', password: 'wrong-password', client: 'web' },
        remoteAddress: '198.51.100.7',
      });
    for (let i = 0; i < 10; i += 1) expect((await login(t.app)).statusCode).toBe(401);
    await t.app.close();
    t.clock.advance(20_000);
    const restarted = await t.restart();
    const capped = await login(restarted);
    expect(capped.statusCode).toBe(429);
    expect(problemOf(capped).retryAfterSeconds).toBe(40);
    t.clock.advance(40_000);
    expect((await login(restarted)).statusCode).toBe(401);
  });

  it('hits racing through two connections to the database never lose a count', async () => {
    t = await startTestApp(dialect);
    const other = openDatabase(t.config);
    try {
      const at = t.clock.now;
      const hits = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          countInDatabase((i % 2 === 0 ? t?.app.db : other)?.kysely ?? expect.fail(), 'race:x', 60_000, at),
        ),
      );
      expect(hits.map((h) => h.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(new Set(hits.map((h) => h.ttl))).toEqual(new Set([60_000]));
    } finally {
      await other.close();
    }
  });

  it('the rate-limit table holds no phone number and no address, and forgets ended windows', async () => {
    t = await startTestApp(dialect);
    const app = t.app;
    const phone = '13712345678';
    const address = '198.51.100.77';
    for (let i = 0; i < 3; i += 1) {
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone, password: 'wrong-password', client: 'web' },
        remoteAddress: address,
      });
    }
    const rows = await app.db.kysely.selectFrom('rate_limit_hits').selectAll().execute();
    expect(rows.map((r) => r.key.split(':')[0]).sort()).toEqual(['login-address', 'login-phone']);
    for (const row of rows) {
      expect(row.count).toBe(3);
      expect(row.key).toMatch(/^[a-z-]+:[0-9a-f]{64}$/);
      const text = JSON.stringify(row);
      for (const digits of [phone, phone.slice(3)]) expect(text).not.toContain(digits);
      expect(text).not.toContain(address);
    }

    // A minute on, the next hit starts a window of its own and deletes the ended ones.
    t.clock.advance(61_000);
    await app.inject({ method: 'POST', url: '/api/track/lookup', payload: { code: 'x' }, remoteAddress: address });
    const left = await app.db.kysely.selectFrom('rate_limit_hits').selectAll().execute();
    expect(left.map((r) => [r.key.split(':')[0], r.count])).toEqual([['track-lookup-address', 1]]);
  });

  it('when the database fails the limiter, sign-in still answers and each server caps in its own memory', async () => {
    t = await startTestApp(dialect);
    const app = t.app;
    await sql`drop table rate_limit_hits`.execute(app.db.kysely);
    const login = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone: '13700000003', password: 'wrong-password', client: 'web' },
        remoteAddress,
      });
    for (let i = 0; i < 10; i += 1) expect((await login(`198.51.100.${String(i + 1)}`)).statusCode).toBe(401);
    const capped = await login('198.51.100.200');
    expect(capped.statusCode).toBe(429);
    expect(problemOf(capped).code).toBe('RATE_LIMITED');
    expect((await tokenFor(app, AGENT)).length).toBeGreaterThan(0);
  });

  it('the public tracking lookup is capped per client address on top of its failure lock', async () => {
    t = await startTestApp(dialect);
    const lookup = (remoteAddress: string) =>
      t?.app.inject({ method: 'POST', url: '/api/track/lookup', payload: { code: 'x' }, remoteAddress });
    for (let i = 0; i < 30; i += 1) expect((await lookup('203.0.113.7'))?.statusCode).toBe(400);
    const capped = await lookup('203.0.113.7');
    expect(capped?.statusCode).toBe(429);
    expect(problemOf(capped ?? expect.fail()).code).toBe('RATE_LIMITED');
    expect(capped?.headers['retry-after']).toBeDefined();
    expect((await lookup('203.0.113.8'))?.statusCode).toBe(400);
  });

  it('enrolment codes cannot be guessed in bulk: 10 tries a minute per client address', async () => {
    t = await startTestApp(dialect);
    const enrol = (remoteAddress: string) =>
      t?.app.inject({
        method: 'POST',
        url: '/api/devices/enrol',
        payload: { code: 'AAAA-BBBB-CCCC', label: '测试手机' },
        remoteAddress,
      });
    for (let i = 0; i < 10; i += 1) expect((await enrol('203.0.113.9'))?.statusCode).toBe(400);
    const capped = await enrol('203.0.113.9');
    expect(capped?.statusCode).toBe(429);
    expect(problemOf(capped ?? expect.fail()).code).toBe('RATE_LIMITED');
    expect((await enrol('203.0.113.10'))?.statusCode).toBe(400);
  });

  it('upload chunks are capped per device token', async () => {
    t = await startTestApp(dialect);
    const token = await tokenFor(t.app, AGENT);
    const chunk = (bearer: string) =>
      t?.app.inject({
        method: 'PUT',
        url: `/api/blobs/${newId()}/chunks?offset=0`,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from([1, 2, 3]),
      });
    for (let i = 0; i < 1200; i += 1) expect((await chunk(token))?.statusCode).toBe(404);
    const capped = await chunk(token);
    expect(capped?.statusCode).toBe(429);
    expect(problemOf(capped ?? expect.fail()).code).toBe('RATE_LIMITED');
    // Another phone keeps uploading.
    expect((await chunk(await tokenFor(t.app, '13900000012')))?.statusCode).toBe(404);
  });

  it('an upload is judged by its bytes: a PNG declared as JPEG is kept as PNG; HTML, SVG and PDF are refused unstored', async () => {
    t = await startTestApp(dialect);
    const app = t.app;
    const headers = { authorization: `Bearer ${await tokenFor(app, AGENT)}` };
    const upload = async (bytes: Buffer, type: string) => {
      const id = newId();
      const created = await app.inject({
        method: 'POST',
        url: '/api/blobs',
        headers,
        payload: { id, size: bytes.length, sha256: sha256(bytes), type },
      });
      expect(created.statusCode, created.body).toBe(200);
      const sent = await app.inject({
        method: 'PUT',
        url: `/api/blobs/${id}/chunks?offset=0`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: bytes,
      });
      // A first chunk that does not start like an image is refused at once, before it is written.
      if (sent.statusCode !== 200) return sent;
      return app.inject({ method: 'POST', url: `/api/blobs/${id}/complete`, headers });
    };
    const blobsDir = path.join(t.config.dataDir, 'blobs');
    for (const bytes of [
      Buffer.from('<html><script>alert(1)</script></html>'.repeat(20)),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'.repeat(10)),
      Buffer.from(`%PDF-1.7\n${'x'.repeat(500)}`),
      Buffer.from([0xff, 0xd8, 0x00, ...Array<number>(100).fill(7)]),
    ]) {
      const refused = await upload(bytes, 'image/jpeg');
      expect(refused.statusCode).toBe(422);
      expect(problemOf(refused).code).toBe('BLOB_TYPE_REJECTED');
    }
    expect(await app.db.kysely.selectFrom('blobs').selectAll().execute()).toEqual([]);
    expect(filesUnder(blobsDir)).toEqual([]);
    // Not a byte of them sits in an upload's part file either.
    for (const file of filesUnder(path.join(t.config.dataDir, 'uploads'))) expect(fs.statSync(file).size).toBe(0);

    const png = pngBytes(800);
    const kept = await upload(png, 'image/jpeg');
    expect(blobStateSchema.parse(kept.json()).complete).toBe(true);
    const row = await app.db.kysely.selectFrom('blobs').selectAll().executeTakeFirstOrThrow();
    expect(row.type).toBe('image/png');
  });
});
