/**
 * The photo pipeline in real Chromium: a Vite dev server serves a small harness page
 * (test/e2e/photo-harness/) that runs the committed fixtures through `processPhoto` in the real
 * module worker. Stands alone: it does not need the app build or the server.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_CARD_MARKERS, REGISTER_MARKERS, launchChromium } from '../../scripts/make-fixtures';
import type { HarnessFailure, HarnessResult, HarnessSuccess, Region } from './photo-harness/main';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let server: ViteDevServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('./photo-harness/', import.meta.url)),
    publicDir: fileURLToPath(new URL('../fixtures/', import.meta.url)),
    // Own cache, no dependency discovery (the harness has no bare imports), no watching: nothing
    // may reload the page mid-test when someone saves a file or the app's dev server runs too.
    cacheDir: path.join(os.tmpdir(), 'daiban-photo-harness-vite'),
    optimizeDeps: { noDiscovery: true, include: [] },
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [repoRoot] }, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error('Vite did not report its URL');
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => {
    console.error('page error:', error);
  });
  await page.goto(url);
  await page.waitForFunction(() => 'photoHarness' in window);
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

async function processFixture(name: string, regions: Record<string, Region> = {}): Promise<HarnessResult> {
  return page.evaluate(({ name, regions }) => window.photoHarness.processFixture(name, regions), { name, regions });
}

function succeeded(result: HarnessResult): HarnessSuccess {
  if (!result.ok) throw new Error(`expected a processed photo, got ${result.code ?? result.name}: ${result.message}`);
  return result;
}

function failed(result: HarnessResult): HarnessFailure {
  if (result.ok) throw new Error(`expected a refusal, got a ${result.width}×${result.height} photo`);
  return result;
}

/** Markers of a JPEG's header segments, up to the start of scan (after it is entropy-coded data). */
function headerMarkers(jpeg: Uint8Array): { markers: number[]; headers: Uint8Array } {
  const markers: number[] = [];
  let pos = 2;
  while (pos + 4 <= jpeg.length && jpeg[pos] === 0xff) {
    const marker = jpeg[pos + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) break;
    pos += 2 + (((jpeg[pos + 2] ?? 0) << 8) | (jpeg[pos + 3] ?? 0));
  }
  return { markers, headers: jpeg.subarray(0, pos) };
}

async function fixtureBytes(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(`../fixtures/${name}`, import.meta.url)));
}

function nth(results: HarnessResult[], index: number): HarnessResult {
  const result = results[index];
  if (result === undefined) throw new Error(`no result #${index}`);
  return result;
}

const near = (actual: readonly number[], expected: readonly number[], tolerance: number): boolean =>
  actual.every((value, i) => Math.abs(value - (expected[i] ?? 0)) <= tolerance);

describe('an agent photographs an application form with a 12 MP phone camera', () => {
  let photo: HarnessSuccess;

  beforeAll(async () => {
    photo = succeeded(await processFixture('document-12mp.jpg'));
  });

  it('stores it at 2000 px on the long edge, as a JPEG of at most 400 KB', () => {
    expect(photo.type).toBe('image/jpeg');
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 2000, height: 1500 });
    expect(photo.decoded).toEqual({ width: 2000, height: 1500 });
    expect(photo.size).toBe(Buffer.from(photo.base64, 'base64').length);
    expect(photo.size).toBeLessThanOrEqual(400 * 1024);
    console.log(`12 MP form: 3.5 MB in, ${photo.size} bytes out (${photo.width}×${photo.height})`);
  });

  it('keeps a 320 px JPEG thumbnail for lists', () => {
    expect(photo.thumbnail).toMatchObject({ type: 'image/jpeg', width: 320, height: 240 });
    expect(photo.thumbnail).toMatchObject({ decodedWidth: 320, decodedHeight: 240 });
    expect(photo.thumbnail.size).toBeLessThan(40 * 1024);
  });

  it('drops the camera EXIF and the GPS position the phone wrote into the file', async () => {
    const input = headerMarkers(await fixtureBytes('document-12mp.jpg'));
    expect(input.markers).toContain(0xe1);
    const output = headerMarkers(new Uint8Array(Buffer.from(photo.base64, 'base64')));
    expect(output.markers).not.toContain(0xe1);
    expect(Buffer.from(output.headers).includes('Exif')).toBe(false);
  });

  it('hashes exactly the stored bytes (SHA-256, lowercase hex)', () => {
    const recomputed = createHash('sha256').update(Buffer.from(photo.base64, 'base64')).digest('hex');
    expect(photo.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(photo.sha256).toBe(recomputed);
  });

  it('reports each stage in order, ending with done', () => {
    expect(photo.progress.map((p) => p.stage)).toEqual(['reading', 'decoding', 'encoding', 'hashing', 'done']);
    const fractions = photo.progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('an ID card photographed with the phone held upright (stored landscape, EXIF Orientation 6)', () => {
  const m = ID_CARD_MARKERS;
  let photo: HarnessSuccess;

  beforeAll(async () => {
    photo = succeeded(
      await processFixture('id-card-exif-rotated.jpg', {
        top: { x0: 0.2, x1: 0.8, y0: 0.01, y1: m.topBand.toY - 0.015 },
        bottom: { x0: 0.2, x1: 0.8, y0: m.bottomBand.fromY + 0.015, y1: 0.99 },
        topLeft: {
          x0: m.topLeftSquare.x0 + 0.01,
          x1: m.topLeftSquare.x1 - 0.01,
          y0: m.topLeftSquare.y0 + 0.01,
          y1: m.topLeftSquare.y1 - 0.01,
        },
        topRightMirror: {
          x0: 1 - m.topLeftSquare.x1 + 0.01,
          x1: 1 - m.topLeftSquare.x0 - 0.01,
          y0: m.topLeftSquare.y0 + 0.01,
          y1: m.topLeftSquare.y1 - 0.01,
        },
      }),
    );
  });

  it('comes out portrait, resized without distortion to 1250×2000', () => {
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 1250, height: 2000 });
    expect(photo.decoded).toEqual({ width: 1250, height: 2000 });
    expect(photo.thumbnail).toMatchObject({ width: 200, height: 320 });
  });

  it('comes out upright: the blue band painted at the top is at the top, the green one at the bottom', () => {
    expect(near(photo.colours.top ?? [], m.topBand.color, 30)).toBe(true);
    expect(near(photo.colours.bottom ?? [], m.bottomBand.color, 30)).toBe(true);
  });

  it('is not mirrored: the red square is top left, not top right', () => {
    expect(near(photo.colours.topLeft ?? [], m.topLeftSquare.color, 30)).toBe(true);
    expect(near(photo.colours.topRightMirror ?? [], m.topLeftSquare.color, 100)).toBe(false);
  });

  it('carries no EXIF: the orientation is baked into the pixels and the GPS is gone', () => {
    const output = headerMarkers(new Uint8Array(Buffer.from(photo.base64, 'base64')));
    expect(output.markers).not.toContain(0xe1);
  });
});

describe('a household register scanned to PNG with transparent margins', () => {
  it('becomes a JPEG, 2000 px long, with the transparent margins white rather than black', async () => {
    const margin = REGISTER_MARKERS.transparentMargin / REGISTER_MARKERS.width;
    const photo = succeeded(
      await processFixture('household-register.png', {
        corner: { x0: 0, x1: margin * 0.6, y0: 0, y1: margin * 0.6 },
        leftMargin: { x0: 0, x1: margin * 0.6, y0: 0.3, y1: 0.7 },
      }),
    );
    expect(photo.type).toBe('image/jpeg');
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 1455, height: 2000 });
    expect(Buffer.from(photo.base64, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(near(photo.colours.corner ?? [], [255, 255, 255], 6)).toBe(true);
    expect(near(photo.colours.leftMargin ?? [], [255, 255, 255], 6)).toBe(true);
  });
});

describe('files that are not usable photos are refused with a stable code', () => {
  it('an empty file: PHOTO_EMPTY', async () => {
    expect(failed(await processFixture('empty.jpg'))).toMatchObject({ isPhotoError: true, code: 'PHOTO_EMPTY' });
  });

  it('a text file named .jpg: PHOTO_NOT_IMAGE, whatever its name and MIME type say', async () => {
    expect(failed(await processFixture('not-an-image.jpg'))).toMatchObject({
      isPhotoError: true,
      code: 'PHOTO_NOT_IMAGE',
    });
  });

  it('a JPEG whose header is fine but whose body is garbled: PHOTO_CORRUPT', async () => {
    expect(failed(await processFixture('corrupt.jpg'))).toMatchObject({ isPhotoError: true, code: 'PHOTO_CORRUPT' });
  });

  it('a file over 30 MiB: PHOTO_TOO_LARGE, refused before decoding', async () => {
    const result = failed(await page.evaluate(() => window.photoHarness.processOversized()));
    expect(result).toMatchObject({ isPhotoError: true, code: 'PHOTO_TOO_LARGE' });
  });

  it('a tiny PNG whose header claims 20000×20000 pixels: PHOTO_TOO_LARGE, never decoded', async () => {
    const ihdr = Buffer.alloc(25);
    ihdr.writeUInt32BE(13, 0);
    ihdr.write('IHDR', 4, 'latin1');
    ihdr.writeUInt32BE(20_000, 8);
    ihdr.writeUInt32BE(20_000, 12);
    ihdr.set([8, 6, 0, 0, 0], 16);
    const idat = Buffer.from([0, 0, 0, 0, 0x49, 0x44, 0x41, 0x54, 0, 0, 0, 0]);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, idat]);
    const result = await page.evaluate(
      (base64) => window.photoHarness.processBytes(base64, 'image/png'),
      png.toString('base64'),
    );
    expect(failed(result)).toMatchObject({ isPhotoError: true, code: 'PHOTO_TOO_LARGE' });
  });

  it('a refused file does not stop the next photo', async () => {
    const together = await page.evaluate(() =>
      window.photoHarness.processTogether(['corrupt.jpg', 'household-register.png']),
    );
    expect(failed(nth(together.results, 0)).code).toBe('PHOTO_CORRUPT');
    expect(succeeded(nth(together.results, 1)).type).toBe('image/jpeg');
  });
});

describe('several photos in a row', () => {
  it('photos sent together are processed one at a time, in the order they were sent', async () => {
    const names = ['household-register.png', 'document-12mp.jpg', 'id-card-exif-rotated.jpg'];
    const { events, results } = await page.evaluate((n) => window.photoHarness.processTogether(n), names);
    results.forEach(succeeded);
    const owners = events.map((event) => event.split(':')[0]);
    // Each photo's events form one unbroken run, and the runs come in call order.
    const runs = owners.filter((owner, i) => i === 0 || owner !== owners[i - 1]);
    expect(runs).toEqual(names);
    expect(events.filter((event) => event.endsWith(':settled'))).toEqual(names.map((name) => `${name}:settled`));
  });

  it('the page keeps drawing frames while a 12 MP photo is processed', async () => {
    const report = await page.evaluate(() => window.photoHarness.processWhileCountingFrames('document-12mp.jpg'));
    succeeded(report.result);
    console.log(
      `12 MP photo: ${Math.round(report.elapsedMs)} ms, ${report.frames} frames, longest frame gap ${Math.round(report.longestFrameGapMs)} ms`,
    );
    expect(report.frames).toBeGreaterThanOrEqual(Math.floor(report.elapsedMs / 100));
    expect(report.longestFrameGapMs).toBeLessThan(250);
  });
});

describe('when the photo worker dies (killed for memory on a cheap phone)', () => {
  it('the photo it held fails with PHOTO_FAILED and the next photo gets a fresh worker', async () => {
    const { results, workersCreated } = await page.evaluate(() =>
      window.photoHarness.processWithDyingWorker('document-12mp.jpg', 'id-card-exif-rotated.jpg'),
    );
    expect(failed(nth(results, 0))).toMatchObject({ isPhotoError: true, code: 'PHOTO_FAILED' });
    expect(succeeded(nth(results, 1))).toMatchObject({ width: 1250, height: 2000 });
    expect(workersCreated).toBe(2);
  });
});
