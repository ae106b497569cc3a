/**
 * A township administrator sets the township up on the workbench, as someone new to it would: adds a
 * village and a window (with clear refusals for an empty or taken code or name), creates a clerk on the
 * new window and an agent in the new village (phones shown masked only), enrols the agent's phone by
 * QR code, resets the clerk's password and disables the clerk. The clerk meanwhile finds the new
 * window's queue, no admin screen, and after the disable is sent back to sign in.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eFixture, passPinLock, signIn, waitForServiceWorkerControl } from './harness';

const admin = { phone: '13900000000', name: '王强' } as const;
const village = { code: 'BL', name: '北岭村' } as const;
const serviceWindow = { code: 'TY', name: '退役军人服务站' } as const;
const clerk = { name: '钱晓红', phone: '13900000031', password: 'chushi-2026', newPassword: 'xinmima-2026' } as const;
const agent = { name: '孙秀梅', phone: '13900000021', password: 'chushi-2026', device: '孙秀梅的手机' } as const;
const phoneViewport = { viewport: { width: 360, height: 740 }, locale: 'zh-CN' };

/** 窗口登录 with a password of the administrator's choosing (the harness's signIn knows the demo one only). */
async function clerkSignIn(page: Page, phone: string, password: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: '窗口登录' }).waitFor();
  await page.getByLabel('手机号', { exact: true }).fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function openAdminTab(page: Page, tab: '村' | '窗口' | '人员' | '设备'): Promise<Locator> {
  await page.getByRole('navigation', { name: '管理分类' }).getByRole('link', { name: tab, exact: true }).click();
  return page.getByRole('region', { name: tab, exact: true });
}

/** The names in a place list's rows (the second column), in order. */
async function placeNames(panel: Locator): Promise<string[]> {
  return panel.locator('tbody tr td:nth-child(2)').allTextContents();
}

describe('setting up a township on the admin screens', () => {
  const e2e = e2eFixture();

  it('王强 adds a village, a window, a clerk and an agent, enrols the phone, and disables the clerk', async () => {
    const adminContext = await e2e.browser.newContext({ locale: 'zh-CN' });
    const clerkContext = await e2e.browser.newContext({ locale: 'zh-CN' });
    const phoneContext = await e2e.browser.newContext(phoneViewport);
    try {
      const desk = await adminContext.newPage();
      await desk.goto(e2e.server.baseUrl);
      await signIn(desk, '窗口登录', admin.phone, admin.name);
      await desk.getByRole('link', { name: '管理', exact: true }).click();
      await desk.getByRole('heading', { level: 1, name: '乡镇管理' }).waitFor();

      // ---- 村: an empty name, a taken code and a taken name are refused in Chinese; then 北岭村 is added ----
      const villages = await openAdminTab(desk, '村');
      await villages.getByRole('cell', { name: '东坡村', exact: true }).waitFor();
      const before = await placeNames(villages);
      const code = villages.getByLabel('编码', { exact: true });
      const name = villages.getByLabel('名称', { exact: true });
      const addVillage = villages.getByRole('button', { name: '添加村', exact: true });

      await code.fill(village.code);
      await addVillage.click();
      await villages.getByText('此项必须填写').waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');

      await code.fill('001');
      await name.fill(village.name);
      await addVillage.click();
      await villages.getByText('这个编码已经有了，请换一个').waitFor();

      await code.fill(village.code);
      await name.fill('东坡村');
      await addVillage.click();
      await villages.getByText('这个名称已经有了，请换一个').waitFor();
      expect(await placeNames(villages)).toEqual(before);

      await name.fill(village.name);
      await addVillage.click();
      const newVillage = villages.locator('tbody tr', { hasText: village.name });
      await newVillage.waitFor();
      expect(await newVillage.textContent()).toContain('0 名代办员');
      expect(await placeNames(villages)).toHaveLength(before.length + 1);
      expect(await code.inputValue()).toBe('');
      expect(await villages.getByText('这个名称已经有了，请换一个').count()).toBe(0);

      // ---- 窗口: 退役军人服务站 ----
      const windows = await openAdminTab(desk, '窗口');
      await windows.getByRole('cell', { name: '民政办', exact: true }).waitFor();
      await windows.getByLabel('编码', { exact: true }).fill(serviceWindow.code);
      await windows.getByLabel('名称', { exact: true }).fill(serviceWindow.name);
      await windows.getByRole('button', { name: '添加窗口', exact: true }).click();
      await windows.locator('tbody tr', { hasText: serviceWindow.name }).getByText('0 名工作人员').waitFor();

      // ---- 人员: a clerk on the new window (a mistyped phone is refused, nothing typed is lost) ----
      const users = await openAdminTab(desk, '人员');
      await users.locator('tr[data-user="张建国"]').waitFor();
      const addUser = users.getByRole('button', { name: '添加人员', exact: true });
      const userName = users.getByLabel('姓名', { exact: true });
      const userPhone = users.getByLabel('手机号（登录用）', { exact: true });
      const userPassword = users.getByLabel('初始密码', { exact: true });
      await users.getByRole('radio', { name: '窗口工作人员', exact: true }).check();
      await userName.fill(clerk.name);
      await userPhone.fill('1390000003');
      await userPassword.fill(clerk.password);
      await addUser.click();
      await users.getByText('请输入 11 位手机号').waitFor();
      const windowChoice = users.getByRole('group', { name: '负责窗口' });
      await windowChoice.getByText('请至少选择一个窗口').waitFor();
      await windowChoice.getByRole('checkbox', { name: serviceWindow.name, exact: true }).check();
      await windowChoice.getByText('请至少选择一个窗口').waitFor({ state: 'detached' });
      expect(await userName.inputValue()).toBe(clerk.name);
      expect(await userPhone.inputValue()).toBe('1390000003');
      expect(await userPassword.inputValue()).toBe(clerk.password);
      expect(await users.getByRole('checkbox', { name: serviceWindow.name, exact: true }).isChecked()).toBe(true);
      expect(await users.locator(`tr[data-user="${clerk.name}"]`).count()).toBe(0);

      await userPhone.fill(clerk.phone);
      await addUser.click();
      const clerkRow = users.locator(`tr[data-user="${clerk.name}"]`);
      await clerkRow.waitFor();
      expect(await clerkRow.textContent()).toContain(serviceWindow.name);
      expect(await clerkRow.textContent()).toContain('139****0031');

      // ---- 人员: an agent in the new village ----
      await users.getByRole('radio', { name: '代办员', exact: true }).check();
      await userName.fill(agent.name);
      await userPhone.fill(agent.phone);
      await userPassword.fill(agent.password);
      await users.getByLabel('所在村', { exact: true }).selectOption({ label: village.name });
      await addUser.click();
      const agentRow = users.locator(`tr[data-user="${agent.name}"]`);
      await agentRow.waitFor();
      expect(await agentRow.textContent()).toContain(village.name);
      await agentRow.getByRole('button', { name: '修改', exact: true }).click();
      expect(await agentRow.getByLabel('所在村', { exact: true }).locator('option:checked').textContent()).toBe(
        village.name,
      );
      await agentRow.getByRole('button', { name: '取消', exact: true }).click();

      // Every phone on the list is masked; no full number is anywhere on the page.
      const phones = await users.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(phones.length).toBeGreaterThanOrEqual(8);
      for (const shown of phones) expect(shown).toMatch(/^1\d\d\*{4}\d{4}$/);
      const pageText = (await desk.locator('body').textContent()) ?? '';
      expect(pageText).not.toMatch(/1\d{10}/);

      // ---- The new clerk signs in and works the new window's queue; 管理 is not theirs ----
      const counter = await clerkContext.newPage();
      await counter.goto(`${e2e.server.baseUrl}/clerk/login`);
      await clerkSignIn(counter, clerk.phone, clerk.password);
      await counter.locator('.topbar__name', { hasText: clerk.name }).waitFor();
      await counter.getByRole('heading', { level: 1, name: '待办队列' }).waitFor();
      expect(await counter.locator('.clerk-topbar__windows').textContent()).toBe(serviceWindow.name);
      expect(await counter.locator('#queue-window option').allTextContents()).toContain(serviceWindow.name);
      expect(await counter.getByRole('link', { name: '管理', exact: true }).count()).toBe(0);

      await counter.goto(`${e2e.server.baseUrl}/clerk/admin/users`);
      await counter.getByRole('alert').getByText('只有乡镇管理员可以使用管理功能。').waitFor();
      expect(await counter.locator('tr[data-user]').count()).toBe(0);
      expect(await counter.getByText(agent.name).count()).toBe(0);
      expect((await counter.request.get(`${e2e.server.baseUrl}/api/admin/users`)).status()).toBe(403);
      // Back to work: the queue stays open on the clerk's screen while the admin acts below.
      await counter.goto(`${e2e.server.baseUrl}/clerk`);
      await counter.getByRole('heading', { level: 1, name: '待办队列' }).waitFor();

      // ---- 登记手机 for the new agent: QR code with a countdown; the phone enrols and sets its PIN ----
      await agentRow.getByRole('button', { name: '登记手机', exact: true }).click();
      const qr = agentRow.getByRole('img', { name: '登记二维码' });
      await qr.waitFor();
      await agentRow.getByRole('heading', { name: `为 ${agent.name} 登记手机` }).waitFor();
      await agentRow
        .getByRole('timer')
        .getByText(/^(10 分 00|9 分 \d\d) 秒后失效，只能使用一次$/)
        .waitFor();
      const enrolUrl = (await qr.getAttribute('data-url')) ?? '';
      expect(enrolUrl).toMatch(new RegExp(`^${e2e.server.baseUrl}/enrol#code=`));

      const phone = await phoneContext.newPage();
      await phone.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(phone);
      await phone.goto(enrolUrl);
      await phone.getByRole('heading', { level: 1, name: '登记本机' }).waitFor();
      await phone.getByLabel('手机名称').fill(agent.device);
      await phone.getByRole('button', { name: '登记', exact: true }).click();
      await passPinLock(phone, agent.name);
      await phone.locator('.topbar__name', { hasText: agent.name }).waitFor();

      await agentRow.getByRole('button', { name: '关闭', exact: true }).click();
      const devices = await openAdminTab(desk, '设备');
      const device = devices.locator('tr', { hasText: agent.device });
      await device.waitFor();
      expect(await device.locator('td').first().textContent()).toBe(agent.name);
      expect(await device.locator('td[data-state]').textContent()).toBe('在用');

      // ---- 重置密码: the clerk's open session ends (the queue's next refresh leads to sign-in); the old
      // password no longer signs the clerk in, the new one does ----
      const people = await openAdminTab(desk, '人员');
      const clerkAgain = people.locator(`tr[data-user="${clerk.name}"]`);
      await clerkAgain.getByRole('button', { name: '重置密码', exact: true }).click();
      const passwordForm = clerkAgain.locator('form');
      await passwordForm.getByLabel('新密码', { exact: true }).fill(clerk.newPassword);
      await passwordForm.getByRole('button', { name: '重置密码', exact: true }).click();
      await clerkAgain.getByRole('status').getByText('密码已重置').waitFor();

      await counter.getByRole('button', { name: '刷新', exact: true }).click();
      await counter.getByRole('heading', { level: 1, name: '窗口登录' }).waitFor();
      expect(new URL(counter.url()).pathname).toBe('/clerk/login');
      await clerkSignIn(counter, clerk.phone, clerk.password);
      await counter.getByText('手机号或密码不正确').waitFor();
      await counter.getByLabel('密码', { exact: true }).fill(clerk.newPassword);
      await counter.getByRole('button', { name: '登录', exact: true }).click();
      await counter.getByRole('heading', { level: 1, name: '待办队列' }).waitFor();

      // ---- 停用账号: the clerk's next step on the workbench leads back to sign-in ----
      await clerkAgain.getByRole('button', { name: '关闭', exact: true }).click();
      await clerkAgain.getByRole('button', { name: '停用账号', exact: true }).click();
      await clerkAgain.getByText(`确定停用 ${clerk.name} 的账号吗？`).waitFor();
      await clerkAgain.getByRole('button', { name: '确定停用', exact: true }).click();
      await people.locator(`tr[data-user="${clerk.name}"]`, { hasText: '（已停用）' }).waitFor();
      expect(await clerkAgain.getByRole('button', { name: '重置密码', exact: true }).count()).toBe(0);

      await counter.getByRole('link', { name: '统计', exact: true }).click();
      await counter.getByRole('heading', { level: 1, name: '窗口登录' }).waitFor();
      expect(new URL(counter.url()).pathname).toBe('/clerk/login');
      await clerkSignIn(counter, clerk.phone, clerk.newPassword);
      await counter.getByText('手机号或密码不正确').waitFor();
      expect(new URL(counter.url()).pathname).toBe('/clerk/login');
    } finally {
      await adminContext.close();
      await clerkContext.close();
      await phoneContext.close();
    }
  });
});
