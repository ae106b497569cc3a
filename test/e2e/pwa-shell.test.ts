import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { distDir, e2eFixture, waitForServiceWorkerControl } from './harness';

const manifestSchema = z.object({
  name: z.string(),
  short_name: z.string(),
  lang: z.string(),
  display: z.string(),
  start_url: z.string(),
  scope: z.string(),
  icons: z.array(z.object({ src: z.string(), sizes: z.string(), type: z.string(), purpose: z.string().optional() })),
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the installable app shell', () => {
  const e2e = e2eFixture();

  it('the service worker installs and precaches the app shell', async () => {
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);

      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const precache = names.find((name) => name.startsWith('workbox-precache'));
        if (!precache) return [];
        const requests = await (await caches.open(precache)).keys();
        return requests.map((request) => new URL(request.url).pathname);
      });

      const allAssets = (await readdir(join(distDir, 'assets'))).map((file) => `/assets/${file}`);
      // The workbench's statistics (Chart.js), 回访, 审计日志 and 管理 are online-only clerk code, kept off
      // agents' phones.
      const clerkOnlyChunks = ['StatisticsPage-', 'FollowUpsPage-', 'AuditPage-', 'AdminPage-'];
      const clerkOnly = allAssets.filter((file) =>
        clerkOnlyChunks.some((chunk) => file.startsWith(`/assets/${chunk}`)),
      );
      const builtAssets = allAssets.filter((file) => !clerkOnly.includes(file));
      expect(builtAssets.length).toBeGreaterThan(2);
      expect(clerkOnly.length).toBeGreaterThan(0);
      expect(cached.filter((path) => clerkOnly.includes(path))).toEqual([]);
      expect(cached).toEqual(
        expect.arrayContaining([
          '/index.html',
          '/manifest.webmanifest',
          '/favicon.svg',
          '/icons/icon-192.png',
          '/icons/icon-512.png',
          '/icons/icon-maskable-512.png',
          ...builtAssets,
        ]),
      );
      expect(cached.some((path) => path.startsWith('/api/'))).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('the manifest and its icons load', async () => {
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      const manifestUrl = await page.locator('link[rel="manifest"]').evaluate((link) => {
        if (!(link instanceof HTMLLinkElement)) throw new Error('not a <link>');
        return link.href;
      });

      const manifestResponse = await page.request.get(manifestUrl);
      expect(manifestResponse.status()).toBe(200);
      const manifest = manifestSchema.parse(await manifestResponse.json());
      expect(manifest).toMatchObject({
        name: '代办通',
        short_name: '代办通',
        lang: 'zh-CN',
        display: 'standalone',
        start_url: '/',
        scope: '/',
      });

      const { icons } = manifest;
      expect(icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`).sort()).toEqual([
        '192x192 any',
        '512x512 any',
        '512x512 maskable',
      ]);

      for (const icon of icons) {
        const response = await page.request.get(new URL(icon.src, manifestUrl).href);
        expect(response.status(), icon.src).toBe(200);
        expect(response.headers()['content-type']).toBe('image/png');
        const [width, height] = icon.sizes.split('x').map(Number);
        expect(pngSize(await response.body()), icon.src).toEqual({ width, height });
      }
    } finally {
      await context.close();
    }
  });
});
