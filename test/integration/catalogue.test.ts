import { afterEach, describe, expect, it } from 'vitest';
import { catalogueSchema, serviceItemSchema, type ServiceItemInput } from '../../src/domain/catalogue';
import { upsertCatalogueItems } from '../../src/server/catalogue/catalogue-store';
import { seedItems } from '../../src/server/catalogue/seed-items';
import { dialects, startTestApp, type TestApp } from './harness';

const HOUSING_FUND_NAME = '住房公积金提取（偿还购房贷款）';

describe.each(dialects)('service-item catalogue on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('serves every seeded guide to anyone, with an ETag the phone can revalidate cheaply', async () => {
    t = await startTestApp(dialect);
    const res = await t.app.inject({ method: 'GET', url: '/api/catalogue' });
    expect(res.statusCode).toBe(200);
    const catalogue = catalogueSchema.parse(res.json());
    expect(catalogue.items.length).toBeGreaterThanOrEqual(10);
    expect(catalogue.items.map((i) => i.name)).toContain(HOUSING_FUND_NAME);
    const etag = String(res.headers.etag);
    expect(etag).toBe(`"${catalogue.version}"`);
    const again = await t.app.inject({ method: 'GET', url: '/api/catalogue', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('a new version of an item becomes current, and cases started under the old one can still read it', async () => {
    t = await startTestApp(dialect);
    const first = catalogueSchema.parse((await t.app.inject({ method: 'GET', url: '/api/catalogue' })).json());
    const original = seedItems[0];
    if (!original) throw new Error('no seed items');
    const revised: ServiceItemInput = {
      ...original,
      version: original.version + 1,
      promisedLimitDays: 5,
      handling: 'promised',
    };
    expect(await upsertCatalogueItems(t.app.db.kysely, [revised], t.clock.now)).toBe(1);

    const second = catalogueSchema.parse((await t.app.inject({ method: 'GET', url: '/api/catalogue' })).json());
    expect(second.version).not.toBe(first.version);
    expect(second.items.filter((i) => i.code === original.code).map((i) => i.version)).toEqual([original.version + 1]);

    const old = await t.app.inject({
      method: 'GET',
      url: `/api/catalogue/items/${encodeURIComponent(original.code)}/versions/${String(original.version)}`,
    });
    expect(old.statusCode).toBe(200);
    expect(serviceItemSchema.parse(old.json()).version).toBe(original.version);

    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/catalogue/items/${encodeURIComponent(original.code)}/versions/99`,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses to change an item without a new version number', async () => {
    t = await startTestApp(dialect);
    const original = seedItems[0];
    if (!original) throw new Error('no seed items');
    await expect(
      upsertCatalogueItems(t.app.db.kysely, [{ ...original, name: `${original.name}（改）` }], t.clock.now),
    ).rejects.toThrow(/without a new version number/);
  });
});
