import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FollowUp, FollowUpListResponse } from '../domain/tracking';
import { ApiRequestError } from './sync-fetch';
import { fetchFollowUps, postFollowUpAction } from './sync-follow-ups';

type Call = { url: string; method: string; body: unknown; authorization: string | null; credentials?: string };

const followUp: FollowUp = {
  id: '01900000-0000-7000-8000-0000000000f1',
  kind: 'bad_rating',
  status: 'open',
  caseId: '01900000-0000-7000-8000-0000000000c1',
  caseNumber: '999001-20260302-00001',
  itemName: '住房公积金提取',
  applicantMasked: '王*英',
  windowName: '社保所',
  agentName: '张建国',
  satisfaction: 'very_dissatisfied',
  text: '跑了三趟',
  followUpComment: null,
  contactPhone: null,
  createdAt: '2026-03-06T01:00:00.000Z',
  callbackDue: '2026-03-09',
  fixDue: '2026-03-27',
  calledBackAt: null,
  calledBackBy: null,
  callbackNote: null,
  closedAt: null,
  closedBy: null,
  outcome: null,
  callbackOverdue: false,
  fixOverdue: false,
};

function serverAnswering(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? 'GET',
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      authorization: new Headers(init.headers).get('Authorization'),
      credentials: init.credentials,
    });
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  });
  return calls;
}

describe('the workbench’s 回访 tasks', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists one tab with the counts of every status, on the cookie session', async () => {
    const list: FollowUpListResponse = { followUps: [followUp], counts: { open: 1, called_back: 0, closed: 2 } };
    const calls = serverAnswering(200, list);

    expect(await fetchFollowUps('open')).toEqual(list);
    await fetchFollowUps('all');

    expect(calls.map((c) => c.url)).toEqual([
      '/api/workbench/follow-ups?status=open',
      '/api/workbench/follow-ups?status=all',
    ]);
    expect(calls[0]).toMatchObject({ method: 'GET', authorization: null, credentials: 'same-origin' });
  });

  it('records the call back and reads the task back; a refused action keeps its code', async () => {
    const calledBack: FollowUp = {
      ...followUp,
      status: 'called_back',
      calledBackAt: '2026-03-06T03:00:00.000Z',
      calledBackBy: '陈静',
      callbackNote: '已致电，群众同意下周再来',
    };
    const calls = serverAnswering(200, calledBack);

    const answer = await postFollowUpAction(followUp.id, { type: 'called_back', note: ' 已致电，群众同意下周再来 ' });

    expect(answer).toEqual(calledBack);
    expect(calls[0]).toMatchObject({
      url: `/api/workbench/follow-ups/${followUp.id}`,
      method: 'POST',
      body: { type: 'called_back', note: '已致电，群众同意下周再来' },
    });

    serverAnswering(409, { code: 'ACTION_NOT_ALLOWED', message: 'Closed already' });
    const error: unknown = await postFollowUpAction(followUp.id, { type: 'close', outcome: '已补办' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 409, code: 'ACTION_NOT_ALLOWED' });
  });
});
