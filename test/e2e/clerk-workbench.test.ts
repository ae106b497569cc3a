/**
 * The clerk's workbench end to end: an agent's cases arrive through the real API (photos uploaded
 * through the resumable blob protocol), and a clerk works them in Chromium — the queue with its
 * counts, a case with its photos, reveal, 补正, a colleague's change meanwhile, and the printed notice.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginResponseSchema } from '../../src/domain/auth';
import type { ClerkAction } from '../../src/domain/case-lifecycle';
import { serviceItemSchema } from '../../src/domain/catalogue';
import { newId } from '../../src/domain/ids';
import { neededMaterials } from '../../src/domain/item-answers';
import { newReceiptCode } from '../../src/domain/receipt-code';
import { caseDetailSchema } from '../../src/domain/workbench';
import { seedItems } from '../../src/server/catalogue/seed-items';
import { DEMO_PASSWORD, demo, e2eFixture, repoRoot, signIn } from './harness';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** 高龄津贴 at 民政办, a window of the demo clerk 李娜. */
const elderly = serviceItemSchema.parse(seedItems.find((i) => i.name === '高龄津贴（补贴）申领'));
const photos = [
  { bytes: readFileSync(join(repoRoot, 'test/fixtures/id-card-exif-rotated.jpg')), type: 'image/jpeg' },
  { bytes: readFileSync(join(repoRoot, 'test/fixtures/household-register.png')), type: 'image/png' },
] as const;

/** The township API as one signed-in user (bearer token or session cookie) calls it. */
function apiAt(baseUrl: string, auth: { token: string } | { cookie: string }) {
  return async (path: string, init: { method?: string; json?: unknown; bytes?: Buffer } = {}) => {
    const headers = new Headers('token' in auth ? { authorization: `Bearer ${auth.token}` } : { cookie: auth.cookie });
    headers.set('x-daiban-csrf', '1');
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    } else if (init.bytes) {
      headers.set('content-type', 'application/octet-stream');
      body = new Uint8Array(init.bytes);
    }
    const res = await fetch(baseUrl + path, { method: init.method ?? 'GET', headers, body });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${String(res.status)} ${text}`);
    const value: unknown = text ? JSON.parse(text) : undefined;
    return { res, value };
  };
}

async function login(baseUrl: string, phone: string, client: 'web' | 'device') {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD, client }),
  });
  expect(res.status).toBe(200);
  const { token } = loginResponseSchema.parse(await res.json());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return client === 'device' ? apiAt(baseUrl, { token: token ?? '' }) : apiAt(baseUrl, { cookie });
}

type Api = Awaited<ReturnType<typeof login>>;

/** The agent submits a complete 高龄津贴 case for `name` and uploads every photo. */
async function submitCase(agent: Api, name: string): Promise<string> {
  const answers = { paymentAccount: '社会保障卡' };
  const files: { bytes: Buffer; type: string }[] = [];
  const take = (i: number) => {
    const photo = photos[i % photos.length] ?? photos[0];
    // A unique tail makes every page its own blob.
    const bytes = Buffer.concat([photo.bytes, randomBytes(8)]);
    files.push({ bytes, type: photo.type });
    return { bytes, type: photo.type };
  };
  const pages = neededMaterials(elderly, answers, { proxy: true })
    .filter((m) => m.needed === 'required')
    .map((m, i) => {
      const { bytes, type } = take(i);
      return {
        id: newId(),
        materialKey: m.key,
        order: 0,
        width: 1500,
        height: 2000,
        size: bytes.length,
        type,
        sha256: sha256(bytes),
        verification: 'pending',
        capturedAt: new Date().toISOString(),
      };
    });
  const signature = take(1);
  const id = newId();
  await agent(`/api/cases/${id}`, {
    method: 'PUT',
    json: {
      itemCode: elderly.code,
      itemVersion: elderly.version,
      applicant: {
        name,
        idNumber: '11010519491231002X',
        phone: '13812345678',
        villageId: 'x',
        group: '第三组',
        address: '东坡村三组12号',
      },
      answers,
      pages,
      signature: {
        imageId: newId(),
        sha256: sha256(signature.bytes),
        signerName: name,
        signedAt: new Date().toISOString(),
      },
      receiptCode: newReceiptCode(),
      trackSecretHash: sha256(randomBytes(16)),
      submittedAt: new Date().toISOString(),
    },
  });
  for (const file of files) {
    const blobId = newId();
    await agent('/api/blobs', {
      method: 'POST',
      json: { id: blobId, size: file.bytes.length, sha256: sha256(file.bytes), type: file.type },
    });
    await agent(`/api/blobs/${blobId}/chunks?offset=0`, { method: 'PUT', bytes: file.bytes });
    await agent(`/api/blobs/${blobId}/complete`, { method: 'POST' });
  }
  return id;
}

/** A colleague acts on the case through the API, on its current version. */
async function actAs(clerk: Api, caseId: string, action: ClerkAction): Promise<void> {
  const detail = caseDetailSchema.parse((await clerk(`/api/workbench/cases/${caseId}`)).value);
  await clerk(`/api/workbench/cases/${caseId}/actions`, {
    method: 'POST',
    json: { expectedVersion: detail.version, action },
  });
}

async function tabCount(page: Page, tab: string): Promise<string | null> {
  return page.locator(`[data-tab="${tab}"] .queue-tabs__count`).textContent();
}

describe("the clerk's workbench", () => {
  const e2e = e2eFixture();

  it('a clerk works the queue: counts, a case with its photos, reveal, 补正, a conflict, the printed notice', async () => {
    const { baseUrl } = e2e.server;
    const agent = await login(baseUrl, demo.agent.phone, 'device');
    const colleague = await login(baseUrl, demo.clerk.phone, 'web');
    const first = await submitCase(agent, '周美华');
    const second = await submitCase(agent, '吴建军');
    const third = await submitCase(agent, '郑小红');
    await actAs(colleague, third, { type: 'accept', note: '' });

    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(baseUrl);
      await signIn(page, '窗口登录', demo.clerk.phone, demo.clerk.name);

      // The queue: two cases wait for acceptance, one is being handled; filters live in the address.
      await page.locator('.queue-row').nth(1).waitFor();
      expect(await tabCount(page, 'received')).toBe('2');
      expect(await tabCount(page, 'handling')).toBe('1');
      expect(await page.locator('.queue-row').count()).toBe(2);
      await expect
        .poll(() => page.locator('.queue-row', { hasText: '周美华' }).textContent())
        .toContain('剩余 5 个工作日');
      await page.getByLabel('搜索办件编号或申请人姓名').fill('周美华');
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      await expect.poll(() => page.locator('.queue-row').count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('q')).toBe('周美华');
      await page.reload();
      await expect.poll(() => page.locator('.queue-row').count()).toBe(1);
      expect(await page.getByLabel('搜索办件编号或申请人姓名').inputValue()).toBe('周美华');

      // The case: header with the Art. 32 countdown, the masked applicant, revealed on request.
      await page.locator('.queue-row__link').first().click();
      await page.getByText('受理期限：还剩 5 个工作日').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/clerk/cases/${first}`);
      const idNumber = page.locator('[data-field="idNumber"]');
      expect(await idNumber.textContent()).toBe('110105********002X');
      await page.getByRole('button', { name: '显示完整身份证号' }).click();
      await expect.poll(() => idNumber.textContent()).toBe('11010519491231002X');

      // The photo viewer: next page, a quarter turn, Esc closes.
      await page.locator('.thumb__open').first().click();
      const viewer = page.locator('dialog.photo-viewer');
      await viewer.waitFor();
      const total = await page.locator('.thumb__open').count();
      expect(await viewer.locator('.photo-viewer__counter').textContent()).toBe(`1 / ${String(total)}`);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => viewer.locator('.photo-viewer__counter').textContent()).toBe(`2 / ${String(total)}`);
      await viewer.getByRole('button', { name: '旋转 90°' }).click();
      await expect.poll(() => viewer.locator('.photo-viewer__img').getAttribute('style')).toContain('rotate(90deg)');
      await viewer.getByRole('button', { name: '放大' }).click();
      await expect.poll(() => viewer.locator('.photo-viewer__zoom').textContent()).toBe('125%');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'detached' });

      // 补正 with one material: the schema's checks first, then one notice.
      await page.getByRole('button', { name: '补正告知', exact: true }).click();
      await page.getByRole('button', { name: '发出补正告知' }).click();
      await page.getByText('请至少勾选一项需要补正的材料').waitFor();
      await page.getByRole('checkbox', { name: '户口簿' }).check();
      await page.getByLabel('“户口簿”需要补正的内容').fill('缺少本人页，请补拍');
      await page.getByRole('button', { name: '发出补正告知' }).click();
      await page.getByText('补正告知已发出').waitFor();
      await page.locator('.status', { hasText: '补正中' }).first().waitFor();
      expect(await page.locator('.timeline').textContent()).toContain('户口簿：缺少本人页，请补拍');

      // The printable 补正告知书 lists the requested material and masks the ID number.
      await page.getByRole('link', { name: '打印补正告知书' }).first().click();
      const notice = page.locator('.notice-doc');
      await notice.waitFor();
      const noticeText = (await notice.textContent()) ?? '';
      expect(noticeText).toContain('补正告知书');
      expect(noticeText).toContain('户口簿');
      expect(noticeText).toContain('缺少本人页，请补拍');
      expect(noticeText).toContain('110105********002X');
      expect(noticeText).not.toContain('11010519491231002X');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.clerk-topbar').isVisible()).toBe(false);
      expect(await notice.isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // A colleague accepts the second case while this clerk types a refusal: nothing typed is lost.
      await page.goto(`${baseUrl}/clerk/cases/${second}`);
      await page.getByRole('button', { name: '不予受理' }).click();
      const reason = page.getByLabel('不予受理的理由（将告知申请人）');
      await reason.fill('申请人未满 80 周岁');
      await actAs(colleague, second, { type: 'accept', note: '' });
      await page.getByRole('button', { name: '决定不予受理' }).click();
      await page.getByText('这份办件刚被其他人处理过').waitFor();
      await page.locator('.case-head .status', { hasText: '已受理' }).waitFor();
      expect(await reason.inputValue()).toBe('申请人未满 80 周岁');
      expect(await page.getByRole('button', { name: '办结' }).count()).toBe(1);

      // Back in the queue the counts follow.
      await page.goto(`${baseUrl}/clerk`);
      await expect.poll(() => tabCount(page, 'handling')).toBe('2');
      expect(await tabCount(page, 'supplement')).toBe('1');
    } finally {
      await context.close();
    }
  });

  it('the queue and a case fit a 360 px screen without sideways scrolling', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
    try {
      const page = await context.newPage();
      await page.goto(e2e.server.baseUrl);
      await signIn(page, '窗口登录', demo.clerk.phone, demo.clerk.name);
      const fits = () =>
        page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      await page.locator('[data-tab="handling"]').click();
      await page.locator('.queue-row').first().waitFor();
      expect(await fits()).toBe(true);
      await page.locator('.queue-row__link').first().click();
      await page.locator('.case-head').waitFor();
      expect(await fits()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
