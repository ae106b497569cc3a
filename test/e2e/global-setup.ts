/**
 * Builds the production app once before the e2e files run: the tests drive the real build and its
 * real service worker, never the dev server (whose service worker differs — DESIGN §5).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export default function setup(): void {
  execFileSync(`${repoRoot}node_modules/.bin/vite`, ['build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
    // Vitest sets NODE_ENV=test, which would make Vite build React's development bundle and
    // `import.meta.env.PROD` false (no service worker at all).
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
