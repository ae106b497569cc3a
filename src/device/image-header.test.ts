import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fitLongEdge,
  parseImageHeader,
  readTiffOrientation,
  sniffImageFormat,
  type HeaderParse,
  type ImageHeader,
} from './image-header';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
}

/** Reads the header the way the worker does: a first prefix, then longer ones on request. */
function readLikeTheWorker(file: Uint8Array, firstRead: number): { result: HeaderParse; bytesRead: number } {
  let length = Math.min(file.length, firstRead);
  for (;;) {
    const result = parseImageHeader(file.subarray(0, length));
    if (result.status !== 'need-more' || length >= file.length) return { result, bytesRead: length };
    length = Math.min(file.length, Math.max(result.bytes, length * 2));
  }
}

function headerOf(result: HeaderParse): ImageHeader {
  if (result.status !== 'ok') throw new Error(`expected a header, got ${JSON.stringify(result)}`);
  return result.header;
}

function bytes(...parts: Array<number[] | string | Uint8Array>): Uint8Array {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? new TextEncoder().encode(part) : Uint8Array.from(part),
  );
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A TIFF body with one IFD0 entry: Orientation (SHORT) = value. */
function tiffWithOrientation(value: number, order: 'II' | 'MM'): Uint8Array {
  const tiff = new Uint8Array(26);
  const view = new DataView(tiff.buffer);
  const little = order === 'II';
  tiff.set(new TextEncoder().encode(order));
  view.setUint16(2, 42, little);
  view.setUint32(4, 8, little);
  view.setUint16(8, 1, little);
  view.setUint16(10, 0x0112, little);
  view.setUint16(12, 3, little);
  view.setUint32(14, 1, little);
  view.setUint16(18, value, little);
  return tiff;
}

function segment(marker: number, body: Uint8Array): Uint8Array {
  const length = body.length + 2;
  return bytes([0xff, marker, length >> 8, length & 0xff], body);
}

/** SOF0 for a baseline JPEG of width×height, 3 components. */
function sof0(width: number, height: number): Uint8Array {
  return segment(
    0xc0,
    bytes([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
  );
}

describe('a village agent photographs an application form (12 MP JPEG)', () => {
  const photo = fixture('document-12mp.jpg');

  it('is recognised as a JPEG by its first three bytes, whatever its name', () => {
    expect(sniffImageFormat(photo.subarray(0, 3))).toBe('jpeg');
  });

  it('gives its 4000×3000 size and upright orientation from the first 64 KiB, past the Exif segment with GPS', () => {
    const { result, bytesRead } = readLikeTheWorker(photo, 64 * 1024);
    expect(bytesRead).toBe(64 * 1024);
    expect(headerOf(result)).toEqual({
      format: 'jpeg',
      width: 4000,
      height: 3000,
      orientation: 1,
      displayWidth: 4000,
      displayHeight: 3000,
    });
  });
});

describe('an ID card shot with the phone held upright (EXIF Orientation 6)', () => {
  const photo = fixture('id-card-exif-rotated.jpg');

  it('stores landscape pixels but displays as a 2000×3200 portrait', () => {
    expect(headerOf(readLikeTheWorker(photo, 64 * 1024).result)).toEqual({
      format: 'jpeg',
      width: 3200,
      height: 2000,
      orientation: 6,
      displayWidth: 2000,
      displayHeight: 3200,
    });
  });

  it('asks for more bytes, never guesses, when the read stops inside the header', () => {
    for (let length = 3; length < 400; length += 1) {
      const result = parseImageHeader(photo.subarray(0, length));
      if (result.status === 'ok') {
        expect(result.header.orientation).toBe(6);
      } else {
        expect(result.status).toBe('need-more');
        if (result.status === 'need-more') expect(result.bytes).toBeGreaterThan(length);
      }
    }
  });

  it('still finds the header when the worker starts with a tiny first read', () => {
    expect(headerOf(readLikeTheWorker(photo, 16).result).displayHeight).toBe(3200);
  });
});

describe('a household register scanned to PNG', () => {
  const scan = fixture('household-register.png');

  it('gives its 1600×2200 size from the IHDR chunk', () => {
    expect(headerOf(readLikeTheWorker(scan, 64 * 1024).result)).toEqual({
      format: 'png',
      width: 1600,
      height: 2200,
      orientation: 1,
      displayWidth: 1600,
      displayHeight: 2200,
    });
  });

  it('honours an eXIf orientation before the image data, as Chromium does', () => {
    const exif = tiffWithOrientation(8, 'MM');
    const chunk = bytes([0, 0, 0, exif.length], 'eXIf', exif, [0, 0, 0, 0]);
    const rotated = bytes(scan.subarray(0, 33), chunk, scan.subarray(33));
    expect(headerOf(parseImageHeader(rotated))).toMatchObject({
      orientation: 8,
      displayWidth: 2200,
      displayHeight: 1600,
    });
  });

  it('is corrupt when the first chunk is not IHDR', () => {
    const broken = scan.slice(0, 64);
    broken.set(new TextEncoder().encode('IDAT'), 12);
    expect(parseImageHeader(broken).status).toBe('corrupt');
  });
});

describe('files that are not photos', () => {
  it('a text file named .jpg is not an image', () => {
    expect(parseImageHeader(fixture('not-an-image.jpg'))).toEqual({ status: 'not-image' });
  });

  it('an empty file is not an image', () => {
    expect(parseImageHeader(fixture('empty.jpg'))).toEqual({ status: 'not-image' });
  });

  it('a RIFF file that is not WebP (a WAV recording) is not an image', () => {
    expect(sniffImageFormat(bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt '))).toBeNull();
  });

  it('a garbled JPEG keeps a readable header: the decoder, not the header, must catch it', () => {
    expect(headerOf(parseImageHeader(fixture('corrupt.jpg')))).toMatchObject({ width: 3200, height: 2000 });
  });

  it('a JPEG whose scan starts before any frame header is corrupt', () => {
    const result = parseImageHeader(bytes([0xff, 0xd8], segment(0xdb, new Uint8Array(65)), [0xff, 0xda, 0, 8]));
    expect(result.status).toBe('corrupt');
  });
});

describe('EXIF orientation details', () => {
  it('reads both byte orders', () => {
    expect(readTiffOrientation(tiffWithOrientation(6, 'II'))).toBe(6);
    expect(readTiffOrientation(tiffWithOrientation(3, 'MM'))).toBe(3);
  });

  it('reads malformed or out-of-range EXIF as upright, as browsers do', () => {
    expect(readTiffOrientation(tiffWithOrientation(9, 'II'))).toBe(1);
    expect(readTiffOrientation(tiffWithOrientation(6, 'II').subarray(0, 12))).toBe(1);
    expect(readTiffOrientation(new TextEncoder().encode('XX*\0\0\0\0\0'))).toBe(1);
  });

  it('skips an XMP APP1 segment and reads the Exif one after it', () => {
    const jpeg = bytes(
      [0xff, 0xd8],
      segment(0xe1, bytes('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>')),
      segment(0xe1, bytes('Exif\0\0', tiffWithOrientation(8, 'II'))),
      [0xff, 0xff], // a fill byte before the next marker
      sof0(640, 480),
    );
    expect(headerOf(parseImageHeader(jpeg))).toMatchObject({ orientation: 8, displayWidth: 480, displayHeight: 640 });
  });

  it('reads the frame size of a progressive JPEG (SOF2)', () => {
    const progressive = sof0(1200, 900);
    progressive[1] = 0xc2;
    expect(headerOf(parseImageHeader(bytes([0xff, 0xd8], progressive)))).toMatchObject({ width: 1200, height: 900 });
  });
});

describe('WebP headers', () => {
  it('reads a lossy (VP8) WebP', () => {
    const webp = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64');
    expect(headerOf(parseImageHeader(new Uint8Array(webp)))).toMatchObject({ format: 'webp', width: 1, height: 1 });
  });

  it('reads a lossless (VP8L) WebP', () => {
    const webp = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
    expect(headerOf(parseImageHeader(new Uint8Array(webp)))).toMatchObject({ format: 'webp', width: 1, height: 1 });
  });

  it('reads the canvas size of an extended (VP8X) WebP and ignores its EXIF, as Chromium does', () => {
    const width = 4000 - 1;
    const height = 3000 - 1;
    const vp8x = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBP',
      'VP8X',
      [10, 0, 0, 0, 0x08, 0, 0, 0],
      [width & 0xff, (width >> 8) & 0xff, width >> 16, height & 0xff, (height >> 8) & 0xff, height >> 16],
    );
    expect(headerOf(parseImageHeader(vp8x))).toMatchObject({ width: 4000, height: 3000, orientation: 1 });
  });
});

describe('choosing the stored size', () => {
  it('brings the long edge down to the limit and keeps the aspect ratio', () => {
    expect(fitLongEdge(4000, 3000, 2000)).toEqual({ width: 2000, height: 1500 });
    expect(fitLongEdge(8000, 6000, 2000)).toEqual({ width: 2000, height: 1500 });
    expect(fitLongEdge(2000, 3200, 2000)).toEqual({ width: 1250, height: 2000 });
    expect(fitLongEdge(1600, 2200, 2000)).toEqual({ width: 1455, height: 2000 });
  });

  it('never enlarges a small photo', () => {
    expect(fitLongEdge(1280, 960, 2000)).toEqual({ width: 1280, height: 960 });
  });

  it('keeps at least one pixel on a very thin strip', () => {
    expect(fitLongEdge(10_000, 2, 2000)).toEqual({ width: 2000, height: 1 });
  });
});
