/**
 * The workbench's API as a clerk's browser calls it, for e2e stories that need a township decision
 * without driving the workbench's screens.
 */
import { expect } from 'vitest';
import type { ClerkAction } from '../../src/domain/case-lifecycle';
import { caseDetailSchema } from '../../src/domain/workbench';
import { DEMO_PASSWORD, type RunningServer } from './harness';

/** 住房公积金 is handled at window SB (社保所), one of this clerk's windows. */
const housingFundClerk = { phone: '13900000002', password: DEMO_PASSWORD } as const;

/**
 * The clerk accepts the case through the workbench API, as the workbench's 受理 does: sign in for a
 * session cookie, read the case's version, post the action on that version.
 */
export async function acceptThroughApi(server: RunningServer, caseId: string): Promise<void> {
  const login = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...housingFundClerk, client: 'web' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).not.toBe('');
  const detail = await fetch(`${server.baseUrl}/api/workbench/cases/${caseId}`, { headers: { cookie } });
  expect(detail.status).toBe(200);
  const { version } = caseDetailSchema.parse(await detail.json());
  const action = { type: 'accept', note: '' } satisfies ClerkAction;
  const accepted = await fetch(`${server.baseUrl}/api/workbench/cases/${caseId}/actions`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ expectedVersion: version, action }),
  });
  if (accepted.status !== 200) throw new Error(`accept: ${String(accepted.status)} ${await accepted.text()}`);
  expect(caseDetailSchema.parse(await accepted.json()).status).toBe('accepted');
}
