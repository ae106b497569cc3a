/**
 * A lost phone gives nothing away: after an agent captured a case (name, ID number, phone, photos) and
 * closed the browser, the raw files of the browser profile's IndexedDB — LevelDB logs and tables, and
 * the blob files big values go to — hold no name, ID number or phone (as UTF-8 or as the UTF-16 that
 * Chromium's V8 serialisation uses for Chinese strings) and no JPEG. The same reader does find what is
 * stored in the clear on purpose (the item code, the catalogue's item name), so it is not blind.
 * Nor does what the phone pulls while locked: a clerk's 补正 note naming the resident, pulled by a
 * background sync with no unlocked window, is in no file — and the app shows it after the unlock.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureHousingFundCase, HOUSING_FUND_ITEM, type Resident } from './case-steps';
import { actThroughApi } from './clerk-api';
import {
  demo,
  fireSyncEvent,
  signIn,
  startServer,
  unlockWithPin,
  waitForServiceWorkerControl,
  type RunningServer,
} from './harness';

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

/** Every file of the profile's IndexedDB, as bytes (read with the browser closed). */
async function indexedDbFiles(profile: string): Promise<Map<string, Buffer>> {
  const paths = await filesUnder(join(profile, 'Default', 'IndexedDB'));
  expect(paths.some((path) => path.includes('localhost'))).toBe(true);
  return new Map(await Promise.all(paths.map(async (path) => [path, await readFile(path)] as const)));
}

/** A phone's browser with its profile kept on disk between launches. */
function launchPhone(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 360, height: 740 },
    locale: 'zh-CN',
  });
}

/** What IndexedDB holds for a case's notices and its `remote`, read raw (no decryption) in the worker. */
type RawPulled = { notices: { type: string; payload: string; sealed: boolean }[]; remote: string; sealed: boolean };

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
    const context = await launchPhone(profile);
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

    const files = await indexedDbFiles(profile);

    // The reader works: what is stored in the clear on purpose is found, in both encodings.
    expect(filesWith(files, utf8(itemCode))).not.toEqual([]);
    expect(filesWith(files, utf16(HOUSING_FUND_ITEM.slice(0, 6)))).not.toEqual([]);

    for (const secret of [resident.name, resident.idNumber, resident.phone, address]) {
      expect(filesWith(files, utf8(secret)), `${secret} as UTF-8`).toEqual([]);
      expect(filesWith(files, utf16(secret)), `${secret} as UTF-16LE`).toEqual([]);
    }
    expect([...files].filter(([, bytes]) => findsJpeg(bytes)).map(([path]) => path)).toEqual([]);
  }, 300_000);

  it("a clerk's 补正 note pulled while the phone is locked is in no file, and shows after the unlock", async () => {
    const applicant: Resident = { name: '司马春燕', idNumber: '110105198001010016', phone: '13987650456' };
    const itemNote = `${applicant.name}的身份证已过期`;
    const note = `请${applicant.name}本人携带户口簿原件`;
    const lockedProfile = await mkdtemp(join(tmpdir(), 'daiban-profile-'));
    try {
      let caseId = '';
      let caseNumber = '';
      let context = await launchPhone(lockedProfile);
      try {
        const page = context.pages().at(0) ?? (await context.newPage());
        await page.goto(server.baseUrl);
        await waitForServiceWorkerControl(page);
        await signIn(page, '代办员登录', demo.agent.phone, demo.agent.name);
        await expect.poll(() => page.getByTestId('catalogue-age').textContent()).toContain('已是最新');
        ({ caseId } = await captureHousingFundCase(page, applicant));
        await page.getByTestId('sync-line').click();
        await page.getByRole('button', { name: '立即同步' }).click();
        await page.getByTestId('sync-outcome').filter({ hasText: '同步完成' }).waitFor();

        // The agent closes the app: no window is left to lend the data key. The clerk asks for 补正,
        // naming the resident, and the service worker's background sync pulls it — locked.
        await page.goto('about:blank');
        await actThroughApi(
          server,
          caseId,
          { type: 'request_supplement', items: [{ materialKey: 'idCard', note: itemNote }], note },
          'supplement',
        );
        await fireSyncEvent(page, 'daiban-sync', server.baseUrl);
        const worker = context.serviceWorkers().at(0);
        if (!worker) throw new Error('no service worker in the context');
        const readPulled = () =>
          worker.evaluate(async (id): Promise<RawPulled> => {
            const db = await new Promise<IDBDatabase>((resolve, reject) => {
              const request = indexedDB.open('daiban');
              request.onsuccess = () => {
                resolve(request.result);
              };
              request.onerror = () => {
                reject(request.error ?? new Error('indexedDB.open failed'));
              };
            });
            const read = <T>(store: string, query: (s: IDBObjectStore) => IDBRequest) =>
              new Promise<T>((resolve, reject) => {
                const request = query(db.transaction(store).objectStore(store));
                request.onsuccess = () => {
                  resolve(request.result as T);
                };
                request.onerror = () => {
                  reject(request.error ?? new Error(`read ${store} failed`));
                };
              });
            type Row = { caseId?: string; type?: string; payload?: unknown; sealedPayload?: unknown };
            const notices = await read<Row[]>('notices', (s) => s.getAll());
            const row = await read<{ remote?: Record<string, unknown> } | undefined>('cases', (s) => s.get(id));
            db.close();
            return {
              notices: notices
                .filter((n) => n.caseId === id)
                .map((n) => ({
                  type: n.type ?? '',
                  payload: JSON.stringify(n.payload),
                  sealed: n.sealedPayload instanceof ArrayBuffer,
                })),
              remote: JSON.stringify(row?.remote ?? null),
              sealed: row?.remote?.sealedSupplement instanceof ArrayBuffer,
            };
          }, caseId);
        await expect
          .poll(async () => (await readPulled()).notices, { timeout: 60_000 })
          .toEqual([{ type: 'supplement_requested', payload: '{"status":"supplement"}', sealed: true }]);
        const pulled = await readPulled();
        expect(pulled.sealed).toBe(true);
        const remote: unknown = JSON.parse(pulled.remote);
        expect(remote).toMatchObject({ status: 'supplement' });
        caseNumber = typeof remote === 'object' && remote && 'caseNumber' in remote ? String(remote.caseNumber) : '';
        expect(pulled.remote).not.toContain(applicant.name);
      } finally {
        await context.close();
      }

      const files = await indexedDbFiles(lockedProfile);
      // The reader works: the 办件编号 the same pull stored in the clear is found.
      expect(caseNumber).not.toBe('');
      expect(filesWith(files, utf8(caseNumber))).not.toEqual([]);
      for (const secret of [applicant.name, itemNote, note, '身份证已过期', '携带户口簿原件']) {
        expect(filesWith(files, utf8(secret)), `${secret} as UTF-8`).toEqual([]);
        expect(filesWith(files, utf16(secret)), `${secret} as UTF-16LE`).toEqual([]);
      }

      // The agent opens the app again: locked, then the PIN — the note is there, in the clear.
      context = await launchPhone(lockedProfile);
      try {
        const page = context.pages().at(0) ?? (await context.newPage());
        await page.goto(`${server.baseUrl}/agent`);
        await page.getByTestId('lock-screen').waitFor();
        await unlockWithPin(page);
        const notice = page.locator(`.notice[data-case-id="${caseId}"]`);
        await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain(itemNote);
        await notice.click();
        await page.getByTestId('supplement-notice').waitFor();
        await expect.poll(() => page.getByTestId('clerk-note').first().textContent()).toBe(`窗口意见：${itemNote}`);
      } finally {
        await context.close();
      }
    } finally {
      await rm(lockedProfile, { recursive: true, force: true });
    }
  }, 300_000);
});
