/**
 * Benchmark page: runs one photo through our pipeline or through browser-image-compression with
 * the same target, and reports time, output and how much the main thread was blocked. Built by
 * Vite (production mode) and served by `vite preview` from bench/photo/run.ts.
 */
import imageCompression from 'browser-image-compression';
import { processPhoto } from '../../../src/device/photo-pipeline';

/**
 * `bic-worker`: browser-image-compression in its Web Worker, its script self-hosted (`libURL`).
 * `bic-default-offline`: its default `libURL` (a CDN) with no network, as on a phone without
 * signal: the worker cannot load the library and it silently falls back to the main thread.
 */
export type Library = 'ours' | 'bic-worker' | 'bic-default-offline';

export type BenchRun = {
  ms: number;
  bytes: number;
  width: number;
  height: number;
  type: string;
  /** SHA-256 of the output, to tell whether two libraries produced the same bytes. */
  sha256: string;
  /** Longest main-thread task (Long Tasks API, tasks over 50 ms), 0 if none. */
  longestTaskMs: number;
  /** Sum of main-thread long tasks. */
  longTasksMs: number;
  /** Longest gap between animation frames. */
  longestFrameGapMs: number;
};

export type PhotoBench = {
  run(library: Library, photoUrl: string): Promise<BenchRun>;
};

declare global {
  // Global augmentation needs an interface: declaration merging is the only way to extend Window.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    photoBench: PhotoBench;
  }
}

const TARGET = { maxLongEdge: 2000, quality: 0.8 } as const;

async function compress(library: Library, file: File): Promise<Blob> {
  if (library === 'ours') {
    const photo = await processPhoto(file, TARGET);
    return new Blob([photo.bytes], { type: photo.type });
  }
  const options = {
    maxWidthOrHeight: TARGET.maxLongEdge,
    initialQuality: TARGET.quality,
    fileType: 'image/jpeg',
    useWebWorker: true,
  };
  if (library === 'bic-default-offline') return imageCompression(file, options);
  return imageCompression(file, {
    ...options,
    // Self-hosted: the default loads the library into its worker from a CDN, which fails offline.
    // The worker is made from a blob: URL, so the address must be absolute.
    libURL: new URL('/browser-image-compression.js', location.href).href,
  });
}

window.photoBench = {
  async run(library, photoUrl) {
    const response = await fetch(photoUrl);
    const file = new File([await response.blob()], photoUrl.split('/').pop() ?? 'photo.jpg', {
      type: 'image/jpeg',
      lastModified: 0,
    });

    let longestTaskMs = 0;
    let longTasksMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longestTaskMs = Math.max(longestTaskMs, entry.duration);
        longTasksMs += entry.duration;
      }
    });
    observer.observe({ type: 'longtask', buffered: false });
    let longestFrameGapMs = 0;
    let lastFrame = performance.now();
    let counting = true;
    const frame = (now: number): void => {
      longestFrameGapMs = Math.max(longestFrameGapMs, now - lastFrame);
      lastFrame = now;
      if (counting) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);

    const started = performance.now();
    const output = await compress(library, file);
    const ms = performance.now() - started;
    counting = false;
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const entry of observer.takeRecords()) {
      longestTaskMs = Math.max(longestTaskMs, entry.duration);
      longTasksMs += entry.duration;
    }
    observer.disconnect();

    const bitmap = await createImageBitmap(output);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await output.arrayBuffer()));
    const result = {
      sha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join(''),
      ms,
      bytes: output.size,
      width: bitmap.width,
      height: bitmap.height,
      type: output.type,
      longestTaskMs,
      longTasksMs,
      longestFrameGapMs,
    };
    bitmap.close();
    return result;
  },
};
