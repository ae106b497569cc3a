/**
 * The phone and the server for sync tests: the real server listening on a port, a fault-injecting
 * proxy in front of it that the phone's sync engine talks to, and the demo agent 张建国 signed in on
 * the phone (fake-indexeddb).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loginResponseSchema } from '../../src/domain/auth';
import { closeDatabase, getDatabase } from '../../src/device/db';
import { saveSession } from '../../src/device/session-repository';
import { setSyncBaseUrl } from '../../src/device/sync-fetch';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import type { Dialect } from '../../src/server/db/database';
import { startFaultProxy, type Fault, type FaultProxy, type ProxiedRequest } from './fault-proxy';
import { startTestApp, type TestApp } from './harness';
import { sha256, type Phone } from './phone-fixtures';

type Decide = (request: ProxiedRequest, index: number) => Fault;

const noFault: Decide = () => ({ kind: 'none' });

/**
 * One phone and server per test: `start()` in the test, `stop()` in afterEach (it deletes the phone's
 * database and closes whatever was started). `decide` picks each request's fault at the proxy: none
 * unless a test sets it, and none again after `stop()`.
 */
export function syncRig(dialect: Dialect) {
  let t: TestApp | undefined;
  let proxy: FaultProxy | undefined;
  const rig = {
    decide: noFault,
    async start() {
      const test = await startTestApp(dialect);
      t = test;
      await test.app.listen({ port: 0, host: '127.0.0.1' });
      const address = test.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const faults = await startFaultProxy(`http://127.0.0.1:${String(port)}`, (r, i) => rig.decide(r, i));
      proxy = faults;
      setSyncBaseUrl(faults.url);
      const login = await test.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone: '13900000011', password: DEMO_PASSWORD, client: 'device' },
      });
      const session = loginResponseSchema.parse(login.json());
      // The server's clock is frozen in March 2026 while the phone's runs on: keep the stored session
      // valid by the phone's clock (the server checks the token by its own).
      await saveSession({ token: session.token ?? null, user: session.user, expiresAt: '2100-01-01T00:00:00.000Z' });
      const phone: Phone = { agentId: session.user.id };
      const db = test.app.db.kysely;
      const storedSha256 = (hash: string) =>
        sha256(fs.readFileSync(path.join(test.config.dataDir, 'blobs', hash.slice(0, 2), hash)));
      return { t: test, proxy: faults, phone, db, storedSha256 };
    },
    async stop() {
      await getDatabase().delete();
      closeDatabase();
      await proxy?.close();
      await t?.close();
      proxy = undefined;
      t = undefined;
      rig.decide = noFault;
    },
  };
  return rig;
}
