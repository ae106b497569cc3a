/**
 * The PIN lock as the agent meets it: the PIN is set at the first sign-in; the app opens locked; it
 * locks itself after the configured idle time; wrong PINs make the next try wait (and a reload does
 * not get round the wait); the right PIN opens the case again, name and all. 设置 → 修改 PIN checks
 * the new PIN as the setup does, and from then on only the new PIN unlocks.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HOUSING_FUND_ITEM, savedIndicator } from './case-steps';
import { DEMO_PASSWORD, demo, e2eFixture, E2E_PIN, signIn, unlockWithPin } from './harness';

const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' };
const residentName = '欧阳秀英';

/** The PIN setup screen after the first sign-in: sets E2E_PIN and waits for the home. */
async function setPin(page: Page): Promise<void> {
  await page.getByTestId('pin-setup').waitFor();
  await page.locator('#pin-new').fill(E2E_PIN);
  await page.locator('#pin-repeat').fill(E2E_PIN);
  await page.getByRole('button', { name: '设置 PIN', exact: true }).click();
  await page.locator('.topbar__name', { hasText: demo.agent.name }).waitFor();
}

/** From the home: a draft with only the applicant's name typed. */
async function draftWithName(page: Page, name: string): Promise<string> {
  await page.getByRole('link', { name: /^新建代办/ }).click();
  await page.getByLabel('搜索事项').fill('zfgjj');
  await page.getByRole('link', { name: new RegExp(HOUSING_FUND_ITEM.replace(/[()（）]/g, '.')) }).click();
  await page.getByRole('button', { name: '开始代办' }).click();
  await page.getByLabel('申请人姓名').waitFor();
  await page.getByLabel('申请人姓名').fill(name);
  await savedIndicator(page);
  return page.url();
}

async function enterWrongPin(page: Page, pin: string): Promise<void> {
  await page.locator('#pin-unlock').fill(pin);
  await page.getByRole('button', { name: '解锁', exact: true }).click();
  await page.locator('#pin-unlock').and(page.locator('[aria-invalid="true"], :disabled')).waitFor();
}

describe('the PIN lock', () => {
  const e2e = e2eFixture();

  it('locks on start and when idle, makes wrong PINs wait, and opens the case with the right PIN', async () => {
    const context = await e2e.browser.newContext(phone);
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name, { pin: 'manual' });

      // First sign-in on this phone: the PIN, twice; a mismatch is caught.
      await page.getByTestId('pin-setup').waitFor();
      await page.locator('#pin-new').fill(E2E_PIN);
      await page.locator('#pin-repeat').fill('111111');
      await page.getByRole('button', { name: '设置 PIN', exact: true }).click();
      await page.getByText('两次输入的 PIN 不一致').waitFor();
      await page.locator('#pin-repeat').fill(E2E_PIN);
      await page.getByRole('button', { name: '设置 PIN', exact: true }).click();
      await page.locator('.topbar__name', { hasText: demo.agent.name }).waitFor();
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');

      // A draft with the resident's name.
      await page.getByRole('link', { name: /^新建代办/ }).click();
      await page.getByLabel('搜索事项').fill('zfgjj');
      await page.getByRole('link', { name: new RegExp(HOUSING_FUND_ITEM.replace(/[()（）]/g, '.')) }).click();
      await page.getByRole('button', { name: '开始代办' }).click();
      await page.getByLabel('申请人姓名').waitFor();
      const caseUrl = page.url();
      await page.getByLabel('申请人姓名').fill(residentName);
      await savedIndicator(page);

      // Idle for the configured time (shortened here through the stored setting): the lock screen.
      await page.evaluate(() => {
        localStorage.setItem('daiban.lockAfterMs', '2000');
      });
      await page.goto(`${e2e.server.baseUrl}/agent`);
      // The app opens locked: nothing of the agent's screens shows.
      await page.getByTestId('lock-screen').waitFor();
      expect(await page.locator('.topbar__name').count()).toBe(0);
      await unlockWithPin(page);
      await page.locator('.topbar__name', { hasText: demo.agent.name }).waitFor();
      await page.getByTestId('lock-screen').waitFor({ timeout: 15_000 });
      expect(await page.getByText(residentName).count()).toBe(0);

      // Three wrong PINs: the third makes the next try wait, with a countdown.
      await enterWrongPin(page, '000000');
      await page.getByText('PIN 不正确，还可以再试 2 次').waitFor();
      await enterWrongPin(page, '000001');
      await enterWrongPin(page, '000002');
      const wait = page.getByTestId('pin-wait');
      await wait.waitFor();
      expect(await wait.textContent()).toMatch(/请 \d+ 秒 后再试/);
      expect(await page.locator('#pin-unlock').isDisabled()).toBe(true);

      // A reload does not reset the wait. (Back to a long idle time, so the case stays open below.)
      await page.evaluate(() => {
        localStorage.setItem('daiban.lockAfterMs', '600000');
      });
      await page.goto(caseUrl);
      await page.getByTestId('lock-screen').waitFor();
      await wait.waitFor();

      // Once it is over, the right PIN opens the case: the name is there, decrypted.
      await wait.waitFor({ state: 'detached', timeout: 45_000 });
      await unlockWithPin(page);
      await expect.poll(() => page.getByLabel('申请人姓名').inputValue()).toBe(residentName);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('a forgotten PIN: re-registering names the unsent cases, deletes them only when confirmed, and starts afresh', async () => {
    const context = await e2e.browser.newContext(phone);
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name, { pin: 'manual' });
      await setPin(page);
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');
      await draftWithName(page, residentName);

      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.getByTestId('lock-screen').waitFor();
      await page.getByRole('button', { name: '忘记 PIN？' }).click();
      const forgot = page.getByTestId('forgot-pin');
      await forgot.getByText('本机有 1 件办件还没有上传，重新登记后将永久丢失，需要重新采集。').waitFor();
      await forgot.getByRole('button', { name: '重新登记本机' }).click();
      await page.getByRole('alertdialog').getByText('确定删除本机数据？1 件未上传的办件将无法恢复').waitFor();
      // Changing one's mind keeps everything.
      await page.getByRole('alertdialog').getByRole('button', { name: '取消' }).click();
      await unlockWithPin(page);
      await page.getByText('草稿').first().waitFor();

      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.getByRole('button', { name: '忘记 PIN？' }).click();
      await page.getByTestId('forgot-pin').getByRole('button', { name: '重新登记本机' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: '删除并重新登录' }).click();
      await page.waitForURL(/\/agent\/login$/);

      // Signed in again: a new PIN, and the old draft is gone.
      await page.getByLabel('手机号', { exact: true }).fill(demo.agent.phone);
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await setPin(page);
      expect(await page.getByText(residentName.slice(0, 1)).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('修改 PIN: the new PIN typed twice is checked as at setup, and afterwards only the new PIN unlocks', async () => {
    const context = await e2e.browser.newContext(phone);
    const newPin = '864202';
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name, { pin: 'manual' });
      await setPin(page);
      await page.getByRole('link', { name: /^设置/ }).click();
      const card = page.getByRole('region', { name: '锁屏与 PIN' });
      await card.getByLabel('当前 PIN').fill(E2E_PIN);
      const submit = card.getByRole('button', { name: '修改 PIN', exact: true });

      await card.getByLabel('新 PIN（6 位数字）').fill('8642');
      await submit.click();
      await card.getByText('请输入 6 位数字').waitFor();
      await card.getByLabel('新 PIN（6 位数字）').fill(newPin);
      await card.getByLabel('再次输入 PIN').fill('864200');
      await submit.click();
      await card.getByText('两次输入的 PIN 不一致').waitFor();
      expect(await card.getByText('请输入 6 位数字').count()).toBe(0);
      await card.getByLabel('再次输入 PIN').fill(newPin);
      await submit.click();
      await card.getByRole('status').getByText('PIN 已修改').waitFor();
      expect(await card.getByLabel('新 PIN（6 位数字）').inputValue()).toBe('');

      await card.getByRole('button', { name: '立即锁定' }).click();
      await page.getByTestId('lock-screen').waitFor();
      await enterWrongPin(page, E2E_PIN);
      await page.getByText('PIN 不正确，还可以再试 2 次').waitFor();
      await unlockWithPin(page, newPin);
      await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
      await card.waitFor();
    } finally {
      await context.close();
    }
  }, 300_000);
});
