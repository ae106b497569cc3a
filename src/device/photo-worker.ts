/**
 * The photo worker (a module Web Worker): one camera photo in, the JPEG we store out.
 *
 * What holds for every photo it accepts:
 * - the type is decided by magic bytes, and the size and orientation by the file header, before
 *   anything is decoded; oversized files and headers are refused up front;
 * - the full-resolution picture never reaches JavaScript: `createImageBitmap` hands back a bitmap
 *   already at the target size (long edge ≤ maxLongEdge, never upscaled) and upright per its EXIF
 *   orientation. (Chromium's decoder itself still holds the full frame for a moment — about 183 MB
 *   for 48 MP on desktop; see docs/benchmarks-photo.md);
 * - the output is a fresh canvas encode, so it carries no EXIF and no GPS; transparency lands on
 *   white, not black;
 * - `sha256` is computed over exactly the bytes handed back.
 *
 * Resize and orientation: Chromium 156 applies `resizeWidth`/`resizeHeight` after the orientation
 * (to the displayed picture; checked with an Orientation=6 JPEG and PNG). We pass only the one
 * along the displayed long edge and let the browser keep the aspect ratio, so a browser that
 * resizes before orienting, or ignores an orientation, can at worst return a bitmap that is too
 * big — never a distorted one — and the draw below scales that down.
 */
import { fitLongEdge, parseImageHeader, sniffImageFormat, type ImageHeader } from './image-header';
import {
  PHOTO_LIMITS,
  PhotoError,
  isPhotoRequest,
  type EncodedJpeg,
  type PhotoJobOptions,
  type PhotoResponse,
  type PhotoStage,
  type ProcessedPhoto,
} from './photo-messages';

/** First read; a phone JPEG's Exif segment and frame header are nearly always inside it. */
const FIRST_READ_BYTES = 64 * 1024;

const STAGE_FRACTION: Record<PhotoStage, number> = {
  reading: 0,
  decoding: 0.1,
  encoding: 0.6,
  hashing: 0.9,
  done: 1,
};

function post(message: PhotoResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, { transfer });
}

async function readPrefix(file: Blob, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, length).arrayBuffer());
}

async function readHeader(file: Blob): Promise<ImageHeader> {
  let bytes = await readPrefix(file, FIRST_READ_BYTES);
  if (sniffImageFormat(bytes) === null) {
    throw new PhotoError('PHOTO_NOT_IMAGE', 'The file is not a JPEG, PNG or WebP image');
  }
  if (file.size > PHOTO_LIMITS.maxInputBytes) {
    throw new PhotoError(
      'PHOTO_TOO_LARGE',
      `The file has ${file.size} bytes; the limit is ${PHOTO_LIMITS.maxInputBytes}`,
    );
  }
  for (;;) {
    const parsed = parseImageHeader(bytes);
    switch (parsed.status) {
      case 'ok':
        return parsed.header;
      case 'not-image':
        throw new PhotoError('PHOTO_NOT_IMAGE', 'The file is not a JPEG, PNG or WebP image');
      case 'corrupt':
        throw new PhotoError('PHOTO_CORRUPT', `Unreadable image header: ${parsed.reason}`);
      case 'need-more':
        if (bytes.length >= file.size) throw new PhotoError('PHOTO_CORRUPT', 'The image header is cut off');
        bytes = await readPrefix(file, Math.min(file.size, Math.max(parsed.bytes, bytes.length * 2)));
    }
  }
}

/** Decode options that resize along the displayed long edge only (see the header comment). */
function decodeOptions(header: ImageHeader, maxLongEdge: number): ImageBitmapOptions {
  const base: ImageBitmapOptions = { imageOrientation: 'from-image' };
  const target = fitLongEdge(header.displayWidth, header.displayHeight, maxLongEdge);
  if (target.width === header.displayWidth && target.height === header.displayHeight) return base;
  return header.displayWidth >= header.displayHeight
    ? { ...base, resizeWidth: target.width, resizeQuality: 'high' }
    : { ...base, resizeHeight: target.height, resizeQuality: 'high' };
}

async function decode(file: Blob, options: ImageBitmapOptions): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, options);
  } catch (error) {
    // Chromium rejects undecodable data with InvalidStateError "could not be decoded" and a bitmap
    // it cannot allocate with "could not be allocated"; only the latter is not the file's fault.
    const message = error instanceof Error ? error.message : String(error);
    if (/allocat|memory/i.test(message)) {
      throw new PhotoError('PHOTO_FAILED', `Not enough memory to decode: ${message}`, { cause: error });
    }
    throw new PhotoError('PHOTO_CORRUPT', `The image could not be decoded: ${message}`, { cause: error });
  }
}

/** Draws `source` scaled to width×height over white (an opaque canvas, so transparency is not black). */
function drawOnWhite(source: ImageBitmap | OffscreenCanvas, width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { alpha: false });
  if (context === null) throw new PhotoError('PHOTO_FAILED', 'No 2D canvas in this browser worker');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, width, height);
  return canvas;
}

/** Gives the canvas's pixel memory back now rather than at the next garbage collection. */
function release(canvas: OffscreenCanvas): void {
  canvas.width = 0;
  canvas.height = 0;
}

async function encodeJpeg(canvas: OffscreenCanvas, quality: number): Promise<EncodedJpeg> {
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  // Browsers fall back to PNG for a type they cannot encode (Safari does so for WebP): check.
  if (blob.type !== 'image/jpeg') throw new PhotoError('PHOTO_FAILED', `The encoder returned ${blob.type}, not JPEG`);
  const bytes = await blob.arrayBuffer();
  const head = new Uint8Array(bytes, 0, Math.min(3, bytes.byteLength));
  if (head[0] !== 0xff || head[1] !== 0xd8 || head[2] !== 0xff) {
    throw new PhotoError('PHOTO_FAILED', 'The encoder output is not a JPEG');
  }
  return { bytes, type: 'image/jpeg', width: canvas.width, height: canvas.height };
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function processPhoto(
  file: Blob,
  options: PhotoJobOptions,
  report: (stage: PhotoStage) => void,
): Promise<ProcessedPhoto> {
  report('reading');
  if (file.size === 0) throw new PhotoError('PHOTO_EMPTY', 'The file is empty');
  const header = await readHeader(file);
  if (header.width * header.height > PHOTO_LIMITS.maxInputPixels) {
    throw new PhotoError('PHOTO_TOO_LARGE', `The image has ${header.width}×${header.height} pixels`);
  }

  report('decoding');
  const bitmap = await decode(file, decodeOptions(header, options.maxLongEdge));
  let canvas: OffscreenCanvas;
  try {
    const size = fitLongEdge(bitmap.width, bitmap.height, options.maxLongEdge);
    canvas = drawOnWhite(bitmap, size.width, size.height);
  } finally {
    bitmap.close();
  }

  report('encoding');
  let main: EncodedJpeg;
  let thumbCanvas: OffscreenCanvas;
  try {
    main = await encodeJpeg(canvas, options.quality);
    const thumbSize = fitLongEdge(canvas.width, canvas.height, options.thumbnailLongEdge);
    thumbCanvas = drawOnWhite(canvas, thumbSize.width, thumbSize.height);
  } finally {
    release(canvas);
  }
  let thumbnail: EncodedJpeg;
  try {
    thumbnail = await encodeJpeg(thumbCanvas, options.thumbnailQuality);
  } finally {
    release(thumbCanvas);
  }

  report('hashing');
  const sha256 = await sha256Hex(main.bytes);
  return { ...main, size: main.bytes.byteLength, sha256, thumbnail };
}

async function handle(jobId: number, file: Blob, options: PhotoJobOptions): Promise<void> {
  const report = (stage: PhotoStage): void => {
    post({ kind: 'progress', jobId, stage, fraction: STAGE_FRACTION[stage] });
  };
  try {
    const photo = await processPhoto(file, options, report);
    report('done');
    post({ kind: 'done', jobId, photo }, [photo.bytes, photo.thumbnail.bytes]);
  } catch (error) {
    const failure =
      error instanceof PhotoError
        ? error
        : new PhotoError('PHOTO_FAILED', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    post({ kind: 'failed', jobId, code: failure.code, message: failure.message });
  }
}

self.addEventListener('message', (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isPhotoRequest(request)) return;
  if (request.kind === 'ping') {
    post({ kind: 'pong', pingId: request.pingId });
    return;
  }
  void handle(request.jobId, request.file, request.options);
});
