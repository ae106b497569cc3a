/**
 * A lost phone gives nothing away: after an agent captured a case (name, ID number, phone, photos) and
 * closed the browser, the raw files of the browser profile's IndexedDB — LevelDB logs and tables, and
 * the blob files big values go to — hold no name, ID number or phone (as UTF-8 or as the UTF-16 that
 * Chromium's V8 serialisation uses for Chinese strings) and no JPEG. The same reader does find what is
 * stored in the clear on purpose (the item code, the catalogue's item name), so it is not blind.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureHousingFundCase, HOUSING_FUND_ITEM, type Resident } from './case-steps';
import { demo, signIn, startServer, type RunningServer } from './harness';

const resident: Resident = { name: '欧阳秀英', idNumber: '110105198001010016', phone: '13987650123' };
const address = '东坡村三组 12 号';

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const utf16 = (text: string): Buffer => Buffer.from(text, 'utf16le');

/** FF D8 FF followed by E0 (JFIF), E1 (Exif) or DB (quantisation table): the start of a JPEG. */
function findsJpeg(bytes: Buffer): boolean {
  for (
    let at = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
    at !== -1;
    at = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff]), at + 1)
  ) {
    const next = bytes[at + 3];
    if (next === 0xe0 || next === 0xe1 || next === 0xdb) return true;
  }
  return false;
}

/** Which files contain `needle` (as given). */
function filesWith(files: Map<string, Buffer>, needle: Buffer): string[] {
  return [...files].filter(([, bytes]) => bytes.includes(needle)).map(([path]) => path);
}

describe('the data on the phone is encrypted at rest', () => {
  let server: RunningServer;
  let profile: string;

  beforeAll(async () => {
    server = await startServer();
    profile = await mkdtemp(join(tmpdir(), 'daiban-profile-'));
  });
  afterAll(async () => {
    await server.dispose();
    await rm(profile, { recursive: true, force: true });
  });

  it("a copy of the profile's IndexedDB files shows no name, ID number, phone or photo", async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
    });
    let itemCode = '';
    try {
      const page = context.pages().at(0) ?? (await context.newPage());
      await page.goto(server.baseUrl);
      await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name);
      await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');
      // No signal: the case stays on the phone with its photos (an upload would delete them).
      await context.setOffline(true);
      const { caseId } = await captureHousingFundCase(page, resident);
      itemCode = await page.evaluate(async (id) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('daiban');
          request.onsuccess = () => {
            resolve(request.result);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('indexedDB.open failed'));
          };
        });
        const row = await new Promise<{ itemCode?: string; sealed?: unknown } | undefined>((resolve, reject) => {
          const request = db.transaction('cases').objectStore('cases').get(id);
          request.onsuccess = () => {
            resolve(request.result as { itemCode?: string; sealed?: unknown } | undefined);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('get case failed'));
          };
        });
        db.close();
        return row?.sealed instanceof ArrayBuffer ? (row.itemCode ?? '') : '';
      }, caseId);
      // The case is readable in the app (decrypted with the key in memory).
      await page
        .getByRole('link', { name: /^同步/ })
        .first()
        .click()
        .catch(() => undefined);
    } finally {
      await context.close();
    }
    expect(itemCode).not.toBe('');

    const indexedDbDir = join(profile, 'Default', 'IndexedDB');
    const paths = await filesUnder(indexedDbDir);
    const files = new Map(await Promise.all(paths.map(async (path) => [path, await readFile(path)] as const)));
    expect(paths.some((path) => path.includes('localhost'))).toBe(true);

    // The reader works: what is stored in the clear on purpose is found, in both encodings.
    expect(filesWith(files, utf8(itemCode))).not.toEqual([]);
    expect(filesWith(files, utf16(HOUSING_FUND_ITEM.slice(0, 6)))).not.toEqual([]);

    for (const secret of [resident.name, resident.idNumber, resident.phone, address]) {
      expect(filesWith(files, utf8(secret)), `${secret} as UTF-8`).toEqual([]);
      expect(filesWith(files, utf16(secret)), `${secret} as UTF-16LE`).toEqual([]);
    }
    expect([...files].filter(([, bytes]) => findsJpeg(bytes)).map(([path]) => path)).toEqual([]);
  }, 300_000);
});
