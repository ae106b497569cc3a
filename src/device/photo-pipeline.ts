/**
 * The main-thread side of the photo pipeline: `processPhoto` hands a camera photo to the photo
 * worker and resolves with the JPEG to store (DESIGN §4).
 *
 * Invariants:
 * - photos are processed strictly one at a time, in call order, in one long-lived worker: decoding
 *   a 48 MP photo needs most of a cheap phone's memory, so two at once would risk both;
 * - a worker that dies (out of memory, crash) or stops answering is thrown away: the photo it held
 *   rejects with PHOTO_FAILED and the next photo gets a fresh worker. A worker killed for memory
 *   sends no event at all, so liveness is checked with pings while a photo is in flight;
 * - every rejection is a PhotoError with a stable code.
 */
import {
  PHOTO_LIMITS,
  PhotoError,
  isPhotoResponse,
  type PhotoJobOptions,
  type PhotoRequest,
  type PhotoStage,
  type ProcessedPhoto,
} from './photo-messages';

export { PhotoError, PHOTO_LIMITS } from './photo-messages';
export type { EncodedJpeg, PhotoErrorCode, PhotoStage, ProcessedPhoto } from './photo-messages';

export type PhotoOptions = {
  /** Longest edge of the stored photo in pixels; smaller photos are not enlarged. Default 2000. */
  maxLongEdge?: number;
  /** JPEG quality, 0–1. Default 0.8. */
  quality?: number;
};

/** `fraction` is the share of the whole job done, 0–1, and never goes back. */
export type PhotoProgress = { stage: PhotoStage; fraction: number };

export type PhotoPipelineConfig = {
  /** Creates the worker; tests pass their own. Default: the module worker photo-worker.ts. */
  createWorker?: () => Worker;
  /** How often a busy worker is pinged. Default 2 s. */
  heartbeatMs?: number;
  /** An unanswered ping older than this (and a few heartbeats) means the worker is dead. Default 15 s. */
  silenceLimitMs?: number;
};

export type PhotoPipeline = {
  /** Queues one photo; see `processPhoto`. */
  process(file: Blob, options?: PhotoOptions, onProgress?: (progress: PhotoProgress) => void): Promise<ProcessedPhoto>;
  /** Stops the worker; the photo in flight and any later call reject with PHOTO_FAILED. */
  dispose(): void;
};

function createPhotoWorker(): Worker {
  return new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module', name: 'photo-worker' });
}

function jobOptions(options: PhotoOptions): PhotoJobOptions {
  const maxLongEdge = options.maxLongEdge ?? PHOTO_LIMITS.defaultMaxLongEdge;
  const quality = options.quality ?? PHOTO_LIMITS.defaultQuality;
  if (!Number.isInteger(maxLongEdge) || maxLongEdge < 1) {
    throw new RangeError(`maxLongEdge must be a positive integer, not ${maxLongEdge}`);
  }
  if (!(quality > 0 && quality <= 1)) throw new RangeError(`quality must be in (0, 1], not ${quality}`);
  return {
    maxLongEdge,
    quality,
    thumbnailLongEdge: PHOTO_LIMITS.thumbnailLongEdge,
    thumbnailQuality: PHOTO_LIMITS.thumbnailQuality,
  };
}

function describe(event: Event): string {
  return event instanceof ErrorEvent && event.message ? `: ${event.message}` : '';
}

/**
 * Creates a pipeline with its own worker and queue. The app uses the shared one behind
 * `processPhoto`; tests create their own to control the worker.
 */
export function createPhotoPipeline(config: PhotoPipelineConfig = {}): PhotoPipeline {
  const createWorker = config.createWorker ?? createPhotoWorker;
  const heartbeatMs = config.heartbeatMs ?? 2_000;
  const silenceLimitMs = config.silenceLimitMs ?? 15_000;
  // Ticks an unanswered ping must survive: a page frozen in the background wakes with a stale ping
  // whose answer is still queued behind the timer; one late tick must not condemn the worker.
  const silenceTicks = Math.max(2, Math.ceil(silenceLimitMs / heartbeatMs));

  let worker: Worker | null = null;
  let disposed = false;
  let nextJobId = 1;
  let nextPingId = 1;
  let queue: Promise<unknown> = Promise.resolve();
  let abortActive: ((reason: string) => void) | null = null;

  function run(file: Blob, options: PhotoJobOptions, onProgress?: (progress: PhotoProgress) => void) {
    return new Promise<ProcessedPhoto>((resolve, reject) => {
      if (disposed) {
        reject(new PhotoError('PHOTO_FAILED', 'The photo pipeline was disposed'));
        return;
      }
      let current: Worker;
      try {
        current = worker ?? createWorker();
      } catch (error) {
        reject(new PhotoError('PHOTO_FAILED', 'The photo worker could not be started', { cause: error }));
        return;
      }
      worker = current;
      const jobId = nextJobId++;
      let ping: { id: number; sentAt: number; ticks: number } | null = null;

      const finish = (): void => {
        clearInterval(timer);
        current.removeEventListener('message', onMessage);
        current.removeEventListener('error', onError);
        current.removeEventListener('messageerror', onMessageError);
        abortActive = null;
      };
      const fail = (reason: string, cause?: unknown): void => {
        finish();
        current.terminate();
        if (worker === current) worker = null;
        reject(new PhotoError('PHOTO_FAILED', reason, { cause }));
      };
      const onMessage = (event: MessageEvent<unknown>): void => {
        const message = event.data;
        if (!isPhotoResponse(message)) return;
        if (message.kind === 'pong') {
          if (ping?.id === message.pingId) ping = null;
          return;
        }
        if (message.jobId !== jobId) return;
        ping = null;
        switch (message.kind) {
          case 'progress':
            onProgress?.({ stage: message.stage, fraction: message.fraction });
            return;
          case 'done':
            finish();
            resolve(message.photo);
            return;
          case 'failed':
            finish();
            reject(new PhotoError(message.code, message.message));
            return;
        }
      };
      const onError = (event: Event): void => {
        event.preventDefault();
        fail(`The photo worker crashed${describe(event)}`, event);
      };
      const onMessageError = (event: Event): void => {
        fail('A message from the photo worker could not be read', event);
      };
      const heartbeat = (): void => {
        if (ping === null) {
          ping = { id: nextPingId++, sentAt: performance.now(), ticks: 0 };
          current.postMessage({ kind: 'ping', pingId: ping.id } satisfies PhotoRequest);
          return;
        }
        ping.ticks += 1;
        if (ping.ticks >= silenceTicks && performance.now() - ping.sentAt >= silenceLimitMs) {
          fail('The photo worker stopped answering (killed for memory?)');
        }
      };

      current.addEventListener('message', onMessage);
      current.addEventListener('error', onError);
      current.addEventListener('messageerror', onMessageError);
      const timer = setInterval(heartbeat, heartbeatMs);
      abortActive = fail;
      try {
        current.postMessage({ kind: 'process', jobId, file, options } satisfies PhotoRequest);
      } catch (error) {
        fail('The photo could not be sent to the photo worker', error);
      }
    });
  }

  return {
    process(file, options = {}, onProgress) {
      let prepared: PhotoJobOptions;
      try {
        prepared = jobOptions(options);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const job = queue.then(() => run(file, prepared, onProgress));
      queue = job.then(
        () => undefined,
        () => undefined,
      );
      return job;
    },
    dispose() {
      disposed = true;
      abortActive?.('The photo pipeline was disposed');
      worker?.terminate();
      worker = null;
    },
  };
}

let shared: PhotoPipeline | null = null;

/**
 * Compresses one photo for storage: decoded off the main thread at most `maxLongEdge` pixels on the
 * long edge (default 2000, upright per its EXIF orientation), re-encoded as JPEG (quality default
 * 0.8) without EXIF or GPS, hashed (SHA-256 of the returned bytes), with a 320 px thumbnail.
 * Calls are queued and run one at a time. Rejects with a PhotoError: PHOTO_EMPTY, PHOTO_NOT_IMAGE,
 * PHOTO_CORRUPT, PHOTO_TOO_LARGE (over 30 MiB or 200 MP) or PHOTO_FAILED (the device could not do it).
 */
export function processPhoto(
  file: Blob,
  options?: PhotoOptions,
  onProgress?: (progress: PhotoProgress) => void,
): Promise<ProcessedPhoto> {
  shared ??= createPhotoPipeline();
  return shared.process(file, options, onProgress);
}
