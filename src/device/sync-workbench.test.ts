import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail, QueueResponse } from '../domain/workbench';
import { ApiRequestError } from './sync-fetch';
import { fetchQueue, pageUrl, postClerkAction, revealField } from './sync-workbench';
import { housingFundItem } from './test-fixtures';

type Call = { url: string; method: string; body: unknown; authorization: string | null; credentials?: string };

const caseId = '01900000-0000-7000-8000-0000000000c1';

const detail: CaseDetail = {
  id: caseId,
  caseNumber: '999001-20260302-00001',
  status: 'received',
  round: 1,
  version: 3,
  windowCode: 'SB',
  township: { name: '示范镇', code: '999001' },
  village: '东坡村',
  agent: { name: '张建国', phone: '13900000011' },
  applicant: {
    name: '王秀英',
    idNumber: '110105********002X',
    phone: '138****5678',
    villageId: 'v1',
    group: '',
    address: '东坡村三组12号',
  },
  answers: {},
  item: housingFundItem,
  pages: [],
  signature: null,
  receivedAt: '2026-03-02T01:06:00.000Z',
  acceptedAt: null,
  closedAt: null,
  deadline: { kind: 'accept_by', date: '2026-03-09', remainingWorkingDays: 5, unloadedYears: [] },
  dueDate: null,
  supplement: null,
  timeline: [],
  actions: ['accept', 'request_supplement', 'reject', 'transfer'],
};

const emptyQueue: QueueResponse = {
  rows: [],
  total: 0,
  counts: { received: 0, supplement: 0, handling: 0, due_soon: 0, overdue: 0, closed: 0 },
  hasMore: false,
  today: '2026-03-02',
};

/** A stand-in server answering every request with `status` and `body`, recording the calls. */
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

describe('the workbench talks to the server with its cookie session', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for the queue with only the filters the clerk set', async () => {
    const calls = serverAnswering(200, emptyQueue);

    await fetchQueue({ tab: 'overdue', village: 'v1', q: '王', agent: '', page: 2 });

    expect(calls).toEqual([
      {
        url: `/api/workbench/queue?tab=overdue&village=v1&q=${encodeURIComponent('王')}&page=2`,
        method: 'GET',
        body: undefined,
        authorization: null,
        credentials: 'same-origin',
      },
    ]);
  });

  it('acts on the version the clerk saw and reads the case back', async () => {
    const calls = serverAnswering(200, { ...detail, status: 'accepted', version: 4 });

    const answer = await postClerkAction(caseId, { expectedVersion: 3, action: { type: 'accept', note: '' } });

    expect(answer).toMatchObject({ status: 'accepted', version: 4 });
    expect(calls[0]).toMatchObject({
      url: `/api/workbench/cases/${caseId}/actions`,
      method: 'POST',
      body: { expectedVersion: 3, action: { type: 'accept', note: '' } },
    });
  });

  it('a case changed meanwhile comes back as CASE_CHANGED', async () => {
    serverAnswering(409, { code: 'CASE_CHANGED', message: 'The case changed' });

    const error: unknown = await postClerkAction(caseId, {
      expectedVersion: 3,
      action: { type: 'reject', reason: '材料不符' },
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 409, code: 'CASE_CHANGED' });
  });

  it('reveals one masked field and points pages at their bytes', async () => {
    const calls = serverAnswering(200, { field: 'idNumber', value: '11010519491231002X' });

    expect(await revealField(caseId, 'idNumber')).toBe('11010519491231002X');
    expect(calls[0]).toMatchObject({ method: 'POST', body: { field: 'idNumber' } });
    expect(pageUrl(caseId, 'p1')).toBe(`/api/workbench/cases/${caseId}/pages/p1`);
  });
});
