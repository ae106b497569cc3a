import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackView } from '../domain/tracking';
import { closeDatabase } from './db';
import { clearSession, saveSession } from './session-repository';
import { ApiRequestError } from './sync-fetch';
import { addRatingFollowUp, fetchTrackedCase, fileComplaint, lookupTrackedCase, rateTrackedCase } from './sync-track';
import { agentUser } from './test-fixtures';

type Call = { url: string; method: string; body: unknown; authorization: string | null };

const view: TrackView = {
  caseNumber: '999001-20260302-00001',
  receiptCode: '7KQ4-M2XD',
  applicantMasked: '王*英',
  itemName: '住房公积金提取',
  status: 'completed_approved',
  timeline: [
    { step: 'with_agent', at: '2026-03-02T01:00:00.000Z', detail: [] },
    { step: 'reached_township', at: '2026-03-02T02:00:00.000Z', detail: [] },
    { step: 'completed', at: '2026-03-05T02:00:00.000Z', detail: [] },
  ],
  expectedDate: null,
  suspended: false,
  agent: { name: '张建国', phone: '13900000011' },
  window: { name: '社保所', phone: null },
  township: { name: '示范镇', supervisionPhone: '0000-12345' },
  canRate: true,
  rating: null,
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
    });
    return Promise.resolve(new Response(JSON.stringify(body), { status }));
  });
  return calls;
}

describe("the resident's progress page talks to the server", () => {
  beforeEach(async () => {
    // The page may open on an agent's phone: its device token must never travel with a lookup.
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: '2099-01-01T00:00:00.000Z' });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await clearSession();
    closeDatabase();
  });

  it('looks a case up by code and digits, normalising the code, without the phone’s device token', async () => {
    const calls = serverAnswering(200, { view, accessToken: 'case-token' });

    const answer = await lookupTrackedCase({ code: '7kq4m2xd', phoneLast4: '5678' });

    expect(answer).toEqual({ view, accessToken: 'case-token' });
    expect(calls).toEqual([
      {
        url: '/api/track/lookup',
        method: 'POST',
        body: { code: '7KQ4-M2XD', phoneLast4: '5678' },
        authorization: null,
      },
    ]);
  });

  it('looks a case up by the QR code’s secret', async () => {
    const calls = serverAnswering(200, { view, accessToken: 'case-token' });
    const secret = 'abcdefghijklmnopqrstuv_-12';

    await lookupTrackedCase({ code: '7KQ4-M2XD', secret });

    expect(calls[0]?.body).toEqual({ code: '7KQ4-M2XD', secret });
  });

  it('a miss and a lock come back with their codes (and the wait)', async () => {
    serverAnswering(404, { code: 'TRACK_NOT_FOUND', message: 'No case matches' });
    const miss: unknown = await lookupTrackedCase({ code: '7KQ4-M2XD', phoneLast4: '0000' }).catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(ApiRequestError);
    expect(miss).toMatchObject({ status: 404, code: 'TRACK_NOT_FOUND' });

    serverAnswering(429, { code: 'TRACK_LOCKED', message: 'Locked', retryAfterSeconds: 1500 });
    const locked: unknown = await lookupTrackedCase({ code: '7KQ4-M2XD', phoneLast4: '0000' }).catch((e: unknown) => e);
    expect(locked).toMatchObject({ status: 429, code: 'TRACK_LOCKED', retryAfterSeconds: 1500 });
  });

  it('reads, rates, comments and complains with the lookup’s access token', async () => {
    const rated: TrackView = {
      ...view,
      canRate: false,
      rating: {
        satisfaction: 'very_dissatisfied',
        comment: '跑了三趟',
        ratedAt: '2026-03-06T01:00:00.000Z',
        followUpComment: null,
      },
    };
    const calls = serverAnswering(200, rated);

    expect(await fetchTrackedCase('case-token')).toEqual(rated);
    expect(await rateTrackedCase('case-token', { satisfaction: 'very_dissatisfied', comment: ' 跑了三趟 ' })).toEqual(
      rated,
    );
    await addRatingFollowUp('case-token', '已经有人打电话来了');
    await fileComplaint('case-token', { text: '代办员态度不好，说话很冲', contactPhone: '' });

    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['GET', '/api/track/case', undefined],
      ['POST', '/api/track/rating', { satisfaction: 'very_dissatisfied', comment: '跑了三趟' }],
      ['POST', '/api/track/rating/follow-up', { comment: '已经有人打电话来了' }],
      ['POST', '/api/track/complaints', { text: '代办员态度不好，说话很冲', contactPhone: '' }],
    ]);
    expect(new Set(calls.map((c) => c.authorization))).toEqual(new Set(['Bearer case-token']));
  });

  it('refuses to send what the server would refuse', async () => {
    const calls = serverAnswering(200, view);
    await expect(lookupTrackedCase({ code: '7KQ4-M2X', phoneLast4: '5678' })).rejects.toThrow();
    await expect(fileComplaint('case-token', { text: '差', contactPhone: '' })).rejects.toThrow();
    expect(calls).toEqual([]);
  });
});
