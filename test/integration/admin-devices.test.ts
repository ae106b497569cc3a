/**
 * The township administrator 王强 manages villages, windows and staff, enrols an agent's phone with a
 * one-time code and revokes it: the revoked phone may only hand in unsent work, then reports its wipe
 * and its token is dead. Runs on SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  adminUserSchema,
  deviceSchema,
  enrolResponseSchema,
  enrolmentCodeSchema,
  villageSchema,
  windowSchema,
} from '../../src/domain/admin';
import { newId } from '../../src/domain/ids';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { hashPassword } from '../../src/server/accounts/password';
import { dialects, startTestApp, type TestApp } from './harness';
import { ADMIN, AGENT, apiAs, completeCase, problemOf, tokenFor } from './workbench-fixtures';

const MINUTE_MS = 60_000;
const OTHER_ADMIN = '13900000098';

/** Gives 青石镇 (the demo's second township) an administrator of its own. */
async function addOtherAdmin(app: FastifyInstance): Promise<void> {
  const township = await app.db.kysely
    .selectFrom('townships')
    .select('id')
    .where('code', '=', '999003')
    .executeTakeFirstOrThrow();
  await app.db.kysely
    .insertInto('users')
    .values({
      id: newId(),
      role: 'admin',
      name: '何平',
      phone: OTHER_ADMIN,
      password_hash: await hashPassword(DEMO_PASSWORD),
      township_id: township.id,
      county_id: null,
      village_id: null,
      failed_logins: 0,
      locked_until: null,
      is_demo: 1,
      created_at: new Date().toISOString(),
    })
    .execute();
}

function adminApi(app: FastifyInstance, token: string) {
  const api = apiAs(app, token);
  const headers = { authorization: `Bearer ${token}` };
  return {
    ...api,
    patch: (url: string, payload: object) => app.inject({ method: 'PATCH', url, headers, payload }),
    villages: async () => villageSchema.array().parse((await api.get('/api/admin/villages')).json()),
    windows: async () => windowSchema.array().parse((await api.get('/api/admin/windows')).json()),
    users: async () => adminUserSchema.array().parse((await api.get('/api/admin/users')).json()),
    devices: async () => deviceSchema.array().parse((await api.get('/api/admin/devices')).json()),
    code: async (userId: string) => {
      const res = await api.post(`/api/admin/users/${userId}/enrolment-codes`);
      expect(res.statusCode, res.body).toBe(200);
      return enrolmentCodeSchema.parse(res.json());
    },
  };
}

function enrol(app: FastifyInstance, code: string, label = '张建国的红米') {
  return app.inject({ method: 'POST', url: '/api/devices/enrol', payload: { code, label } });
}

async function auditActions(app: FastifyInstance): Promise<string[]> {
  const rows = await app.db.kysely.selectFrom('audit_log').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe.each(dialects)('admin screens and phone enrolment on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('王强 adds a village, a window, an agent and a clerk, renames, moves and disables — with clear refusals', async () => {
    t = await startTestApp(dialect);
    const admin = adminApi(t.app, await tokenFor(t.app, ADMIN));

    const village = await admin.post('/api/admin/villages', { code: '004', name: '北岭村' });
    expect(village.statusCode, village.body).toBe(200);
    const villageId = village.json<{ id: string }>().id;
    expect(problemOf(await admin.post('/api/admin/villages', { code: '004', name: '又一个' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'code',
    });
    expect(problemOf(await admin.post('/api/admin/villages', { code: '', name: '' })).code).toBe('VALIDATION_FAILED');
    expect((await admin.patch(`/api/admin/villages/${villageId}`, { name: '北岭新村' })).statusCode).toBe(204);
    expect((await admin.villages()).find((v) => v.id === villageId)).toMatchObject({ name: '北岭新村', agents: 0 });

    const window = await admin.post('/api/admin/windows', { code: 'TY', name: '退役军人服务站' });
    expect(window.statusCode, window.body).toBe(200);
    const windowId = window.json<{ id: string }>().id;
    expect((await admin.patch(`/api/admin/windows/${windowId}`, { name: '退役军人服务站（二楼）' })).statusCode).toBe(
      204,
    );
    expect((await admin.windows()).map((w) => w.name)).toContain('退役军人服务站（二楼）');

    const agent = await admin.post('/api/admin/users', {
      role: 'agent',
      name: '孙秀梅',
      phone: '13900000021',
      password: 'secret-2026',
      villageId,
    });
    expect(agent.statusCode, agent.body).toBe(200);
    const agentId = agent.json<{ id: string }>().id;
    expect(
      problemOf(
        await admin.post('/api/admin/users', {
          role: 'agent',
          name: '无村',
          phone: '13900000022',
          password: 'secret-2026',
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION_FAILED', field: 'villageId' });
    expect(
      problemOf(
        await admin.post('/api/admin/users', {
          role: 'clerk',
          name: '重号',
          phone: '13900000021',
          password: 'secret-2026',
          windowIds: [windowId],
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', field: 'phone' });
    expect(
      problemOf(
        await admin.post('/api/admin/users', { role: 'admin', name: '越权', phone: '13900000023', password: 'x' }),
      ).code,
    ).toBe('VALIDATION_FAILED');
    const clerk = await admin.post('/api/admin/users', {
      role: 'clerk',
      name: '钱红',
      phone: '13900000024',
      password: 'secret-2026',
      windowIds: [windowId],
    });
    expect(clerk.statusCode, clerk.body).toBe(200);
    const clerkId = clerk.json<{ id: string }>().id;

    const listed = await admin.users();
    expect(listed.find((u) => u.id === agentId)).toMatchObject({
      name: '孙秀梅',
      phoneMasked: '139****0021',
      village: { id: villageId, name: '北岭新村' },
      disabled: false,
    });
    expect(JSON.stringify(listed)).not.toContain('13900000021');
    expect(listed.find((u) => u.id === clerkId)?.windows.map((w) => w.id)).toEqual([windowId]);

    const mz = (await admin.windows()).find((w) => w.code === 'MZ');
    expect((await admin.patch(`/api/admin/users/${clerkId}`, { windowIds: [mz?.id ?? ''] })).statusCode).toBe(204);
    expect(problemOf(await admin.patch(`/api/admin/users/${clerkId}`, { villageId })).field).toBe('villageId');
    const east = (await admin.villages()).find((v) => v.code === '001');
    expect((await admin.patch(`/api/admin/users/${agentId}`, { villageId: east?.id ?? '' })).statusCode).toBe(204);

    // The new clerk signs in with the password; a reset replaces it and ends the open session; disabling
    // ends the next one.
    const clerkToken = await tokenFor(t.app, '13900000024').catch(() => '');
    expect(clerkToken).toBe('');
    const clerkLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: '13900000024', password: 'secret-2026', client: 'web' },
    });
    expect(clerkLogin.statusCode).toBe(200);
    const me = (login: typeof clerkLogin) => {
      const cookie = login.cookies[0];
      return t?.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        cookies: { [cookie?.name ?? '']: cookie?.value ?? '' },
      });
    };
    expect((await me(clerkLogin))?.statusCode).toBe(200);
    expect((await admin.post(`/api/admin/users/${clerkId}/password`, { password: 'short' })).statusCode).toBe(400);
    expect((await me(clerkLogin))?.statusCode).toBe(200);
    expect((await admin.post(`/api/admin/users/${clerkId}/password`, { password: 'new-secret-2026' })).statusCode).toBe(
      204,
    );
    expect((await me(clerkLogin))?.statusCode).toBe(401);
    const afterReset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: '13900000024', password: 'new-secret-2026', client: 'web' },
    });
    expect(afterReset.statusCode).toBe(200);
    expect((await me(afterReset))?.statusCode).toBe(200);
    expect((await admin.post(`/api/admin/users/${clerkId}/disable`)).statusCode).toBe(204);
    expect((await me(afterReset))?.statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: '13900000024', password: 'new-secret-2026', client: 'web' },
    });
    expect(again.statusCode).toBe(401);
    expect((await admin.users()).find((u) => u.id === clerkId)?.disabled).toBe(true);

    const actions = await auditActions(t.app);
    expect(actions.filter((a) => a === 'admin.village')).toHaveLength(2);
    expect(actions.filter((a) => a === 'admin.window')).toHaveLength(2);
    // create ×2, update ×2, reset password, disable
    expect(actions.filter((a) => a === 'admin.user')).toHaveLength(6);
  });

  it('a clerk or agent cannot use the admin API, and another township’s admin sees none of 示范镇', async () => {
    t = await startTestApp(dialect);
    await addOtherAdmin(t.app);
    const clerk = apiAs(t.app, await tokenFor(t.app, '13900000001'));
    expect((await clerk.get('/api/admin/users')).statusCode).toBe(403);
    const agentApi = apiAs(t.app, await tokenFor(t.app, AGENT));
    expect((await agentApi.get('/api/admin/devices')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/villages' })).statusCode).toBe(401);

    const admin = adminApi(t.app, await tokenFor(t.app, ADMIN));
    const other = adminApi(t.app, await tokenFor(t.app, OTHER_ADMIN));
    const zhang = (await admin.users()).find((u) => u.name === '张建国');
    expect((await other.users()).map((u) => u.name)).not.toContain('张建国');
    expect((await other.post(`/api/admin/users/${zhang?.id ?? ''}/enrolment-codes`)).statusCode).toBe(404);
    const east = (await admin.villages()).find((v) => v.code === '001');
    expect((await other.patch(`/api/admin/villages/${east?.id ?? ''}`, { name: '被改名' })).statusCode).toBe(404);
    expect((await other.post(`/api/admin/users/${zhang?.id ?? ''}/disable`)).statusCode).toBe(404);
    const zhangDevice = (await admin.devices()).find((d) => d.agent.name === '张建国');
    expect(zhangDevice).toBeDefined();
    expect((await other.devices()).map((d) => d.id)).not.toContain(zhangDevice?.id);
    expect((await other.post(`/api/admin/devices/${zhangDevice?.id ?? ''}/revoke`)).statusCode).toBe(404);
    expect((await admin.devices()).find((d) => d.id === zhangDevice?.id)?.state).toBe('active');
  });

  it('an enrolment code enrols one phone once, within ten minutes, and only for an agent', async () => {
    t = await startTestApp(dialect);
    const admin = adminApi(t.app, await tokenFor(t.app, ADMIN));
    const users = await admin.users();
    const zhang = users.find((u) => u.name === '张建国');
    const clerk = users.find((u) => u.name === '李娜');
    expect((await admin.post(`/api/admin/users/${clerk?.id ?? ''}/enrolment-codes`)).statusCode).toBe(409);

    const issued = await admin.code(zhang?.id ?? '');
    expect(issued.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(issued.url).toMatch(new RegExp(`/enrol#code=${issued.code}$`));
    expect(Date.parse(issued.expiresAt) - t.clock.now.getTime()).toBe(10 * MINUTE_MS);
    const stored = await t.app.db.kysely.selectFrom('enrolment_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(issued.code.replaceAll('-', ''));

    // Typed by hand, in lower case without dashes: still the same code.
    const first = await enrol(t.app, issued.code.replaceAll('-', '').toLowerCase());
    expect(first.statusCode, first.body).toBe(200);
    const enrolled = enrolResponseSchema.parse(first.json());
    expect(enrolled.user).toMatchObject({ name: '张建国', role: 'agent', phoneMasked: '139****0011' });
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${enrolled.token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(problemOf(await enrol(t.app, issued.code))).toMatchObject({ code: 'ENROL_CODE_INVALID' });
    expect((await enrol(t.app, 'AAAA-BBBB-CCCC')).statusCode).toBe(400);

    const late = await admin.code(zhang?.id ?? '');
    t.clock.advance(10 * MINUTE_MS);
    const expired = await enrol(t.app, late.code);
    expect(expired.statusCode).toBe(410);
    expect(problemOf(expired).code).toBe('ENROL_CODE_EXPIRED');

    const device = (await admin.devices()).find((d) => d.id === enrolled.deviceId);
    expect(device).toMatchObject({
      label: '张建国的红米',
      enrolledVia: 'code',
      state: 'active',
      agent: { name: '张建国' },
    });
    const actions = await auditActions(t.app);
    expect(actions.filter((a) => a === 'device.enrol_code')).toHaveLength(2);
    expect(actions).toContain('device.enrol');
  });

  it('a revoked phone is refused every read at once, may still hand in an unsent case, then wipes and is dead', async () => {
    t = await startTestApp(dialect);
    const admin = adminApi(t.app, await tokenFor(t.app, ADMIN));
    const zhang = (await admin.users()).find((u) => u.name === '张建国');
    const { code } = await admin.code(zhang?.id ?? '');
    const { token, deviceId } = enrolResponseSchema.parse((await enrol(t.app, code)).json());
    const phone = apiAs(t.app, token);
    expect((await phone.get('/api/sync/changes?after=0')).statusCode).toBe(200);

    const seen = (await admin.devices()).find((d) => d.id === deviceId);
    expect(seen?.lastSeenAt).not.toBeNull();

    const revoked = await admin.post(`/api/admin/devices/${deviceId}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(deviceSchema.parse(revoked.json()).state).toBe('revoked');

    for (const url of ['/api/sync/changes?after=0', '/api/catalogue', '/api/auth/me']) {
      const res = await phone.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(problemOf(res).code).toBe('DEVICE_REVOKED');
    }
    expect(problemOf(await phone.post('/api/auth/logout')).code).toBe('DEVICE_REVOKED');

    // The case captured offline before the revocation still reaches the township, with its photos.
    const { submission, photos } = completeCase();
    for (const bytes of photos.values()) await phone.upload(bytes);
    const receipt = await phone.submit(submission);
    const stored = await t.app.db.kysely
      .selectFrom('cases')
      .select(['id', 'agent_id'])
      .where('id', '=', receipt.id)
      .executeTakeFirst();
    expect(stored?.agent_id).toBe(zhang?.id);

    expect((await admin.devices()).find((d) => d.id === deviceId)?.state).toBe('revoked');
    const wiped = await phone.post('/api/devices/me/wiped', { setAside: 0 });
    expect(wiped.statusCode, wiped.body).toBe(204);
    for (const res of [
      await phone.get('/api/sync/changes?after=0'),
      await phone.get('/api/auth/me'),
      await phone.put(`/api/cases/${newId()}`, submission),
      await phone.post('/api/devices/me/wiped', {}),
    ]) {
      expect(res.statusCode).toBe(401);
    }
    expect((await admin.devices()).find((d) => d.id === deviceId)).toMatchObject({ state: 'wiped' });

    const actions = await auditActions(t.app);
    for (const action of ['device.enrol_code', 'device.enrol', 'device.revoke', 'device.wiped']) {
      expect(actions, action).toContain(action);
    }
    const revokeEntry = await t.app.db.kysely
      .selectFrom('audit_log')
      .select(['actor_role', 'subject_id'])
      .where('action', '=', 'device.revoke')
      .executeTakeFirstOrThrow();
    expect(revokeEntry).toEqual({ actor_role: 'admin', subject_id: deviceId });
  });

  it('a phone signed in with a password is listed too, and a phone not revoked cannot report a wipe', async () => {
    t = await startTestApp(dialect);
    const agentToken = await tokenFor(t.app, AGENT);
    const phone = apiAs(t.app, agentToken);
    expect(problemOf(await phone.post('/api/devices/me/wiped', {})).code).toBe('ACTION_NOT_ALLOWED');
    const admin = adminApi(t.app, await tokenFor(t.app, ADMIN));
    const device = (await admin.devices()).find((d) => d.agent.name === '张建国');
    expect(device).toMatchObject({ enrolledVia: 'password', state: 'active' });
    expect((await admin.users()).find((u) => u.name === '张建国')?.activeDevices).toBe(1);

    // Disabling the agent revokes the phone: it may drain, nothing else.
    const zhang = (await admin.users()).find((u) => u.name === '张建国');
    expect((await admin.post(`/api/admin/users/${zhang?.id ?? ''}/disable`)).statusCode).toBe(204);
    expect(problemOf(await phone.get('/api/sync/changes?after=0')).code).toBe('DEVICE_REVOKED');
    expect((await admin.devices()).find((d) => d.id === device?.id)?.state).toBe('revoked');
  });
});
