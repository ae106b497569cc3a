/**
 * The real township server for bench/sync: `tsx src/server/main.ts` in its own process group, on
 * SQLite in a fresh temporary DATA_DIR with the demo accounts, stopped as a group (tsx runs the
 * server in a second node process).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../test/support/free-port';

const root = path.resolve(import.meta.dirname, '../..');

export type TownshipServer = {
  url: string;
  dataDir: string;
  /** What the server printed (warnings and errors), for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}

export async function startTownshipServer(): Promise<TownshipServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-bench-sync-'));
  const port = await freePort();
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DAIBAN_STATIC_DIR: path.join(dataDir, 'no-app'),
      DAIBAN_DEMO: '1',
      DAIBAN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stderr = '';
  const collect = (chunk: Buffer): void => {
    stderr += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const output = (): string => stderr;
  const url = `http://127.0.0.1:${String(port)}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      signalGroup(child, 'SIGTERM');
      await exited;
    }
    signalGroup(child, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up:\n${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, dataDir, output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`the server did not start within 60 s:\n${stderr}`);
}
