/**
 * The county administrator end to end: signs in at 窗口登录, lands on 办件统计 grouped by township with
 * both demo townships in the table, and finds no queue, follow-ups or calendar to go to.
 */
import { describe, expect, it } from 'vitest';
import { e2eFixture, signIn } from './harness';

const countyAdmin = { phone: '13900000009', name: '郑伟' } as const;

describe('the county administrator on the workbench', () => {
  const e2e = e2eFixture();

  it('signs in and sees the statistics of both townships, and nothing else', async () => {
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '窗口登录', countyAdmin.phone, countyAdmin.name);

      await page.getByRole('heading', { level: 1, name: '办件统计' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/clerk/stats');
      await page.locator('.topbar__place', { hasText: '示范县（演示数据）' }).waitFor();
      await page.locator('.topbar__role', { hasText: '县级管理员' }).waitFor();

      const table = page.locator('.stats-table');
      await table.getByRole('columnheader', { name: '乡镇' }).waitFor();
      await table.getByRole('rowheader', { name: '示范镇（演示数据）' }).waitFor();
      await table.getByRole('rowheader', { name: '青石镇（演示数据）' }).waitFor();

      const nav = page.getByRole('navigation', { name: '工作台导航' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['统计', '审计日志']);
      expect(await page.getByLabel('窗口', { exact: true }).count()).toBe(0);
      // Statistics downloads only: no case lists.
      await page.getByRole('link', { name: '统计表 CSV' }).waitFor();
      expect(await page.getByRole('link', { name: /清单/ }).count()).toBe(0);

      // The queue's address sends them back to the statistics.
      await page.goto(`${e2e.server.baseUrl}/clerk`);
      await table.getByRole('rowheader', { name: '青石镇（演示数据）' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/clerk/stats');
    } finally {
      await context.close();
    }
  });
});
