/**
 * Steps of capturing a case through the agent's screens, shared by the e2e stories: the editor's
 * step navigation, attaching a photo to a material, the save indicator, the signature, and a whole
 * housing-fund case from 新建代办 to its receipt.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from './harness';

export const HOUSING_FUND_ITEM = '住房公积金提取（偿还购房贷款）';
/** The materials the housing-fund case needs with a first bank-loan withdrawal, as a proxy case. */
export const HOUSING_FUND_MATERIALS = [
  'approvalForm',
  'idCard',
  'purchaseContract',
  'loanContract',
  'repaymentPassbook',
  'authorisationLetter',
  'agentIdCard',
] as const;

export const fixture = (name: string): string => join(repoRoot, 'test/fixtures', name);

export function slot(page: Page, materialKey: string): Locator {
  return page.locator(`section[data-material="${materialKey}"]`);
}

export async function step(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: '填写步骤' }).getByRole('link', { name }).click();
}

/**
 * Attaches a file to a material's 拍照 input and waits until the page is stored. With
 * `progressShotPath`, also screenshots the progress bar if it is seen in time.
 */
export async function attach(page: Page, materialKey: string, file: string, progressShotPath?: string): Promise<void> {
  const tiles = slot(page, materialKey).locator('.page-tile');
  const before = await tiles.count();
  await slot(page, materialKey)
    .getByLabel(/^拍照：/)
    .setInputFiles(fixture(file));
  if (progressShotPath) {
    // Best effort: a fast machine may finish before the progress bar is seen.
    const progress = slot(page, materialKey).locator('.progress');
    if (
      await progress.waitFor({ timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    ) {
      await progress.scrollIntoViewIfNeeded();
      await page.screenshot({ path: progressShotPath });
    }
  }
  await expect.poll(() => tiles.count(), { timeout: 60_000 }).toBe(before + 1);
}

export async function savedIndicator(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-status').textContent()).toBe('已保存');
}

/** Draws a wavy stroke on the signature pad (the resident signing with a finger). */
export async function drawSignature(page: Page): Promise<void> {
  const pad = page.locator('canvas.signature__pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad has no box');
  await page.mouse.move(box.x + 30, box.y + 120);
  await page.mouse.down();
  for (let i = 1; i <= 20; i += 1) {
    await page.mouse.move(box.x + 30 + i * 12, box.y + 120 - Math.sin(i / 3) * 50, { steps: 2 });
  }
  await page.mouse.up();
}

export type Resident = { name: string; idNumber: string; phone: string };

/**
 * From the agent's home: captures a complete housing-fund withdrawal for `resident` (one PNG page per
 * material, signed), submits it and leaves the receipt with 完成. Works with or without a signal.
 */
export async function captureHousingFundCase(
  page: Page,
  resident: Resident,
): Promise<{ caseId: string; receiptCode: string }> {
  await page.getByRole('link', { name: /^新建代办/ }).click();
  await page.getByLabel('搜索事项').fill('zfgjj');
  await page.getByRole('link', { name: new RegExp(HOUSING_FUND_ITEM.replace(/[()（）]/g, '.')) }).click();
  await page.getByRole('button', { name: '开始代办' }).click();

  const idInput = page.getByLabel('身份证号');
  await idInput.waitFor();
  const caseId = new URL(page.url()).pathname.split('/')[3]!;
  await page.getByLabel('申请人姓名').fill(resident.name);
  await idInput.fill(resident.idNumber);
  await page.getByLabel('联系电话').fill(resident.phone);
  await page.getByLabel('村民小组').fill('第三组');
  await page.getByLabel('详细住址').fill('东坡村三组 12 号');
  await savedIndicator(page);

  await step(page, '事项信息');
  await page.getByLabel('银行贷款（第一次支取）').check();
  await page.getByLabel('否', { exact: true }).check();
  await savedIndicator(page);

  await step(page, '材料');
  await slot(page, 'purchaseContract').waitFor();
  for (const key of HOUSING_FUND_MATERIALS) await attach(page, key, 'household-register.png');

  await step(page, '委托书');
  await page.getByRole('heading', { name: '代办服务委托书' }).waitFor();
  await drawSignature(page);
  await page.getByRole('button', { name: '确认签字' }).click();
  await page.getByTestId('signed-at').waitFor();
  await savedIndicator(page);

  await step(page, '提交');
  await page.getByRole('heading', { name: '全部填写完整，可以提交。' }).waitFor();
  await page.getByRole('button', { name: '提交并生成回执' }).click();
  const code = page.getByTestId('receipt-code');
  await code.waitFor();
  const receiptCode = ((await code.textContent()) ?? '').trim();
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByRole('link', { name: /^新建代办/ }).waitFor();
  return { caseId, receiptCode };
}
