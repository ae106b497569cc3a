/**
 * The resident's side of integration tests: cases with a known QR secret and phone, closed by the
 * clerk, and the /api/track routes called from a chosen client address.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { ServiceItem } from '../../src/domain/catalogue';
import type { CaseReceipt } from '../../src/domain/case-submission';
import {
  followUpListResponseSchema,
  followUpSchema,
  trackLookupResponseSchema,
  trackViewSchema,
  type ComplaintRequest,
  type FollowUp,
  type FollowUpAction,
  type FollowUpListResponse,
  type RateCaseRequest,
  type TrackLookupRequest,
  type TrackLookupResponse,
  type TrackView,
} from '../../src/domain/tracking';
import { completeCase, elderlyAllowance, type apiAs } from './workbench-fixtures';

type Api = ReturnType<typeof apiAs>;

/** The applicant every trackable case is made for; none of this may reach a resident's screen. */
export const APPLICANT = { name: '欧阳秀英', idNumber: '11010519491231002X', phone: '13812345678' } as const;
export const PHONE_LAST4 = '5678';

export type TrackableCase = { receipt: CaseReceipt; code: string; secret: string };

/** The agent submits a case of `item` whose receipt QR carries a secret the test knows. */
export async function submitTrackable(agent: Api, item: ServiceItem = elderlyAllowance): Promise<TrackableCase> {
  const { submission } = completeCase(item, { name: APPLICANT.name });
  const secret = randomBytes(24).toString('base64url');
  submission.trackSecretHash = createHash('sha256').update(secret, 'utf8').digest('hex');
  const receipt = await agent.submit(submission);
  return { receipt, code: submission.receiptCode, secret };
}

/** The clerk accepts and completes (准予) the case. */
export async function closeCase(clerk: Api, caseId: string): Promise<void> {
  await clerk.act(caseId, { type: 'accept', note: '' });
  await clerk.act(caseId, {
    type: 'complete',
    outcome: 'approved',
    resultName: '高龄津贴',
    resultNumber: '',
    note: '',
  });
}

/** The tracking API as residents at various client addresses reach it. */
export function trackApi(app: FastifyInstance, remoteAddress = '203.0.113.10') {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const lookupRes = (
    body: TrackLookupRequest | Record<string, unknown>,
    from = remoteAddress,
    headers: Record<string, string> = {},
  ) => app.inject({ method: 'POST', url: '/api/track/lookup', payload: body, remoteAddress: from, headers });
  return {
    lookupRes,
    lookup: async (body: TrackLookupRequest, from = remoteAddress): Promise<TrackLookupResponse> => {
      const res = await lookupRes(body, from);
      expect(res.statusCode, res.body).toBe(200);
      return trackLookupResponseSchema.parse(res.json());
    },
    caseRes: (token: string) => app.inject({ method: 'GET', url: '/api/track/case', headers: bearer(token) }),
    view: async (token: string): Promise<TrackView> => {
      const res = await app.inject({ method: 'GET', url: '/api/track/case', headers: bearer(token) });
      expect(res.statusCode, res.body).toBe(200);
      return trackViewSchema.parse(res.json());
    },
    rateRes: (token: string, body: RateCaseRequest) =>
      app.inject({ method: 'POST', url: '/api/track/rating', headers: bearer(token), payload: body }),
    commentRes: (token: string, comment: string) =>
      app.inject({ method: 'POST', url: '/api/track/rating/follow-up', headers: bearer(token), payload: { comment } }),
    complainRes: (token: string, body: ComplaintRequest) =>
      app.inject({ method: 'POST', url: '/api/track/complaints', headers: bearer(token), payload: body }),
  };
}

/** The workbench's follow-up routes as one signed-in clerk or admin sees them. */
export function followUpsOf(api: Api) {
  return {
    list: async (status = 'open'): Promise<FollowUpListResponse> => {
      const res = await api.get(`/api/workbench/follow-ups?status=${status}`);
      expect(res.statusCode, res.body).toBe(200);
      return followUpListResponseSchema.parse(res.json());
    },
    getRes: (id: string) => api.get(`/api/workbench/follow-ups/${id}`),
    actRes: (id: string, action: FollowUpAction) => api.post(`/api/workbench/follow-ups/${id}`, action),
    act: async (id: string, action: FollowUpAction): Promise<FollowUp> => {
      const res = await api.post(`/api/workbench/follow-ups/${id}`, action);
      expect(res.statusCode, res.body).toBe(200);
      return followUpSchema.parse(res.json());
    },
  };
}

/** Every response body a test collected, to scan for personal data. */
export function bodiesOf(responses: readonly LightMyRequestResponse[]): string {
  return responses.map((r) => r.body).join('\n');
}
