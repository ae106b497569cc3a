/**
 * Device revocation end to end: the township administrator enrols 张建国's phone with a one-time QR
 * code, the agent captures a case with no signal, the administrator revokes the phone on the admin
 * screen, and when the signal returns the phone first hands the unsent case in, then wipes everything
 * it holds and says so. A phone revoked while locked wipes at once when nothing waits to go; with an
 * unsent case — even one the service worker alone heard of the revocation for — its lock screen says
 * the PIN will hand the case in first, and it does.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureHousingFundCase, HOUSING_FUND_ITEM, savedIndicator } from './case-steps';
import {
  cutNetwork,
  demo,
  E2E_PIN,
  e2eFixture,
  fireSyncEvent,
  passPinLock,
  restoreNetwork,
  signIn,
  unlockWithPin,
  waitForServiceWorkerControl,
  type RunningServer,
} from './harness';

const phone = { viewport: { width: 360, height: 740 }, locale: 'zh-CN' };
const admin = { phone: '13900000000', name: '王强' } as const;
const resident = { name: '周小芳', idNumber: '110105198001010016', phone: '13812345678' };
const WIPED = '此设备已被停用，本机数据已清除，请联系乡镇管理员';
const WORKER_STATE_DATABASE = 'daiban-device-state';

function serverRow(server: RunningServer, sql: string, ...params: string[]): unknown {
  const db = new Database(join(server.dataDir, 'daiban.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params);
  } finally {
    db.close();
  }
}

/** What the phone's browser still keeps: IndexedDB databases with their row counts, caches, localStorage keys. */
async function localData(page: Page) {
  return page.evaluate(async () => {
    const databases: Record<string, number> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name ?? '');
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('open failed'));
        };
      });
      let rows = 0;
      for (const store of Array.from(db.objectStoreNames)) {
        rows += await new Promise<number>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).count();
          request.onsuccess = () => {
            resolve(request.result);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('count failed'));
          };
        });
      }
      db.close();
      databases[info.name] = rows;
    }
    const caches = await globalThis.caches.keys();
    return { databases, caches, localStorage: Object.keys(localStorage) };
  });
}

/** 王强 signs in at the desk and opens 管理. */
async function openAdmin(desk: Page, baseUrl: string): Promise<void> {
  await desk.goto(baseUrl);
  await signIn(desk, '窗口登录', admin.phone, admin.name);
  await desk.getByRole('link', { name: '管理', exact: true }).click();
  await desk.getByRole('heading', { level: 1, name: '乡镇管理' }).waitFor();
}

/** 管理 → 人员: the QR code for 张建国's phone; returns its address and the code it carries. */
async function showEnrolCode(desk: Page): Promise<{ url: string; code: string }> {
  await desk.getByRole('link', { name: '人员', exact: true }).click();
  const row = desk.locator('tr[data-user="张建国"]');
  await row.getByRole('button', { name: '登记手机' }).click();
  const qr = desk.getByRole('img', { name: '登记二维码' });
  await qr.waitFor();
  const url = (await qr.getAttribute('data-url')) ?? '';
  const code = ((await desk.getByTestId('enrol-code').textContent()) ?? '').trim();
  return { url, code };
}

/**
 * The phone opens the QR code's address, enrols as `label` and sets E2E_PIN by hand (later lock
 * screens are not unlocked automatically: these stories are about them).
 */
async function enrolLockedPhone(page: Page, baseUrl: string, desk: Page, label: string): Promise<void> {
  const { url } = await showEnrolCode(desk);
  await page.goto(baseUrl);
  await waitForServiceWorkerControl(page);
  await page.goto(url);
  await page.getByLabel('手机名称').fill(label);
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await page.getByTestId('pin-setup').waitFor();
  await page.locator('#pin-new').fill(E2E_PIN);
  await page.locator('#pin-repeat').fill(E2E_PIN);
  await page.getByRole('button', { name: '设置 PIN', exact: true }).click();
  await page.locator('.topbar__name', { hasText: demo.agent.name }).waitFor();
  await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');
}

/** 管理 → 设备: 王强 revokes the phone called `label`. */
async function revokeOnDesk(desk: Page, label: string): Promise<void> {
  await desk.getByRole('link', { name: '设备', exact: true }).click();
  const device = desk.locator('tr', { hasText: label });
  await device.getByText('在用').waitFor();
  await device.getByRole('button', { name: '停用', exact: true }).click();
  await desk.getByText('确定停用 张建国 的这部手机吗？').waitFor();
  await desk.getByRole('button', { name: '确定停用' }).click();
  await device.getByText('已停用待清除').waitFor();
}

/** Whether the server heard that the phone called `label` wiped itself. */
function reportedWiped(server: RunningServer, label: string): boolean {
  return z
    .object({ wiped_at: z.string() })
    .safeParse(serverRow(server, 'SELECT wiped_at FROM devices WHERE label = ?', label)).success;
}

function rowsLeft(left: Awaited<ReturnType<typeof localData>>): number {
  return Object.values(left.databases).reduce((a, b) => a + b, 0);
}

describe('revoking a lost phone', () => {
  const e2e = e2eFixture({ serverPerTest: true });

  it('a phone enrolled by QR code hands in its unsent case after revocation, then wipes itself', async () => {
    const adminContext = await e2e.browser.newContext();
    const phoneContext = await e2e.browser.newContext(phone);
    try {
      // ---- 王强 opens 管理 → 人员 and shows the QR code for 张建国's phone ----
      const desk = await adminContext.newPage();
      await openAdmin(desk, e2e.server.baseUrl);
      const { url, code } = await showEnrolCode(desk);
      expect(url).toBe(`${e2e.server.baseUrl}/enrol#code=${code}`);
      await desk.getByText(/分 \d\d 秒后失效，只能使用一次/).waitFor();

      // ---- The phone opens the QR code's address and enrols ----
      const page = await phoneContext.newPage();
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: '登记本机' }).waitFor();
      expect(await page.getByLabel('登记码').inputValue()).toBe(code);
      expect(new URL(page.url()).hash).toBe('');
      await page.getByLabel('手机名称').fill('张建国的红米');
      await page.getByRole('button', { name: '登记', exact: true }).click();
      await passPinLock(page, demo.agent.name);
      await page.locator('.topbar__name', { hasText: demo.agent.name }).waitFor();
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');

      // ---- No signal: a case is captured and waits in the outbox ----
      await cutNetwork(phoneContext, e2e.server, { keepServer: true });
      const { caseId } = await captureHousingFundCase(page, resident);
      await expect.poll(() => page.getByTestId('sync-line').textContent()).toContain('待上传 1 件');
      expect(serverRow(e2e.server, 'SELECT id FROM cases WHERE id = ?', caseId)).toBeUndefined();

      // ---- 王强 revokes the phone on 设备 ----
      await revokeOnDesk(desk, '张建国的红米');

      // ---- The signal returns: the case goes up first, then the phone wipes itself ----
      await restoreNetwork(phoneContext);
      await fireSyncEvent(page, 'daiban-sync');
      await page.getByText(WIPED).waitFor({ timeout: 120_000 });

      expect(serverRow(e2e.server, 'SELECT status FROM cases WHERE id = ?', caseId)).toEqual({ status: 'received' });
      const pages = z.object({ total: z.number(), stored: z.number() }).parse(
        serverRow(
          e2e.server,
          `SELECT COUNT(*) AS total, SUM((SELECT COUNT(*) FROM blobs b WHERE b.sha256 = p.sha256)) AS stored
         FROM case_pages p WHERE p.case_id = ?`,
          caseId,
        ),
      );
      expect(pages.total).toBeGreaterThan(0);
      expect(pages.stored).toBe(pages.total);
      const wiped = z
        .object({ wiped_at: z.string() })
        .safeParse(serverRow(e2e.server, "SELECT wiped_at FROM devices WHERE label = '张建国的红米'"));
      expect(wiped.success).toBe(true);

      // Nothing of the agent's is left on the phone, and a reload does not bring the old data back.
      const left = await localData(page);
      expect(Object.values(left.databases).reduce((a, b) => a + b, 0)).toBe(0);
      expect(left.caches.filter((name) => !name.startsWith('workbox-precache'))).toEqual([]);
      expect(left.localStorage).toEqual(['daiban-device-state']);
      await page.reload();
      await page.getByText(WIPED).waitFor();
      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.getByText(WIPED).waitFor();
      expect(await page.getByText(resident.name).count()).toBe(0);
      const after = await localData(page);
      expect(Object.values(after.databases).reduce((a, b) => a + b, 0)).toBe(0);

      await desk.reload();
      await desk.locator('tr', { hasText: '张建国的红米' }).getByText('已清除').waitFor();
    } finally {
      await adminContext.close();
      await phoneContext.close();
    }
  });

  it('a locked phone with nothing unsent is wiped at once, without its PIN', async () => {
    const adminContext = await e2e.browser.newContext();
    const phoneContext = await e2e.browser.newContext(phone);
    const label = '张建国的旧手机';
    try {
      const desk = await adminContext.newPage();
      await openAdmin(desk, e2e.server.baseUrl);
      const page = await phoneContext.newPage();
      await enrolLockedPhone(page, e2e.server.baseUrl, desk, label);

      // A draft with a resident's name, then the app restarts locked. No signal for a while.
      await page.getByRole('link', { name: /^新建代办/ }).click();
      await page.getByLabel('搜索事项').fill('zfgjj');
      await page.getByRole('link', { name: new RegExp(HOUSING_FUND_ITEM.replace(/[()（）]/g, '.')) }).click();
      await page.getByRole('button', { name: '开始代办' }).click();
      await page.getByLabel('申请人姓名').fill(resident.name);
      await savedIndicator(page);
      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.getByTestId('lock-screen').waitFor();
      await cutNetwork(phoneContext, e2e.server, { keepServer: true });

      // The phone is lost; 王强 revokes it. When it next has a signal it wipes — nobody enters the PIN.
      await revokeOnDesk(desk, label);
      await restoreNetwork(phoneContext);
      await page.getByText(WIPED).waitFor({ timeout: 120_000 });

      expect(reportedWiped(e2e.server, label)).toBe(true);
      const left = await localData(page);
      expect(rowsLeft(left)).toBe(0);
      expect(left.localStorage).toEqual(['daiban-device-state']);
      await page.reload();
      await page.getByText(WIPED).waitFor();
      expect(await page.getByText(resident.name).count()).toBe(0);
    } finally {
      await adminContext.close();
      await phoneContext.close();
    }
  }, 300_000);

  it('a locked phone with an unsent case says the PIN hands it in first, even when only the service worker heard of the revocation', async () => {
    const adminContext = await e2e.browser.newContext();
    const phoneContext = await e2e.browser.newContext(phone);
    const label = '张建国的备用机';
    try {
      const desk = await adminContext.newPage();
      await openAdmin(desk, e2e.server.baseUrl);
      let page = await phoneContext.newPage();
      await enrolLockedPhone(page, e2e.server.baseUrl, desk, label);

      // No signal: a case is captured and waits in the outbox; the agent closes the app.
      await cutNetwork(phoneContext, e2e.server, { keepServer: true });
      const { caseId } = await captureHousingFundCase(page, resident);
      await expect.poll(() => page.getByTestId('sync-line').textContent()).toContain('待上传 1 件');
      await page.close();

      // 王强 revokes the phone. The signal returns while the app is closed: only the service worker's
      // background sync runs, with no window to lend it the key — it pushes nothing and hears DEVICE_REVOKED.
      await revokeOnDesk(desk, label);
      await restoreNetwork(phoneContext);
      const blank = await phoneContext.newPage();
      await fireSyncEvent(blank, 'daiban-sync', e2e.server.baseUrl);
      await blank.goto(e2e.server.baseUrl);
      await expect
        .poll(async () => Object.keys((await localData(blank)).databases), { timeout: 60_000 })
        .toContain(WORKER_STATE_DATABASE);
      await blank.close();
      expect(serverRow(e2e.server, 'SELECT id FROM cases WHERE id = ?', caseId)).toBeUndefined();

      // The app starts again with no signal: the lock screen already knows, and says what the PIN is for.
      await cutNetwork(phoneContext, e2e.server, { keepServer: true });
      page = await phoneContext.newPage();
      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.getByTestId('lock-screen').waitFor();
      await page
        .getByTestId('lock-revoked')
        .getByText('此设备已被停用。输入 PIN 后，将先上传 1 件未交的办件，再清除本机数据。')
        .waitFor();
      // 忘记 PIN？ still warns that the case would be lost; changing one's mind keeps everything.
      await page.getByRole('button', { name: '忘记 PIN？' }).click();
      await page
        .getByTestId('forgot-pin')
        .getByText('本机有 1 件办件还没有上传，重新登记后将永久丢失，需要重新采集。')
        .waitFor();
      await page.getByTestId('forgot-pin').getByRole('button', { name: '取消' }).click();

      // The signal returns (the page hears `online` and tries to drain): locked, the phone keeps
      // everything and waits for the PIN. A locked drain sends nothing, so there is nothing to wait for
      // but a moment.
      await restoreNetwork(phoneContext);
      await page.waitForTimeout(2_000);
      expect(await page.getByTestId('lock-screen').isVisible()).toBe(true);
      expect(serverRow(e2e.server, 'SELECT id FROM cases WHERE id = ?', caseId)).toBeUndefined();
      expect(rowsLeft(await localData(page))).toBeGreaterThan(0);

      // The PIN: the case goes up first, then the phone wipes itself.
      await unlockWithPin(page);
      await page.getByText(WIPED).waitFor({ timeout: 120_000 });
      expect(serverRow(e2e.server, 'SELECT status FROM cases WHERE id = ?', caseId)).toEqual({ status: 'received' });
      expect(reportedWiped(e2e.server, label)).toBe(true);
      expect(rowsLeft(await localData(page))).toBe(0);
    } finally {
      await adminContext.close();
      await phoneContext.close();
    }
  }, 300_000);

  it('a revoked phone whose PIN is forgotten tells the township what was lost, then wipes', async () => {
    const adminContext = await e2e.browser.newContext();
    const phoneContext = await e2e.browser.newContext(phone);
    const label = '张建国的老人机';
    try {
      const desk = await adminContext.newPage();
      await openAdmin(desk, e2e.server.baseUrl);
      const page = await phoneContext.newPage();
      await enrolLockedPhone(page, e2e.server.baseUrl, desk, label);

      // No signal: a case waits in the outbox; the app restarts locked.
      await cutNetwork(phoneContext, e2e.server, { keepServer: true });
      const { caseId } = await captureHousingFundCase(page, resident);
      await expect.poll(() => page.getByTestId('sync-line').textContent()).toContain('待上传 1 件');
      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.getByTestId('lock-screen').waitFor();

      // 王强 revokes it; with the signal back the locked phone learns it, and nobody knows the PIN.
      await revokeOnDesk(desk, label);
      await restoreNetwork(phoneContext);
      await page
        .getByTestId('lock-revoked')
        .getByText('此设备已被停用。输入 PIN 后，将先上传 1 件未交的办件，再清除本机数据。')
        .waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: '忘记 PIN？' }).click();
      await page.getByTestId('forgot-pin').getByRole('button', { name: '重新登记本机' }).click();
      await page.getByRole('button', { name: '删除并重新登录' }).click();

      await page.getByText(WIPED).waitFor({ timeout: 60_000 });
      expect(reportedWiped(e2e.server, label)).toBe(true);
      expect(serverRow(e2e.server, 'SELECT id FROM cases WHERE id = ?', caseId)).toBeUndefined();
      expect(rowsLeft(await localData(page))).toBe(0);
      await desk.reload();
      await desk.locator('tr', { hasText: label }).getByText('已清除').waitFor();
    } finally {
      await adminContext.close();
      await phoneContext.close();
    }
  }, 300_000);
});
