/**
 * 审计日志 end to end: the township administrator signs in at the window, opens the audit trail from
 * the workbench's navigation and finds their own sign-in, narrows it by action and clears the filter;
 * a clerk has no such link, and the address alone shows them that the screen is the administrator's.
 */
import { describe, expect, it } from 'vitest';
import { demo, e2eFixture, signIn } from './harness';

const admin = { phone: '13900000000', name: '王强' } as const;

describe('the audit trail viewer on the workbench', () => {
  const e2e = e2eFixture();

  it('the administrator sees their own sign-in in 审计日志; a clerk cannot open it', async () => {
    const adminContext = await e2e.browser.newContext();
    const clerkContext = await e2e.browser.newContext();
    try {
      const page = await adminContext.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '窗口登录', admin.phone, admin.name);
      await page.getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();

      const signInRow = page
        .locator('.audit-table tbody tr')
        .filter({ hasText: admin.name })
        .filter({ has: page.getByRole('cell', { name: '登录', exact: true }) });
      await signInRow.first().waitFor();
      expect(await signInRow.first().textContent()).toContain('工作台');

      await page.getByLabel('操作', { exact: true }).selectOption('auth.sign_out');
      await page.getByText('没有符合筛选条件的记录').waitFor();
      expect(new URL(page.url()).searchParams.get('action')).toBe('auth.sign_out');
      await page.getByRole('button', { name: '清除筛选' }).click();
      await signInRow.first().waitFor();

      const clerkPage = await clerkContext.newPage();
      await clerkPage.goto(e2e.server.baseUrl);
      await signIn(clerkPage, '窗口登录', demo.clerk.phone, demo.clerk.name);
      expect(await clerkPage.getByRole('link', { name: '审计日志' }).count()).toBe(0);
      await clerkPage.goto(`${e2e.server.baseUrl}/clerk/audit`);
      await clerkPage.getByText('只有乡镇管理员可以查看审计日志。').waitFor();
    } finally {
      await adminContext.close();
      await clerkContext.close();
    }
  }, 120_000);
});
