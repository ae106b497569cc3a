import { describe, expect, it } from 'vitest';
import { serviceItemSchema, type Condition, type ItemField, type ServiceItemInput } from './catalogue';
import { answersSchemaFor, checkFieldValue, holds, neededMaterials, visibleFields, type Answers } from './item-answers';

/** 2026-03-02 09:00 in China, but still 1 March in UTC: "today" must be China's. */
const now = () => new Date('2026-03-02T01:00:00Z');
const TODAY = '2026-03-02';

const base = {
  code: 'TEST-01',
  version: 1,
  name: '测试事项',
  itemType: '05',
  level: '5',
  implementingBody: '示范镇人民政府',
  windowCode: 'MZ',
  legalBasis: ['《社会救助暂行办法》'],
  conditions: ['测试'],
  procedure: ['测试'],
  legalLimitDays: null,
  promisedLimitDays: 10,
  handling: 'promised',
  fees: { charged: false, description: '不收费' },
  place: '示范镇便民服务中心 1号窗口',
  hours: '工作日 8:30–12:00，14:00–17:30',
  consultPhone: '0000-12345（示范）',
  complaintPhone: '0000-54321（示范）',
  proxyAllowed: true,
  resultName: '测试结果',
  source: { kind: 'typical', note: '测试' },
} satisfies Omit<ServiceItemInput, 'fields' | 'materials'>;

/** A relief item with one field of every type and materials that depend on the answers. */
const item = serviceItemSchema.parse({
  ...base,
  fields: [
    {
      key: 'reasons',
      label: '困难原因',
      type: 'multiChoice',
      required: true,
      minSelected: 1,
      options: opts('疾病', '灾害', '其他'),
    },
    {
      key: 'otherReason',
      label: '其他原因',
      type: 'text',
      required: true,
      maxLength: 10,
      when: { field: 'reasons', includes: '其他' },
    },
    { key: 'note', label: '备注', type: 'text', required: false, minLength: 2, maxLength: 5 },
    { key: 'size', label: '家庭人口', type: 'number', required: true, min: 1, max: 20, integer: true },
    { key: 'amount', label: '自付费用', type: 'number', required: false, min: 0, max: 1000 },
    { key: 'accidentDate', label: '发生日期', type: 'date', required: false, range: 'past' },
    { key: 'visitDate', label: '预约日期', type: 'date', required: false, range: 'future' },
    { key: 'anyDate', label: '任意日期', type: 'date', required: false },
    { key: 'married', label: '是否已婚', type: 'choice', required: true, options: opts('是', '否') },
    {
      key: 'spouseId',
      label: '配偶身份证号',
      type: 'residentId',
      required: true,
      when: { field: 'married', equals: '是' },
    },
    { key: 'contactPhone', label: '家属手机', type: 'phone', required: false },
    { key: 'site', label: '地址', type: 'address', required: false, maxLength: 8 },
  ],
  materials: [
    { key: 'form', name: '申请书', issuer: '窗口', originals: 1, copies: 0, requirement: 'required' },
    {
      key: 'bills',
      name: '医疗费用票据',
      issuer: '医院',
      originals: 0,
      copies: 1,
      requirement: 'conditional',
      when: { field: 'reasons', includes: '疾病' },
    },
    {
      key: 'marriage',
      name: '结婚证',
      issuer: '婚姻登记机关',
      originals: 1,
      copies: 1,
      requirement: 'conditional',
      when: {
        all: [{ field: 'married', equals: '是' }, { any: [{ field: 'reasons', includes: '疾病' }, { proxy: true }] }],
      },
    },
    {
      key: 'letter',
      name: '委托书',
      issuer: '申请人',
      originals: 1,
      copies: 0,
      requirement: 'conditional',
      when: { proxy: true },
    },
    { key: 'photo', name: '现场照片', issuer: '申请人', originals: 1, copies: 0, requirement: 'optional' },
  ],
} satisfies ServiceItemInput);

function opts(...labels: string[]) {
  return labels.map((label) => ({ value: label, label }));
}

function field(key: string): ItemField {
  const found = item.fields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
}

const valid = { reasons: ['灾害'], size: 3, married: '否' } satisfies Answers;

function problemsOf(answers: Answers, proxy = false): { field: string; problem: string }[] {
  const result = answersSchemaFor(item, { proxy }, now).safeParse(answers);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), problem: i.message }));
}

function problemAt(key: string, value: unknown): string | undefined {
  return problemsOf({ ...valid, [key]: value }).find((p) => p.field === key)?.problem;
}

function accepted(answers: Answers, proxy = false): Answers {
  return answersSchemaFor(item, { proxy }, now).parse(answers);
}

describe('conditions on the answers', () => {
  const ctx = { proxy: false };

  it('compares a single answer with equals', () => {
    expect(holds({ field: 'married', equals: '是' }, { married: '是' }, ctx)).toBe(true);
    expect(holds({ field: 'married', equals: '是' }, { married: '否' }, ctx)).toBe(false);
    expect(holds({ field: 'married', equals: '是' }, {}, ctx)).toBe(false);
    expect(holds({ field: 'size', equals: 3 }, { size: 3 }, ctx)).toBe(true);
  });

  it('looks inside a multiple choice with includes, and only there', () => {
    expect(holds({ field: 'reasons', includes: '疾病' }, { reasons: ['灾害', '疾病'] }, ctx)).toBe(true);
    expect(holds({ field: 'reasons', includes: '疾病' }, { reasons: ['灾害'] }, ctx)).toBe(false);
    expect(holds({ field: 'reasons', includes: '疾病' }, { reasons: '疾病' }, ctx)).toBe(false);
  });

  it('knows whether the village agent is handling the case', () => {
    expect(holds({ proxy: true }, {}, { proxy: true })).toBe(true);
    expect(holds({ proxy: true }, {}, { proxy: false })).toBe(false);
  });

  it('combines conditions with all and any', () => {
    const both = { all: [{ field: 'married', equals: '是' }, { proxy: true }] } satisfies Condition;
    expect(holds(both, { married: '是' }, { proxy: true })).toBe(true);
    expect(holds(both, { married: '是' }, { proxy: false })).toBe(false);
    const either = { any: [{ field: 'married', equals: '是' }, { proxy: true }] } satisfies Condition;
    expect(holds(either, { married: '否' }, { proxy: true })).toBe(true);
    expect(holds(either, { married: '否' }, { proxy: false })).toBe(false);
  });
});

describe('the materials list follows the answers (一次告知)', () => {
  const keys = (answers: Answers, proxy = false) => neededMaterials(item, answers, { proxy }).map((m) => m.key);

  it('asks for the bills once illness is ticked and stops asking when it is unticked', () => {
    expect(keys({ reasons: ['灾害'] })).toEqual(['form', 'photo']);
    expect(keys({ reasons: ['灾害', '疾病'] })).toEqual(['form', 'bills', 'photo']);
    expect(keys({ reasons: ['灾害'] })).not.toContain('bills');
  });

  it('adds the authorisation letter only when the agent handles the case', () => {
    expect(keys({}, true)).toContain('letter');
    expect(keys({}, false)).not.toContain('letter');
  });

  it('evaluates nested all/any conditions', () => {
    expect(keys({ married: '是', reasons: ['疾病'] })).toContain('marriage');
    expect(keys({ married: '是', reasons: ['灾害'] }, true)).toContain('marriage');
    expect(keys({ married: '是', reasons: ['灾害'] }, false)).not.toContain('marriage');
    expect(keys({ married: '否', reasons: ['疾病'] }, true)).not.toContain('marriage');
  });

  it('marks what is needed as required and keeps optional materials optional', () => {
    const list = neededMaterials(item, { reasons: ['疾病'] }, { proxy: false });
    expect(list.find((m) => m.key === 'bills')?.needed).toBe('required');
    expect(list.find((m) => m.key === 'photo')?.needed).toBe('optional');
  });
});

describe('fields that only show for some answers', () => {
  it('shows the spouse ID only for a married applicant', () => {
    const keysFor = (answers: Answers) => visibleFields(item, answers, { proxy: false }).map((f) => f.key);
    expect(keysFor({ married: '否' })).not.toContain('spouseId');
    expect(keysFor({ married: '是' })).toContain('spouseId');
  });

  it('neither requires nor returns a hidden field, even with a stale answer left in it', () => {
    expect(problemsOf(valid)).toEqual([]);
    const out = accepted({ ...valid, spouseId: 'not an id', otherReason: '旧的回答' });
    expect(out).not.toHaveProperty('spouseId');
    expect(out).not.toHaveProperty('otherReason');
  });

  it('requires a shown field', () => {
    expect(problemsOf({ ...valid, married: '是' })).toEqual([{ field: 'spouseId', problem: 'REQUIRED' }]);
    expect(problemsOf({ ...valid, reasons: ['其他'] })).toEqual([{ field: 'otherReason', problem: 'REQUIRED' }]);
  });

  it('reports every missing required field at once', () => {
    expect(problemsOf({})).toEqual([
      { field: 'reasons', problem: 'REQUIRED' },
      { field: 'size', problem: 'REQUIRED' },
      { field: 'married', problem: 'REQUIRED' },
    ]);
  });
});

describe('checking each kind of field', () => {
  it('text: trims, and refuses too short, too long, or only spaces where required', () => {
    expect(accepted({ ...valid, note: '  备注  ' }).note).toBe('备注');
    expect(problemAt('note', '甲')).toBe('TOO_SHORT');
    expect(problemAt('note', '一二三四五六')).toBe('TOO_LONG');
    expect(problemsOf({ ...valid, reasons: ['其他'], otherReason: '   ' })).toEqual([
      { field: 'otherReason', problem: 'REQUIRED' },
    ]);
  });

  it('address: refuses one longer than allowed', () => {
    expect(problemAt('site', '示范村三组')).toBeUndefined();
    expect(problemAt('site', '示范镇示范村第三村民小组')).toBe('TOO_LONG');
  });

  it('number: accepts typed digits, and refuses non-numbers, fractions where whole, and out-of-range values', () => {
    expect(accepted({ ...valid, size: ' 4 ' }).size).toBe(4);
    expect(problemAt('size', '三')).toBe('NOT_A_NUMBER');
    expect(problemAt('size', 2.5)).toBe('NOT_INTEGER');
    expect(problemAt('size', 0)).toBe('TOO_SMALL');
    expect(problemAt('size', 21)).toBe('TOO_LARGE');
    expect(problemAt('size', 20)).toBeUndefined();
    expect(problemAt('amount', 12.5)).toBeUndefined();
    expect(problemAt('amount', -0.01)).toBe('TOO_SMALL');
    expect(problemsOf({ ...valid, size: '  ' })).toEqual([{ field: 'size', problem: 'REQUIRED' }]);
  });

  it('date: refuses dates that do not exist, such as 30 February 2026', () => {
    expect(problemAt('anyDate', '2026-02-30')).toBe('DATE_INVALID');
    expect(problemAt('anyDate', '2026-13-01')).toBe('DATE_INVALID');
    expect(problemAt('anyDate', '2026/03/01')).toBe('DATE_INVALID');
    expect(problemAt('anyDate', '2028-02-29')).toBeUndefined();
  });

  it('date: a past date may be today (in China) but not tomorrow; a future date may be today but not yesterday', () => {
    expect(problemAt('accidentDate', TODAY)).toBeUndefined();
    expect(problemAt('accidentDate', '2026-03-03')).toBe('DATE_IN_FUTURE');
    expect(problemAt('visitDate', TODAY)).toBeUndefined();
    expect(problemAt('visitDate', '2026-03-01')).toBe('DATE_IN_PAST');
    expect(checkFieldValue(field('accidentDate'), '2026-03-02', '2026-03-01')).toEqual({
      ok: false,
      problem: 'DATE_IN_FUTURE',
    });
  });

  it('choice: refuses an answer that is not one of the options', () => {
    expect(problemAt('married', '是')).toBeUndefined();
    expect(problemAt('married', '离异')).toBe('CHOICE_INVALID');
    expect(problemAt('married', ['是'])).toBe('CHOICE_INVALID');
  });

  it('multiple choice: refuses unknown options, and a tick repeated does not count twice', () => {
    expect(problemAt('reasons', ['疾病', '失业'])).toBe('CHOICE_INVALID');
    expect(problemAt('reasons', '疾病')).toBe('CHOICE_INVALID');
    expect(accepted({ ...valid, reasons: ['疾病', '疾病'] }).reasons).toEqual(['疾病']);
    const reasons = field('reasons');
    if (reasons.type !== 'multiChoice') throw new Error('reasons is a multiple choice');
    const twoNeeded = { ...reasons, minSelected: 2 } satisfies ItemField;
    expect(checkFieldValue(twoNeeded, ['疾病', '疾病'], TODAY)).toEqual({ ok: false, problem: 'CHOOSE_MORE' });
    expect(checkFieldValue(twoNeeded, ['疾病', '灾害'], TODAY)).toEqual({ ok: true, value: ['疾病', '灾害'] });
  });

  it('phone: takes a mobile number typed with spaces, refuses a landline or a short number', () => {
    expect(accepted({ ...valid, contactPhone: '138 1234 5678' }).contactPhone).toBe('13812345678');
    expect(problemAt('contactPhone', '0833-2123456')).toBe('PHONE_INVALID');
    expect(problemAt('contactPhone', '1381234567')).toBe('PHONE_INVALID');
    expect(problemAt('contactPhone', '12812345678')).toBe('PHONE_INVALID');
  });

  it('resident ID: turns a lower-case x into X, and reports a wrong check character at the field', () => {
    const married = { ...valid, married: '是' };
    expect(accepted({ ...married, spouseId: '11010519491231002x' }).spouseId).toBe('11010519491231002X');
    expect(problemsOf({ ...married, spouseId: '110105194912310021' })).toEqual([
      { field: 'spouseId', problem: 'ID_CHECK_CHAR' },
    ]);
    expect(problemsOf({ ...married, spouseId: '1101051949123100' })).toEqual([
      { field: 'spouseId', problem: 'ID_FORMAT' },
    ]);
    expect(problemsOf({ ...married, spouseId: '110105202712010016' })).toEqual([
      { field: 'spouseId', problem: 'ID_BIRTH_DATE' },
    ]);
  });
});

describe('the item model itself', () => {
  it('refuses a field that depends on a field the item does not have', () => {
    const broken = {
      ...base,
      fields: [{ key: 'a', label: '甲', type: 'text', required: false, when: { field: 'missing', equals: '是' } }],
      materials: [{ key: 'form', name: '申请书', issuer: '窗口', originals: 1, copies: 0, requirement: 'required' }],
    } satisfies ServiceItemInput;
    expect(serviceItemSchema.safeParse(broken).success).toBe(false);
  });

  it('refuses a 即办件 with a promised limit, and a 承诺件 without one', () => {
    const materials = [
      { key: 'form', name: '申请书', issuer: '窗口', originals: 1, copies: 0, requirement: 'required' },
    ] satisfies ServiceItemInput['materials'];
    const instant = {
      ...base,
      fields: [],
      materials,
      handling: 'instant',
      promisedLimitDays: 3,
    } satisfies ServiceItemInput;
    expect(serviceItemSchema.safeParse(instant).success).toBe(false);
    expect(serviceItemSchema.safeParse({ ...instant, promisedLimitDays: 0 }).success).toBe(true);
    expect(serviceItemSchema.safeParse({ ...instant, handling: 'promised', promisedLimitDays: 0 }).success).toBe(false);
  });
});

describe('stale answers in hidden fields', () => {
  const chained = serviceItemSchema.parse({
    ...base,
    fields: [
      {
        key: 'hasDisability',
        label: '家中有残疾人',
        type: 'choice',
        required: true,
        options: [
          { value: 'yes', label: '是' },
          { value: 'no', label: '否' },
        ],
      },
      {
        key: 'certificate',
        label: '是否已办残疾人证',
        type: 'choice',
        required: true,
        when: { field: 'hasDisability', equals: 'yes' },
        options: [
          { value: 'yes', label: '是' },
          { value: 'no', label: '否' },
        ],
      },
      { key: 'members', label: '家庭人口', type: 'number', required: false, integer: true },
    ],
    materials: [
      { key: 'idCard', name: '身份证', issuer: '公安机关', originals: 1, copies: 1, requirement: 'required' },
      {
        key: 'disabilityCard',
        name: '残疾人证',
        issuer: '残联',
        originals: 1,
        copies: 1,
        requirement: 'conditional',
        when: { field: 'certificate', equals: 'yes' },
      },
      {
        key: 'bigFamily',
        name: '户口簿全页',
        issuer: '公安机关',
        originals: 1,
        copies: 1,
        requirement: 'conditional',
        when: { field: 'members', equals: 3 },
      },
    ],
  });

  it('a material switched on by a field that has since been hidden disappears again', () => {
    const ctx = { proxy: true };
    expect(neededMaterials(chained, { hasDisability: 'yes', certificate: 'yes' }, ctx).map((m) => m.key)).toContain(
      'disabilityCard',
    );
    expect(neededMaterials(chained, { hasDisability: 'no', certificate: 'yes' }, ctx).map((m) => m.key)).not.toContain(
      'disabilityCard',
    );
  });

  it('a number typed into the form matches a condition on that number', () => {
    expect(
      neededMaterials(chained, { hasDisability: 'no', members: '3' }, { proxy: true }).map((m) => m.key),
    ).toContain('bigFamily');
  });
});
