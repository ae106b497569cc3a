import type { SessionUser } from '../domain/auth';
import { serviceItemSchema, type ServiceItem, type ServiceItemInput } from '../domain/catalogue';
import type { ProcessedPhoto } from './photo-pipeline';
import type { CaseRecord } from './db';
import { sha256Hex } from './sha256';
import type { Subscribable } from './subscribable';

/** A village agent as the server describes one; for device tests only. */
export const agentUser: SessionUser = {
  id: '01900000-0000-7000-8000-000000000011',
  role: 'agent',
  name: '张建国',
  phoneMasked: '139****0011',
  township: { id: 'township-1', name: '示范镇' },
  county: null,
  village: { id: 'village-1', name: '东坡村' },
  windows: [],
};

/** A service-centre clerk; for device tests only. */
export const clerkUser: SessionUser = {
  id: '01900000-0000-7000-8000-000000000001',
  role: 'clerk',
  name: '李娜',
  phoneMasked: '139****0001',
  township: { id: 'township-1', name: '示范镇' },
  county: null,
  village: null,
  windows: [{ id: 'window-1', name: '社保窗口' }],
};

/** A small proxy-allowed item with a choice that switches a material on; for device tests only. */
export const housingFundItem: ServiceItem = serviceItemSchema.parse({
  code: 'TEST-GJJ',
  version: 1,
  name: '住房公积金提取（测试）',
  itemType: '20',
  level: '4',
  implementingBody: '县住房公积金管理部',
  windowCode: 'SB',
  legalBasis: ['《住房公积金管理条例》'],
  conditions: ['取得贷款后从次年起可办理'],
  procedure: ['交材料', '办理'],
  legalLimitDays: null,
  promisedLimitDays: 0,
  handling: 'instant',
  fees: { charged: false, description: '不收费' },
  place: '示范镇便民服务中心 2号窗口',
  hours: '工作日',
  consultPhone: '0000-12345（示范）',
  complaintPhone: '0000-54321（示范）',
  proxyAllowed: true,
  resultName: '提取到账',
  fields: [
    {
      key: 'loanType',
      label: '贷款类型',
      type: 'choice',
      required: true,
      options: [
        { value: '公积金贷款', label: '公积金贷款' },
        { value: '银行贷款', label: '银行贷款' },
      ],
    },
  ],
  materials: [
    { key: 'idCard', name: '申请人的身份证', issuer: '公安机关', originals: 1, copies: 1, requirement: 'required' },
    {
      key: 'purchaseContract',
      name: '购房合同',
      issuer: '售房单位',
      originals: 1,
      copies: 1,
      requirement: 'conditional',
      when: { field: 'loanType', equals: '银行贷款' },
    },
  ],
  source: { kind: 'local-guide', note: '测试' },
} satisfies ServiceItemInput);

/** A resident as a complete applicant; for device tests only. */
export const residentZhang = {
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  villageId: 'village-1',
  group: '第三组',
  address: '东坡村三组 12 号',
};

/** A stand-in for what processPhoto returns: `fill` makes the bytes distinct. */
export function fakeProcessedPhoto(fill: number, size = 64): ProcessedPhoto {
  const bytes = new Uint8Array(size).fill(fill).buffer;
  return {
    bytes,
    type: 'image/jpeg',
    width: 1500,
    height: 2000,
    size,
    sha256: fill.toString(16).padStart(2, '0').repeat(32),
    thumbnail: { bytes: new Uint8Array(8).fill(fill).buffer, type: 'image/jpeg', width: 240, height: 320 },
  };
}

/** Like fakeProcessedPhoto, with the real SHA-256 of its bytes (what the sync engine checks before sending). */
export async function hashedPhoto(fill: number, size = 64): Promise<ProcessedPhoto> {
  const photo = fakeProcessedPhoto(fill, size);
  return { ...photo, sha256: await sha256Hex(photo.bytes) };
}

/** The first value `source` emits, then unsubscribes. */
export function firstValue<T>(source: Subscribable<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = source.subscribe((value) => {
      resolve(value);
      queueMicrotask(() => {
        stop();
      });
    }, reject);
  });
}

/** A case the township already holds (status 'sent', received), as a pull finds it on the phone. */
export function sentCaseRecord(id: CaseRecord['id'], applicantName = '张三'): CaseRecord {
  return {
    id,
    itemCode: 'TEST-GJJ',
    itemVersion: 1,
    status: 'sent',
    applicant: { name: applicantName },
    answers: {},
    pages: [],
    signature: null,
    receiptCode: 'ABCD-EFGH',
    trackSecret: 'secret',
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    submittedAt: '2026-03-02T01:00:00.000Z',
    agentId: agentUser.id,
    remote: {
      caseNumber: '999001-20260302-00001',
      status: 'received',
      receivedAt: '2026-03-02T02:00:00.000Z',
      materials: { verified: 3, total: 3 },
    },
    sync: { state: 'sent', bytesSent: 10, bytesTotal: 10, error: null },
  };
}
