/**
 * Issue #6's story on a 360 px phone against the built app and the real server: a resident follows
 * the case the agent captured — by 回执号 and the last 4 digits of the phone, or straight from the
 * receipt's QR code — sees only a masked name, is told plainly when the agent has not uploaded the
 * case yet, and after 办结 rates the service; a 差评 reaches the township's 回访 screen, is called back
 * and closed there, and the agent's phone shows the rating after its next sync.
 *
 * Set DAIBAN_SCREENSHOTS=/some/dir to also save screenshots of the resident's and the clerk's screens.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { captureHousingFundCase, HOUSING_FUND_ITEM, type Resident } from './case-steps';
import { acceptThroughApi, actThroughApi } from './clerk-api';
import {
  cutNetwork,
  demo,
  e2eFixture,
  readCaseOnPhone,
  signIn,
  waitForServiceWorkerControl,
  type RunningServer,
} from './harness';

const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, locale: 'zh-CN' };
const desktop = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };

/** 住房公积金 is handled at window SB (社保所), one of 陈静's windows. */
const clerk = { phone: '13900000002', name: '陈静' } as const;

const screenshotDir = process.env.DAIBAN_SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Generous for a loaded 2-core machine: uploads, photo processing and syncs. */
const SLOW = { timeout: 180_000, intervals: [500, 1_000, 2_000] };

function trackPageErrors(context: BrowserContext, errors: string[]): void {
  context.on('page', (page) => {
    page.on('pageerror', (error) => {
      errors.push(`${page.url()}: ${error.message}`);
    });
  });
}

function sentRow(page: Page, caseId: string) {
  return page.locator(`section[aria-labelledby="sent-title"] .case-row[data-case-id="${caseId}"]`);
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

/** The agent signs in on a fresh phone with the app installed (service worker in control). */
async function agentPhone(context: BrowserContext, server: RunningServer): Promise<Page> {
  const agent = await context.newPage();
  await agent.goto(server.baseUrl);
  await waitForServiceWorkerControl(agent);
  await signIn(agent, '代办员登录', demo.agent.phone, demo.agent.name);
  await expect.poll(() => agent.getByTestId('catalogue-age').textContent(), SLOW).toContain('已是最新');
  return agent;
}

/** Captures a case with a signal and waits until the township holds it; answers its ids. */
async function captureAndSync(agent: Page, resident: Resident) {
  const captured = await captureHousingFundCase(agent, resident);
  const row = sentRow(agent, captured.caseId);
  await expect.poll(() => row.count(), SLOW).toBe(1);
  const caseNumber = ((await row.getByTestId('case-number').textContent()) ?? '').replace('办件编号', '').trim();
  expect(caseNumber).not.toBe('');
  return { ...captured, caseNumber };
}

/** The tracking secret the phone made for the case (what its receipt's QR code carries; sealed). */
async function trackSecretOf(agent: Page, caseId: string): Promise<string> {
  const record = await readCaseOnPhone(agent, caseId);
  const secret = record?.trackSecret;
  if (typeof secret !== 'string' || secret === '') throw new Error(`case ${caseId} has no tracking secret`);
  return secret;
}

/** The resident's lookup by code and the last 4 digits, typed as people type them. */
async function lookUp(page: Page, code: string, digits: string): Promise<void> {
  await page.getByLabel('回执号').fill(code);
  await page.getByLabel('申请人手机号后 4 位').fill(digits);
  await page.getByRole('button', { name: '查询', exact: true }).click();
}

async function fitsThePhone(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.content).toBeLessThanOrEqual(widths.viewport);
}

describe('residents follow their case by phone and rate the service', () => {
  const e2e = e2eFixture({ serverPerTest: true });

  it('by receipt code and by QR code, masked; a case still on the agent’s phone says so; too many misses lock', async () => {
    const { server } = e2e;
    const pageErrors: string[] = [];
    const agentContext = await e2e.browser.newContext(phone);
    const residentContext = await e2e.browser.newContext(phone);
    trackPageErrors(agentContext, pageErrors);
    trackPageErrors(residentContext, pageErrors);
    const resident: Resident = { name: '孙秀英', idNumber: '110105198203140011', phone: '13812345671' };
    try {
      // ---- The agent captures a case, it reaches the township, the window accepts it ----
      const agent = await agentPhone(agentContext, server);
      const uploaded = await captureAndSync(agent, resident);
      await acceptThroughApi(server, uploaded.caseId);

      // ---- (a) The resident looks it up: code in lower case without the dash, last 4 digits ----
      const page = await residentContext.newPage();
      await page.goto(`${server.baseUrl}/track`);
      await page.getByRole('heading', { level: 1, name: '群众查询进度' }).waitFor();
      // Validation at the field, in Chinese, before anything is sent.
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await page.getByText('请输入回执上的回执号').waitFor();
      await page.getByText('请输入申请人手机号的后 4 位').waitFor();
      await shoot(page, 'track-form-problems');

      await lookUp(page, uploaded.receiptCode.replace('-', '').toLowerCase(), resident.phone.slice(-4));
      const summary = page.getByTestId('track-case');
      await summary.waitFor();
      expect(await summary.textContent()).toContain(HOUSING_FUND_ITEM);
      expect(await page.getByTestId('track-applicant').textContent()).toBe('孙*英');
      expect(await summary.textContent()).toContain(uploaded.caseNumber);
      expect(await page.getByTestId('track-now').textContent()).toContain('办理中');
      const steps = (await page.getByTestId('track-steps').textContent()) ?? '';
      expect(steps).toContain('已交给代办员');
      expect(steps).toContain('已送到乡镇');
      expect(steps).toContain('已受理');
      expect(await page.getByTestId('track-ahead').textContent()).toContain('已办结');
      expect(await page.getByTestId('track-expected').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(await page.getByText('预计办结日期').count()).toBe(1);
      // Whom to call: the agent and the window by phone, the township's supervision line.
      expect(await page.locator(`a[href="tel:${demo.agent.phone}"]`).count()).toBe(1);
      expect(await page.locator('a[href="tel:08335121102"]').count()).toBe(1);
      expect(await page.getByTestId('track-supervision-phone').getAttribute('href')).toBe('tel:08335120012');
      await page.getByRole('button', { name: '我要投诉' }).waitFor();
      // Nothing personal beyond the masked name: not the name, the ID number or the phone.
      const text = (await page.locator('body').textContent()) ?? '';
      expect(text).not.toContain(resident.name);
      expect(text).not.toContain(resident.idNumber);
      expect(text).not.toContain(resident.phone);
      await fitsThePhone(page);
      await shoot(page, 'track-case');
      // Not rated before 办结.
      expect(await page.getByRole('heading', { name: '评价服务（好差评）' }).count()).toBe(0);

      // 大字模式 is remembered on this browser.
      await page.getByRole('button', { name: '大字模式：关' }).click();
      expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
      await fitsThePhone(page);
      await shoot(page, 'track-case-large');
      await page.reload();
      await page.getByRole('button', { name: '大字模式：开' }).waitFor();
      // The access lives in memory only: after a reload the form asks again.
      await page.getByLabel('回执号').waitFor();
      expect(await page.getByTestId('track-case').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.classList.contains('large-text'))).toBe(true);
      await page.getByRole('button', { name: '大字模式：开' }).click();

      // The 办件编号 from a township notice works as well as the receipt code.
      await lookUp(page, ` ${uploaded.caseNumber} `, resident.phone.slice(-4));
      await page.getByTestId('track-case').waitFor();
      expect(await page.getByTestId('track-applicant').textContent()).toBe('孙*英');
      await page.getByRole('button', { name: '查询其他办件' }).click();

      // A resident's phone gets no service worker (and no precached agent app) from /track.
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

      // ---- (b) The receipt's QR code opens the case at once; the secret leaves the address ----
      const secret = await trackSecretOf(agent, uploaded.caseId);
      const qr = await residentContext.newPage();
      await qr.goto(`${server.baseUrl}/track?code=${encodeURIComponent(uploaded.receiptCode)}&t=${secret}`);
      await qr.getByTestId('track-case').waitFor();
      expect(await qr.getByTestId('track-applicant').textContent()).toBe('孙*英');
      expect(await qr.getByTestId('track-now').textContent()).toContain('办理中');
      expect(qr.url()).not.toContain(secret);
      expect(await qr.evaluate(() => window.location.search)).toBe(`?code=${encodeURIComponent(uploaded.receiptCode)}`);
      expect(await qr.evaluate(() => JSON.stringify(window.history.state ?? null))).not.toContain(secret);
      await qr.close();

      // ---- (c) A case captured with no signal is not at the township yet: the resident is told so ----
      await cutNetwork(agentContext, server, { keepServer: true });
      const waiting = await captureHousingFundCase(agent, { ...resident, name: '孙立新', phone: '13812340000' });
      const waitingSecret = await trackSecretOf(agent, waiting.caseId);

      await lookUp(page, waiting.receiptCode, '0000');
      const problem = page.getByTestId('track-problem');
      await problem.waitFor();
      expect(await problem.getByRole('heading').textContent()).toBe('代办员尚未上传，请稍后再查');
      expect(await problem.textContent()).toContain('核对回执号（或办件编号）和手机号后 4 位');
      expect(await page.getByTestId('track-case').count()).toBe(0);
      await shoot(page, 'track-not-uploaded');

      const qrWaiting = await residentContext.newPage();
      await qrWaiting.goto(`${server.baseUrl}/track?code=${waiting.receiptCode}&t=${waitingSecret}`);
      await qrWaiting.getByTestId('track-problem').waitFor();
      expect(await qrWaiting.getByTestId('track-problem').getByRole('heading').textContent()).toBe(
        '代办员尚未上传，请稍后再查',
      );
      expect(qrWaiting.url()).not.toContain(waitingSecret);
      // The form is there to try again, the code filled in.
      expect(await qrWaiting.getByLabel('回执号').inputValue()).toBe(waiting.receiptCode);
      await qrWaiting.close();

      // ---- Wrong digits again and again: the same answer, then the lock, with the wait in minutes ----
      await expect
        .poll(
          async () => {
            await page.getByRole('button', { name: '查询', exact: true }).click();
            await page.getByRole('button', { name: '查询', exact: true }).waitFor();
            return page.getByTestId('track-problem').getAttribute('data-problem');
          },
          { timeout: 30_000, interval: 200 },
        )
        .toBe('locked');
      expect(await page.getByTestId('track-problem').textContent()).toMatch(/请 \d+ 分钟后再查/);
      await shoot(page, 'track-locked');

      // ---- Offline: a clear message, not a crash ----
      await residentContext.setOffline(true);
      await lookUp(page, uploaded.receiptCode, resident.phone.slice(-4));
      await expect.poll(() => page.getByTestId('track-problem').getAttribute('data-problem')).toBe('offline');
      expect(await page.getByTestId('track-problem').textContent()).toContain('没有网络');
      await residentContext.setOffline(false);

      expect(pageErrors).toEqual([]);
    } finally {
      await agentContext.close();
      await residentContext.close();
    }
  }, 480_000);

  it('after 办结 the resident rates 非常不满意; the clerk calls back and closes it; the agent sees the rating', async () => {
    const { server } = e2e;
    const pageErrors: string[] = [];
    const agentContext = await e2e.browser.newContext(phone);
    const residentContext = await e2e.browser.newContext(phone);
    const clerkContext = await e2e.browser.newContext(desktop);
    trackPageErrors(agentContext, pageErrors);
    trackPageErrors(residentContext, pageErrors);
    trackPageErrors(clerkContext, pageErrors);
    const resident: Resident = { name: '周桂芳', idNumber: '110105197512310024', phone: '13812345679' };
    const comment = '跑了三趟才办完，窗口说法前后不一';
    const callbackNote = '已致电周女士，说明了材料要求，她表示理解';
    const outcome = '已约谈窗口人员，统一告知口径，并向群众致歉';
    try {
      const agent = await agentPhone(agentContext, server);
      const done = await captureAndSync(agent, resident);
      await acceptThroughApi(server, done.caseId);
      await actThroughApi(
        server,
        done.caseId,
        { type: 'complete', outcome: 'approved', resultName: '住房公积金提取（到账）', resultNumber: '', note: '' },
        'completed_approved',
      );

      // ---- The resident opens the case from the QR code and rates it ----
      const page = await residentContext.newPage();
      const secret = await trackSecretOf(agent, done.caseId);
      await page.goto(`${server.baseUrl}/track?code=${done.receiptCode}&t=${secret}`);
      await page.getByTestId('track-case').waitFor();
      expect(await page.getByTestId('track-now').textContent()).toContain('已办结');
      expect(await page.getByTestId('track-ahead').count()).toBe(0);
      await page.getByRole('heading', { name: '评价服务（好差评）' }).waitFor();
      for (const choice of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) {
        await page.getByRole('radio', { name: choice, exact: true }).waitFor();
      }
      // A choice is required.
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('请选择一项评价').waitFor();

      await page.getByRole('radio', { name: '非常不满意', exact: true }).check();
      await page.getByLabel('想说的话（选填）').fill(comment);
      await shoot(page, 'track-rating-form');
      await page.getByRole('button', { name: '提交评价' }).click();
      const rating = page.getByTestId('track-rating');
      await rating.waitFor();
      expect(await rating.textContent()).toContain('您的评价：非常不满意');
      expect(await rating.textContent()).toContain(comment);
      expect(await rating.textContent()).toContain('1 个工作日内给您回电话');
      expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);

      // One follow-up comment, once.
      await page.getByLabel('追加的内容').fill('希望以后一次说清楚');
      await page.getByRole('button', { name: '提交追加评价' }).click();
      await expect.poll(() => rating.textContent()).toContain('追加评价：希望以后一次说清楚');
      expect(await page.getByRole('button', { name: '提交追加评价' }).count()).toBe(0);
      await fitsThePhone(page);
      await shoot(page, 'track-rated');
      await page.getByRole('button', { name: '查询其他办件' }).click();
      expect(await page.getByLabel('回执号').inputValue()).toBe('');
      expect(new URL(page.url()).search).toBe('');

      // ---- The clerk finds the 差评 on the 回访 screen, calls back, closes it with the outcome ----
      const desk = await clerkContext.newPage();
      await desk.goto(server.baseUrl);
      await signIn(desk, '窗口登录', clerk.phone, clerk.name);
      await desk.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '回访' }).click();
      await desk.getByRole('heading', { level: 1, name: '群众回访' }).waitFor();
      const openCount = desk.locator('[data-tab="open"] .queue-tabs__count');
      await expect.poll(() => openCount.textContent()).toBe('1');
      const task = desk.locator('.follow-up', { hasText: done.caseNumber });
      await task.waitFor();
      const taskText = (await task.textContent()) ?? '';
      expect(taskText).toContain('差评');
      expect(taskText).toContain('非常不满意');
      expect(taskText).toContain(comment);
      expect(taskText).toContain('追加评价：希望以后一次说清楚');
      expect(taskText).toContain(HOUSING_FUND_ITEM);
      expect(taskText).toContain('周*芳');
      expect(taskText).toContain('社保所');
      expect(taskText).toContain(demo.agent.name);
      expect(await task.getByTestId('follow-up-callback-due').textContent()).toMatch(/回电期限 \d{4}-\d{2}-\d{2}/);
      expect(await task.getByTestId('follow-up-fix-due').textContent()).toMatch(/整改期限 \d{4}-\d{2}-\d{2}/);
      await shoot(desk, 'follow-ups-open');

      await task.getByRole('button', { name: '记录回访' }).click();
      await task.getByRole('button', { name: '保存回访记录' }).click();
      await task.getByText('此项必须填写').waitFor();
      await task.getByLabel('回访情况（和群众通话的内容）').fill(callbackNote);
      await task.getByRole('button', { name: '保存回访记录' }).click();
      await desk.locator('.banner', { hasText: '回访已记录' }).waitFor();
      await expect.poll(() => task.count()).toBe(0);

      await desk.locator('[data-tab="called_back"]').click();
      const calledBack = desk.locator('.follow-up[data-status="called_back"]', { hasText: done.caseNumber });
      await calledBack.waitFor();
      expect(await calledBack.textContent()).toContain(`回访记录：${callbackNote}`);
      expect(await calledBack.textContent()).toContain(`（${clerk.name}）`);
      await calledBack.getByRole('button', { name: '办结' }).click();
      await calledBack.getByLabel('整改和办理结果（将记入档案）').fill(outcome);
      await calledBack.getByRole('button', { name: '确认办结' }).click();
      await desk.locator('.banner', { hasText: '已办结' }).waitFor();
      await expect.poll(() => calledBack.count()).toBe(0);

      await desk.locator('[data-tab="closed"]').click();
      const closed = desk.locator('.follow-up[data-status="closed"]', { hasText: done.caseNumber });
      await closed.waitFor();
      expect(await closed.textContent()).toContain(`办理结果：${outcome}`);
      await shoot(desk, 'follow-ups-closed');
      await expect.poll(() => openCount.textContent()).toBe('0');

      // The case's own record shows the rating.
      await closed.getByTestId('follow-up-case').click();
      await desk.locator('.case-head', { hasText: done.caseNumber }).waitFor();
      await expect.poll(() => desk.locator('.timeline').textContent()).toContain('群众评价');
      expect(await desk.locator('.timeline').textContent()).toContain('非常不满意（附文字意见）');

      // ---- The agent's phone shows the rating after its next sync ----
      await syncNow(agent);
      const row = sentRow(agent, done.caseId);
      await expect.poll(() => row.getByTestId('case-rating').textContent(), SLOW).toBe('评价：非常不满意');
      const notice = agent.locator(`.notice[data-case-id="${done.caseId}"]`, { hasText: '群众评价：非常不满意' });
      await expect.poll(() => notice.count()).toBe(1);
      await row.getByRole('link', { name: '查看回执' }).click();
      expect(await agent.getByTestId('receipt-rating').textContent()).toBe('非常不满意');
      await shoot(agent, 'agent-receipt-rated');

      expect(pageErrors).toEqual([]);
    } finally {
      await agentContext.close();
      await residentContext.close();
      await clerkContext.close();
    }
  }, 480_000);
});
