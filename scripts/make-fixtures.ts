/**
 * Generates the photo fixtures in test/fixtures/ (see its README.md) with headless Chromium.
 *
 * Run after changing a fixture: `npx tsx scripts/make-fixtures.ts`. The files are committed, so
 * tests never need this script; the benchmark imports `makeDocumentPhoto` to paint its 48 MP photo
 * at run time. Everything is painted on a canvas from a seeded random generator, so a rerun on the
 * same Chromium gives the same pixels. EXIF (orientation, camera, GPS) is written by hand below —
 * no exiftool needed — and each file is checked against Chromium's own decoder before it is saved.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type JSHandle, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Launches the system Chromium the project's scripts and tests use, with any extra switches. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`; Playwright
 * sends a function's source text to the page, where `__name` does not exist (privatenumber/tsx#113).
 * Define it in the page before evaluating our painters.
 */
export async function defineEsbuildNameHelper(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name = (fn) => fn');
}

// ---------------------------------------------------------------------------------------------
// EXIF (TIFF) writer: IFD0 with camera, orientation and date, and a GPS IFD.

export type ExifTags = {
  orientation: number;
  make: string;
  model: string;
  /** "YYYY:MM:DD HH:MM:SS" */
  dateTime: string;
  /** Degrees; north and east positive. */
  gps?: { latitude: number; longitude: number };
};

type IfdValue =
  | { type: 'ascii'; text: string }
  | { type: 'byte'; values: number[] }
  | { type: 'short'; values: number[] }
  | { type: 'long'; values: number[] }
  | { type: 'rational'; values: Array<[number, number]> };

type IfdEntry = { tag: number; value: IfdValue };

const TYPE_CODE = { byte: 1, ascii: 2, short: 3, long: 4, rational: 5 } as const;

function valueBytes(value: IfdValue): { count: number; bytes: Uint8Array } {
  switch (value.type) {
    case 'ascii': {
      const bytes = new TextEncoder().encode(`${value.text}\0`);
      return { count: bytes.length, bytes };
    }
    case 'byte':
      return { count: value.values.length, bytes: Uint8Array.from(value.values) };
    case 'short': {
      const bytes = new Uint8Array(value.values.length * 2);
      const view = new DataView(bytes.buffer);
      value.values.forEach((v, i) => {
        view.setUint16(i * 2, v, true);
      });
      return { count: value.values.length, bytes };
    }
    case 'long': {
      const bytes = new Uint8Array(value.values.length * 4);
      const view = new DataView(bytes.buffer);
      value.values.forEach((v, i) => {
        view.setUint32(i * 4, v, true);
      });
      return { count: value.values.length, bytes };
    }
    case 'rational': {
      const bytes = new Uint8Array(value.values.length * 8);
      const view = new DataView(bytes.buffer);
      value.values.forEach(([numerator, denominator], i) => {
        view.setUint32(i * 8, numerator, true);
        view.setUint32(i * 8 + 4, denominator, true);
      });
      return { count: value.values.length, bytes };
    }
  }
}

/** Size of an IFD with its out-of-line data. */
function ifdSize(entries: IfdEntry[]): number {
  const data = entries.reduce((sum, entry) => {
    const { bytes } = valueBytes(entry.value);
    return sum + (bytes.length > 4 ? bytes.length + (bytes.length % 2) : 0);
  }, 0);
  return 2 + entries.length * 12 + 4 + data;
}

/** Writes an IFD (entries sorted by tag) at `offset` of a little-endian TIFF. */
function writeIfd(tiff: DataView, offset: number, entries: IfdEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  tiff.setUint16(offset, sorted.length, true);
  let data = offset + 2 + sorted.length * 12 + 4;
  sorted.forEach((entry, i) => {
    const at = offset + 2 + i * 12;
    const { count, bytes } = valueBytes(entry.value);
    tiff.setUint16(at, entry.tag, true);
    tiff.setUint16(at + 2, TYPE_CODE[entry.value.type], true);
    tiff.setUint32(at + 4, count, true);
    const target = bytes.length > 4 ? data : at + 8;
    if (bytes.length > 4) {
      tiff.setUint32(at + 8, data, true);
      data += bytes.length + (bytes.length % 2);
    }
    bytes.forEach((byte, j) => {
      tiff.setUint8(target + j, byte);
    });
  });
  tiff.setUint32(offset + 2 + sorted.length * 12, 0, true);
}

function degreesToRationals(degrees: number): Array<[number, number]> {
  const abs = Math.abs(degrees);
  const whole = Math.floor(abs);
  const minutes = Math.floor((abs - whole) * 60);
  const seconds = Math.round(((abs - whole) * 60 - minutes) * 60 * 1000);
  return [
    [whole, 1],
    [minutes, 1],
    [seconds, 1000],
  ];
}

/** Builds a JPEG APP1 "Exif" segment (marker included) holding the given tags. */
export function buildExifApp1(tags: ExifTags): Uint8Array {
  const gpsEntries: IfdEntry[] = tags.gps
    ? [
        { tag: 0x0000, value: { type: 'byte', values: [2, 3, 0, 0] } },
        { tag: 0x0001, value: { type: 'ascii', text: tags.gps.latitude >= 0 ? 'N' : 'S' } },
        { tag: 0x0002, value: { type: 'rational', values: degreesToRationals(tags.gps.latitude) } },
        { tag: 0x0003, value: { type: 'ascii', text: tags.gps.longitude >= 0 ? 'E' : 'W' } },
        { tag: 0x0004, value: { type: 'rational', values: degreesToRationals(tags.gps.longitude) } },
      ]
    : [];
  const ifd0: IfdEntry[] = [
    { tag: 0x010f, value: { type: 'ascii', text: tags.make } },
    { tag: 0x0110, value: { type: 'ascii', text: tags.model } },
    { tag: 0x0112, value: { type: 'short', values: [tags.orientation] } },
    { tag: 0x011a, value: { type: 'rational', values: [[72, 1]] } },
    { tag: 0x011b, value: { type: 'rational', values: [[72, 1]] } },
    { tag: 0x0128, value: { type: 'short', values: [2] } },
    { tag: 0x0132, value: { type: 'ascii', text: tags.dateTime } },
    { tag: 0x0213, value: { type: 'short', values: [1] } },
  ];
  const gpsPointer = { type: 'long' as const, values: [0] };
  if (gpsEntries.length > 0) ifd0.push({ tag: 0x8825, value: gpsPointer });
  const gpsAt = 8 + ifdSize(ifd0);
  gpsPointer.values[0] = gpsAt;
  const tiffLength = gpsAt + (gpsEntries.length > 0 ? ifdSize(gpsEntries) : 0);
  const tiff = new Uint8Array(tiffLength);
  const view = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 0x2a, 0x00]);
  view.setUint32(4, 8, true);
  writeIfd(view, 8, ifd0);
  if (gpsEntries.length > 0) writeIfd(view, gpsAt, gpsEntries);

  const segment = new Uint8Array(4 + 6 + tiff.length);
  segment.set([0xff, 0xe1, ((segment.length - 2) >> 8) & 0xff, (segment.length - 2) & 0xff]);
  segment.set(new TextEncoder().encode('Exif\0\0'), 4);
  segment.set(tiff, 10);
  return segment;
}

/** Puts an APP1 segment right after SOI, replacing a JFIF APP0 as a phone camera's file has none. */
export function withApp1(jpeg: Uint8Array, app1: Uint8Array): Uint8Array {
  let rest = jpeg.subarray(2);
  if (rest[0] === 0xff && rest[1] === 0xe0) rest = rest.subarray(2 + (((rest[2] ?? 0) << 8) | (rest[3] ?? 0)));
  const out = new Uint8Array(2 + app1.length + rest.length);
  out.set([0xff, 0xd8]);
  out.set(app1, 2);
  out.set(rest, 2 + app1.length);
  return out;
}

/** Copies a Blob living in the page into Node. */
async function bytesOf(blob: JSHandle<Blob>): Promise<Uint8Array> {
  const base64 = await blob.evaluate(
    (b) =>
      new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => {
          const url = reader.result;
          if (typeof url === 'string') resolve(url.replace(/^data:[^,]*,/, ''));
          else reject(new Error('FileReader gave no data URL'));
        };
        reader.onerror = () => {
          reject(new Error('FileReader failed'));
        };
        reader.readAsDataURL(b);
      }),
  );
  await blob.dispose();
  return Buffer.from(base64, 'base64');
}

// ---------------------------------------------------------------------------------------------
// Painters. Each runs inside the page (no closures over this module) and leaves a Blob there.

type PaintRequest = { width: number; height: number; seed: number; quality: number; noise: number };

/**
 * Paints a landscape photo of an application form lying on a desk — table, Chinese text, red stamp,
 * uneven light, slight blur and sensor noise — and returns it as JPEG bytes (no EXIF).
 */
export async function paintDocumentPhoto(page: Page, request: PaintRequest): Promise<Uint8Array> {
  const blob = await page.evaluateHandle(async ({ width, height, seed, quality, noise }: PaintRequest) => {
    let state = seed >>> 0;
    const random = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const s = width / 4000;
    const font = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';

    // The paper, drawn flat, later placed on the desk slightly turned.
    const paperW = Math.round(3500 * s);
    const paperH = Math.round(2560 * s);
    const paper = new OffscreenCanvas(paperW, paperH);
    const p = paper.getContext('2d');
    if (p === null) throw new Error('no 2d context');
    p.fillStyle = '#f7f5ef';
    p.fillRect(0, 0, paperW, paperH);
    p.fillStyle = '#1b1b1b';
    p.textBaseline = 'middle';
    p.textAlign = 'center';
    p.font = `bold ${Math.round(96 * s)}px ${font}`;
    p.fillText('城乡居民基本养老保险参保登记表', paperW / 2, 150 * s);
    p.font = `${Math.round(40 * s)}px ${font}`;
    p.fillText('（村级代办 · 示范镇便民服务中心受理）        编号：DB-2026-000123', paperW / 2, 250 * s);

    const left = 170 * s;
    const top = 330 * s;
    const cols = [0, 420, 1180, 1560, 2160, 2540, 3160].map((x) => left + x * s);
    const rowH = 150 * s;
    const rows: string[][] = [
      ['姓名', '张建国', '性别', '男', '民族', '汉'],
      ['公民身份号码', '1101 0519 4912 3100 2X', '出生日期', '1949年12月31日', '文化程度', '初中'],
      ['户籍地址', '示范县示范镇东坡村三组18号', '', '', '联系电话', '139 **** 0011'],
      ['参保类型', '☑ 城乡居民养老保险   ☐ 被征地农民', '', '', '缴费档次', '每年 300 元'],
      ['代缴银行', '示范县农村商业银行 东坡分理处', '', '', '账号', '6230 **** **** 5566'],
    ];
    p.lineWidth = 4 * s;
    p.strokeStyle = '#222';
    const right = cols[cols.length - 1] ?? 0;
    for (let r = 0; r <= rows.length; r++) {
      p.beginPath();
      p.moveTo(left, top + r * rowH);
      p.lineTo(right, top + r * rowH);
      p.stroke();
    }
    rows.forEach((row, r) => {
      const y = top + r * rowH;
      const merged = row[2] === '';
      cols.forEach((x, c) => {
        if (merged && (c === 2 || c === 3)) return;
        p.beginPath();
        p.moveTo(x, y);
        p.lineTo(x, y + rowH);
        p.stroke();
      });
      row.forEach((text, c) => {
        if (text === '') return;
        const x0 = cols[c] ?? 0;
        const x1 = merged && c === 1 ? (cols[4] ?? 0) : (cols[c + 1] ?? 0);
        p.font = `${c % 2 === 0 ? 'bold ' : ''}${Math.round(50 * s)}px ${font}`;
        p.fillStyle = c % 2 === 0 ? '#1b1b1b' : '#1a2f7a';
        p.fillText(text, (x0 + x1) / 2, y + rowH / 2, x1 - x0 - 30 * s);
      });
    });

    const para = [
      '申请事项：本人自愿参加城乡居民基本养老保险，委托本村代办员代为办理参保登记，',
      '并承诺所填信息及所附户口簿、居民身份证复印件真实有效。如有虚假，愿承担相应责任。',
      '附件：1. 居民身份证正反面；2. 户口簿首页及本人页；3. 银行卡复印件。',
    ];
    p.textAlign = 'left';
    p.fillStyle = '#1b1b1b';
    p.font = `${Math.round(48 * s)}px ${font}`;
    para.forEach((line, i) => {
      p.fillText(line, left, top + rows.length * rowH + (130 + i * 95) * s);
    });
    p.font = `${Math.round(52 * s)}px ${font}`;
    const signY = top + rows.length * rowH + 520 * s;
    p.fillText('申请人（签字）：', left, signY);
    p.fillText('代办员：李  娜', left + 1350 * s, signY);
    p.fillText('2026 年 11 月 25 日', left + 2450 * s, signY);
    p.strokeStyle = '#0d1a5c';
    p.lineWidth = 7 * s;
    p.beginPath();
    p.moveTo(left + 420 * s, signY + 10 * s);
    p.bezierCurveTo(left + 520 * s, signY - 70 * s, left + 600 * s, signY + 60 * s, left + 700 * s, signY - 20 * s);
    p.bezierCurveTo(left + 760 * s, signY - 60 * s, left + 820 * s, signY + 40 * s, left + 930 * s, signY - 10 * s);
    p.stroke();

    // Opinion boxes: the village committee's (stamped) and the township's (blank, for the clerk).
    const boxTop = signY + 260 * s;
    const boxBottom = paperH - 130 * s;
    const mid = (left + right) / 2;
    p.lineWidth = 4 * s;
    p.strokeStyle = '#222';
    p.strokeRect(left, boxTop, right - left, boxBottom - boxTop);
    p.beginPath();
    p.moveTo(mid, boxTop);
    p.lineTo(mid, boxBottom);
    p.stroke();
    p.font = `bold ${Math.round(50 * s)}px ${font}`;
    p.fillText('村（居）民委员会意见：', left + 40 * s, boxTop + 90 * s);
    p.fillText('乡镇（街道）便民服务中心审核意见：', mid + 40 * s, boxTop + 90 * s);
    p.font = `${Math.round(46 * s)}px ${font}`;
    p.fillStyle = '#1a2f7a';
    p.fillText('经核实，申请人户籍及身份信息属实，', left + 80 * s, boxTop + 200 * s);
    p.fillText('同意上报。', left + 80 * s, boxTop + 280 * s);
    p.fillStyle = '#1b1b1b';
    p.fillText('经办人：王  强          2026 年 11 月 24 日', left + 40 * s, boxBottom - 70 * s);
    p.fillText('审核人：__________     ____ 年 ___ 月 ___ 日', mid + 40 * s, boxBottom - 70 * s);

    // A round red stamp with text around a star, a little see-through like real ink.
    const cx = left + 1150 * s;
    const cy = boxTop + 330 * s;
    const radius = 230 * s;
    p.save();
    p.globalAlpha = 0.78;
    p.globalCompositeOperation = 'multiply';
    p.strokeStyle = '#d2141e';
    p.fillStyle = '#d2141e';
    p.lineWidth = 16 * s;
    p.beginPath();
    p.arc(cx, cy, radius, 0, Math.PI * 2);
    p.stroke();
    p.beginPath();
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 === 0 ? 80 * s : 32 * s;
      p.lineTo(cx + rr * Math.cos(a), cy + rr * Math.sin(a));
    }
    p.closePath();
    p.fill();
    const ring = '示范县示范镇人民政府便民服务中心';
    p.font = `bold ${Math.round(46 * s)}px ${font}`;
    p.textAlign = 'center';
    Array.from(ring).forEach((ch, i) => {
      const a = ((-210 + (240 * i) / (ring.length - 1)) * Math.PI) / 180;
      p.save();
      p.translate(cx + (radius - 60 * s) * Math.cos(a), cy + (radius - 60 * s) * Math.sin(a));
      p.rotate(a + Math.PI / 2);
      p.fillText(ch, 0, 0);
      p.restore();
    });
    p.font = `bold ${Math.round(44 * s)}px ${font}`;
    p.fillText('业务专用章', cx, cy + 150 * s);
    p.restore();

    // The desk, the paper on it with a shadow and a slight turn, a little out of focus.
    const canvas = new OffscreenCanvas(width, height);
    const c = canvas.getContext('2d', { alpha: false });
    if (c === null) throw new Error('no 2d context');
    const desk = c.createLinearGradient(0, 0, width, height);
    desk.addColorStop(0, '#7b5a3c');
    desk.addColorStop(1, '#5a3f28');
    c.fillStyle = desk;
    c.fillRect(0, 0, width, height);
    c.globalAlpha = 0.08;
    for (let i = 0; i < 160; i++) {
      c.fillStyle = random() < 0.5 ? '#2d1d10' : '#a07850';
      c.fillRect(0, random() * height, width, (2 + random() * 10) * s);
    }
    c.globalAlpha = 1;
    c.save();
    c.translate(width / 2, height / 2);
    c.rotate(-0.018);
    c.shadowColor = 'rgba(0,0,0,0.45)';
    c.shadowBlur = 60 * s;
    c.shadowOffsetX = 18 * s;
    c.shadowOffsetY = 26 * s;
    c.filter = `blur(${(0.9 * s).toFixed(2)}px)`;
    c.drawImage(paper, -paperW / 2, -paperH / 2);
    c.restore();
    const light = c.createRadialGradient(width * 0.3, height * 0.25, 0, width * 0.5, height * 0.5, width * 0.75);
    light.addColorStop(0, 'rgba(255,250,235,0.10)');
    light.addColorStop(0.6, 'rgba(0,0,0,0)');
    light.addColorStop(1, 'rgba(0,0,0,0.30)');
    c.fillStyle = light;
    c.fillRect(0, 0, width, height);

    // Sensor noise, in strips so a 48 MP picture never needs one 192 MB ImageData.
    const strip = 256;
    for (let y = 0; y < height; y += strip) {
      const h = Math.min(strip, height - y);
      const image = c.getImageData(0, y, width, h);
      const data = image.data;
      for (let i = 0; i < data.length; i += 4) {
        const luma = (random() + random() + random() - 1.5) * noise;
        data[i] = (data[i] ?? 0) + luma + (random() - 0.5) * noise * 0.5;
        data[i + 1] = (data[i + 1] ?? 0) + luma;
        data[i + 2] = (data[i + 2] ?? 0) + luma + (random() - 0.5) * noise * 0.5;
      }
      c.putImageData(image, 0, y);
    }

    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }, request);
  return bytesOf(blob);
}

/** Where the ID-card fixture's colour markers are, in displayed (upright, portrait) pixels. */
export const ID_CARD_MARKERS = {
  displayWidth: 2000,
  displayHeight: 3200,
  /** A blue band across the top 6 %. */
  topBand: { color: [0, 60, 255], fromY: 0, toY: 0.06 },
  /** A green band across the bottom 6 %. */
  bottomBand: { color: [0, 190, 40], fromY: 0.94, toY: 1 },
  /** A red square in the top-left corner, below the blue band (shows a mirror image). */
  topLeftSquare: { color: [230, 20, 20], x0: 0.04, x1: 0.16, y0: 0.08, y1: 0.155 },
} as const;

/**
 * Paints an upright portrait photo of both sides of an ID card with colour markers (see
 * ID_CARD_MARKERS), then stores it turned a quarter to the left — landscape pixels that EXIF
 * Orientation 6 turns back upright — and returns JPEG bytes (no EXIF yet).
 */
async function paintIdCardStoredLandscape(page: Page): Promise<Uint8Array> {
  const blob = await page.evaluateHandle(async (markers: typeof ID_CARD_MARKERS) => {
    let state = 20261125;
    const random = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const w = markers.displayWidth;
    const h = markers.displayHeight;
    const font = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
    const upright = new OffscreenCanvas(w, h);
    const c = upright.getContext('2d', { alpha: false });
    if (c === null) throw new Error('no 2d context');
    const desk = c.createLinearGradient(0, 0, 0, h);
    desk.addColorStop(0, '#cfd6dc');
    desk.addColorStop(1, '#9aa6b0');
    c.fillStyle = desk;
    c.fillRect(0, 0, w, h);
    const rgb = (color: readonly number[]): string => `rgb(${color.join(',')})`;
    c.fillStyle = rgb(markers.topBand.color);
    c.fillRect(0, 0, w, h * markers.topBand.toY);
    c.fillStyle = rgb(markers.bottomBand.color);
    c.fillRect(0, h * markers.bottomBand.fromY, w, h * (1 - markers.bottomBand.fromY));
    const sq = markers.topLeftSquare;
    c.fillStyle = rgb(sq.color);
    c.fillRect(w * sq.x0, h * sq.y0, w * (sq.x1 - sq.x0), h * (sq.y1 - sq.y0));

    const card = (x: number, y: number, front: boolean): void => {
      const cw = 1712;
      const ch = 1080;
      c.save();
      c.shadowColor = 'rgba(0,0,0,0.35)';
      c.shadowBlur = 40;
      c.shadowOffsetY = 14;
      const g = c.createLinearGradient(x, y, x + cw, y + ch);
      g.addColorStop(0, front ? '#eef3f6' : '#f3efe2');
      g.addColorStop(1, front ? '#d9e6ee' : '#e6dcc4');
      c.fillStyle = g;
      c.beginPath();
      c.roundRect(x, y, cw, ch, 60);
      c.fill();
      c.restore();
      c.fillStyle = '#1b1b1b';
      c.textBaseline = 'middle';
      if (front) {
        c.font = `44px ${font}`;
        const fields = [
          ['姓名', '张建国'],
          ['性别', '男      民族  汉'],
          ['出生', '1949 年 12 月 31 日'],
          ['住址', '示范县示范镇东坡村'],
          ['', '三组 18 号'],
        ];
        fields.forEach(([label, value], i) => {
          c.fillStyle = '#4a6b8a';
          c.fillText(label ?? '', x + 110, y + 150 + i * 120);
          c.fillStyle = '#1b1b1b';
          c.fillText(value ?? '', x + 260, y + 150 + i * 120);
        });
        c.fillStyle = '#4a6b8a';
        c.fillText('公民身份号码', x + 110, y + 930);
        c.fillStyle = '#1b1b1b';
        c.font = `bold 56px ${font}`;
        c.fillText('11010519491231002X', x + 480, y + 930);
        c.fillStyle = '#b8c4cc';
        c.fillRect(x + 1180, y + 120, 420, 520);
        c.fillStyle = '#7d8b96';
        c.beginPath();
        c.arc(x + 1390, y + 320, 110, 0, Math.PI * 2);
        c.fill();
        c.beginPath();
        c.ellipse(x + 1390, y + 620, 190, 160, 0, Math.PI, 0);
        c.fill();
      } else {
        c.textAlign = 'center';
        c.font = `bold 96px ${font}`;
        c.fillText('中华人民共和国', x + cw / 2 + 150, y + 300);
        c.font = `bold 120px ${font}`;
        c.fillText('居民身份证', x + cw / 2 + 150, y + 480);
        c.font = `44px ${font}`;
        c.fillText('签发机关  示范县公安局', x + cw / 2 + 150, y + 780);
        c.fillText('有效期限  2016.11.25-长期', x + cw / 2 + 150, y + 880);
        c.textAlign = 'start';
        c.strokeStyle = '#c9a227';
        c.lineWidth = 14;
        c.beginPath();
        c.arc(x + 290, y + 290, 150, 0, Math.PI * 2);
        c.stroke();
      }
    };
    card(144, 640, true);
    card(144, 1900, false);

    const data = c.getImageData(0, 0, w, h);
    for (let i = 0; i < data.data.length; i += 4) {
      const n = (random() + random() - 1) * 5;
      data.data[i] = (data.data[i] ?? 0) + n;
      data.data[i + 1] = (data.data[i + 1] ?? 0) + n;
      data.data[i + 2] = (data.data[i + 2] ?? 0) + n;
    }
    c.putImageData(data, 0, 0);

    // Stored pixels = the upright picture turned 90° counter-clockwise: (x, y) → (y, w − x).
    const stored = new OffscreenCanvas(h, w);
    const s = stored.getContext('2d', { alpha: false });
    if (s === null) throw new Error('no 2d context');
    s.setTransform(0, -1, 1, 0, 0, w);
    s.drawImage(upright, 0, 0);
    return stored.convertToBlob({ type: 'image/jpeg', quality: 0.88 });
  }, ID_CARD_MARKERS);
  return bytesOf(blob);
}

/** Where the household-register PNG is transparent, in its own pixels. */
export const REGISTER_MARKERS = {
  width: 1600,
  height: 2200,
  /** Fully transparent margin around the page. */
  transparentMargin: 60,
  /** A half-transparent grey highlight box. */
  translucentBox: { x: 200, y: 1750, w: 500, h: 180 },
} as const;

/** Paints a scanned household-register page (常住人口登记卡) on a transparent background; PNG bytes. */
async function paintHouseholdRegister(page: Page): Promise<Uint8Array> {
  const blob = await page.evaluateHandle(async (markers: typeof REGISTER_MARKERS) => {
    const { width: w, height: h, transparentMargin: m } = markers;
    const font = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
    const canvas = new OffscreenCanvas(w, h);
    const c = canvas.getContext('2d');
    if (c === null) throw new Error('no 2d context');
    c.fillStyle = '#fbf6e6';
    c.beginPath();
    c.roundRect(m, m, w - 2 * m, h - 2 * m, 24);
    c.fill();
    c.strokeStyle = '#8a5a2b';
    c.lineWidth = 6;
    c.strokeRect(m + 50, m + 50, w - 2 * m - 100, h - 2 * m - 100);
    c.fillStyle = '#5a3a1a';
    c.textAlign = 'center';
    c.textBaseline = 'middle';
    c.font = `bold 80px ${font}`;
    c.fillText('常住人口登记卡', w / 2, 240);
    const rows = [
      ['户主或与户主关系', '户主'],
      ['姓名', '张建国'],
      ['曾用名', '—'],
      ['性别', '男'],
      ['出生地', '示范县示范镇'],
      ['民族', '汉'],
      ['籍贯', '示范县'],
      ['出生日期', '1949 年 12 月 31 日'],
      ['本市（县）其他住址', '—'],
      ['宗教信仰', '无'],
      ['公民身份号码', '11010519491231002X'],
    ];
    c.lineWidth = 3;
    rows.forEach(([label, value], i) => {
      const y = 360 + i * 120;
      c.strokeRect(160, y, w - 320, 120);
      c.beginPath();
      c.moveTo(640, y);
      c.lineTo(640, y + 120);
      c.stroke();
      c.font = `44px ${font}`;
      c.fillStyle = '#5a3a1a';
      c.fillText(label ?? '', 400, y + 60, 440);
      c.fillStyle = '#1a1a1a';
      c.fillText(value ?? '', 1040, y + 60, 700);
    });
    const box = markers.translucentBox;
    c.fillStyle = 'rgba(40, 40, 40, 0.5)';
    c.fillRect(box.x, box.y, box.w, box.h);
    c.save();
    c.globalAlpha = 0.7;
    c.strokeStyle = '#d2141e';
    c.fillStyle = '#d2141e';
    c.lineWidth = 10;
    c.beginPath();
    c.arc(1180, 1840, 170, 0, Math.PI * 2);
    c.stroke();
    c.font = `bold 40px ${font}`;
    c.fillText('示范县公安局', 1180, 1800);
    c.fillText('户口专用章', 1180, 1880);
    c.restore();
    return canvas.convertToBlob({ type: 'image/png' });
  }, REGISTER_MARKERS);
  return bytesOf(blob);
}

/** A real-looking camera photo of a form: painted, JPEG q 0.9, with phone-style EXIF and GPS. */
export async function makeDocumentPhoto(
  page: Page,
  size: { width: number; height: number },
  seed = 7,
): Promise<Uint8Array> {
  const jpeg = await paintDocumentPhoto(page, { ...size, seed, quality: 0.9, noise: 13 });
  return withApp1(
    jpeg,
    buildExifApp1({
      orientation: 1,
      make: 'Daiban Fixture',
      model: 'Budget Phone 48MP',
      dateTime: '2026:11:25 09:41:00',
      gps: { latitude: 34.7466, longitude: 113.6253 },
    }),
  );
}

/**
 * A JPEG whose header and start of scan are intact and whose body is cut short and garbled:
 * the header parses, the decoder fails.
 */
function corruptJpeg(source: Uint8Array): Uint8Array {
  let pos = 2;
  while (pos < source.length && source[pos + 1] !== 0xda) {
    pos += 2 + (((source[pos + 2] ?? 0) << 8) | (source[pos + 3] ?? 0));
  }
  const scanStart = pos + 2 + (((source[pos + 2] ?? 0) << 8) | (source[pos + 3] ?? 0));
  const keep = source.slice(0, scanStart + 4096);
  const garbage = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) % 251);
  const out = new Uint8Array(keep.length + garbage.length);
  out.set(keep);
  out.set(garbage, keep.length);
  return out;
}

type DecodeCheck = { ok: true; width: number; height: number } | { ok: false; error: string };

async function decodeInChromium(page: Page, bytes: Uint8Array): Promise<DecodeCheck> {
  return page.evaluate(async (base64: string) => {
    const binary = atob(base64);
    const data = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    try {
      const bitmap = await createImageBitmap(new Blob([data]), { imageOrientation: 'from-image' });
      const result = { ok: true as const, width: bitmap.width, height: bitmap.height };
      bitmap.close();
      return result;
    } catch (error) {
      return { ok: false as const, error: String(error) };
    }
  }, Buffer.from(bytes).toString('base64'));
}

async function main(): Promise<void> {
  const outDir = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
  await mkdir(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await defineEsbuildNameHelper(page);

    const documentPhoto = await makeDocumentPhoto(page, { width: 4000, height: 3000 });
    const idCard = withApp1(
      await paintIdCardStoredLandscape(page),
      buildExifApp1({
        orientation: 6,
        make: 'Daiban Fixture',
        model: 'Budget Phone',
        dateTime: '2026:11:25 09:43:12',
        gps: { latitude: 34.7466, longitude: 113.6253 },
      }),
    );
    const register = await paintHouseholdRegister(page);
    const corrupt = corruptJpeg(idCard);

    const files: Array<{ name: string; bytes: Uint8Array; expect: DecodeCheck | 'fails' }> = [
      { name: 'document-12mp.jpg', bytes: documentPhoto, expect: { ok: true, width: 4000, height: 3000 } },
      { name: 'id-card-exif-rotated.jpg', bytes: idCard, expect: { ok: true, width: 2000, height: 3200 } },
      { name: 'household-register.png', bytes: register, expect: { ok: true, width: 1600, height: 2200 } },
      { name: 'corrupt.jpg', bytes: corrupt, expect: 'fails' },
      {
        name: 'not-an-image.jpg',
        bytes: new TextEncoder().encode(
          '这不是照片。This is a plain-text file named .jpg, to test magic-byte checks.\n',
        ),
        expect: 'fails',
      },
      { name: 'empty.jpg', bytes: new Uint8Array(0), expect: 'fails' },
    ];
    for (const file of files) {
      const check = await decodeInChromium(page, file.bytes);
      const expected = file.expect === 'fails' ? !check.ok : JSON.stringify(check) === JSON.stringify(file.expect);
      if (!expected) throw new Error(`${file.name}: Chromium decodes it as ${JSON.stringify(check)}`);
      await writeFile(`${outDir}${file.name}`, file.bytes);
      console.log(`${file.name.padEnd(26)} ${String(file.bytes.length).padStart(9)} bytes  ${JSON.stringify(check)}`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
