/**
 * The township server killed with SIGKILL in the middle of a photo upload, then restarted: the phone's
 * next sync completes, and nothing on the server is duplicated or corrupt. A real server process
 * (tsx src/server/main.ts) on SQLite in a temporary DATA_DIR; the phone's engine runs in Node.
 */
import 'fake-indexeddb/auto';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loginResponseSchema } from '../../src/domain/auth';
import { BLOB_CHUNK_BYTES } from '../../src/domain/blob';
import { closeDatabase, getDatabase } from '../../src/device/db';
import { saveSession } from '../../src/device/session-repository';
import { setSyncBaseUrl } from '../../src/device/sync-fetch';
import { runSync } from '../../src/device/sync-run';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { queueCase, sha256 } from './phone-fixtures';
import { freePort } from '../support/free-port';

const root = path.resolve(import.meta.dirname, '../..');

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DAIBAN_STATIC_DIR: path.join(dataDir, 'no-app'),
      DAIBAN_LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
    // tsx runs the server in a child process: kill the whole group, or the server survives.
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('server exited during start-up');
    try {
      if ((await fetch(`http://127.0.0.1:${String(port)}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** SIGKILL for the server: no shutdown hook, no flush — as if the power went. */
function killHard(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => {
        child.once('exit', () => {
          resolve();
        });
      });
}

describe('the township server crashing mid-upload', () => {
  let server: ChildProcess | undefined;
  let proxy: FaultProxy | undefined;
  let dataDir = '';

  afterEach(async () => {
    if (server) {
      killHard(server);
      await exited(server);
    }
    await proxy?.close();
    await getDatabase().delete();
    closeDatabase();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the server killed with SIGKILL mid-upload and restarted: sync completes, nothing duplicated or corrupt', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-crash-'));
    const port = await freePort();
    server = await startServer(dataDir, port);
    const login = await fetch(`http://127.0.0.1:${String(port)}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13900000011', password: DEMO_PASSWORD, client: 'device' }),
    });
    const session = loginResponseSchema.parse(await login.json());
    await saveSession({ token: session.token ?? null, user: session.user, expiresAt: session.expiresAt });

    let killed = false;
    proxy = await startFaultProxy(`http://127.0.0.1:${String(port)}`, (r) => {
      if (!killed && r.url.includes(`/chunks?offset=${String(3 * BLOB_CHUNK_BYTES)}`)) {
        killed = true;
        if (server) killHard(server);
        return { kind: 'cut-request', afterBytes: 50_000 };
      }
      return { kind: 'none' };
    });
    setSyncBaseUrl(proxy.url);
    const { photos, record } = await queueCase({ agentId: session.user.id }, { bigPhoto: 2_000_000 });

    const first = await runSync({ retry: { delaysMs: [0, 0, 0] } });
    expect(killed).toBe(true);
    expect(first.outcome).not.toBe('done');
    await exited(server);

    server = await startServer(dataDir, port);
    const second = await runSync({ retry: { delaysMs: [0, 0, 0] } });
    expect(second).toMatchObject({ outcome: 'done', waiting: 0 });

    const db = new Database(path.join(dataDir, 'daiban.sqlite'), { readonly: true });
    try {
      const cases = db.prepare('select id, case_number from cases').all();
      expect(cases).toEqual([{ id: record.id, case_number: expect.stringMatching(/^999001-\d{8}-00001$/) as unknown }]);
      const blobs = db.prepare('select sha256 from blobs order by sha256').all();
      expect(blobs).toEqual(photos.map((p) => ({ sha256: p.sha256 })).sort((a, b) => a.sha256.localeCompare(b.sha256)));
    } finally {
      db.close();
    }
    for (const photo of photos) {
      const stored = fs.readFileSync(path.join(dataDir, 'blobs', photo.sha256.slice(0, 2), photo.sha256));
      expect(sha256(stored)).toBe(photo.sha256);
    }
    const local = await getDatabase().cases.get(record.id);
    expect(local?.status).toBe('sent');
  });
});
