import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demo, e2eFixture, signIn } from './harness';

describe('the service-centre workbench and the phone layout', () => {
  const e2e = e2eFixture();

  it('a clerk signs in and sees the clerk home; logout returns to the login', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '窗口登录', demo.clerk.phone, demo.clerk.name);

      expect(new URL(page.url()).pathname).toBe('/clerk');
      await page.getByText('队列为空').waitFor();
      expect(await page.locator('.topbar__role').textContent()).toBe('窗口工作人员');
      expect(await page.locator('.topbar__place').textContent()).toContain('示范镇');
      expect(await page.locator('.chip').count()).toBeGreaterThan(0);

      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '窗口登录' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/clerk/login');

      // The cookie session is really gone: the workbench sends us back to the login.
      await page.goto(`${e2e.server.baseUrl}/clerk`);
      await page.getByRole('heading', { name: '窗口登录' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/clerk/login');
    } finally {
      await context.close();
    }
  });

  it('a clerk who picks the agent login is sent to the right door and nothing is kept on the device', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.server.baseUrl}/agent/login`);
      await page.getByLabel('手机号', { exact: true }).fill(demo.clerk.phone);
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();

      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('窗口登录');
      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.getByRole('heading', { name: '代办员登录' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('the landing and login pages fit a 360 px phone without sideways scrolling', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    try {
      const page = await context.newPage();
      for (const path of ['/', '/agent/login', '/clerk/login', '/track']) {
        await page.goto(`${e2e.server.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        const widths = await page.evaluate(() => ({
          content: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth,
        }));
        expect(widths.content, path).toBeLessThanOrEqual(widths.viewport);
        expect(widths.viewport, path).toBe(360);
      }
    } finally {
      await context.close();
    }
  });
});
