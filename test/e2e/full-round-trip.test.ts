/**
 * Issue #5's story, the whole way round in two browsers against the real server: a village agent
 * captures a housing-fund case with no signal, it reaches the township when the signal returns, the
 * clerk asks for one material again (补正), the agent answers with just that page — again captured
 * offline — the clerk accepts and closes the case (准予), and the result comes back to the phone.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach, captureHousingFundCase, HOUSING_FUND_ITEM, type Resident } from './case-steps';
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
const desktop = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

/** 住房公积金 is handled at window SB (社保所), one of 陈静's windows. */
const clerk = { phone: '13900000002', name: '陈静' } as const;
const resident: Resident = { name: '赵六', idNumber: '110105198203140011', phone: '13812345671' };
const idCardName = '申请人的身份证';
const clerkNote = '身份证反面不清晰，请重新拍摄';
const resultNumber = 'GJJ-2026-000518';
const resultName = '住房公积金提取（到账）';

/** Generous for a loaded 2-core machine: uploads, photo processing and syncs. */
const SLOW = { timeout: 180_000, intervals: [500, 1_000, 2_000] };

type ServerCase = { status: string; round: number; case_number: string };
type ServerPage = { material_key: string; round: number; stored: number };

function readServer<T>(server: RunningServer, read: (db: Database.Database) => T): T {
  const db = new Database(join(server.dataDir, 'daiban.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function trackPageErrors(context: BrowserContext, errors: string[]): void {
  context.on('page', (page) => {
    page.on('pageerror', (error) => {
      errors.push(`${page.url()}: ${error.message}`);
    });
  });
}

/**
 * From the agent's home: the sync screen's 立即同步 until a run reports 同步完成 (a run the service
 * worker holds at that moment answers 'busy', then the button is pressed again), back home.
 */
async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-line').click();
  const button = page.getByRole('button', { name: '立即同步', exact: true });
  const outcome = page.getByTestId('sync-outcome');
  await expect
    .poll(async () => {
      if ((await outcome.count()) > 0 && (await outcome.textContent()) === '同步完成') return true;
      if ((await button.count()) > 0 && (await button.isEnabled())) await button.click();
      return false;
    }, SLOW)
    .toBe(true);
  await page.getByRole('link', { name: '返回首页' }).click();
  await page.getByTestId('sync-line').waitFor();
}

function caseRow(page: Page, list: 'sent-title' | 'outbox-title', caseId: string) {
  return page.locator(`section[aria-labelledby="${list}"] .case-row[data-case-id="${caseId}"]`);
}

describe('a case goes round: captured offline, 补正 at the township, answered offline, closed, result on the phone', () => {
  const e2e = e2eFixture({ serverPerTest: true });

  it('the agent and the clerk work one housing-fund case from capture to 办结（准予）', async () => {
    const { server } = e2e;
    const pageErrors: string[] = [];
    const agentContext = await e2e.browser.newContext(phone);
    const clerkContext = await e2e.browser.newContext(desktop);
    trackPageErrors(agentContext, pageErrors);
    trackPageErrors(clerkContext, pageErrors);
    try {
      // ---- 1. The agent signs in, loses the signal, captures the case ----
      const agent = await agentContext.newPage();
      await agent.goto(server.baseUrl);
      await waitForServiceWorkerControl(agent);
      await signIn(agent, '代办员登录', demo.agent.phone, demo.agent.name);
      await expect.poll(() => agent.getByTestId('catalogue-age').textContent(), SLOW).toContain('已是最新');

      await cutNetwork(agentContext, server, { keepServer: true });
      const { caseId, receiptCode } = await captureHousingFundCase(agent, resident);
      await caseRow(agent, 'outbox-title', caseId).waitFor();
      await expect.poll(() => agent.getByTestId('sync-line').textContent()).toContain('待上传 1 件');

      // ---- 2. The signal returns: the case is uploaded and gets its 办件编号 ----
      await restoreNetwork(agentContext);
      await fireSyncEvent(agent, 'daiban-sync');
      const sentRow = caseRow(agent, 'sent-title', caseId);
      await expect.poll(() => sentRow.count(), SLOW).toBe(1);
      const serverCase = readServer(
        server,
        (db) =>
          db.prepare('SELECT status, round, case_number FROM cases WHERE id = ?').get(caseId) as ServerCase | undefined,
      );
      expect(serverCase?.status).toBe('received');
      const caseNumber = serverCase?.case_number ?? '';
      expect(caseNumber).not.toBe('');
      await expect.poll(() => sentRow.getByTestId('case-number').textContent()).toContain(caseNumber);
      expect(await sentRow.getByTestId('case-status').textContent()).toBe('已上传 · 已收件');

      // ---- 3. The clerk finds it in 待受理 by its 办件编号 and asks 补正 for the ID card ----
      const desk = await clerkContext.newPage();
      await desk.goto(server.baseUrl);
      await signIn(desk, '窗口登录', clerk.phone, clerk.name);
      await desk.locator('[data-tab="received"][aria-current="page"]').waitFor();
      await desk.getByLabel('搜索办件编号或申请人姓名').fill(caseNumber);
      await desk.getByRole('button', { name: '搜索', exact: true }).click();
      const queueRow = desk.locator(`.queue-row[data-case-id="${caseId}"]`);
      await expect.poll(() => desk.locator('.queue-row').count(), SLOW).toBe(1);
      expect(new URL(desk.url()).searchParams.get('q')).toBe(caseNumber);
      expect(await queueRow.locator('.queue-row__link').textContent()).toBe(caseNumber);
      expect(await queueRow.textContent()).toContain('已收件');
      await queueRow.locator('.queue-row__link').click();
      await desk.locator('.case-head', { hasText: caseNumber }).waitFor();
      expect(new URL(desk.url()).pathname).toBe(`/clerk/cases/${caseId}`);

      await desk.getByRole('button', { name: '补正告知', exact: true }).click();
      await desk.getByRole('checkbox', { name: idCardName, exact: true }).check();
      await desk.getByLabel(`“${idCardName}”需要补正的内容`).fill(clerkNote);
      await desk.getByRole('button', { name: '发出补正告知' }).click();
      await desk.getByText('补正告知已发出').waitFor();
      await desk.locator('.case-head .status', { hasText: '补正中' }).waitFor();
      expect(await desk.locator('.supplement-card').textContent()).toContain(`${idCardName}：${clerkNote}`);

      // ---- 4. The phone pulls the notice while it has a signal, then answers it offline ----
      await syncNow(agent);
      const supplementRow = agent.locator(`[data-testid="supplement-list"] .case-row[data-case-id="${caseId}"]`);
      await expect.poll(() => supplementRow.count(), SLOW).toBe(1);
      expect(await supplementRow.getByTestId('supplement-count').textContent()).toBe('需补正 1 项');
      await expect.poll(() => sentRow.getByTestId('case-status').textContent()).toBe('已上传 · 补正中');
      const supplementNotice = agent.locator(`.notice[data-case-id="${caseId}"]`);
      await expect.poll(() => supplementNotice.textContent()).toContain(`${caseNumber} · ${HOUSING_FUND_ITEM}`);
      expect(await supplementNotice.textContent()).toContain(`需要补正：${idCardName}（${clerkNote}）`);

      await cutNetwork(agentContext, server, { keepServer: true });
      await supplementRow.getByRole('link', { name: '去补正' }).click();
      await agent.getByTestId('supplement-notice').waitFor();
      expect(await agent.getByTestId('supplement-notice').textContent()).toContain(caseNumber);
      // What the township already holds stays as it is: one page of the ID card among them.
      expect(await agent.getByTestId('already-sent').textContent()).toContain(`${idCardName} 1 页`);
      await agent.getByRole('heading', { name: '需要补正的材料（1 项）' }).waitFor();
      const slots = agent.locator('.supplement__answer section.slot');
      expect(await slots.count()).toBe(1);
      expect(await slots.first().getAttribute('data-material')).toBe('idCard');
      expect(await slots.first().getByTestId('clerk-note').textContent()).toBe(`窗口意见：${clerkNote}`);
      await agent.getByRole('heading', { name: '还差 1 项才能提交' }).waitFor();

      await attach(agent, 'idCard', 'id-card-exif-rotated.jpg');
      await agent.getByRole('heading', { name: '需要补正的材料都已拍好，可以提交。' }).waitFor();
      await agent.getByRole('button', { name: '提交补正' }).click();
      await agent.getByTestId('supplement-queued').waitFor();
      await agent.getByRole('link', { name: '返回首页' }).click();
      await expect.poll(() => agent.getByTestId('sync-line').textContent()).toContain('待上传 1 件');
      expect(await supplementRow.count()).toBe(0);

      // ---- 5. The signal returns: round 2 reaches the township with only the new page ----
      await restoreNetwork(agentContext);
      await syncNow(agent);
      await expect.poll(() => agent.getByTestId('sync-line').textContent(), SLOW).toContain('没有待上传的办件');
      const afterAnswer = readServer(server, (db) => ({
        case: db.prepare('SELECT status, round, case_number FROM cases WHERE id = ?').get(caseId) as ServerCase,
        round2: db
          .prepare(
            `SELECT p.material_key, p.round, (SELECT COUNT(*) FROM blobs b WHERE b.sha256 = p.sha256) AS stored
             FROM case_pages p WHERE p.case_id = ? AND p.round = 2`,
          )
          .all(caseId) as ServerPage[],
        pages: (db.prepare('SELECT COUNT(*) AS n FROM case_pages WHERE case_id = ?').get(caseId) as { n: number }).n,
      }));
      expect(afterAnswer.case.status).toBe('received');
      expect(afterAnswer.case.round).toBe(2);
      expect(afterAnswer.round2).toEqual([{ material_key: 'idCard', round: 2, stored: 1 }]);
      // Seven material pages and the signature from round 1, plus the one new page.
      expect(afterAnswer.pages).toBe(9);

      // ---- 6. The clerk sees round 2, accepts, and closes the case 准予 ----
      await desk.reload();
      await desk.locator('.case-head .status', { hasText: '已收件' }).waitFor();
      expect(await desk.locator('.case-head .tag--round').textContent()).toBe('第 2 轮材料');
      const idCardPages = desk.locator('section.material').filter({ hasText: idCardName });
      await expect.poll(() => idCardPages.locator('.thumb').count(), SLOW).toBe(2);
      expect(await desk.locator('.thumb .tag--round').count()).toBe(1);
      expect(await idCardPages.locator('.thumb .tag--round').textContent()).toBe('第 2 轮补正');
      expect(await desk.locator('.timeline').textContent()).toContain('第 2 轮，1 页材料');

      await desk.getByRole('button', { name: '受理', exact: true }).click();
      await desk.getByRole('button', { name: '确认受理' }).click();
      await desk.locator('.case-head .status', { hasText: '已受理，办理中' }).waitFor();
      await desk.getByRole('button', { name: '办结', exact: true }).click();
      expect(await desk.getByRole('radio', { name: '准予' }).isChecked()).toBe(true);
      expect(await desk.getByLabel('结果名称（证照、批文）').inputValue()).toBe(resultName);
      await desk.getByLabel('结果编号（选填）').fill(resultNumber);
      await desk.getByRole('button', { name: '确认办结' }).click();
      await desk.locator('.case-head .status', { hasText: '已办结（准予）' }).waitFor();

      // ---- 7. The result reaches the phone ----
      await syncNow(agent);
      await expect.poll(() => sentRow.getByTestId('case-status').textContent(), SLOW).toBe('已上传 · 已办结（准予）');
      const result = agent.locator(`.notice[data-case-id="${caseId}"]`, { hasText: '已办结（准予）' });
      await expect.poll(() => result.count(), SLOW).toBe(1);
      const resultText = (await result.textContent()) ?? '';
      expect(resultText).toContain(`已办结（准予）：${resultName} 编号 ${resultNumber}`);
      expect(resultText).toContain(caseNumber);

      await result.click();
      await expect.poll(() => agent.getByTestId('receipt-status').textContent()).toBe('已办结（准予）');
      expect(await agent.getByTestId('receipt-case-number').textContent()).toBe(caseNumber);
      expect(await agent.getByTestId('receipt-code').textContent()).toBe(receiptCode);
      expect(await agent.getByTestId('receipt-supplement').count()).toBe(0);
      await agent.getByRole('button', { name: '完成' }).click();
      await sentRow.waitFor();

      expect(pageErrors).toEqual([]);
    } finally {
      await agentContext.close();
      await clerkContext.close();
    }
  }, 480_000);
});
