import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/api-error';
import { DEVICE_TOKEN_DAYS, loginResponseSchema, meResponseSchema, SESSION_COOKIE } from '../../src/domain/auth';
import { healthResponseSchema } from '../../src/domain/health';
import { townshipSchema } from '../../src/domain/township';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { dialects, startTestApp, type TestApp } from './harness';

const AGENT = '13900000011';
const CLERK = '13900000001';
const DAY_MS = 24 * 60 * 60 * 1000;

function login(app: FastifyInstance, phone: string, password: string, client: 'web' | 'device' = 'device') {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password, client } });
}

async function deviceToken(app: FastifyInstance, phone = AGENT): Promise<string> {
  const res = await login(app, phone, DEMO_PASSWORD, 'device');
  expect(res.statusCode).toBe(200);
  const token = loginResponseSchema.parse(res.json()).token;
  if (!token) throw new Error('no device token');
  return token;
}

describe.each(dialects)('township server foundation on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('reports itself healthy with a reachable database and its version', async () => {
    t = await startTestApp(dialect);
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = healthResponseSchema.parse(res.json());
    expect(body).toMatchObject({ status: 'ok', database: { dialect, reachable: true } });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('publishes an OpenAPI 3 document generated from the schemas, and a readable docs page', async () => {
    t = await startTestApp(dialect);
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/township']),
    );
    expect(JSON.stringify(doc.paths['/api/auth/login']?.post?.requestBody)).toContain('phone');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it("an agent signs in from the phone and the device token opens the agent's profile", async () => {
    t = await startTestApp(dialect);
    const res = await login(t.app, AGENT, DEMO_PASSWORD, 'device');
    expect(res.statusCode).toBe(200);
    const body = loginResponseSchema.parse(res.json());
    expect(body.user).toMatchObject({ role: 'agent', name: '张建国', phoneMasked: '139****0011' });
    expect(body.user.village?.name).toBe('东坡村');
    expect(res.headers['set-cookie']).toBeUndefined();
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${body.token ?? ''}` },
    });
    expect(me.statusCode).toBe(200);
    expect(meResponseSchema.parse(me.json()).user.id).toBe(body.user.id);
  });

  it('a clerk signs in on the workbench and gets an HttpOnly cookie session, never a token in the body', async () => {
    t = await startTestApp(dialect);
    const res = await login(t.app, CLERK, DEMO_PASSWORD, 'web');
    expect(res.statusCode).toBe(200);
    const body = loginResponseSchema.parse(res.json());
    expect(body.token).toBeUndefined();
    expect(body.user.windows.map((w) => w.name)).toEqual(['民政办', '卫健办']);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const value = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
    const township = await t.app.inject({ method: 'GET', url: '/api/township', cookies: { [SESSION_COOKIE]: value } });
    expect(township.statusCode).toBe(200);
    const parsed = townshipSchema.parse(township.json());
    expect(parsed.isDemo).toBe(true);
    expect(parsed.windows.map((w) => w.name)).toEqual(['民政办', '社保所', '卫健办', '自然资源所']);
    expect(parsed.villages).toHaveLength(3);
    // The workbench's agent filter: names only, never the agents' phone numbers.
    expect(parsed.agents.map((a) => a.name).sort()).toEqual(['刘桂兰', '张建国', '赵志刚'].sort());
    expect(township.body).not.toMatch(/1390000001\d/);
  });

  it('a wrong password is a 401 with a stable code, and an unknown number gets the very same answer', async () => {
    t = await startTestApp(dialect);
    const wrong = await login(t.app, AGENT, 'not-the-password');
    const unknown = await login(t.app, '13700000000', 'whatever');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(apiErrorSchema.parse(wrong.json()).code).toBe('AUTH_INVALID_CREDENTIALS');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('five wrong passwords lock the account, even against the right password, until the lock expires', async () => {
    t = await startTestApp(dialect);
    for (let i = 1; i <= 4; i += 1) expect((await login(t.app, AGENT, `wrong-${String(i)}`)).statusCode).toBe(401);
    const fifth = await login(t.app, AGENT, 'wrong-5');
    expect(fifth.statusCode).toBe(423);
    const lockedBody = apiErrorSchema.parse(fifth.json());
    expect(lockedBody.code).toBe('AUTH_LOCKED');
    expect(lockedBody.retryAfterSeconds).toBe(15 * 60);
    expect(fifth.headers['retry-after']).toBe('900');

    const rightButLocked = await login(t.app, AGENT, DEMO_PASSWORD);
    expect(rightButLocked.statusCode).toBe(423);
    expect(apiErrorSchema.parse(rightButLocked.json()).code).toBe('AUTH_LOCKED');
    expect((await login(t.app, '13900000012', DEMO_PASSWORD)).statusCode).toBe(200);

    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await login(t.app, AGENT, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a successful sign-in clears the count of wrong passwords', async () => {
    t = await startTestApp(dialect);
    for (let i = 0; i < 4; i += 1) await login(t.app, AGENT, 'wrong');
    expect((await login(t.app, AGENT, DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await login(t.app, AGENT, 'wrong')).statusCode).toBe(401);
  });

  it("an agent's token on a clerk route is refused with 403, and no credentials at all with 401", async () => {
    t = await startTestApp(dialect);
    const token = await deviceToken(t.app);
    const asAgent = await t.app.inject({
      method: 'GET',
      url: '/api/township',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asAgent.statusCode).toBe(403);
    expect(apiErrorSchema.parse(asAgent.json()).code).toBe('FORBIDDEN');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/township' });
    expect(anonymous.statusCode).toBe(401);
    expect(apiErrorSchema.parse(anonymous.json()).code).toBe('UNAUTHENTICATED');
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer forged' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('malformed input is a 400 with a stable code and the field, never a 500', async () => {
    t = await startTestApp(dialect);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone": "139',
    });
    expect(broken.statusCode).toBe(400);
    expect(apiErrorSchema.parse(broken.json()).code).toBe('BAD_JSON');

    const badPhone = await login(t.app, '12345', 'x');
    expect(badPhone.statusCode).toBe(400);
    expect(apiErrorSchema.parse(badPhone.json())).toMatchObject({ code: 'VALIDATION_FAILED', field: 'phone' });

    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);

    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'phone=13900000011',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(apiErrorSchema.parse(wrongType.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const notObject = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: [1, 2, 3] });
    expect(notObject.statusCode).toBe(400);
  });

  it('an unknown API path is a 404 in the same error shape', async () => {
    t = await startTestApp(dialect);
    const res = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(apiErrorSchema.parse(res.json()).code).toBe('NOT_FOUND');
  });

  it('an unexpected failure is a 500 that reveals nothing of the internals', async () => {
    t = await startTestApp(dialect, {
      prepare: (app) =>
        app.get('/api/test-boom', { config: { access: 'public' } }, () => {
          throw new Error('SELECT secret FROM internals');
        }),
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/test-boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: 'Internal server error' });
  });

  it('the server refuses to start with a route that does not declare who may call it', async () => {
    await expect(
      startTestApp(dialect, { prepare: (app) => app.get('/api/undeclared', () => 'open by accident') }),
    ).rejects.toThrow(/does not declare config.access/);
  });

  it('logout revokes the token at once', async () => {
    t = await startTestApp(dialect);
    const token = await deviceToken(t.app);
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it(`a device token still works after 30 days offline and expires after ${String(DEVICE_TOKEN_DAYS)}`, async () => {
    t = await startTestApp(dialect);
    const token = await deviceToken(t.app);
    const headers = { authorization: `Bearer ${token}` };
    t.clock.advance(30 * DAY_MS);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200);
    t.clock.advance((DEVICE_TOKEN_DAYS - 30) * DAY_MS + 1000);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });

  it('seeds the demo township once, and not at all with DAIBAN_DEMO=0', async () => {
    t = await startTestApp(dialect);
    const again = await t.restart();
    const count = await again.db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    // 示范镇's six, 青石镇's clerk and agent, and the county administrator of 示范县.
    expect(Number(count.n)).toBe(9);
    await t.close();
    t = await startTestApp(dialect, { seedDemo: false });
    expect((await login(t.app, AGENT, DEMO_PASSWORD)).statusCode).toBe(401);
  });
});
