/**
 * Test harness page for the photo pipeline: exposes `window.photoHarness`, which runs fixtures
 * (served by Vite from test/fixtures/) through the real `processPhoto` and describes the outcome
 * in plain JSON for test/e2e/photo-pipeline.test.ts.
 */
import {
  PhotoError,
  createPhotoPipeline,
  processPhoto,
  type PhotoProgress,
  type ProcessedPhoto,
} from '../../../src/device/photo-pipeline';

/** A rectangle in fractions of the output's width and height. */
export type Region = { x0: number; y0: number; x1: number; y1: number };

export type HarnessSuccess = {
  ok: true;
  type: string;
  width: number;
  height: number;
  size: number;
  sha256: string;
  /** The stored bytes, base64. */
  base64: string;
  thumbnail: { type: string; width: number; height: number; size: number; decodedWidth: number; decodedHeight: number };
  /** The stored bytes decoded again by the browser. */
  decoded: { width: number; height: number };
  /** Mean RGB of each requested region of the decoded output. */
  colours: Record<string, [number, number, number]>;
  progress: PhotoProgress[];
};

export type HarnessFailure = {
  ok: false;
  isPhotoError: boolean;
  code: string | null;
  name: string;
  message: string;
};

export type HarnessResult = HarnessSuccess | HarnessFailure;

export type FrameReport = { result: HarnessResult; frames: number; elapsedMs: number; longestFrameGapMs: number };

export type PhotoHarness = {
  processFixture(name: string, regions?: Record<string, Region>): Promise<HarnessResult>;
  /** A JPEG header followed by 31 MiB of zeros. */
  processOversized(): Promise<HarnessResult>;
  /** Any bytes, given as base64. */
  processBytes(base64: string, type: string): Promise<HarnessResult>;
  processWhileCountingFrames(name: string): Promise<FrameReport>;
  /** Sends all fixtures at once; returns each progress event and settlement as "name:stage". */
  processTogether(names: string[]): Promise<{ events: string[]; results: HarnessResult[] }>;
  /** The first worker dies on its photo; reports both photos and how many workers were made. */
  processWithDyingWorker(first: string, second: string): Promise<{ results: HarnessResult[]; workersCreated: number }>;
};

declare global {
  // Global augmentation needs an interface: declaration merging is the only way to extend Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    photoHarness: PhotoHarness;
  }
}

async function fixture(name: string): Promise<Blob> {
  const response = await fetch(`/${name}`);
  if (!response.ok) throw new Error(`fixture ${name}: HTTP ${response.status}`);
  return response.blob();
}

function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function describeSuccess(
  photo: ProcessedPhoto,
  regions: Record<string, Region>,
  progress: PhotoProgress[],
): Promise<HarnessSuccess> {
  const bitmap = await createImageBitmap(new Blob([photo.bytes], { type: photo.type }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2d context');
  context.drawImage(bitmap, 0, 0);
  const colours: Record<string, [number, number, number]> = {};
  for (const [name, region] of Object.entries(regions)) {
    const x = Math.floor(region.x0 * bitmap.width);
    const y = Math.floor(region.y0 * bitmap.height);
    const w = Math.max(1, Math.floor((region.x1 - region.x0) * bitmap.width));
    const h = Math.max(1, Math.floor((region.y1 - region.y0) * bitmap.height));
    const data = context.getImageData(x, y, w, h).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) {
      sum[0] = (sum[0] ?? 0) + (data[i] ?? 0);
      sum[1] = (sum[1] ?? 0) + (data[i + 1] ?? 0);
      sum[2] = (sum[2] ?? 0) + (data[i + 2] ?? 0);
    }
    const n = data.length / 4;
    colours[name] = [Math.round((sum[0] ?? 0) / n), Math.round((sum[1] ?? 0) / n), Math.round((sum[2] ?? 0) / n)];
  }
  const decoded = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  const thumb = await createImageBitmap(new Blob([photo.thumbnail.bytes], { type: photo.thumbnail.type }));
  const thumbnail = {
    type: photo.thumbnail.type,
    width: photo.thumbnail.width,
    height: photo.thumbnail.height,
    size: photo.thumbnail.bytes.byteLength,
    decodedWidth: thumb.width,
    decodedHeight: thumb.height,
  };
  thumb.close();
  return {
    ok: true,
    type: photo.type,
    width: photo.width,
    height: photo.height,
    size: photo.size,
    sha256: photo.sha256,
    base64: toBase64(photo.bytes),
    thumbnail,
    decoded,
    colours,
    progress,
  };
}

function describeFailure(error: unknown): HarnessFailure {
  return {
    ok: false,
    isPhotoError: error instanceof PhotoError,
    code: error instanceof PhotoError ? error.code : null,
    name: error instanceof Error ? error.name : typeof error,
    message: error instanceof Error ? error.message : String(error),
  };
}

async function settle(
  job: (onProgress: (progress: PhotoProgress) => void) => Promise<ProcessedPhoto>,
  regions: Record<string, Region> = {},
): Promise<HarnessResult> {
  const progress: PhotoProgress[] = [];
  try {
    const photo = await job((p) => progress.push(p));
    return await describeSuccess(photo, regions, progress);
  } catch (error) {
    return describeFailure(error);
  }
}

window.photoHarness = {
  async processFixture(name, regions = {}) {
    const file = await fixture(name);
    return settle((onProgress) => processPhoto(file, {}, onProgress), regions);
  },

  async processOversized() {
    const head = (await fixture('document-12mp.jpg')).slice(0, 64 * 1024);
    const file = new Blob([head, new Uint8Array(31 * 1024 * 1024)], { type: 'image/jpeg' });
    return settle((onProgress) => processPhoto(file, {}, onProgress));
  },

  async processBytes(base64, type) {
    const file = new Blob([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], { type });
    return settle((onProgress) => processPhoto(file, {}, onProgress));
  },

  async processWhileCountingFrames(name) {
    const file = await fixture(name);
    let frames = 0;
    let longestFrameGapMs = 0;
    let last = performance.now();
    let counting = true;
    const tick = (now: number): void => {
      frames += 1;
      longestFrameGapMs = Math.max(longestFrameGapMs, now - last);
      last = now;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const started = performance.now();
    const result = await settle((onProgress) => processPhoto(file, {}, onProgress));
    const elapsedMs = performance.now() - started;
    counting = false;
    return { result, frames, elapsedMs, longestFrameGapMs };
  },

  async processTogether(names) {
    const files = await Promise.all(names.map(fixture));
    const events: string[] = [];
    const results = await Promise.all(
      files.map((file, i) => {
        const name = names[i] ?? String(i);
        return settle((onProgress) =>
          processPhoto(file, {}, (p) => {
            events.push(`${name}:${p.stage}`);
            onProgress(p);
          }).finally(() => events.push(`${name}:settled`)),
        );
      }),
    );
    return { events, results };
  },

  async processWithDyingWorker(first, second) {
    let workersCreated = 0;
    const pipeline = createPhotoPipeline({
      createWorker: () => {
        workersCreated += 1;
        return workersCreated === 1
          ? new Worker(new URL('./dying-worker.ts', import.meta.url), { type: 'module' })
          : new Worker(new URL('../../../src/device/photo-worker.ts', import.meta.url), { type: 'module' });
      },
      heartbeatMs: 100,
      silenceLimitMs: 500,
    });
    const [a, b] = await Promise.all([fixture(first), fixture(second)]);
    try {
      const results = await Promise.all([
        settle((onProgress) => pipeline.process(a, {}, onProgress)),
        settle((onProgress) => pipeline.process(b, {}, onProgress)),
      ]);
      return { results, workersCreated };
    } finally {
      pipeline.dispose();
    }
  },
};
