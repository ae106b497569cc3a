/**
 * The township side of integration tests: agents submitting real cases (with photos that can be
 * uploaded), clerks signed in with their own tokens, clerk actions, the queue, and a second township
 * to prove that nothing leaks between townships.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { apiErrorSchema, type ApiError } from '../../src/domain/api-error';
import { loginResponseSchema } from '../../src/domain/auth';
import type { Page } from '../../src/domain/case-draft';
import type { ClerkAction, CaseResubmission } from '../../src/domain/case-lifecycle';
import { caseReceiptSchema, type CaseReceipt, type CaseSubmission } from '../../src/domain/case-submission';
import { serviceItemSchema, type ServiceItem } from '../../src/domain/catalogue';
import { changesResponseSchema, type Change } from '../../src/domain/change-feed';
import { newId } from '../../src/domain/ids';
import { neededMaterials } from '../../src/domain/item-answers';
import { newReceiptCode } from '../../src/domain/receipt-code';
import { caseDetailSchema, queueResponseSchema, type CaseDetail, type QueueResponse } from '../../src/domain/workbench';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { hashPassword } from '../../src/server/accounts/password';
import { seedItems } from '../../src/server/catalogue/seed-items';

export const AGENT = '13900000011'; // 张建国, 东坡村
export const AGENT_2 = '13900000012'; // 刘桂兰, 西河村
export const CLERK_MZ = '13900000001'; // 李娜: 民政办 MZ, 卫健办 WJ
export const CLERK_SB = '13900000002'; // 陈静: 社保所 SB, 自然资源所 ZR
export const ADMIN = '13900000000'; // 王强
export const OTHER_CLERK = '13900000099'; // 孙丽, 另一镇 民政办

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const itemNamed = (name: string): ServiceItem => serviceItemSchema.parse(seedItems.find((i) => i.name === name));

/** 高龄津贴 at 民政办: 20 working days promised. */
export const elderlyAllowance = itemNamed('高龄津贴（补贴）申领');
/** 住房公积金提取 at 社保所: 即办件 (0 days). */
export const housingFund = itemNamed('住房公积金提取（偿还购房贷款）');

const answersFor: Record<string, Record<string, unknown>> = {
  [elderlyAllowance.code]: { paymentAccount: '社会保障卡' },
  [housingFund.code]: { loanType: '银行贷款（第一次支取）', withdrawSpouse: '否' },
};

export type Photos = Map<string, Buffer>;

export function jpegBytes(size = 1500): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
}

export function pngBytes(size = 600): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);
}

/** A page of `materialKey` with fresh photo bytes, recorded in `photos` by SHA-256. */
export function pageOf(materialKey: string, photos: Photos, order = 0): Page {
  const bytes = jpegBytes(1200 + Math.floor(Math.random() * 800));
  const hash = sha256(bytes);
  photos.set(hash, bytes);
  return {
    id: newId(),
    materialKey,
    order,
    width: 1500,
    height: 2000,
    size: bytes.length,
    type: 'image/jpeg',
    sha256: hash,
    verification: 'pending',
    capturedAt: '2026-03-02T01:00:00.000Z',
  };
}

export function signatureOf(photos: Photos, signerName = '王秀英'): NonNullable<CaseSubmission['signature']> {
  const bytes = pngBytes();
  const hash = sha256(bytes);
  photos.set(hash, bytes);
  return { imageId: newId(), sha256: hash, signerName, signedAt: '2026-03-02T01:05:00.000Z' };
}

/** A complete case of `item` with one page per required material and a signature. */
export function completeCase(
  item: ServiceItem = elderlyAllowance,
  applicant: { name?: string } = {},
): { submission: CaseSubmission; photos: Photos } {
  const photos: Photos = new Map();
  const answers = answersFor[item.code] ?? {};
  const pages = neededMaterials(item, answers, { proxy: true })
    .filter((m) => m.needed === 'required')
    .map((m) => pageOf(m.key, photos));
  return {
    photos,
    submission: {
      itemCode: item.code,
      itemVersion: item.version,
      applicant: {
        name: applicant.name ?? '王秀英',
        idNumber: '11010519491231002X',
        phone: '13812345678',
        villageId: 'x',
        group: '第三组',
        address: '东坡村三组12号',
      },
      answers,
      pages,
      signature: signatureOf(photos),
      receiptCode: newReceiptCode(),
      trackSecretHash: sha256(randomBytes(16)),
      submittedAt: '2026-03-02T01:06:00.000Z',
    },
  };
}

export async function tokenFor(app: FastifyInstance, phone: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client: 'device' },
  });
  expect(res.statusCode).toBe(200);
  return loginResponseSchema.parse(res.json()).token ?? '';
}

export function problemOf(res: LightMyRequestResponse): ApiError {
  return apiErrorSchema.parse(res.json());
}

/** Adds 另一镇 with a 民政办 window and its clerk 孙丽 (OTHER_CLERK), who must never see 示范镇's cases. */
export async function addOtherTownship(app: FastifyInstance): Promise<void> {
  const db = app.db.kysely;
  const townshipId = newId();
  const windowId = newId();
  const userId = newId();
  const at = new Date().toISOString();
  await db
    .insertInto('townships')
    .values({ id: townshipId, code: '999002', name: '另一镇（测试）', is_demo: 1, created_at: at })
    .execute();
  await db
    .insertInto('windows')
    .values({ id: windowId, township_id: townshipId, code: 'MZ', name: '民政办' })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: userId,
      role: 'clerk',
      name: '孙丽',
      phone: OTHER_CLERK,
      password_hash: await hashPassword(DEMO_PASSWORD),
      township_id: townshipId,
      village_id: null,
      failed_logins: 0,
      locked_until: null,
      is_demo: 1,
      created_at: at,
    })
    .execute();
  await db.insertInto('user_windows').values({ user_id: userId, window_id: windowId }).execute();
}

/** The township API as one signed-in user sees it. */
export function apiAs(app: FastifyInstance, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    submit: async (submission: CaseSubmission, id = newId()): Promise<CaseReceipt> => {
      const res = await app.inject({ method: 'PUT', url: `/api/cases/${id}`, headers, payload: submission });
      expect(res.statusCode, res.body).toBe(200);
      return caseReceiptSchema.parse(res.json());
    },
    resubmit: (id: string, round: number, body: CaseResubmission) =>
      app.inject({ method: 'PUT', url: `/api/cases/${id}/rounds/${String(round)}`, headers, payload: body }),
    /** Uploads one photo through the resumable blob API (create, one chunk, complete). */
    upload: async (bytes: Buffer, type = 'image/jpeg'): Promise<void> => {
      const id = newId();
      const created = await app.inject({
        method: 'POST',
        url: '/api/blobs',
        headers,
        payload: { id, size: bytes.length, sha256: sha256(bytes), type },
      });
      expect(created.statusCode, created.body).toBe(200);
      await app.inject({
        method: 'PUT',
        url: `/api/blobs/${id}/chunks?offset=0`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: bytes,
      });
      const done = await app.inject({ method: 'POST', url: `/api/blobs/${id}/complete`, headers });
      expect(done.statusCode, done.body).toBe(200);
    },
    changes: async (after = 0): Promise<Change[]> => {
      const res = await app.inject({ method: 'GET', url: `/api/sync/changes?after=${String(after)}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return changesResponseSchema.parse(res.json()).changes;
    },
    detailRes: (id: string) => app.inject({ method: 'GET', url: `/api/workbench/cases/${id}`, headers }),
    detail: async (id: string): Promise<CaseDetail> => {
      const res = await app.inject({ method: 'GET', url: `/api/workbench/cases/${id}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return caseDetailSchema.parse(res.json());
    },
    actRes: (id: string, expectedVersion: number, action: ClerkAction | Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/workbench/cases/${id}/actions`,
        headers,
        payload: { expectedVersion, action },
      }),
    /** Acts on the case's current version and expects success. */
    act: async (id: string, action: ClerkAction): Promise<CaseDetail> => {
      const before = caseDetailSchema.parse(
        (await app.inject({ method: 'GET', url: `/api/workbench/cases/${id}`, headers })).json(),
      );
      const res = await app.inject({
        method: 'POST',
        url: `/api/workbench/cases/${id}/actions`,
        headers,
        payload: { expectedVersion: before.version, action },
      });
      expect(res.statusCode, res.body).toBe(200);
      return caseDetailSchema.parse(res.json());
    },
    queueRes: (query: Record<string, string | number> = {}) =>
      app.inject({
        method: 'GET',
        url: '/api/workbench/queue',
        headers,
        query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
      }),
    queue: async (query: Record<string, string | number> = {}): Promise<QueueResponse> => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/workbench/queue',
        headers,
        query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
      });
      expect(res.statusCode, res.body).toBe(200);
      return queueResponseSchema.parse(res.json());
    },
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: object) => app.inject({ method: 'POST', url, headers, payload }),
    put: (url: string, payload: object) => app.inject({ method: 'PUT', url, headers, payload }),
  };
}

/** Sets the test clock to a China wall-clock time: '2026-02-12 10:00' → 2026-02-12T02:00:00Z. */
export function chinaTime(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
