import { describe, expect, it } from 'vitest';
import { type ServiceItemInput, serviceItemSchema } from './catalogue';
import { submissionProblems } from './case-draft';

const item = serviceItemSchema.parse({
  code: 'TEST-001',
  version: 1,
  name: '临时救助（测试）',
  itemType: '05',
  level: '5',
  implementingBody: '示范镇人民政府',
  windowCode: 'MZ',
  legalBasis: ['《社会救助暂行办法》'],
  conditions: ['因疾病等原因导致基本生活暂时出现严重困难'],
  procedure: ['申请', '审核', '审批'],
  legalLimitDays: null,
  promisedLimitDays: 15,
  handling: 'promised',
  fees: { charged: false, description: '不收费' },
  place: '示范镇便民服务中心',
  hours: '工作日',
  consultPhone: '0000-12345（示范）',
  complaintPhone: '0000-12345（示范）',
  proxyAllowed: true,
  resultName: '临时救助审批结果',
  fields: [
    {
      key: 'cause',
      label: '困难原因',
      type: 'multiChoice',
      required: true,
      minSelected: 1,
      options: [
        { value: 'illness', label: '疾病' },
        { value: 'accident', label: '意外事故' },
      ],
    },
  ],
  materials: [
    { key: 'idCard', name: '身份证', issuer: '公安机关', originals: 1, copies: 1, requirement: 'required' },
    {
      key: 'medicalBills',
      name: '医疗费用票据',
      issuer: '医疗机构',
      originals: 1,
      copies: 0,
      requirement: 'conditional',
      when: { field: 'cause', includes: 'illness' },
    },
    { key: 'other', name: '其他证明', issuer: '—', originals: 0, copies: 1, requirement: 'optional' },
  ],
  source: { kind: 'typical', note: '测试' },
} satisfies ServiceItemInput);

const goodApplicant = {
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  villageId: 'v1',
  group: '第三组',
  address: '东坡村3组12号',
};

const signature = { imageId: 's1', sha256: 'a'.repeat(64), signerName: '张三', signedAt: '2026-11-25T08:00:00.000Z' };

describe('checking a case before it leaves the phone', () => {
  it('a complete case has no problems', () => {
    expect(
      submissionProblems({
        item,
        applicant: goodApplicant,
        answers: { cause: ['illness'] },
        pages: [{ materialKey: 'idCard' }, { materialKey: 'medicalBills' }],
        signature,
        context: { proxy: true },
      }),
    ).toEqual([]);
  });

  it('lists everything missing at once: applicant fields, answers, material pages and the signature', () => {
    const problems = submissionProblems({
      item,
      applicant: { ...goodApplicant, idNumber: '110105194912310021', phone: '' },
      answers: {},
      pages: [],
      signature: null,
      context: { proxy: true },
    });
    expect(problems).toEqual([
      { where: 'applicant', field: 'idNumber', problem: 'ID_CHECK_CHAR' },
      { where: 'applicant', field: 'phone', problem: 'PHONE_INVALID' },
      { where: 'answers', field: 'cause', label: '困难原因', problem: 'REQUIRED' },
      { where: 'materials', materialKey: 'idCard', name: '身份证', problem: 'NO_PAGES' },
      { where: 'signature', problem: 'SIGNATURE_MISSING' },
    ]);
  });

  it('asks for the medical bills only once illness is among the causes, and never for optional material', () => {
    const base = {
      item,
      applicant: goodApplicant,
      pages: [{ materialKey: 'idCard' }],
      signature,
      context: { proxy: true },
    };
    expect(submissionProblems({ ...base, answers: { cause: ['accident'] } })).toEqual([]);
    expect(submissionProblems({ ...base, answers: { cause: ['accident', 'illness'] } })).toEqual([
      { where: 'materials', materialKey: 'medicalBills', name: '医疗费用票据', problem: 'NO_PAGES' },
    ]);
  });

  it('a resident applying in person needs no authorisation signature', () => {
    const problems = submissionProblems({
      item,
      applicant: goodApplicant,
      answers: { cause: ['accident'] },
      pages: [{ materialKey: 'idCard' }],
      signature: null,
      context: { proxy: false },
    });
    expect(problems).toEqual([]);
  });

  it('a missing applicant name or address is reported as required', () => {
    const problems = submissionProblems({
      item,
      applicant: { idNumber: goodApplicant.idNumber, phone: goodApplicant.phone, villageId: 'v1' },
      answers: { cause: ['accident'] },
      pages: [{ materialKey: 'idCard' }],
      signature,
      context: { proxy: true },
    });
    expect(problems).toEqual([
      { where: 'applicant', field: 'name', problem: 'REQUIRED' },
      { where: 'applicant', field: 'address', problem: 'REQUIRED' },
    ]);
  });
});
