import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eFixture, waitForServiceWorkerControl } from './harness';

/** A value set on `window`: it survives anything but a reload. */
function readMarker(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const value: unknown = Reflect.get(window, '__marker');
    return value;
  });
}

/** How long we watch for an unwanted reload after the banner appears. */
const NO_RELOAD_WINDOW_MS = 3_000;

describe('publishing a new version', () => {
  const e2e = e2eFixture();

  it('a new service-worker version shows the update prompt and does not reload the page by itself', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);

      await page.getByRole('link', { name: /^代办员登录/ }).click();
      const phoneField = page.getByLabel('手机号', { exact: true });
      await phoneField.fill('1390000');
      await page.evaluate(() => {
        Reflect.set(window, '__marker', 1);
      });

      // A byte-different sw.js is a new version.
      await appendFile(join(e2e.server.staticDir, 'sw.js'), `\n// build e2e-${String(Date.now())}\n`);
      await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        await registration?.update();
      });

      const banner = page.getByRole('status').filter({ hasText: '新版本可用' });
      await banner.waitFor();
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state)).toBe(
        'installed',
      );

      await page.waitForTimeout(NO_RELOAD_WINDOW_MS);
      expect(await readMarker(page)).toBe(1);
      expect(await phoneField.inputValue()).toBe('1390000');

      const reloaded = page.waitForEvent('load');
      await banner.getByRole('button', { name: '立即更新' }).click();
      await reloaded;

      expect(await readMarker(page)).toBeUndefined();
      const after = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return {
          waiting: registration?.waiting ?? null,
          activeState: registration?.active?.state,
          controlled: navigator.serviceWorker.controller !== null,
        };
      });
      expect(after).toEqual({ waiting: null, activeState: 'activated', controlled: true });
      expect(await page.getByText('新版本可用').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
