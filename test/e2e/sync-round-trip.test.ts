/**
 * The promise the product rests on, end to end: three cases captured with no signal reach the
 * township's queue with every photo once the signal returns, the phone keeps only a small record with
 * the 办件编号, and a decision made at the township comes back to the phone's case list as a notice.
 *
 * Set DAIBAN_SCREENSHOTS=/some/dir to also save 360 px screenshots of the sync screen and the home.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captureHousingFundCase, type Resident } from './case-steps';
import { acceptThroughApi } from './clerk-api';
import {
  cutNetwork,
  demo,
  e2eFixture,
  fireSyncEvent,
  restoreNetwork,
  signIn,
  waitForServiceWorkerControl,
  type RunningServer,
} from './harness';

const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' };
const screenshotDir = process.env.DAIBAN_SCREENSHOTS;

const residents: Resident[] = [
  { name: '张三', idNumber: '110105198001010016', phone: '13812345678' },
  { name: '李四', idNumber: '110105197512310024', phone: '13812345679' },
  { name: '王五', idNumber: '110105199006150039', phone: '13812345670' },
];

async function shoot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

function openServerDatabase(server: RunningServer): Database.Database {
  return new Database(join(server.dataDir, 'daiban.sqlite'), { readonly: true, fileMustExist: true });
}

type ServerCase = { id: string; case_number: string; status: string };
type ServerPage = { case_id: string; sha256: string; stored: number };

/** Photo rows still in the phone's IndexedDB for `caseIds`. */
async function photosOnPhone(page: Page, caseIds: string[]): Promise<number> {
  return page.evaluate(async (ids) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('daiban');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('indexedDB.open failed'));
      };
    });
    const rows = await new Promise<Array<{ caseId: string }>>((resolve, reject) => {
      const request = db.transaction('photos').objectStore('photos').getAll();
      request.onsuccess = () => {
        resolve(request.result as Array<{ caseId: string }>);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('getAll photos failed'));
      };
    });
    db.close();
    return rows.filter((row) => ids.includes(row.caseId)).length;
  }, caseIds);
}

describe('cases travel to the township and decisions travel back', () => {
  const e2e = e2eFixture({ serverPerTest: true });

  it('three cases captured without signal reach the township when the signal returns, and an acceptance comes back', async () => {
    const context = await e2e.browser.newContext(phone);
    try {
      const page = await context.newPage();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => {
        pageErrors.push(error);
      });
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name);
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');

      await cutNetwork(context, e2e.server, { keepServer: true });

      // ---- Three cases, all through the screens, with no signal ----
      const captured: Array<{ caseId: string; receiptCode: string }> = [];
      for (const resident of residents) captured.push(await captureHousingFundCase(page, resident));
      const caseIds = captured.map((c) => c.caseId);
      const outbox = page.locator('section[aria-labelledby="outbox-title"]');
      await expect.poll(() => outbox.locator('.case-row').count()).toBe(3);
      await expect.poll(() => page.getByTestId('sync-line').textContent()).toContain('待上传 3 件');

      // The sync screen while offline: everything waits, 立即同步 says why it cannot run.
      await page.getByTestId('sync-line').click();
      const syncNow = page.getByRole('button', { name: '立即同步' });
      await syncNow.waitFor();
      expect(await syncNow.isDisabled()).toBe(true);
      await page.getByText('当前无网络，有信号后会自动同步').waitFor();
      await expect.poll(() => page.getByTestId('sync-waiting').locator('.case-row').count()).toBe(3);
      await shoot(page, 'sync-offline');

      // ---- The signal returns: the page hears `online`; the service worker gets its sync event ----
      await restoreNetwork(context);
      await fireSyncEvent(page, 'daiban-sync');
      await expect
        .poll(() => page.getByTestId('sync-waiting').locator('.case-row').count(), { timeout: 120_000 })
        .toBe(0);
      await page.getByText('没有待上传的办件。').waitFor();
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('上次同步成功');
      expect(await syncNow.isDisabled()).toBe(false);
      await shoot(page, 'sync-done');

      // ---- The township holds each case with its 办件编号 and every photo ----
      const db = openServerDatabase(e2e.server);
      let serverCases: ServerCase[];
      try {
        serverCases = db
          .prepare(`SELECT id, case_number, status FROM cases WHERE id IN (${caseIds.map(() => '?').join(',')})`)
          .all(...caseIds) as ServerCase[];
        const pages = db
          .prepare(
            `SELECT p.case_id, p.sha256, (SELECT COUNT(*) FROM blobs b WHERE b.sha256 = p.sha256) AS stored
             FROM case_pages p WHERE p.case_id IN (${caseIds.map(() => '?').join(',')})`,
          )
          .all(...caseIds) as ServerPage[];
        // Seven material pages and the signature per case.
        expect(pages).toHaveLength(3 * 8);
        expect(pages.filter((p) => p.stored !== 1)).toEqual([]);
      } finally {
        db.close();
      }
      expect(serverCases).toHaveLength(3);
      for (const c of serverCases) {
        expect(c.case_number).not.toBe('');
        expect(c.status).toBe('received');
      }
      expect(new Set(serverCases.map((c) => c.case_number)).size).toBe(3);

      // ---- The phone: 办件编号 and 已上传 on every case, photo bytes gone ----
      await page.getByRole('link', { name: '返回首页' }).click();
      const sent = page.locator('section[aria-labelledby="sent-title"]');
      await sent.waitFor();
      for (const c of serverCases) {
        const row = sent.locator(`.case-row[data-case-id="${c.id}"]`);
        expect(await row.getByTestId('case-number').textContent()).toContain(c.case_number);
        expect(await row.getByTestId('case-status').textContent()).toBe('已上传 · 已收件');
      }
      await expect.poll(() => outbox.count()).toBe(0);
      expect(await photosOnPhone(page, caseIds)).toBe(0);
      expect(await page.getByTestId('sync-line').textContent()).toContain('没有待上传的办件');
      await shoot(page, 'home-sent');

      // The receipt of a sent case still opens, now with its 办件编号.
      const first = serverCases.find((c) => c.id === captured[0]!.caseId)!;
      await sent.locator(`.case-row[data-case-id="${first.id}"]`).getByRole('link', { name: '查看回执' }).click();
      expect(await page.getByTestId('receipt-case-number').textContent()).toBe(first.case_number);
      expect(await page.getByTestId('receipt-code').textContent()).toBe(captured[0]!.receiptCode);
      await page.getByRole('button', { name: '完成' }).click();

      // ---- A decision at the township reaches the phone with the next sync ----
      await acceptThroughApi(e2e.server, first.id);
      await page.getByTestId('sync-line').click();
      await page.getByRole('button', { name: '立即同步' }).click();
      await page.getByTestId('sync-outcome').filter({ hasText: '同步完成' }).waitFor();
      await page.getByRole('link', { name: '返回首页' }).click();
      const row = sent.locator(`.case-row[data-case-id="${first.id}"]`);
      await expect.poll(() => row.getByTestId('case-status').textContent()).toBe('已上传 · 已受理，办理中');
      const notice = page.locator(`.notice[data-case-id="${first.id}"]`);
      expect(await notice.textContent()).toMatch(/：已受理，承诺 \d{4}-\d{2}-\d{2} 前办结/);
      expect(await notice.textContent()).toContain(first.case_number);
      await shoot(page, 'home-notice');

      // Tapping the notice opens the case and marks it read.
      await notice.click();
      await expect.poll(() => page.getByTestId('receipt-status').textContent()).toBe('已受理，办理中');
      expect(await page.getByTestId('receipt-due-date').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await page.getByRole('button', { name: '完成' }).click();
      await sent.waitFor();
      await expect.poll(() => page.locator('.notice').count()).toBe(0);

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 420_000);
});
