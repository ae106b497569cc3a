/**
 * Renders the PWA icons from the master logo public/favicon.svg with headless Chromium.
 *
 * Run once after changing the logo: `npx tsx scripts/render-icons.ts`. The PNGs are committed, so the
 * build never needs a browser. The logo keeps its glyph in <g id="glyph">; the full-bleed variants
 * (maskable, apple-touch) put that glyph on a square background, shrunk so it stays inside the
 * maskable safe zone (the centre circle of radius 40 %).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BRAND_GREEN = '#1f6f4a';
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

type IconJob = { file: string; size: number; svg: string };

function glyphOf(logo: string): string {
  const match = /<g id="glyph">([\s\S]*?)<\/g>/.exec(logo);
  if (!match?.[1]) throw new Error('public/favicon.svg has no <g id="glyph"> group');
  return match[1];
}

function fullBleed(glyph: string, scale: number): string {
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">',
    `<rect width="512" height="512" fill="${BRAND_GREEN}"/>`,
    `<g transform="translate(256 256) scale(${scale}) translate(-256 -256)">${glyph}</g>`,
    '</svg>',
  ].join('');
}

async function main(): Promise<void> {
  const logo = await readFile(`${publicDir}favicon.svg`, 'utf8');
  const glyph = glyphOf(logo);
  const jobs: IconJob[] = [
    { file: 'icons/icon-192.png', size: 192, svg: logo },
    { file: 'icons/icon-512.png', size: 512, svg: logo },
    { file: 'icons/icon-maskable-512.png', size: 512, svg: fullBleed(glyph, 0.78) },
    { file: 'icons/apple-touch-icon-180.png', size: 180, svg: fullBleed(glyph, 0.86) },
  ];

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const job of jobs) {
      await page.setViewportSize({ width: job.size, height: job.size });
      const sized = job.svg.replace(/<svg\b[^>]*?>/, (open) =>
        open.replace(/\s(width|height)="[^"]*"/g, '').replace('<svg', `<svg width="${job.size}" height="${job.size}"`),
      );
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
      );
      const png = await page.screenshot({
        omitBackground: true,
        clip: { x: 0, y: 0, width: job.size, height: job.size },
      });
      await writeFile(`${publicDir}${job.file}`, png);
      console.log(`wrote public/${job.file} (${job.size}×${job.size}, ${png.length} bytes)`);
    }
  } finally {
    await browser.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
