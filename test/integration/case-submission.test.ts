import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../src/domain/api-error';
import { loginResponseSchema } from '../../src/domain/auth';
import { serviceItemSchema } from '../../src/domain/catalogue';
import { changesResponseSchema } from '../../src/domain/change-feed';
import { caseReceiptSchema, type CaseSubmission } from '../../src/domain/case-submission';
import { newId } from '../../src/domain/ids';
import { neededMaterials } from '../../src/domain/item-answers';
import { newReceiptCode } from '../../src/domain/receipt-code';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { seedItems } from '../../src/server/catalogue/seed-items';
import { dialects, startTestApp, type TestApp } from './harness';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const housingFund = serviceItemSchema.parse(seedItems.find((i) => i.name === '住房公积金提取（偿还购房贷款）'));

/** A complete 住房公积金 case (bank loan, first withdrawal) with one fake photo per needed material. */
function completeCase(): { submission: CaseSubmission; photos: Map<string, Buffer> } {
  const answers = { loanType: '银行贷款（第一次支取）', withdrawSpouse: '否' };
  const photos = new Map<string, Buffer>();
  const pages = neededMaterials(housingFund, answers, { proxy: true })
    .filter((m) => m.needed === 'required')
    .map((m, i) => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000 + i)]);
      const hash = sha256(bytes);
      photos.set(hash, bytes);
      return {
        id: newId(),
        materialKey: m.key,
        order: 0,
        width: 1500,
        height: 2000,
        size: bytes.length,
        type: 'image/jpeg' as const,
        sha256: hash,
        verification: 'pending' as const,
        capturedAt: '2026-03-02T01:00:00.000Z',
      };
    });
  const signatureBytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(500),
  ]);
  photos.set(sha256(signatureBytes), signatureBytes);
  return {
    photos,
    submission: {
      itemCode: housingFund.code,
      itemVersion: housingFund.version,
      applicant: {
        name: '王秀英',
        idNumber: '11010519491231002X',
        phone: '13812345678',
        villageId: 'x',
        group: '第三组',
        address: '东坡村三组12号',
      },
      answers,
      pages,
      signature: {
        imageId: newId(),
        sha256: sha256(signatureBytes),
        signerName: '王秀英',
        signedAt: '2026-03-02T01:05:00.000Z',
      },
      receiptCode: newReceiptCode(),
      trackSecretHash: sha256(randomBytes(16)),
      submittedAt: '2026-03-02T01:06:00.000Z',
    },
  };
}

async function tokenFor(app: FastifyInstance, phone: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client: 'device' },
  });
  return loginResponseSchema.parse(res.json()).token ?? '';
}

describe.each(dialects)('cases arriving from the phone on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await startTestApp(dialect);
    const token = await tokenFor(t.app, '13900000011');
    const app = t.app;
    const put = (id: string, body: object, as = token) =>
      app.inject({ method: 'PUT', url: `/api/cases/${id}`, headers: { authorization: `Bearer ${as}` }, payload: body });
    const changes = (after: number, limit = 100, as = token) =>
      app.inject({
        method: 'GET',
        url: `/api/sync/changes?after=${String(after)}&limit=${String(limit)}`,
        headers: { authorization: `Bearer ${as}` },
      });
    return { t, app, token, put, changes };
  }

  it('a complete case enters the township queue as 已收件 with its 办件编号 and counts its photos', async () => {
    const { t, app, token, put } = await setup();
    const { submission, photos } = completeCase();
    const res = await put(newId(), submission);
    expect(res.statusCode).toBe(200);
    const receipt = caseReceiptSchema.parse(res.json());
    expect(receipt.caseNumber).toBe('999001-20260302-00001');
    expect(receipt.status).toBe('received');
    expect(receipt.receivedAt).toBe(t.clock.now.toISOString());
    expect(receipt.materials).toEqual({ verified: 0, total: photos.size });

    const [hash, bytes] = [...photos.entries()][0] ?? ['', Buffer.alloc(0)];
    const headers = { authorization: `Bearer ${token}` };
    const blobId = newId();
    await app.inject({
      method: 'POST',
      url: '/api/blobs',
      headers,
      payload: { id: blobId, size: bytes.length, sha256: hash, type: 'image/jpeg' },
    });
    await app.inject({
      method: 'PUT',
      url: `/api/blobs/${blobId}/chunks?offset=0`,
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    await app.inject({ method: 'POST', url: `/api/blobs/${blobId}/complete`, headers });
    const again = caseReceiptSchema.parse((await put(receipt.id, submission)).json());
    expect(again.materials).toEqual({ verified: 1, total: photos.size });
  });

  it('a lost response does not create a second case: the same request again returns the same receipt', async () => {
    const { t, put } = await setup();
    const { submission } = completeCase();
    const id = newId();
    const first = caseReceiptSchema.parse((await put(id, submission)).json());
    const second = caseReceiptSchema.parse((await put(id, submission)).json());
    expect(second).toEqual(first);
    const rows = await t.app.db.kysely.selectFrom('cases').select('id').execute();
    expect(rows).toHaveLength(1);
    const events = await t.app.db.kysely.selectFrom('case_events').select('seq').execute();
    expect(events).toHaveLength(1);
  });

  it('the same request delivered twice at once still makes one case', async () => {
    const { t, put } = await setup();
    const { submission } = completeCase();
    const id = newId();
    const [a, b] = await Promise.all([put(id, submission), put(id, submission)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(caseReceiptSchema.parse(a.json()).caseNumber).toBe(caseReceiptSchema.parse(b.json()).caseNumber);
    expect(await t.app.db.kysely.selectFrom('cases').select('id').execute()).toHaveLength(1);
  });

  it('another body under the same id is a conflict, never a silent overwrite', async () => {
    const { t, put } = await setup();
    const { submission } = completeCase();
    const id = newId();
    await put(id, submission);
    const changed = await put(id, { ...submission, applicant: { ...submission.applicant, address: '西河村' } });
    expect(changed.statusCode).toBe(409);
    expect(apiErrorSchema.parse(changed.json()).code).toBe('CONFLICT');
    const row = await t.app.db.kysely.selectFrom('cases').select('body').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.body).toContain('东坡村三组12号');
  });

  it('an incomplete case is refused with every problem listed, and nothing is stored', async () => {
    const { t, put } = await setup();
    const { submission } = completeCase();
    const res = await put(newId(), {
      ...submission,
      pages: [],
      signature: null,
      answers: { loanType: '银行贷款（第一次支取）' },
    });
    expect(res.statusCode).toBe(422);
    const body = apiErrorSchema.parse(res.json());
    expect(body.code).toBe('CASE_INVALID');
    expect(body.problems?.map((p) => p.where)).toEqual(expect.arrayContaining(['answers', 'materials', 'signature']));
    expect(await t.app.db.kysely.selectFrom('cases').select('id').execute()).toHaveLength(0);
  });

  it('办件编号 follow each other and never repeat; a new day starts a new sequence', async () => {
    const { t, put } = await setup();
    const numbers: string[] = [];
    for (let i = 0; i < 3; i += 1)
      numbers.push(caseReceiptSchema.parse((await put(newId(), completeCase().submission)).json()).caseNumber);
    t.clock.advance(24 * 60 * 60 * 1000);
    numbers.push(caseReceiptSchema.parse((await put(newId(), completeCase().submission)).json()).caseNumber);
    expect(numbers).toEqual([
      '999001-20260302-00001',
      '999001-20260302-00002',
      '999001-20260302-00003',
      '999001-20260303-00001',
    ]);
  });

  it("the phone's clock hours off changes nothing: receipt time and order follow the server", async () => {
    const { t, put, changes } = await setup();
    const early = { ...completeCase().submission, submittedAt: '2030-01-01T00:00:00.000Z' };
    const late = { ...completeCase().submission, submittedAt: '2001-01-01T00:00:00.000Z' };
    const a = caseReceiptSchema.parse((await put(newId(), early)).json());
    t.clock.advance(60_000);
    const b = caseReceiptSchema.parse((await put(newId(), late)).json());
    expect(a.receivedAt).toBe('2026-03-02T02:00:00.000Z');
    expect(b.receivedAt).toBe('2026-03-02T02:01:00.000Z');
    const feed = changesResponseSchema.parse((await changes(0)).json());
    expect(feed.changes.map((c) => c.caseId)).toEqual([a.id, b.id]);
  });

  it("the change feed gives an agent only their own cases' changes, in order, page by page", async () => {
    const { t, put, changes } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const id = newId();
      ids.push(id);
      await put(id, completeCase().submission);
    }
    const first = changesResponseSchema.parse((await changes(0, 2)).json());
    expect(first.changes.map((c) => c.caseId)).toEqual(ids.slice(0, 2));
    expect(first.hasMore).toBe(true);
    expect(first.changes[0]?.payload).toMatchObject({ caseNumber: '999001-20260302-00001', status: 'received' });
    const second = changesResponseSchema.parse((await changes(first.cursor, 2)).json());
    expect(second.changes.map((c) => c.caseId)).toEqual(ids.slice(2));
    expect(second.hasMore).toBe(false);
    const empty = changesResponseSchema.parse((await changes(second.cursor)).json());
    expect(empty).toMatchObject({ changes: [], cursor: second.cursor, hasMore: false });

    const other = await tokenFor(t.app, '13900000012');
    expect(changesResponseSchema.parse((await changes(0, 100, other)).json()).changes).toHaveLength(0);
  });

  it('only agents submit cases: a clerk is refused with 403', async () => {
    const { t, put } = await setup();
    const clerk = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: '13900000001', password: DEMO_PASSWORD, client: 'device' },
    });
    const clerkToken = loginResponseSchema.parse(clerk.json()).token ?? '';
    expect((await put(newId(), completeCase().submission, clerkToken)).statusCode).toBe(403);
  });
});
