/**
 * The agent's core job with no signal: sign in once online (the catalogue downloads), cut the
 * network for good, then find an item by pinyin initials, read its guide, capture a complete case —
 * applicant, answers that switch a conditional material on, three real photos (12 MP JPEG,
 * EXIF-rotated JPEG, PNG), the resident's signature — survive a reload, refuse a bad file, and
 * submit to the outbox with a receipt. Then the stored photos are checked byte by byte.
 *
 * Set DAIBAN_SCREENSHOTS=/some/dir to also save 360 px screenshots of each screen.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { attach, drawSignature, fixture, HOUSING_FUND_ITEM, savedIndicator, slot, step } from './case-steps';
import { cutNetwork, demo, E2E_PIN, e2eFixture, signIn, waitForServiceWorkerControl } from './harness';

const phone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' };
const ITEM = HOUSING_FUND_ITEM;
const RECEIPT_CODE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

const screenshotDir = process.env.DAIBAN_SCREENSHOTS;

/** Saves the page as the phone shows it, screen by screen from the top: name-1.png, name-2.png, … */
async function shoot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  await mkdir(screenshotDir, { recursive: true });
  const before = await page.evaluate(() => window.scrollY);
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  // Consecutive screens overlap a little, the way one scrolls a phone.
  const stride = phone.viewport.height - 160;
  for (let part = 0; part === 0 || part * stride + phone.viewport.height - stride < total; part += 1) {
    await page.evaluate((y) => {
      window.scrollTo(0, y);
    }, part * stride);
    await page.screenshot({ path: join(screenshotDir, `${name}-${part + 1}.png`) });
  }
  await page.evaluate((y) => {
    window.scrollTo(0, y);
  }, before);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({
    content: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.content).toBeLessThanOrEqual(widths.viewport);
}

type StoredPhotoDump = {
  id: string;
  caseId: string;
  type: string;
  size: number;
  sha256: string;
  base64: string;
  width: number;
  height: number;
};

type StoredPageRef = { id: string; materialKey: string; sha256: string };
type StoredCaseDump = { id: string; status: string; pages: StoredPageRef[]; signature: { imageId: string } | null };

/**
 * Every row of `photos` and `cases`, read with the raw IndexedDB API inside the page and opened with
 * WebCrypto from the PIN alone (PBKDF2 → AES-KW unwrap → AES-GCM, table/id as additional data; see
 * docs/security.md), so this also checks the sealed format independently of the app's code.
 */
async function readStore(page: Page): Promise<{ photos: StoredPhotoDump[]; cases: StoredCaseDump[] }> {
  return page.evaluate(async (pin) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('daiban');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('indexedDB.open failed'));
      };
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(request.error ?? new Error(`getAll ${store} failed`));
        };
      });
    const [lock] = (await all('lock')) as Array<{ salt: ArrayBuffer; iterations: number; wrappedKey: ArrayBuffer }>;
    if (!lock) throw new Error('no PIN on this phone');
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
      'deriveKey',
    ]);
    const pinKey = await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: lock.salt, iterations: lock.iterations },
      material,
      { name: 'AES-KW', length: 256 },
      false,
      ['unwrapKey'],
    );
    const dataKey = await crypto.subtle.unwrapKey('raw', lock.wrappedKey, pinKey, 'AES-KW', 'AES-GCM', false, [
      'decrypt',
    ]);
    const open = (place: string, sealed: ArrayBuffer): Promise<ArrayBuffer> =>
      crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: new Uint8Array(sealed, 0, 12), additionalData: new TextEncoder().encode(place) },
        dataKey,
        new Uint8Array(sealed, 12),
      );
    const photoRows = await Promise.all(
      (
        (await all('photos')) as Array<{
          id: string;
          caseId: string;
          type: string;
          size: number;
          sha256: string;
          sealed: ArrayBuffer;
        }>
      ).map(async (row) => ({ ...row, bytes: await open(`photos/${row.id}`, row.sealed) })),
    );
    const cases = await Promise.all(
      ((await all('cases')) as Array<StoredCaseDump & { sealed: ArrayBuffer }>).map(
        async (row): Promise<StoredCaseDump> => ({
          ...row,
          ...(JSON.parse(new TextDecoder().decode(await open(`cases/${row.id}`, row.sealed))) as object),
        }),
      ),
    );
    db.close();
    const photos: StoredPhotoDump[] = [];
    for (const row of photoRows) {
      const bitmap = await createImageBitmap(new Blob([row.bytes], { type: row.type }));
      const bytes = new Uint8Array(row.bytes);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      photos.push({
        id: row.id,
        caseId: row.caseId,
        type: row.type,
        size: row.size,
        sha256: row.sha256,
        base64: btoa(binary),
        width: bitmap.width,
        height: bitmap.height,
      });
      bitmap.close();
    }
    return { photos, cases };
  }, E2E_PIN);
}

/** The JPEG markers before the image data (SOS), e.g. [0xe0, 0xdb, 0xc0, 0xc4]. */
function jpegMarkers(bytes: Buffer): number[] {
  expect(bytes[0]).toBe(0xff);
  expect(bytes[1]).toBe(0xd8);
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    expect(bytes[at]).toBe(0xff);
    const marker = bytes[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return markers;
}

describe('capturing a case with no signal', () => {
  const e2e = e2eFixture({ serverPerTest: true });

  it('an agent takes a housing-fund withdrawal completely offline, and the receipt and photos hold up', async () => {
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
      // The catalogue is downloaded while the signal is here.
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');

      await cutNetwork(context, e2e.server);

      // ---- Find the item by pinyin initials ----
      await page.getByRole('link', { name: /^新建代办/ }).click();
      await page.getByLabel('搜索事项').fill('zfgjj');
      const result = page.getByRole('link', { name: new RegExp(ITEM.replace(/[()（）]/g, '.')) });
      await result.waitFor();
      await expect.poll(() => page.locator('.item-link').count()).toBe(1);
      await page.getByLabel('搜索事项').fill('ldz');
      await page.getByRole('link', { name: /老年人优待证/ }).waitFor();
      await page.getByLabel('搜索事项').fill('zfgjj');
      await expectNoSidewaysScroll(page);
      await shoot(page, '01-search');
      await result.click();

      // ---- The guide: everything at once ----
      await page.getByRole('heading', { name: '申请材料' }).waitFor();
      const guide = (await page.locator('.guide').textContent()) ?? '';
      expect(guide).toContain('一次告知');
      expect(guide).toContain('购房合同');
      expect(guide).toContain('当“贷款类型”为“银行贷款（第一次支取）”时需要');
      expect(guide).toContain('委托他人（如村代办员）办理');
      expect(guide).toContain('即办件');
      expect(guide).toContain('咨询电话');
      expect(guide).toContain('监督投诉电话');
      expect(guide).toContain('不收费');
      await expectNoSidewaysScroll(page);
      await shoot(page, '02-guide');
      await page.getByRole('button', { name: '开始代办' }).click();

      // ---- 申请人 ----
      const idInput = page.getByLabel('身份证号');
      await idInput.waitFor();
      const caseId = new URL(page.url()).pathname.split('/')[3]!;
      await page.getByLabel('申请人姓名').fill('张三');
      await idInput.fill('110105194912310021');
      await page.getByLabel('联系电话').click();
      await page.getByText('身份证号校验位不对').waitFor();
      await idInput.fill('11010519491231002x');
      await page.getByText('出生日期 1949-12-31，性别 女').waitFor();
      expect(await page.getByText('身份证号校验位不对').count()).toBe(0);
      await page.getByLabel('联系电话').fill('1381234');
      await page.getByLabel('村民小组').click();
      await page.getByText('请输入正确的 11 位手机号码').waitFor();
      await page.getByLabel('联系电话').fill('13812345678');
      await page.getByLabel('村民小组').fill('第三组');
      await page.getByLabel('详细住址').fill('东坡村三组 12 号');
      expect(await page.locator('.field__static').textContent()).toContain(demo.agent.village);
      await savedIndicator(page);
      await expectNoSidewaysScroll(page);
      await shoot(page, '03-editor-applicant');

      // ---- The draft waits on the home, masked; resume it ----
      await page.getByRole('link', { name: '返回首页' }).click();
      const drafts = page.locator('section[aria-labelledby="drafts-title"]');
      await drafts.waitFor();
      expect(await drafts.textContent()).toContain('张*');
      expect(await drafts.textContent()).not.toContain('张三');
      await shoot(page, '03b-home-drafts');
      await drafts.getByRole('link', { name: '继续填写' }).click();
      await page.getByLabel('身份证号').waitFor();
      expect(await page.getByLabel('申请人姓名').inputValue()).toBe('张三');
      // The guide of the case's own item version is one tap away, and back.
      await page.getByRole('link', { name: '查看办事指南' }).click();
      await page.getByRole('heading', { name: '申请材料' }).waitFor();
      await page.getByRole('link', { name: '申请人' }).click();
      await page.getByLabel('身份证号').waitFor();

      // ---- 提交 early: every problem at once, each a link to its place ----
      await step(page, '提交');
      await page.getByRole('heading', { name: /还有 \d+ 项需要补充或修改/ }).waitFor();
      const problems = page.locator('.problems__link');
      const problemTexts = await problems.allTextContents();
      expect(problemTexts.some((text) => text.includes('贷款类型：此项必须填写'))).toBe(true);
      expect(problemTexts.some((text) => text.includes('申请人的身份证'))).toBe(true);
      expect(problemTexts.some((text) => text.includes('代办服务委托书上签字'))).toBe(true);
      await expectNoSidewaysScroll(page);
      await shoot(page, '04-problems');
      await problems.filter({ hasText: '贷款类型' }).click();

      // ---- 事项信息: a conditional material comes and goes ----
      await page.getByRole('heading', { name: '事项信息' }).waitFor();
      expect(new URL(page.url()).hash).toBe('#answer-loanType');
      await page.getByLabel('银行贷款（第一次支取）').check();
      await page.getByLabel('否', { exact: true }).check();
      await expect.poll(() => page.getByTestId('needed-materials').textContent()).toContain('购房合同');
      await savedIndicator(page);
      await shoot(page, '05-editor-answers');

      await step(page, '材料');
      await slot(page, 'purchaseContract').waitFor();
      await step(page, '事项信息');
      await page.getByLabel('公积金贷款').check();
      await expect.poll(() => page.getByTestId('needed-materials').textContent()).not.toContain('购房合同');
      await savedIndicator(page);
      await step(page, '材料');
      await slot(page, 'approvalForm').waitFor();
      expect(await slot(page, 'purchaseContract').count()).toBe(0);
      await step(page, '事项信息');
      await page.getByLabel('银行贷款（第一次支取）').check();
      await savedIndicator(page);

      // ---- 材料: real photos through the worker ----
      await step(page, '材料');
      await slot(page, 'purchaseContract').waitFor();
      await attach(
        page,
        'approvalForm',
        'document-12mp.jpg',
        screenshotDir ? join(screenshotDir, '06a-editor-photo-progress.png') : undefined,
      );
      await attach(page, 'idCard', 'id-card-exif-rotated.jpg');
      await attach(page, 'purchaseContract', 'household-register.png');
      for (const key of ['loanContract', 'repaymentPassbook', 'authorisationLetter', 'agentIdCard']) {
        await attach(page, key, 'household-register.png');
      }
      expect(await slot(page, 'idCard').getByText('原件待核验').count()).toBe(1);

      // A second page, moved up, then deleted after a confirm.
      await attach(page, 'idCard', 'household-register.png');
      const idTiles = slot(page, 'idCard').locator('.page-tile');
      const [first, second] = await idTiles.evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-page-id')));
      await idTiles.nth(1).getByRole('button', { name: '上移' }).click();
      await expect
        .poll(() => idTiles.evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-page-id'))))
        .toEqual([second, first]);
      await idTiles.nth(0).getByRole('button', { name: '删除' }).click();
      await idTiles.nth(0).getByRole('button', { name: '删除' }).click();
      await expect.poll(() => idTiles.count()).toBe(1);

      // A retake replaces the photo in its place.
      const contractTile = slot(page, 'purchaseContract').locator('.page-tile');
      const oldPageId = await contractTile.getAttribute('data-page-id');
      await contractTile.getByLabel(/^重拍：/).setInputFiles(fixture('household-register.png'));
      await expect.poll(() => contractTile.getAttribute('data-page-id'), { timeout: 60_000 }).not.toBe(oldPageId);
      expect(await contractTile.count()).toBe(1);

      // The full view opens and closes.
      await slot(page, 'approvalForm').getByRole('button', { name: '查看', exact: true }).click();
      const full = page.getByRole('dialog').locator('img');
      await expect
        .poll(() => full.evaluate((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth))
        .toBe(2000);
      await full.evaluate((img) => (img instanceof HTMLImageElement ? img.decode() : undefined));
      await shoot(page, '06b-viewer');
      await page.getByRole('button', { name: '关闭' }).click();
      await expectNoSidewaysScroll(page);
      await shoot(page, '06-editor-materials');

      // ---- 委托书: generated from the case, signed on the screen ----
      await step(page, '委托书');
      await page.getByRole('heading', { name: '代办服务委托书' }).waitFor();
      const letter = (await page.locator('.letter').textContent()) ?? '';
      expect(letter).toContain('委托人（申请人）：张三，居民身份证号：110105********002X');
      expect(letter).toContain(`受托人（代办员）：${demo.agent.name}，${demo.agent.village}便民服务代办员`);
      expect(letter).toContain(ITEM);
      await drawSignature(page);
      await shoot(page, '07a-editor-letter-signing');
      await page.getByRole('button', { name: '确认签字' }).click();
      await page.getByTestId('signed-at').waitFor();
      await page.locator('img[alt="申请人签字"]').waitFor();
      await savedIndicator(page);
      await expectNoSidewaysScroll(page);
      await shoot(page, '07-editor-letter');

      // ---- A reload midway: the draft is intact ----
      await page.reload();
      await page.getByTestId('signed-at').waitFor();
      await page.locator('img[alt="申请人签字"]').waitFor();
      await step(page, '申请人');
      expect(await page.getByLabel('申请人姓名').inputValue()).toBe('张三');
      expect(await page.getByLabel('身份证号').inputValue()).toBe('11010519491231002x');
      expect(await page.getByLabel('联系电话').inputValue()).toBe('13812345678');
      expect(await page.getByLabel('详细住址').inputValue()).toBe('东坡村三组 12 号');
      await step(page, '事项信息');
      expect(await page.getByLabel('银行贷款（第一次支取）').isChecked()).toBe(true);
      expect(await page.getByLabel('否', { exact: true }).isChecked()).toBe(true);
      await step(page, '材料');
      for (const key of [
        'approvalForm',
        'idCard',
        'purchaseContract',
        'loanContract',
        'repaymentPassbook',
        'authorisationLetter',
        'agentIdCard',
      ]) {
        expect(await slot(page, key).locator('.page-tile').count(), key).toBe(1);
      }

      // ---- Bad files: a Chinese message at the slot, nothing else changes ----
      const loanContract = slot(page, 'loanContract');
      const capture = loanContract.getByLabel(/^拍照：/);
      const jpegStart = (await readFile(fixture('document-12mp.jpg'))).subarray(0, 64 * 1024);
      // Written to disk and handed over by path: a 40 MB buffer sent through the DevTools protocol
      // takes long enough on a busy 2-core machine to time out.
      const huge = join(await mkdtemp(join(tmpdir(), 'daiban-huge-')), 'huge.jpg');
      await writeFile(huge, Buffer.concat([jpegStart, Buffer.alloc(40 * 1024 * 1024 - jpegStart.length)]));
      const badFiles: Array<[string, string]> = [
        [fixture('empty.jpg'), '0 字节'],
        [fixture('corrupt.jpg'), '照片文件已损坏'],
        [huge, '照片文件太大'],
        [fixture('not-an-image.jpg'), '这不是照片文件'],
      ];
      for (const [file, message] of badFiles) {
        await capture.setInputFiles(file);
        await loanContract.locator('.slot__error', { hasText: message }).waitFor();
      }
      await rm(dirname(huge), { recursive: true, force: true });
      expect(await loanContract.locator('.page-tile').count()).toBe(1);
      expect(await page.locator('.slot__error').count()).toBe(1);
      await shoot(page, '08-editor-bad-file');

      // ---- Submit → receipt ----
      await step(page, '提交');
      await page.getByRole('heading', { name: '全部填写完整，可以提交。' }).waitFor();
      await shoot(page, '09-submit-ready');
      await page.getByRole('button', { name: '提交并生成回执' }).click();
      const code = page.getByTestId('receipt-code');
      await code.waitFor();
      const receiptCode = ((await code.textContent()) ?? '').trim();
      expect(receiptCode).toMatch(RECEIPT_CODE);
      const qr = page.getByTestId('receipt-qr');
      await qr.waitFor();
      expect(await qr.evaluate((img) => img instanceof HTMLImageElement && img.naturalWidth > 0)).toBe(true);
      const receipt = (await page.locator('.receipt').textContent()) ?? '';
      expect(receipt).toContain(ITEM);
      expect(receipt).toContain('张*');
      expect(receipt).not.toContain('张三');
      expect(receipt).toContain('请拍照保存此回执');
      await expectNoSidewaysScroll(page);
      await shoot(page, '10-receipt');
      await page.getByRole('button', { name: '完成' }).click();

      // ---- Home: the case waits in 待上传 ----
      const outbox = page.locator('section[aria-labelledby="outbox-title"]');
      await outbox.waitFor();
      const outboxText = (await outbox.textContent()) ?? '';
      expect(outboxText).toContain(receiptCode);
      expect(outboxText).toContain('张*');
      expect(outboxText).toContain(ITEM);
      await expect.poll(() => page.locator('section[aria-labelledby="drafts-title"]').count()).toBe(0);
      await shoot(page, '11-home-outbox');

      await page.getByRole('link', { name: /^设置/ }).click();
      await page.getByTestId('storage-facts').waitFor();
      await expect.poll(() => page.getByTestId('storage-facts').textContent()).toMatch(/已用\d/);
      await expectNoSidewaysScroll(page);
      await shoot(page, '12-settings');

      // ---- The stored photos, byte by byte ----
      const { photos, cases } = await readStore(page);
      const submitted = cases.find((c) => c.id === caseId);
      expect(submitted?.status).toBe('outbox');
      expect(submitted?.pages).toHaveLength(7);
      const byId = new Map(photos.map((p) => [p.id, p]));
      for (const ref of submitted?.pages ?? []) {
        const photo = byId.get(ref.id);
        expect(photo, ref.materialKey).toBeDefined();
        if (!photo) continue;
        const bytes = Buffer.from(photo.base64, 'base64');
        expect(photo.type).toBe('image/jpeg');
        expect(Math.max(photo.width, photo.height), ref.materialKey).toBeLessThanOrEqual(2000);
        expect(jpegMarkers(bytes), `${ref.materialKey} carries no EXIF (APP1)`).not.toContain(0xe1);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        expect(sha256).toBe(photo.sha256);
        expect(sha256).toBe(ref.sha256);
        expect(bytes.length).toBe(photo.size);
      }
      const photoOf = (key: string) => byId.get(submitted?.pages.find((p) => p.materialKey === key)?.id ?? '');
      expect(photoOf('approvalForm')).toMatchObject({ width: 2000, height: 1500 });
      const idCard = photoOf('idCard');
      expect(idCard && idCard.height > idCard.width, 'the EXIF-rotated ID card is stored upright').toBe(true);
      expect(Math.max(idCard?.width ?? 0, idCard?.height ?? 0)).toBe(2000);
      const signature = byId.get(submitted?.signature?.imageId ?? '');
      expect(signature?.type).toBe('image/png');
      expect(
        createHash('sha256')
          .update(Buffer.from(signature?.base64 ?? '', 'base64'))
          .digest('hex'),
      ).toBe(signature?.sha256);
      // Nothing stray: the deleted page's photo went with it.
      expect(photos.filter((p) => p.caseId === caseId)).toHaveLength(8);

      // ---- Another draft, deleted from the home after a confirm ----
      await page.getByRole('link', { name: '返回首页' }).click();
      await page.getByRole('link', { name: /^新建代办/ }).click();
      await page.getByLabel('搜索事项').fill('ldz');
      await page.getByRole('link', { name: /老年人优待证/ }).click();
      await page.getByRole('button', { name: '开始代办' }).click();
      await page.getByLabel('身份证号').waitFor();
      await page.getByRole('link', { name: '返回首页' }).click();
      const row = drafts.locator('.case-row');
      await expect.poll(() => row.count()).toBe(1);
      await row.getByRole('button', { name: '删除' }).click();
      await row.getByText('确定删除这份草稿吗？').waitFor();
      await shoot(page, '13-home-delete-confirm');
      await row.getByRole('button', { name: '确定删除' }).click();
      await expect.poll(() => drafts.count()).toBe(0);
      expect(await page.locator('section[aria-labelledby="outbox-title"]').textContent()).toContain(receiptCode);

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('an item’s own fields: a number is checked, a multi-choice answer opens a conditional field and material', async () => {
    const context = await e2e.browser.newContext(phone);
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name);
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');
      await cutNetwork(context, e2e.server);

      await page.getByRole('link', { name: /^新建代办/ }).click();
      await page.getByLabel('搜索事项').fill('dibao');
      // The result list re-renders after the input: wait for it rather than read it at once.
      await expect.poll(() => page.locator('.item-link').count()).toBe(0);
      await page.getByLabel('搜索事项').fill('zdshbz');
      await page.getByRole('link', { name: /最低生活保障/ }).click();
      await page.getByRole('heading', { name: '申请材料' }).waitFor();
      expect(await page.getByRole('note').textContent()).toContain('请按当地办事指南核对');
      expect(await page.locator('.guide').textContent()).toContain('当“申请原因”包含“疾病”时需要');
      await page.getByRole('button', { name: '开始代办' }).click();
      await page.getByLabel('身份证号').waitFor();
      await step(page, '事项信息');

      const size = page.getByLabel('共同生活的家庭人口');
      await size.fill('两');
      await size.blur();
      await page.getByText('请输入数字').waitFor();
      await page.getByLabel('疾病').check();
      await size.fill('2.5');
      await size.blur();
      await page.getByText('请输入整数').waitFor();
      await size.fill('3');
      await size.blur();
      await expect.poll(() => page.getByText('请输入整数').count()).toBe(0);

      expect(await page.getByLabel('其他原因说明').count()).toBe(0);
      await page.getByLabel('其他', { exact: true }).check();
      await page.getByLabel('其他原因说明').waitFor();
      await expect.poll(() => page.getByTestId('needed-materials').textContent()).toContain('疾病诊断证明或病历');
      await page.getByLabel('疾病').uncheck();
      await expect.poll(() => page.getByTestId('needed-materials').textContent()).not.toContain('疾病诊断证明');
      await page.getByLabel('其他', { exact: true }).uncheck();
      await expect.poll(() => page.getByLabel('其他原因说明').count()).toBe(0);
      await savedIndicator(page);
      await shoot(page, '20-editor-answers-multichoice');

      await step(page, '提交');
      await page.getByRole('heading', { name: /还有 \d+ 项需要补充或修改/ }).waitFor();
      const problems = await page.locator('.problems__link').allTextContents();
      expect(problems.some((text) => text.includes('申请原因：此项必须填写'))).toBe(true);
      expect(problems.some((text) => text.includes('家庭人口'))).toBe(false);
      expect(problems.some((text) => text.includes('申请人姓名：此项必须填写'))).toBe(true);

      // Typing and reloading at once (no time for the debounce): the page-hide flush keeps it.
      await step(page, '申请人');
      await page.getByLabel('申请人姓名').fill('李四');
      await page.reload();
      await page.getByLabel('申请人姓名').waitFor();
      expect(await page.getByLabel('申请人姓名').inputValue()).toBe('李四');
    } finally {
      await context.close();
    }
  });

  it('a phone that never downloaded the catalogue says so plainly instead of showing an empty list', async () => {
    const context = await e2e.browser.newContext(phone);
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await waitForServiceWorkerControl(page);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name);
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');
      await cutNetwork(context, e2e.server);
      // As if the download had never happened: drop the cached catalogue.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('daiban');
            open.onsuccess = () => {
              const tx = open.result.transaction('catalogue', 'readwrite');
              tx.objectStore('catalogue').clear();
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => {
                reject(tx.error ?? new Error('clear failed'));
              };
            };
          }),
      );
      await page.reload();

      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('还没有下载');
      await page.getByRole('link', { name: /^新建代办/ }).click();
      await page.getByRole('heading', { name: '事项目录还没有下载' }).waitFor();
      await page.getByText('当前无网络').waitFor();
      await shoot(page, '21-search-no-catalogue');
      await page.getByRole('link', { name: '返回首页' }).click();
      await page.getByRole('link', { name: /^新建代办/ }).waitFor();
    } finally {
      await context.close();
    }
  });
});
