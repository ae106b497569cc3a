/**
 * With the app closed, the phone still hears of a decision: the service worker's background sync
 * pulls it and shows one system notification (the agent allowed them), naming the item and the
 * 办件编号 but not the resident; tapping it opens the case.
 */
import { describe, expect, it } from 'vitest';
import { captureHousingFundCase } from './case-steps';
import { acceptThroughApi } from './clerk-api';
import { demo, e2eFixture, fireSyncEvent, signIn, waitForServiceWorkerControl } from './harness';

const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' };

type ShownNotification = { title: string; body: string; url: string };
/** The part of ServiceWorkerGlobalScope used here (the tests' tsconfig has no WebWorker lib). */
type WorkerScope = {
  registration: { getNotifications: () => Promise<Array<{ title: string; body: string; data: unknown }>> };
};

describe('decisions reach the agent while the app is closed', () => {
  const e2e = e2eFixture({ serverPerTest: true });

  it('a background sync with no page open raises one notification for the accepted case', async () => {
    const context = await e2e.browser.newContext(phone);
    try {
      const page = await context.newPage();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => {
        pageErrors.push(error);
      });
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);
      await context.grantPermissions(['notifications'], { origin: e2e.server.baseUrl });
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name);
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');

      const { caseId } = await captureHousingFundCase(page, {
        name: '孙秀英',
        idNumber: '110105198001010016',
        phone: '13812345678',
      });
      await page.getByTestId('sync-line').click();
      await page.getByRole('button', { name: '立即同步' }).click();
      await page.getByTestId('sync-outcome').filter({ hasText: '同步完成' }).waitFor();
      const caseNumber = await page.evaluate(async (id) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('daiban');
          request.onsuccess = () => {
            resolve(request.result);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('indexedDB.open failed'));
          };
        });
        const row = await new Promise<{ remote?: { caseNumber?: string } } | undefined>((resolve, reject) => {
          const request = db.transaction('cases').objectStore('cases').get(id);
          request.onsuccess = () => {
            resolve(request.result as { remote?: { caseNumber?: string } } | undefined);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('get case failed'));
          };
        });
        db.close();
        return row?.remote?.caseNumber ?? '';
      }, caseId);
      expect(caseNumber).not.toBe('');

      // The township decides while the agent has closed the app.
      await acceptThroughApi(e2e.server, caseId);
      await page.goto('about:blank');
      await fireSyncEvent(page, 'daiban-sync', e2e.server.baseUrl);

      // Asked from the worker itself: opening a page now would let the page run its own sync.
      const worker = context.serviceWorkers().at(0);
      if (!worker) throw new Error('no service worker in the context');
      const readNotifications = () =>
        worker.evaluate(async () => {
          const shown = await (self as unknown as WorkerScope).registration.getNotifications();
          return shown.map((n) => {
            const data: unknown = n.data;
            const url =
              typeof data === 'object' && data !== null && 'url' in data && typeof data.url === 'string'
                ? data.url
                : '';
            return { title: n.title, body: n.body, url };
          });
        });
      await expect.poll(readNotifications, { timeout: 60_000 }).toHaveLength(1);
      const [shown] = (await readNotifications()) as [ShownNotification];
      expect(shown.title).toBe('代办通：有新的办理结果');
      expect(shown.body).toContain(caseNumber);
      expect(shown.body).toContain('住房公积金');
      expect(shown.body).not.toContain('孙秀英');
      expect(shown.url).toBe(`/agent/cases/${caseId}/receipt`);

      // Opening the app afterwards does not notify the same decision again.
      await page.goto(`${e2e.server.baseUrl}/agent`);
      await page.locator(`.notice[data-case-id="${caseId}"]`).waitFor();
      expect(await readNotifications()).toHaveLength(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});
