/**
 * First-screen bundle size: the JS and CSS that index.html loads before the landing page can show
 * (entry script, modulepreloads, stylesheets), each gzipped at level 9 — what a phone downloads on
 * first visit. Baseline in the same run: a bare React 19 "hello" page built with the same Vite and
 * React plugin, so the ratio shows what the app adds on top of React itself.
 *
 * Run: npx tsx bench/bundle/run.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '../..');

type Size = { files: string[]; raw: number; gzip: number };

/** The JS and CSS files index.html references directly. */
export function firstScreenSize(distDir: string): Size {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  const files = [...new Set(refs)].filter((f) => !f.startsWith('http') && f !== 'registerSW.js');
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(distDir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

async function buildBaseline(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-bundle-baseline-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script type="module" src="/main.tsx"></script></body></html>',
  );
  fs.writeFileSync(
    path.join(dir, 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<h1>代办通</h1>);\n",
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    resolve: {
      alias: { react: path.join(root, 'node_modules/react'), 'react-dom': path.join(root, 'node_modules/react-dom') },
    },
    build: { outDir: path.join(dir, 'dist'), emptyOutDir: true },
  });
  return path.join(dir, 'dist');
}

export async function runBundleBench(): Promise<{ app: Size; baseline: Size }> {
  await build({ root, logLevel: 'silent' });
  const app = firstScreenSize(path.join(root, 'dist'));
  const baseline = firstScreenSize(await buildBaseline());
  return { app, baseline };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { app, baseline } = await runBundleBench();
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log('first screen (JS + CSS referenced by index.html)');
  console.log(`  app:      ${kb(app.gzip)} KB gzipped (${kb(app.raw)} KB raw) — ${app.files.join(', ')}`);
  console.log(`  baseline: ${kb(baseline.gzip)} KB gzipped (${kb(baseline.raw)} KB raw) — bare React 19 page`);
  console.log(
    `  ratio app/baseline: ${(app.gzip / baseline.gzip).toFixed(2)}; target ≤ 150 KB: ${app.gzip <= 150 * 1024 ? 'met' : 'NOT met'}`,
  );
}
