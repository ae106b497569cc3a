/**
 * The production build under the real server's Content-Security-Policy: the landing page, the
 * logins, the resident's tracking page, the clerk's workbench and the agent's home load and work in
 * Chromium without a single CSP violation (no inline script or style slipped into the build), and
 * the workbench's own requests pass the CSRF check. The API documentation runs under its own policy.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demo, e2eFixture, signIn } from './harness';

/** Collects CSP violations (the DOM event, and Chromium's console report of one) and console errors. */
async function watch(page: Page): Promise<{ violations: string[]; errors: string[] }> {
  const found = { violations: [] as string[], errors: [] as string[] };
  await page.exposeFunction('reportCspViolation', (text: string) => {
    found.violations.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${String(event.lineNumber)}`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content Security Policy/i.test(text)) found.violations.push(text);
    else found.errors.push(text);
  });
  return found;
}

describe('the app under its security headers', () => {
  const e2e = e2eFixture();

  it('every page loads and works with a strict CSP and no violation, and the headers are there', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const found = await watch(page);
      const landing = await page.goto(e2e.server.baseUrl);
      const headers = landing?.headers() ?? {};
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');

      for (const path of ['/', '/agent/login', '/clerk/login', '/track']) {
        await page.goto(`${e2e.server.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
      }

      // The clerk's workbench: its reads, and a write (sign-out) through the cookie session's CSRF check.
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '窗口登录', demo.clerk.phone, demo.clerk.name);
      await page.getByText('队列为空').waitFor();
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByRole('heading', { name: '窗口登录' }).waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(me, 'the sign-out (a POST with the cookie) went through').toBe(401);

      // The agent's phone side: signing in (whatever the phone asks next, e.g. a PIN) stays violation-free.
      await page.goto(`${e2e.server.baseUrl}/agent/login`);
      await page.getByLabel('手机号', { exact: true }).fill(demo.agent.phone);
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/login'));
      await page.getByRole('heading').first().waitFor();

      expect(found.violations).toEqual([]);
      expect(found.errors.filter((e) => !/status of 40[13]/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a page of another site cannot frame the app', async () => {
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      const found = await watch(page);
      await page.goto(`${e2e.server.baseUrl}/api/health`);
      await page.setContent(`<iframe src="${e2e.server.baseUrl}/"></iframe>`);
      await page.waitForTimeout(500);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      const framedTitle = await frame?.title().catch(() => '');
      expect(framedTitle ?? '').not.toBe('代办通');
      expect(found.violations.join('\n') + found.errors.join('\n')).toMatch(/frame-ancestors|Refused to display/i);
    } finally {
      await context.close();
    }
  });

  it('the API documentation runs under its own policy: inline styles, but still no inline script', async () => {
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      const found = await watch(page);
      const docs = await page.goto(`${e2e.server.baseUrl}/api/docs/`);
      expect(docs?.headers()['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      await page.locator('.swagger-ui').first().waitFor();
      await page.getByText('代办通 Daiban API').first().waitFor();
      expect(found.violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
