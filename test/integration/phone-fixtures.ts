/**
 * A phone's outbox for sync tests: complete (or deliberately incomplete) 住房公积金 cases with fake
 * photos, written straight into the phone's IndexedDB (fake-indexeddb in Node).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Page } from '../../src/domain/case-draft';
import type { ClerkAction } from '../../src/domain/case-lifecycle';
import { caseDetailSchema, type CaseDetail } from '../../src/domain/workbench';
import { serviceItemSchema } from '../../src/domain/catalogue';
import { newId } from '../../src/domain/ids';
import { neededMaterials } from '../../src/domain/item-answers';
import { newReceiptCode } from '../../src/domain/receipt-code';
import { getDatabase, type CaseRecord, type StoredPhoto } from '../../src/device/db';
import type { ProcessedPhoto } from '../../src/device/photo-pipeline';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { seedItems } from '../../src/server/catalogue/seed-items';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const housingFund = serviceItemSchema.parse(seedItems.find((i) => i.name === '住房公积金提取（偿还购房贷款）'));
export const answers = { loanType: '银行贷款（第一次支取）', withdrawSpouse: '否' };

export function jpeg(size: number): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]));
}

export function png(size: number): Uint8Array {
  return new Uint8Array(
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]),
  );
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

export type Phone = { agentId: string };

/** 王秀英, the resident of the sync tests, as a complete applicant (a new object each call). */
export function applicantWang() {
  return {
    name: '王秀英',
    idNumber: '11010519491231002X',
    phone: '13812345678',
    villageId: 'x',
    group: '第三组',
    address: '东坡村三组12号',
  };
}

/** The page referencing a stored 1500×2000 JPEG as the only page of `materialKey` (原件待核验). */
export function jpegPage(
  photo: { id: string; size: number; sha256: string },
  materialKey: string,
  capturedAt: string,
): Page {
  return {
    id: photo.id,
    materialKey,
    order: 0,
    width: 1500,
    height: 2000,
    size: photo.size,
    type: 'image/jpeg',
    sha256: photo.sha256,
    verification: 'pending',
    capturedAt,
  };
}

/**
 * Stores a submitted (outbox) 住房公积金 case on the phone: one photo per required material (the
 * first `bigPhoto` bytes, the rest small) and a signature. `valid: false` leaves out the photos and
 * the signature, which the server refuses as CASE_INVALID.
 */
export async function queueCase(
  phone: Phone,
  options: { submittedAt?: string; bigPhoto?: number; valid?: boolean } = {},
): Promise<{ record: CaseRecord; photos: StoredPhoto[] }> {
  const id = newId();
  const photos: StoredPhoto[] = [];
  const materials = neededMaterials(housingFund, answers, { proxy: true }).filter((m) => m.needed === 'required');
  const pages =
    options.valid === false
      ? []
      : materials.map((m, i) => {
          const bytes = jpeg(i === 0 ? (options.bigPhoto ?? 600_000) : 3000 + i);
          const photo: StoredPhoto = {
            id: newId(),
            caseId: id,
            bytes: toArrayBuffer(bytes),
            type: 'image/jpeg',
            size: bytes.length,
            sha256: sha256(bytes),
          };
          photos.push(photo);
          return jpegPage(photo, m.key, '2026-03-02T01:00:00.000Z');
        });
  let signature: CaseRecord['signature'] = null;
  if (options.valid !== false) {
    const bytes = png(900);
    const photo: StoredPhoto = {
      id: newId(),
      caseId: id,
      bytes: toArrayBuffer(bytes),
      type: 'image/png',
      size: bytes.length,
      sha256: sha256(bytes),
    };
    photos.push(photo);
    signature = { imageId: photo.id, sha256: photo.sha256, signerName: '王秀英', signedAt: '2026-03-02T01:05:00.000Z' };
  }
  const submittedAt = options.submittedAt ?? '2026-03-02T01:06:00.000Z';
  const record: CaseRecord = {
    id,
    itemCode: housingFund.code,
    itemVersion: housingFund.version,
    status: 'outbox',
    applicant: applicantWang(),
    answers: options.valid === false ? { loanType: '银行贷款（第一次支取）' } : answers,
    pages,
    signature,
    receiptCode: newReceiptCode(),
    trackSecret: randomBytes(16).toString('base64url'),
    createdAt: submittedAt,
    updatedAt: submittedAt,
    submittedAt,
    agentId: phone.agentId,
  };
  const db = getDatabase();
  await db.transaction('rw', [db.cases, db.photos], async () => {
    await db.cases.add(record);
    await db.photos.bulkAdd(photos);
  });
  return { record, photos };
}

/** What the photo worker would hand the repository for a `size`-byte JPEG (real bytes, real SHA-256). */
export function processedPhoto(size: number): ProcessedPhoto {
  const bytes = jpeg(size);
  const thumbnail = jpeg(200);
  return {
    bytes: toArrayBuffer(bytes),
    type: 'image/jpeg',
    width: 1500,
    height: 2000,
    size: bytes.length,
    sha256: sha256(bytes),
    thumbnail: { bytes: toArrayBuffer(thumbnail), type: 'image/jpeg', width: 240, height: 320 },
  };
}

/** A clerk at the workbench: signed in with a web session cookie, acting on the case version it sees. */
export async function clerkAt(app: FastifyInstance, phone: string) {
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client: 'web' },
  });
  if (login.statusCode !== 200) throw new Error(`clerk login failed: ${login.body}`);
  const cookies = Object.fromEntries(login.cookies.map((c) => [c.name, c.value]));
  const detail = async (caseId: string): Promise<CaseDetail> => {
    const res = await app.inject({ method: 'GET', url: `/api/workbench/cases/${caseId}`, cookies });
    if (res.statusCode !== 200) throw new Error(`case detail: ${res.body}`);
    return caseDetailSchema.parse(res.json());
  };
  return {
    detail,
    /** Takes `action` on the case as the clerk now sees it; resolves with the case after it. */
    act: async (caseId: string, action: ClerkAction): Promise<CaseDetail> => {
      const { version } = await detail(caseId);
      const res = await app.inject({
        method: 'POST',
        url: `/api/workbench/cases/${caseId}/actions`,
        cookies,
        // The workbench's CSRF proof (server/plugins/csrf.ts), as sync-fetch sends it.
        headers: { 'x-daiban-csrf': '1' },
        payload: { expectedVersion: version, action },
      });
      if (res.statusCode !== 200) throw new Error(`clerk action ${action.type}: ${res.body}`);
      return caseDetailSchema.parse(res.json());
    },
  };
}
