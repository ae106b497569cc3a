/**
 * The workbench's API as a clerk's browser calls it, for e2e stories that need a township decision
 * without driving the workbench's screens.
 */
import { expect } from 'vitest';
import type { ClerkAction } from '../../src/domain/case-lifecycle';
import type { CaseStatus } from '../../src/domain/case-submission';
import { caseDetailSchema } from '../../src/domain/workbench';
import { DEMO_PASSWORD, type RunningServer } from './harness';

/** 住房公积金 is handled at window SB (社保所), one of this clerk's windows. */
const housingFundClerk = { phone: '13900000002', password: DEMO_PASSWORD } as const;

/** Signs the housing-fund clerk in on the web; answers the session cookie. */
async function clerkCookie(server: RunningServer): Promise<string> {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...housingFundClerk, client: 'web' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).not.toBe('');
  return cookie;
}

/**
 * The clerk takes `action` on the case through the workbench API, as the workbench's buttons do:
 * read the case's version, post the action on that version, expect the case to reach `status`.
 */
export async function actThroughApi(
  server: RunningServer,
  caseId: string,
  action: ClerkAction,
  status: CaseStatus,
): Promise<void> {
  const cookie = await clerkCookie(server);
  const detail = await fetch(`${server.baseUrl}/api/workbench/cases/${caseId}`, { headers: { cookie } });
  expect(detail.status).toBe(200);
  const { version } = caseDetailSchema.parse(await detail.json());
  const answer = await fetch(`${server.baseUrl}/api/workbench/cases/${caseId}/actions`, {
    method: 'POST',
    // The workbench's CSRF proof (server/plugins/csrf.ts), as sync-fetch sends it.
    headers: { cookie, 'content-type': 'application/json', 'x-daiban-csrf': '1' },
    body: JSON.stringify({ expectedVersion: version, action }),
  });
  if (answer.status !== 200) throw new Error(`${action.type}: ${String(answer.status)} ${await answer.text()}`);
  expect(caseDetailSchema.parse(await answer.json()).status).toBe(status);
}

/** The clerk accepts the case through the workbench API, as the workbench's 受理 does. */
export async function acceptThroughApi(server: RunningServer, caseId: string): Promise<void> {
  await actThroughApi(server, caseId, { type: 'accept', note: '' }, 'accepted');
}
