/**
 * Reads what the photo pipeline must know before decoding, from the first bytes of a file only:
 * the format (by magic bytes, never by name or MIME type), the stored pixel size, and the EXIF
 * orientation the browser will apply, so the displayed ("oriented") long edge is known and a 48 MP
 * photo can be decoded straight to its target size.
 *
 * Pure functions over bytes; the caller reads a prefix of the file and reads more when told
 * (`need-more`). Orientation is read where Chromium applies it with `imageOrientation: 'from-image'`:
 * JPEG APP1 Exif and PNG eXIf. WebP EXIF is not read, because Chromium ignores it when decoding
 * (checked in Chromium 156): a WebP is shown as stored.
 */

export type ImageFormat = 'jpeg' | 'png' | 'webp';

/** EXIF orientation 1–8; 5–8 swap width and height. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export type ImageHeader = {
  format: ImageFormat;
  /** Size of the stored pixels. */
  width: number;
  height: number;
  orientation: ExifOrientation;
  /** Size as displayed, after the orientation is applied. */
  displayWidth: number;
  displayHeight: number;
};

export type HeaderParse =
  | { status: 'ok'; header: ImageHeader }
  | { status: 'not-image' }
  /** Call again with at least `bytes` bytes from the start of the file (if the file has them). */
  | { status: 'need-more'; bytes: number }
  | { status: 'corrupt'; reason: string };

/** Bytes enough for the magic of every supported format. */
export const MAGIC_BYTES = 12;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function u16be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function u32be(bytes: Uint8Array, offset: number): number {
  return u16be(bytes, offset) * 0x10000 + u16be(bytes, offset + 2);
}

function u16le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function u24le(bytes: Uint8Array, offset: number): number {
  return u16le(bytes, offset) | ((bytes[offset + 2] ?? 0) << 16);
}

function u32le(bytes: Uint8Array, offset: number): number {
  return u16le(bytes, offset) + u16le(bytes, offset + 2) * 0x10000;
}

/**
 * Identifies a supported image by its magic bytes: JPEG `FF D8 FF`, PNG `89 50 4E 47`, WebP
 * `RIFF....WEBP`. Returns null for anything else, including files too short to tell.
 */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 4 && PNG_SIGNATURE.slice(0, 4).every((value, i) => bytes[i] === value)) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  return null;
}

/** Whether this orientation turns the picture a quarter turn, so width and height swap on display. */
export function swapsAxes(orientation: ExifOrientation): boolean {
  return orientation >= 5;
}

function asOrientation(value: number): ExifOrientation {
  switch (value) {
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
    case 8:
      return value;
    default:
      return 1;
  }
}

/**
 * Reads tag 0x0112 (Orientation) from IFD0 of a TIFF structure, the body of a JPEG "Exif" APP1
 * segment after its 6-byte prefix or of a PNG eXIf chunk. Anything malformed reads as 1 (as shown),
 * which is also what browsers do with EXIF they cannot read.
 */
export function readTiffOrientation(tiff: Uint8Array): ExifOrientation {
  if (tiff.length < 8) return 1;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  const u16 = (offset: number): number => (little ? u16le(tiff, offset) : u16be(tiff, offset));
  const u32 = (offset: number): number => (little ? u32le(tiff, offset) : u32be(tiff, offset));
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) !== 0x0112) continue;
    const type = u16(entry + 2);
    if (type !== 3) return 1;
    return asOrientation(u16(entry + 8));
  }
  return 1;
}

function headerOf(format: ImageFormat, width: number, height: number, orientation: ExifOrientation): HeaderParse {
  if (width <= 0 || height <= 0) return { status: 'corrupt', reason: `${format} header gives an empty size` };
  const swap = swapsAxes(orientation);
  return {
    status: 'ok',
    header: {
      format,
      width,
      height,
      orientation,
      displayWidth: swap ? height : width,
      displayHeight: swap ? width : height,
    },
  };
}

/** SOF markers that carry a frame size: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function parseJpeg(bytes: Uint8Array): HeaderParse {
  let orientation: ExifOrientation | null = null;
  let pos = 2;
  for (;;) {
    if (pos + 4 > bytes.length) return { status: 'need-more', bytes: pos + 4 };
    if (bytes[pos] !== 0xff) return { status: 'corrupt', reason: `JPEG: no marker at byte ${pos}` };
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1; // fill byte before a marker
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return { status: 'corrupt', reason: 'JPEG: no frame header' };
    const length = u16be(bytes, pos + 2);
    if (length < 2) return { status: 'corrupt', reason: `JPEG: bad segment length at byte ${pos}` };
    const end = pos + 2 + length;
    if (isStartOfFrame(marker)) {
      if (pos + 9 > bytes.length) return { status: 'need-more', bytes: pos + 9 };
      const height = u16be(bytes, pos + 5);
      const width = u16be(bytes, pos + 7);
      return headerOf('jpeg', width, height, orientation ?? 1);
    }
    if (marker === 0xe1 && orientation === null && length >= 8) {
      if (pos + 10 > bytes.length) return { status: 'need-more', bytes: pos + 10 };
      if (ascii(bytes, pos + 4, 6) === 'Exif\0\0') {
        if (end > bytes.length) return { status: 'need-more', bytes: end };
        orientation = readTiffOrientation(bytes.subarray(pos + 10, end));
      }
    }
    pos = end;
  }
}

function parsePng(bytes: Uint8Array): HeaderParse {
  if (bytes.length < 33) return { status: 'need-more', bytes: 33 };
  if (!PNG_SIGNATURE.every((value, i) => bytes[i] === value))
    return { status: 'corrupt', reason: 'PNG: bad signature' };
  if (u32be(bytes, 8) !== 13 || ascii(bytes, 12, 4) !== 'IHDR') {
    return { status: 'corrupt', reason: 'PNG: first chunk is not IHDR' };
  }
  const width = u32be(bytes, 16);
  const height = u32be(bytes, 20);
  // eXIf must come before the first IDAT; walk the chunks up to there.
  let pos = 33;
  for (;;) {
    if (pos + 8 > bytes.length) return { status: 'need-more', bytes: pos + 8 };
    const length = u32be(bytes, pos);
    const type = ascii(bytes, pos + 4, 4);
    if (type === 'IDAT' || type === 'IEND') return headerOf('png', width, height, 1);
    const end = pos + 12 + length;
    if (type === 'eXIf') {
      if (end > bytes.length) return { status: 'need-more', bytes: end };
      return headerOf('png', width, height, readTiffOrientation(bytes.subarray(pos + 8, pos + 8 + length)));
    }
    pos = end;
  }
}

function parseWebp(bytes: Uint8Array): HeaderParse {
  if (bytes.length < 30) return { status: 'need-more', bytes: 30 };
  const chunk = ascii(bytes, 12, 4);
  const data = 20;
  switch (chunk) {
    case 'VP8 ': {
      // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
      if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) {
        return { status: 'corrupt', reason: 'WebP: bad VP8 start code' };
      }
      return headerOf('webp', u16le(bytes, data + 6) & 0x3fff, u16le(bytes, data + 8) & 0x3fff, 1);
    }
    case 'VP8L': {
      if (bytes[data] !== 0x2f) return { status: 'corrupt', reason: 'WebP: bad VP8L signature' };
      const bits = u32le(bytes, data + 1);
      return headerOf('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1, 1);
    }
    case 'VP8X':
      return headerOf('webp', u24le(bytes, data + 4) + 1, u24le(bytes, data + 7) + 1, 1);
    default:
      return { status: 'corrupt', reason: `WebP: unknown first chunk ${JSON.stringify(chunk)}` };
  }
}

/**
 * Reads format, stored size and EXIF orientation from the start of an image file without decoding it.
 * `bytes` is a prefix of the file, at least MAGIC_BYTES long unless the file is shorter; on
 * `need-more`, call again with a longer prefix, and treat the file as corrupt if it has no more bytes.
 */
export function parseImageHeader(bytes: Uint8Array): HeaderParse {
  const format = sniffImageFormat(bytes);
  if (format === null) return { status: 'not-image' };
  switch (format) {
    case 'jpeg':
      return parseJpeg(bytes);
    case 'png':
      return parsePng(bytes);
    case 'webp':
      return parseWebp(bytes);
  }
}

/**
 * The size that fits `width`×`height` inside a `maxLongEdge` square keeping the aspect ratio; never
 * larger than the input (no upscaling), never smaller than 1 pixel.
 */
export function fitLongEdge(width: number, height: number, maxLongEdge: number): { width: number; height: number } {
  const longEdge = Math.max(width, height);
  if (longEdge <= maxLongEdge) return { width, height };
  const scale = maxLongEdge / longEdge;
  return {
    width: width >= height ? maxLongEdge : Math.max(1, Math.round(width * scale)),
    height: height > width ? maxLongEdge : Math.max(1, Math.round(height * scale)),
  };
}
