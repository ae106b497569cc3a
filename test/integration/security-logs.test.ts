/**
 * No personal data in the server's log: a real server process, logging at its most verbose, serves
 * a sign-in, a clerk's search by the applicant's name, a case submission carrying a resident's ID
 * number and phone, and a resident's tracking lookup — and none of those values, passwords, tokens,
 * cookies or tracking codes appear anywhere in what it printed.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { loginResponseSchema, SESSION_COOKIE } from '../../src/domain/auth';
import { caseReceiptSchema } from '../../src/domain/case-submission';
import { newId } from '../../src/domain/ids';
import { trackLookupResponseSchema } from '../../src/domain/tracking';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { dialects, POSTGRES_URL } from './harness';
import { startServerProcess, type ServerProcess } from './server-process';
import { AGENT, CLERK_MZ, completeCase } from './workbench-fixtures';

const APPLICANT = { name: '欧阳淑芬', idNumber: '11010519491231002X', phone: '13812345678' };

describe.each(dialects)('the server log on %s', (dialect) => {
  let server: ServerProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await server?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    server = undefined;
  });

  async function start(): Promise<ServerProcess> {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-logs-'));
    const env: Record<string, string> = {
      DATA_DIR: dataDir,
      DAIBAN_STATIC_DIR: path.join(dataDir, 'no-static'),
      DAIBAN_LOG_LEVEL: 'trace',
      DAIBAN_DEMO: '1',
    };
    if (dialect === 'postgres') {
      // Dropped by global-setup.ts when the run ends.
      const schema = `${inject('pgSchemaPrefix')}logs_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`create schema ${schema}`);
      await client.end();
      Object.assign(env, { DATABASE_URL: POSTGRES_URL, DAIBAN_PG_SCHEMA: schema });
    }
    server = await startServerProcess(env);
    return server;
  }

  it('holds no ID number, phone, name, password, token, cookie or tracking code', async () => {
    const { url, output } = await start();
    const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

    const agentLogin = await fetch(
      `${url}/api/auth/login`,
      json('POST', { phone: AGENT, password: DEMO_PASSWORD, client: 'device' }),
    );
    expect(agentLogin.status).toBe(200);
    const token = loginResponseSchema.parse(await agentLogin.json()).token ?? '';

    const { submission } = completeCase(undefined, { name: APPLICANT.name });
    submission.applicant.idNumber = APPLICANT.idNumber;
    submission.applicant.phone = APPLICANT.phone;
    const secret = randomBytes(24).toString('base64url');
    submission.trackSecretHash = createHash('sha256').update(secret, 'utf8').digest('hex');
    const submitted = await fetch(
      `${url}/api/cases/${newId()}`,
      json('PUT', submission, { authorization: `Bearer ${token}` }),
    );
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const receipt = caseReceiptSchema.parse(await submitted.json());

    const clerkLogin = await fetch(
      `${url}/api/auth/login`,
      json('POST', { phone: CLERK_MZ, password: DEMO_PASSWORD, client: 'web' }),
    );
    expect(clerkLogin.status).toBe(200);
    const cookie = (clerkLogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toContain(`${SESSION_COOKIE}=`);
    const search = await fetch(`${url}/api/workbench/queue?q=${encodeURIComponent(APPLICANT.name)}`, {
      headers: { cookie },
    });
    expect(search.status).toBe(200);
    expect(await search.text()).toContain(receipt.caseNumber);

    const lookup = await fetch(`${url}/api/track/lookup`, json('POST', { code: submission.receiptCode, secret }));
    expect(lookup.status).toBe(200);
    const { accessToken } = trackLookupResponseSchema.parse(await lookup.json());
    const miss = await fetch(`${url}/api/track/lookup`, json('POST', { code: receipt.caseNumber, phoneLast4: '0000' }));
    expect(miss.status).toBe(404);
    const wrongPassword = await fetch(
      `${url}/api/auth/login`,
      json('POST', { phone: APPLICANT.phone, password: 'a-secret-guess', client: 'web' }),
    );
    expect(wrongPassword.status).toBe(401);

    // Let the last lines reach the pipe.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = output();
    // The log is there, and it is about these requests.
    expect(log).toContain('signed in');
    expect(log).toContain('/api/track/lookup');
    expect(log).toContain('/api/workbench/queue?q=*');
    for (const secretValue of [
      APPLICANT.name,
      APPLICANT.idNumber,
      APPLICANT.phone,
      AGENT,
      CLERK_MZ,
      DEMO_PASSWORD,
      'a-secret-guess',
      token,
      cookie.split('=')[1] ?? cookie,
      submission.receiptCode,
      receipt.caseNumber,
      secret,
      accessToken,
      encodeURIComponent(APPLICANT.name),
    ]) {
      expect(secretValue.length).toBeGreaterThan(3);
      expect(log.includes(secretValue), `the log holds ${secretValue.slice(0, 3)}…`).toBe(false);
    }
  }, 120_000);
});
