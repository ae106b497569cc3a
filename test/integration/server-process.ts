/**
 * A real server process for integration tests: `tsx src/server/main.ts` in its own process group
 * with the environment given (on top of this process's), stopped as a group (tsx runs the server in
 * a second node process). Its output is kept for failure messages.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { freePort } from '../support/free-port';

const root = path.resolve(import.meta.dirname, '../..');

export type ServerProcess = {
  url: string;
  /** The child's pid (tsx's; the server runs in its group). */
  pid: number;
  /** What the server printed, for failure messages. */
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

/** Starts the server and resolves once `GET /api/health` answers 200 (within 60 s). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', DAIBAN_LOG_LEVEL: 'warn', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let printed = '';
  const collect = (chunk: Buffer): void => {
    printed += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const output = (): string => printed;
  const url = `http://127.0.0.1:${String(port)}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      signalGroup(child, 'SIGTERM');
      await exited;
    }
    signalGroup(child, 'SIGKILL');
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up:\n${printed}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, pid: child.pid ?? 0, output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`the server did not start within 60 s:\n${printed}`);
}
