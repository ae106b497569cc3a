/**
 * 审计日志 end to end: the township administrator signs in at the window, opens the audit trail from
 * the workbench's navigation and finds their own sign-in, narrows it by action and clears the filter;
 * a clerk has no such link, and the address alone shows them that the screen is the administrators'.
 * The county administrator opens it too, sees which township each entry is of, and narrows it to the
 * entries of no township: their own sign-in and an attempt on a number nobody has.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demo, e2eFixture, signIn } from './harness';

const admin = { phone: '13900000000', name: '王强' } as const;
const countyAdmin = { phone: '13900000009', name: '郑伟' } as const;

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
      expect(await page.getByLabel('乡镇', { exact: true }).count()).toBe(0);

      const clerkPage = await clerkContext.newPage();
      await clerkPage.goto(e2e.server.baseUrl);
      await signIn(clerkPage, '窗口登录', demo.clerk.phone, demo.clerk.name);
      expect(await clerkPage.getByRole('link', { name: '审计日志' }).count()).toBe(0);
      await clerkPage.goto(`${e2e.server.baseUrl}/clerk/audit`);
      await clerkPage.getByText('只有乡镇管理员和县级管理员可以查看审计日志。').waitFor();
    } finally {
      await adminContext.close();
      await clerkContext.close();
    }
  }, 120_000);

  it('the county administrator sees each entry’s township and narrows to the entries of no township', async () => {
    const context = await e2e.browser.newContext();
    try {
      // 王强 signs in at 示范镇; someone tries a number that has no account.
      for (const phone of [admin.phone, '13700000000']) {
        const res = await context.request.post(`${e2e.server.baseUrl}/api/auth/login`, {
          data: { phone, password: DEMO_PASSWORD, client: 'web' },
          headers: { 'x-daiban-csrf': '1' },
        });
        expect(res.status(), phone).toBe(phone === admin.phone ? 200 : 401);
      }
      await context.clearCookies();

      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '窗口登录', countyAdmin.phone, countyAdmin.name);
      const nav = page.getByRole('navigation', { name: '工作台导航' });
      await nav.getByRole('link', { name: '审计日志' }).click();
      await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();

      const rows = page.locator('.audit-table tbody tr');
      const adminSignIn = rows.filter({ hasText: admin.name }).filter({ hasText: '示范镇（演示数据）' });
      await page.locator('.audit-table').getByRole('columnheader', { name: '乡镇' }).waitFor();
      await adminSignIn.first().waitFor();

      await page.getByLabel('乡镇', { exact: true }).selectOption({ label: '无所属乡镇（县级账号、未知号码）' });
      const failed = rows.filter({ has: page.getByRole('cell', { name: '登录失败', exact: true }) });
      await failed.filter({ hasText: '账号不存在' }).first().waitFor();
      expect(new URL(page.url()).searchParams.get('township')).toBe('none');
      expect(await failed.first().textContent()).toContain('（未登录）');
      await rows.filter({ hasText: countyAdmin.name }).first().waitFor();
      expect(await rows.filter({ hasText: admin.name }).count()).toBe(0);
      expect(await rows.filter({ hasText: '示范镇（演示数据）' }).count()).toBe(0);

      await page.getByRole('button', { name: '清除筛选' }).click();
      await adminSignIn.first().waitFor();
      expect(new URL(page.url()).searchParams.get('township')).toBeNull();
    } finally {
      await context.close();
    }
  }, 120_000);
});
