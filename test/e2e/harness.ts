/**
 * E2E harness: the real server (a child process, `tsx src/server/main.ts`) on a free port with a
 * fresh DATA_DIR and its own copy of dist/ — so a test may change the served files, e.g. publish a
 * new sw.js — and headless Chromium from playwright-core.
 *
 * The server runs in its own process group and is stopped as a group (SIGTERM, then SIGKILL):
 * tsx starts a second node process, and a stray one would keep the port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { freePort } from '../support/free-port';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = join(repoRoot, 'dist');

export const DEMO_PASSWORD = 'daiban123';
export const demo = {
  agent: { phone: '13900000011', name: '张建国', village: '东坡村' },
  clerk: { phone: '13900000001', name: '李娜' },
} as const;

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

export type RunningServer = {
  port: number;
  /** http://localhost:PORT — localhost is a secure context, so service workers run. */
  baseUrl: string;
  /** The served copy of dist/. */
  staticDir: string;
  dataDir: string;
  /** What the server printed so far (for failure messages). */
  output: () => string;
  /** Stops the server; safe to call more than once. */
  stop: () => Promise<void>;
  /** Stops the server and deletes its temporary directories. */
  dispose: () => Promise<void>;
};

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  signalGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => {
    setTimeout(() => {
      resolve('timeout');
    }, STOP_GRACE_MS);
  });
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
  // tsx's inner node process may outlive the wrapper by a moment; make sure the group is gone.
  signalGroup(child, 'SIGKILL');
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${String(child.exitCode)}:\n${output()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${String(port)}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not become healthy within ${String(START_TIMEOUT_MS)} ms:\n${output()}`);
}

/** Starts the real server on a fresh database, serving a private copy of dist/. */
export async function startServer(): Promise<RunningServer> {
  const root = await mkdtemp(join(tmpdir(), 'daiban-e2e-'));
  const dataDir = join(root, 'data');
  const staticDir = join(root, 'static');
  await mkdir(dataDir);
  await cp(distDir, staticDir, { recursive: true });
  const port = await freePort();

  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DAIBAN_STATIC_DIR: staticDir,
      DAIBAN_DEMO: '1',
      DAIBAN_LOG_LEVEL: 'warn',
    },
  });
  let log = '';
  const collect = (chunk: Buffer): void => {
    log += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const output = (): string => log;

  const stop = (): Promise<void> => stopChild(child);
  try {
    await waitForHealth(port, child, output);
  } catch (error) {
    await stop();
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    baseUrl: `http://localhost:${String(port)}`,
    staticDir,
    dataDir,
    output,
    stop,
    dispose: async () => {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium from the system (/usr/bin/chromium). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Resolves once a service worker is active and controls `page` (so the precache is complete). */
export async function waitForServiceWorkerControl(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.evaluate(async (timeout) => {
    const controlled = (async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return;
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener(
          'controllerchange',
          () => {
            resolve();
          },
          { once: true },
        );
      });
    })();
    const expired = new Promise<never>((_, reject) => {
      setTimeout(() => {
        reject(new Error(`no service worker controls the page after ${String(timeout)} ms`));
      }, timeout);
    });
    await Promise.race([controlled, expired]);
  }, timeoutMs);
}

/**
 * Cuts the network for real: the browser goes offline, every request that leaves the browser —
 * the service worker's included (DESIGN §5: setOffline may not cover them) — is aborted, and the
 * server process is stopped — unless `keepServer`, for stories where the signal comes back
 * (`restoreNetwork`).
 */
export async function cutNetwork(
  context: BrowserContext,
  server: RunningServer,
  options: { keepServer?: boolean } = {},
): Promise<void> {
  await context.setOffline(true);
  await context.route('**/*', abortRoute);
  if (!options.keepServer) await server.stop();
}

async function abortRoute(route: Route): Promise<void> {
  await route.abort('internetdisconnected');
}

/**
 * Brings the network back after `cutNetwork(…, { keepServer: true })`. The browser fires `online` in
 * the pages, but not the service worker's `sync` event (DESIGN §5): fire that with `fireSyncEvent`.
 */
export async function restoreNetwork(context: BrowserContext): Promise<void> {
  await context.unroute('**/*', abortRoute);
  await context.setOffline(false);
}

/** The unlock PIN the e2e agent sets on the first sign-in of a browser profile. */
export const E2E_PIN = '135790';

const autoUnlocking = new WeakSet<Page>();

/** Types `pin` into the lock screen and waits for it to go (a wrong PIN leaves it up). */
export async function unlockWithPin(page: Page, pin: string = E2E_PIN): Promise<void> {
  await page.locator('#pin-unlock').fill(pin);
  await page.getByRole('button', { name: '解锁', exact: true }).click();
}

/**
 * unlockWithPin for the automatic unlocks: the two paths (after a load, before an action) may race,
 * and the page may close meanwhile — whichever loses finds no lock screen and gives up quietly.
 */
async function unlockQuietly(page: Page): Promise<void> {
  try {
    await page.locator('#pin-unlock').fill(E2E_PIN, { timeout: 5_000 });
    await page.getByRole('button', { name: '解锁', exact: true }).click({ timeout: 5_000 });
  } catch {
    // Unlocked by the other path, or the page is gone.
  }
}

/**
 * From now on, whenever the PIN lock screen covers a page of `context` (the app restarted, a reload,
 * a new tab, inactivity), it is unlocked with E2E_PIN — after each load, and before the next action
 * or wait (Playwright locator handlers) — so stories that are not about the lock need not know it
 * exists.
 */
export function unlockAutomatically(context: BrowserContext): void {
  const register = (page: Page): void => {
    if (autoUnlocking.has(page)) return;
    autoUnlocking.add(page);
    const lock = page.getByTestId('lock-screen');
    void page.addLocatorHandler(lock, () => unlockQuietly(page));
    // Reads such as textContent() do not run locator handlers: after every load, unlock in the
    // background too (whichever comes first; the other finds no lock screen).
    page.on('load', () => {
      void lock
        .waitFor({ timeout: 20_000 })
        .then(async () => {
          if (await lock.isVisible()) await unlockQuietly(page);
        })
        .catch(() => undefined);
    });
  };
  for (const page of context.pages()) register(page);
  context.on('page', register);
}

/**
 * After an agent's sign-in: sets E2E_PIN on the PIN setup screen (first sign-in of this profile)
 * or unlocks the lock screen, then keeps unlocking automatically (unlockAutomatically).
 */
export async function passPinLock(page: Page, expectName: string): Promise<void> {
  const setup = page.getByTestId('pin-setup');
  const lock = page.getByTestId('lock-screen');
  const home = page.locator('.topbar__name', { hasText: expectName });
  await setup.or(lock).or(home).first().waitFor();
  if (await setup.isVisible()) {
    await page.locator('#pin-new').fill(E2E_PIN);
    await page.locator('#pin-repeat').fill(E2E_PIN);
    await page.getByRole('button', { name: '设置 PIN', exact: true }).click();
  } else if (await lock.isVisible()) {
    await unlockWithPin(page);
  }
  unlockAutomatically(page.context());
}

/**
 * Signs in through the UI from the landing page; resolves when the home screen shows `name`. An
 * agent also sets (or enters) the unlock PIN, and later lock screens are unlocked automatically —
 * unless `pin: 'manual'`, for the stories about the lock itself.
 */
export async function signIn(
  page: Page,
  entry: '代办员登录' | '窗口登录',
  phone: string,
  expectName: string,
  options: { pin?: 'auto' | 'manual' } = {},
): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${entry}`) }).click();
  await page.getByLabel('手机号', { exact: true }).fill(phone);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  if (entry === '代办员登录') {
    if (options.pin === 'manual') return;
    await passPinLock(page, expectName);
  }
  await page.locator('.topbar__name', { hasText: expectName }).waitFor();
}

export type E2eFixture = {
  readonly server: RunningServer;
  readonly browser: Browser;
};

/**
 * Registers the hooks that start a browser and a server for the surrounding describe block and close
 * them afterwards. `serverPerTest` gives every test a fresh server, for stories that stop it.
 */
export function e2eFixture(options: { serverPerTest?: boolean } = {}): E2eFixture {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const startHook = options.serverPerTest ? beforeEach : beforeAll;
  const stopHook = options.serverPerTest ? afterEach : afterAll;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  startHook(async () => {
    server = await startServer();
  });
  stopHook(async () => {
    await server?.dispose();
    server = undefined;
  });

  return {
    get server() {
      if (!server) throw new Error('the server is not running (did its start hook fail?)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running (did its start hook fail?)');
      return browser;
    },
  };
}

type RegistrationsUpdated = { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> };

/**
 * Fires the service worker's Background Sync event for `tag` through the DevTools protocol, as
 * Chromium would when the signal returns (Playwright's `setOffline(false)` does not). Pass `origin`
 * when `page` is not showing the app (the app closed, the worker still registered).
 */
export async function fireSyncEvent(page: Page, tag: string, origin = new URL(page.url()).origin): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const registration = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event: RegistrationsUpdated) => {
        const found = event.registrations.find((r) => !r.isDeleted && r.scopeURL.startsWith(origin));
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registration;
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId, tag, lastChance: false });
  } finally {
    await cdp.detach();
  }
}

/**
 * A case as the phone stores it, opened from the PIN alone with WebCrypto inside the page (PBKDF2 →
 * AES-KW unwrap of the data key → AES-GCM with "cases/<id>" as additional data; docs/security.md):
 * the clear fields with the sealed personal ones merged in. Null when there is no such case.
 */
export async function readCaseOnPhone(
  page: Page,
  caseId: string,
  pin: string = E2E_PIN,
): Promise<Record<string, unknown> | null> {
  return page.evaluate(
    async ({ id, pin: typed }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('daiban');
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('indexedDB.open failed'));
        };
      });
      const get = <T>(store: string, key: string) =>
        new Promise<T | undefined>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).get(key);
          request.onsuccess = () => {
            resolve(request.result as T | undefined);
          };
          request.onerror = () => {
            reject(request.error ?? new Error(`get ${store} failed`));
          };
        });
      const lock = await get<{ salt: ArrayBuffer; iterations: number; wrappedKey: ArrayBuffer }>('lock', 'current');
      const row = await get<Record<string, unknown> & { sealed?: ArrayBuffer }>('cases', id);
      db.close();
      if (!row) return null;
      if (!row.sealed || !lock) return row;
      const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(typed), 'PBKDF2', false, [
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
      const plain = await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: new Uint8Array(row.sealed, 0, 12),
          additionalData: new TextEncoder().encode(`cases/${id}`),
        },
        dataKey,
        new Uint8Array(row.sealed, 12),
      );
      const clear = Object.fromEntries(Object.entries(row).filter(([field]) => field !== 'sealed'));
      return { ...clear, ...(JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>) };
    },
    { id: caseId, pin },
  );
}
