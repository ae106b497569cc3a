import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalogue } from '../domain/catalogue';
import { loadCatalogue } from './catalogue-repository';
import { closeDatabase, getDatabase } from './db';
import { refreshCatalogue } from './sync-catalogue';
import { housingFundItem } from './test-fixtures';

type Call = { url: string; headers: Headers };

const catalogue = (version: string): Catalogue => ({ version, items: [housingFundItem] });

function serverWith(current: () => Catalogue): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    calls.push({ url, headers });
    const { version } = current();
    if (headers.get('If-None-Match') === `"${version}"`) return Promise.resolve(new Response(null, { status: 304 }));
    return Promise.resolve(
      new Response(JSON.stringify(current()), {
        status: 200,
        headers: { 'Content-Type': 'application/json', ETag: `"${version}"` },
      }),
    );
  });
  return calls;
}

describe('the catalogue on the phone', () => {
  beforeEach(async () => {
    await getDatabase().catalogue.clear();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    closeDatabase();
  });

  it('the catalogue is downloaded once, then only revalidated until it changes', async () => {
    let current = catalogue('v1');
    const calls = serverWith(() => current);

    expect(await refreshCatalogue(() => new Date('2026-03-01T00:00:00Z'))).toEqual({
      status: 'updated',
      version: 'v1',
    });
    expect(await refreshCatalogue(() => new Date('2026-03-02T00:00:00Z'))).toEqual({
      status: 'unchanged',
      version: 'v1',
    });
    current = catalogue('v2');
    expect(await refreshCatalogue(() => new Date('2026-03-03T00:00:00Z'))).toEqual({
      status: 'updated',
      version: 'v2',
    });

    expect(calls.map((c) => c.headers.get('If-None-Match'))).toEqual([null, '"v1"', '"v1"']);
    expect(calls.every((c) => c.url === '/api/catalogue')).toBe(true);
    const stored = await loadCatalogue();
    expect(stored).toMatchObject({ version: 'v2', etag: '"v2"', fetchedAt: '2026-03-03T00:00:00.000Z' });
    expect(stored?.items[0]?.name).toBe(housingFundItem.name);
  });

  it('a 304 only moves the “checked” time', async () => {
    serverWith(() => catalogue('v1'));
    await refreshCatalogue(() => new Date('2026-03-01T00:00:00Z'));
    await refreshCatalogue(() => new Date('2026-03-05T00:00:00Z'));

    expect(await loadCatalogue()).toMatchObject({
      fetchedAt: '2026-03-01T00:00:00.000Z',
      checkedAt: '2026-03-05T00:00:00.000Z',
    });
  });

  it('with no signal the cached catalogue stays as it was', async () => {
    serverWith(() => catalogue('v1'));
    await refreshCatalogue();
    const before = await loadCatalogue();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    const result = await refreshCatalogue();

    expect(result.status).toBe('failed');
    expect(await loadCatalogue()).toEqual(before);
  });

  it('a server answer that is not a catalogue is refused and the cache kept', async () => {
    serverWith(() => catalogue('v1'));
    await refreshCatalogue();
    vi.stubGlobal('fetch', () =>
      Promise.resolve(new Response(JSON.stringify({ version: 'v9', items: [{ code: 'broken' }] }), { status: 200 })),
    );

    expect((await refreshCatalogue()).status).toBe('failed');
    expect((await loadCatalogue())?.version).toBe('v1');
  });

  it('two screens asking at once share one request', async () => {
    const calls = serverWith(() => catalogue('v1'));

    const [a, b] = await Promise.all([refreshCatalogue(), refreshCatalogue()]);

    expect(a).toEqual(b);
    expect(calls).toHaveLength(1);
  });
});
