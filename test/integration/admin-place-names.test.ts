/**
 * Village and window names are what the administrator, the pickers and the statistics show, so within a
 * township each name is used once per kind: a second 东坡村 (or 民政办), added or renamed to, is refused
 * with 409 CONFLICT on `name` and nothing changes; another township may use the same names. Runs on
 * SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { villageSchema, windowSchema } from '../../src/domain/admin';
import { dialects, startTestApp, type TestApp } from './harness';
import { ADMIN, apiAs, problemOf, tokenFor } from './workbench-fixtures';

function adminApi(app: FastifyInstance, token: string) {
  const api = apiAs(app, token);
  const headers = { authorization: `Bearer ${token}` };
  return {
    ...api,
    patch: (url: string, payload: object) => app.inject({ method: 'PATCH', url, headers, payload }),
    villages: async () => villageSchema.array().parse((await api.get('/api/admin/villages')).json()),
    windows: async () => windowSchema.array().parse((await api.get('/api/admin/windows')).json()),
  };
}

describe.each(dialects)('village and window names on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('a name the township already has is refused on add and on rename; another township’s names are free', async () => {
    t = await startTestApp(dialect);
    const admin = adminApi(t.app, await tokenFor(t.app, ADMIN));
    const villagesBefore = await admin.villages();

    expect(problemOf(await admin.post('/api/admin/villages', { code: 'DP2', name: '东坡村' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    expect(problemOf(await admin.post('/api/admin/windows', { code: 'MZ2', name: ' 民政办 ' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    expect(await admin.villages()).toEqual(villagesBefore);

    // 石桥村 is 青石镇's: 示范镇 may have one too.
    const added = await admin.post('/api/admin/villages', { code: 'SQ', name: '石桥村' });
    expect(added.statusCode, added.body).toBe(200);
    const id = added.json<{ id: string }>().id;

    expect(problemOf(await admin.patch(`/api/admin/villages/${id}`, { name: '西河村' }))).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    expect((await admin.villages()).find((v) => v.id === id)?.name).toBe('石桥村');
    expect((await admin.patch(`/api/admin/villages/${id}`, { name: '石桥村' })).statusCode).toBe(204);

    const window = (await admin.windows()).find((w) => w.name === '社保所');
    expect((await admin.patch(`/api/admin/windows/${window?.id ?? ''}`, { name: '卫健办' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/admin/windows/${window?.id ?? ''}`, { name: '社保所（一楼）' })).statusCode).toBe(
      204,
    );
  });
});
