/**
 * The contract between the photo pipeline (main thread) and the photo worker: limits, error codes,
 * the processed photo, and the messages in both directions. Both sides check what they receive
 * with the guards below instead of trusting `MessageEvent.data`.
 */

/** Stable codes; never rename or reuse one (screens map them to zh-CN messages). */
export type PhotoErrorCode = 'PHOTO_EMPTY' | 'PHOTO_NOT_IMAGE' | 'PHOTO_CORRUPT' | 'PHOTO_TOO_LARGE' | 'PHOTO_FAILED';

/** Why a photo could not be processed. */
export class PhotoError extends Error {
  readonly code: PhotoErrorCode;

  constructor(code: PhotoErrorCode, message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'PhotoError';
    this.code = code;
  }
}

/** Stages in the order they happen; `fraction` in progress messages is the share of the whole job. */
export type PhotoStage = 'reading' | 'decoding' | 'encoding' | 'hashing' | 'done';

export const PHOTO_LIMITS = {
  /** Larger inputs are refused before anything is decoded. */
  maxInputBytes: 30 * 1024 * 1024,
  /** A header promising more pixels is refused (a 200 MP phone photo is 16320×12240). */
  maxInputPixels: 200_000_000,
  defaultMaxLongEdge: 2000,
  defaultQuality: 0.8,
  thumbnailLongEdge: 320,
  thumbnailQuality: 0.7,
} as const;

export type EncodedJpeg = { bytes: ArrayBuffer; type: 'image/jpeg'; width: number; height: number };

/** A photo ready to store: re-encoded JPEG without EXIF/GPS, its SHA-256 and a thumbnail. */
export type ProcessedPhoto = EncodedJpeg & {
  size: number;
  /** SHA-256 of `bytes`, lowercase hex. */
  sha256: string;
  thumbnail: EncodedJpeg;
};

export type PhotoJobOptions = {
  maxLongEdge: number;
  quality: number;
  thumbnailLongEdge: number;
  thumbnailQuality: number;
};

export type PhotoRequest =
  { kind: 'process'; jobId: number; file: Blob; options: PhotoJobOptions } | { kind: 'ping'; pingId: number };

export type PhotoResponse =
  | { kind: 'progress'; jobId: number; stage: PhotoStage; fraction: number }
  | { kind: 'done'; jobId: number; photo: ProcessedPhoto }
  | { kind: 'failed'; jobId: number; code: PhotoErrorCode; message: string }
  | { kind: 'pong'; pingId: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Narrows a message received by the worker. */
export function isPhotoRequest(value: unknown): value is PhotoRequest {
  if (!isRecord(value)) return false;
  if (value.kind === 'ping') return typeof value.pingId === 'number';
  return (
    value.kind === 'process' && typeof value.jobId === 'number' && value.file instanceof Blob && isRecord(value.options)
  );
}

/** Narrows a message received from the worker. */
export function isPhotoResponse(value: unknown): value is PhotoResponse {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'progress':
      return typeof value.jobId === 'number' && typeof value.stage === 'string' && typeof value.fraction === 'number';
    case 'done':
      return typeof value.jobId === 'number' && isRecord(value.photo) && value.photo.bytes instanceof ArrayBuffer;
    case 'failed':
      return typeof value.jobId === 'number' && typeof value.code === 'string' && typeof value.message === 'string';
    case 'pong':
      return typeof value.pingId === 'number';
    default:
      return false;
  }
}
