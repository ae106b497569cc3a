/**
 * Time from starting the server to a healthy /api/health, measured as a user sees it:
 *  - `npm start` on an empty DATA_DIR (production build + migrations + demo seed + listen);
 *  - `npm run serve` on an empty DATA_DIR (no build: migrations + seed + listen);
 *  - `npm run serve` again on the now-populated DATA_DIR (a restart);
 *  - baseline in the same run: a bare Fastify "hello" server started the same way (tsx), so the
 *    ratio shows what the app's own start-up adds.
 * Each is run RUNS times; the median is reported.
 *
 * Run: npx tsx bench/startup/run.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/support/free-port';

const root = path.resolve(import.meta.dirname, '../..');
const RUNS = Number(process.env.RUNS ?? 3);

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${String(child.exitCode)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('server did not become healthy in time');
}

async function timeStart(command: string, args: string[], env: NodeJS.ProcessEnv, healthPath: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), DAIBAN_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await waitHealthy(`http://127.0.0.1:${String(port)}${healthPath}`, child).catch((error: unknown) => {
      throw new Error(`${command} ${args.join(' ')} failed: ${stderr.slice(-2000)}`, { cause: error });
    });
    return performance.now() - started;
  } finally {
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function runStartupBench(): Promise<Record<string, number>> {
  const baselineFile = path.join(os.tmpdir(), 'daiban-bench-bare-fastify.mts');
  fs.writeFileSync(
    baselineFile,
    `import Fastify from '${path.join(root, 'node_modules/fastify/fastify.js')}';\n` +
      "const app = Fastify();\napp.get('/health', async () => ({ ok: true }));\n" +
      "await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });\n",
  );
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const results: Record<string, number[]> = {
    'npm start (build + first start)': [],
    'npm run serve (first start)': [],
    'npm run serve (restart)': [],
    'baseline: bare Fastify via tsx': [],
  };
  for (let i = 0; i < RUNS; i += 1) {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-bench-start-'));
    results['npm start (build + first start)']?.push(
      await timeStart('npm', ['start'], { DATA_DIR: fresh }, '/api/health'),
    );
    const fresh2 = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-bench-start-'));
    results['npm run serve (first start)']?.push(
      await timeStart('npm', ['run', 'serve'], { DATA_DIR: fresh2 }, '/api/health'),
    );
    results['npm run serve (restart)']?.push(
      await timeStart('npm', ['run', 'serve'], { DATA_DIR: fresh2 }, '/api/health'),
    );
    results['baseline: bare Fastify via tsx']?.push(await timeStart(tsx, [baselineFile], {}, '/health'));
    fs.rmSync(fresh, { recursive: true, force: true });
    fs.rmSync(fresh2, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]));
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const medians = await runStartupBench();
  const baseline = medians['baseline: bare Fastify via tsx'] ?? Number.NaN;
  console.log(`time to a healthy server, median of ${String(RUNS)} runs`);
  for (const [name, ms] of Object.entries(medians)) {
    console.log(`  ${name.padEnd(34)} ${(ms / 1000).toFixed(2)} s   ×${(ms / baseline).toFixed(2)} baseline`);
  }
}
