/**
 * 节假日安排 end to end: next year's holidays are not bundled yet, so the township administrator
 * enters them from the 国务院办公厅 notice on the workbench; a clerk then reads the same schedule,
 * without the means to change it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/resident-id';
import { statutorySchedules } from '../../src/domain/statutory-schedules';
import { demo, e2eFixture, signIn } from './harness';

const admin = { phone: '13900000000', name: '王强' } as const;

const thisYear = Number(todayInChina().slice(0, 4));
const bundled = new Set(statutorySchedules.map((s) => s.year));
/** Next year, unless the bundled table has it already: then the first year after it without one. */
let year = thisYear + 1;
while (bundled.has(year)) year += 1;
const y = String(year);

async function openCalendar(page: Page): Promise<void> {
  await page.getByRole('link', { name: '节假日安排' }).click();
  await page.getByRole('heading', { level: 1, name: '节假日安排' }).waitFor();
}

const yearRow = (page: Page, of: number) => page.locator(`.calendar-years__row[data-year="${String(of)}"]`);

describe('the working-day calendar on the workbench', () => {
  const e2e = e2eFixture({ serverPerTest: true });

  it('an administrator enters next year from the notice; a clerk reads it but cannot change it', async () => {
    const adminContext = await e2e.browser.newContext();
    const clerkContext = await e2e.browser.newContext();
    try {
      const page = await adminContext.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '窗口登录', admin.phone, admin.name);
      await openCalendar(page);

      // The bundled years are listed as statutory, and the missing year is announced loudly.
      await yearRow(page, 2026).getByText('法定（内置）').waitFor();
      await yearRow(page, 2004).waitFor();
      expect(await yearRow(page, year).count()).toBe(0);
      if (year === thisYear + 1) {
        await page.getByText(`${y} 年节假日安排尚未载入：期限按周末计算。国务院办公厅通知发布后请录入。`).waitFor();
      }

      await page.getByRole('button', { name: `录入 ${y} 年安排` }).click();
      await page.getByRole('heading', { name: `${y} 年安排`, exact: true }).waitFor();
      expect(new URL(page.url()).searchParams.get('year')).toBe(y);
      await page.getByText(`${y} 年的安排尚未载入`).waitFor();
      expect(await page.locator('#calendar-year option:checked').textContent()).toBe(`${y} 年（未载入）`);

      // A mistyped day is caught before anything is sent, with its line number.
      const holidays = page.getByLabel('放假日期');
      const workdays = page.getByLabel('调休上班日期');
      await holidays.fill(`${y}-01-01~${y}-01-03\n${y}-02-30`);
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText(`第 2 行：${y}-02-30 这一天不存在`).waitFor();

      await holidays.fill(`${y}-01-01~${y}-01-03\n${y}-02-06~${y}-02-13\n${y}-02-13`);
      await workdays.fill(`${y}-02-14`);
      await page.getByText('将保存：放假 11 天，调休上班 1 天（已去掉 1 个重复的日期）').waitFor();
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByText('已保存，未办结办件的期限已按新安排重新计算').waitFor();

      // The year is now the administrator's, with who entered it; the notice is gone.
      await yearRow(page, year).getByText('管理员录入').waitFor();
      expect(await yearRow(page, year).textContent()).toContain(admin.name);
      expect(await page.getByText(`${y} 年节假日安排尚未载入`).count()).toBe(0);
      const schedule = page.locator('.calendar-schedule');
      expect(await schedule.locator('[data-kind="holidays"]').textContent()).toContain('6 日至 13 日（8 天）');
      expect(await schedule.locator('[data-kind="workdays"]').textContent()).toMatch(/2 月14 日（星期.）/);
      expect(await holidays.inputValue()).toBe(`${y}-01-01~${y}-01-03\n${y}-02-06~${y}-02-13`);

      // A clerk sees the same year, read-only.
      const clerkPage = await clerkContext.newPage();
      await clerkPage.goto(e2e.server.baseUrl);
      await signIn(clerkPage, '窗口登录', demo.clerk.phone, demo.clerk.name);
      await openCalendar(clerkPage);
      await yearRow(clerkPage, year).getByText('管理员录入').waitFor();
      await yearRow(clerkPage, year)
        .getByRole('link', { name: `${y} 年` })
        .click();
      await clerkPage.getByRole('heading', { name: `${y} 年安排`, exact: true }).waitFor();
      await clerkPage.locator('.calendar-schedule [data-kind="holidays"]').waitFor();
      await clerkPage.getByText('节假日安排由管理员录入，窗口工作人员可以查看。').waitFor();
      expect(await clerkPage.getByLabel('放假日期').count()).toBe(0);
      expect(await clerkPage.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
      expect(await clerkPage.getByRole('button', { name: `修改 ${y} 年安排` }).count()).toBe(0);
    } finally {
      await adminContext.close();
      await clerkContext.close();
    }
  });
});
