import { describe, expect, it } from 'vitest';
import { cutNetwork, demo, e2eFixture, signIn, waitForServiceWorkerControl } from './harness';

const phone = { viewport: { width: 360, height: 740 } };

describe('an agent working without signal', () => {
  // Each story stops its server, so each gets its own.
  const e2e = e2eFixture({ serverPerTest: true });

  it('an agent signs in online, the network is cut, the page is closed and reopened: still signed in', async () => {
    const context = await e2e.browser.newContext(phone);
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name);

      await cutNetwork(context, e2e.server);
      await page.close();

      const reopened = await context.newPage();
      await reopened.goto(e2e.server.baseUrl);
      await reopened.getByText('还没有代办件').waitFor();

      expect(new URL(reopened.url()).pathname).toBe('/agent');
      expect(await reopened.locator('.topbar__name').textContent()).toContain(demo.agent.name);
      expect(await reopened.locator('.topbar__place').textContent()).toContain(demo.agent.village);
      expect(await reopened.getByRole('status').filter({ hasText: '离线' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('with the network cut, a reload still shows the app', async () => {
    const visitor = await e2e.browser.newContext(phone);
    const agent = await e2e.browser.newContext(phone);
    try {
      const landing = await visitor.newPage();
      await landing.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(landing);

      const home = await agent.newPage();
      await home.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(home);
      await signIn(home, '代办员登录', demo.agent.phone, demo.agent.name);

      await cutNetwork(visitor, e2e.server);
      await cutNetwork(agent, e2e.server);

      await landing.reload();
      await landing.getByRole('link', { name: /^代办员登录/ }).waitFor();
      expect(await landing.getByRole('heading', { level: 1 }).textContent()).toBe('代办通');

      await home.reload();
      await home.getByText('还没有代办件').waitFor();
      expect(await home.locator('.topbar__name').textContent()).toContain(demo.agent.name);
      expect(await home.getByRole('status').filter({ hasText: '离线' }).count()).toBe(1);

      // A screen not visited before the cut comes from the precache too.
      await landing.getByRole('link', { name: /^群众查询进度/ }).click();
      await landing.getByRole('heading', { name: '群众查询进度' }).waitFor();
    } finally {
      await visitor.close();
      await agent.close();
    }
  });
});
