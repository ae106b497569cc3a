import { describe, expect, it } from 'vitest';
import { serviceItemSchema, type Condition, type ServiceItem } from '../../domain/catalogue';
import { answersSchemaFor, neededMaterials, type Answers, type FieldProblem } from '../../domain/item-answers';
import { seedItems } from './seed-items';

/** 2026-03-02 10:00 in China. */
const now = () => new Date('2026-03-02T02:00:00Z');

const items: ServiceItem[] = seedItems.map((item) => serviceItemSchema.parse(item));

function item(code: string): ServiceItem {
  const found = items.find((i) => i.code === code);
  if (!found) throw new Error(`no seeded item ${code}`);
  return found;
}

function problemsOf(entry: ServiceItem, answers: Answers): { field: string; problem: string }[] {
  const result = answersSchemaFor(entry, { proxy: true }, now).safeParse(answers);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ field: i.path.map(String).join('.'), problem: i.message }));
}

type Example = { valid: Answers; invalid: { answers: Answers; field: string; problem: FieldProblem } };

/** One realistic case per item, and one the agent's phone must refuse. */
const examples: Record<string, Example> = {
  'DEMO-MZ-001': {
    valid: { applyType: '首次申领' },
    invalid: { answers: {}, field: 'applyType', problem: 'REQUIRED' },
  },
  'DEMO-ZR-001': {
    valid: {
      buildType: '原址翻建',
      plannedArea: '120',
      floors: 2,
      householdSize: 5,
      site: '示范村三组，东至道路，西至张家',
    },
    invalid: {
      answers: { buildType: '原址翻建', plannedArea: 120, floors: 2.5, householdSize: 5, site: '示范村三组' },
      field: 'floors',
      problem: 'NOT_INTEGER',
    },
  },
  'DEMO-SB-001': {
    valid: { contributionLevel: '300元', specialGroup: '否' },
    invalid: {
      answers: { contributionLevel: '250元', specialGroup: '否' },
      field: 'contributionLevel',
      problem: 'CHOICE_INVALID',
    },
  },
  'DEMO-MZ-002': {
    valid: { disabilityCategory: '肢体', guardianApplies: '否' },
    invalid: { answers: { guardianApplies: '否' }, field: 'disabilityCategory', problem: 'REQUIRED' },
  },
  'DEMO-MZ-003': {
    valid: {
      householdSize: 3,
      applyReasons: ['疾病', '其他'],
      otherReason: '房屋倒塌后借住亲戚家',
      hasDisabledMember: '是',
    },
    invalid: {
      answers: { householdSize: 3, applyReasons: ['其他'], hasDisabledMember: '否' },
      field: 'otherReason',
      problem: 'REQUIRED',
    },
  },
  'DEMO-MZ-004': {
    valid: { assistanceType: '急难型', difficultyReasons: ['意外事故'], householdSize: 4 },
    invalid: {
      answers: { assistanceType: '急难型', difficultyReasons: [], householdSize: 4 },
      field: 'difficultyReasons',
      problem: 'REQUIRED',
    },
  },
  'DEMO-WJ-001': {
    valid: {
      spouseName: '王芳',
      spouseIdNumber: '11010519491231002x',
      childOrder: '二孩',
      birthOrDueDate: '2026-08-15',
    },
    invalid: {
      answers: { spouseName: '王芳', spouseIdNumber: '110105194912310021', childOrder: '二孩' },
      field: 'spouseIdNumber',
      problem: 'ID_CHECK_CHAR',
    },
  },
  'DEMO-MZ-005': {
    valid: { paymentAccount: '社会保障卡' },
    invalid: { answers: {}, field: 'paymentAccount', problem: 'REQUIRED' },
  },
  'DEMO-MZ-006': {
    valid: { personCategory: '老年人（60周岁以上）', careArrangement: '集中供养', selfCare: '部分丧失生活自理能力' },
    invalid: {
      answers: { personCategory: '老年人（60周岁以上）', selfCare: '部分丧失生活自理能力' },
      field: 'careArrangement',
      problem: 'REQUIRED',
    },
  },
  'DEMO-MZ-007': {
    valid: { recipientCategory: '因病致贫重病患者', treatmentType: '住院', selfPaidAmount: 18_500.5 },
    invalid: {
      answers: { recipientCategory: '因病致贫重病患者', treatmentType: '住院', selfPaidAmount: -1 },
      field: 'selfPaidAmount',
      problem: 'TOO_SMALL',
    },
  },
  'DEMO-SB-002': {
    valid: {
      loanType: '银行贷款（第一次支取）',
      loanDate: '2024-06-18',
      withdrawSpouse: '是',
      spouseName: '李秀英',
      spouseIdNumber: '440524188001010014',
    },
    invalid: {
      answers: {
        loanType: '公积金贷款',
        withdrawSpouse: '是',
        spouseName: '李秀英',
        spouseIdNumber: '440524188001010015',
      },
      field: 'spouseIdNumber',
      problem: 'ID_CHECK_CHAR',
    },
  },
};

function conditionsOf(entry: ServiceItem): Condition[] {
  const flatten = (c: Condition): Condition[] =>
    'all' in c ? c.all.flatMap(flatten) : 'any' in c ? c.any.flatMap(flatten) : [c];
  return [...entry.fields, ...entry.materials].flatMap((x) => (x.when ? flatten(x.when) : []));
}

describe('the seed catalogue of the demo township', () => {
  it('has at least ten items, each a valid guide with its own code', () => {
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const entry of items) {
      expect(entry.version).toBe(1);
      expect(['MZ', 'SB', 'WJ', 'ZR']).toContain(entry.windowCode);
    }
  });

  it('never has a condition that can never come true because of a misspelt option', () => {
    for (const entry of items) {
      for (const c of conditionsOf(entry)) {
        if (!('field' in c)) continue;
        const field = entry.fields.find((f) => f.key === c.field);
        expect(field, `${entry.code}: ${c.field}`).toBeDefined();
        if (field?.type !== 'choice' && field?.type !== 'multiChoice') continue;
        const wanted = 'equals' in c ? c.equals : c.includes;
        expect(
          field.options.map((o) => o.value),
          `${entry.code}: ${c.field}`,
        ).toContain(wanted);
      }
    }
  });

  it('lets the village agent handle every item, for free', () => {
    for (const entry of items) {
      expect(entry.proxyAllowed, entry.code).toBe(true);
      expect(entry.fees).toEqual({ charged: false, description: '不收费' });
    }
  });

  it('marks typical items as needing a check against the local guide, and uses only demo phone numbers', () => {
    for (const entry of items) {
      if (entry.source.kind === 'typical')
        expect(entry.source.note).toContain('内容为常见要求，使用前请按当地办事指南核对');
      expect(entry.consultPhone).toContain('示范');
      expect(entry.complaintPhone).toContain('示范');
    }
  });

  it('does not offer a felling permit, marriage registration by proxy, or the abolished 婚育证明', () => {
    for (const entry of items) {
      expect(entry.name).not.toMatch(/采伐|结婚登记|婚育证明/);
    }
  });

  it('decides 即办件 on the spot: promised limit 0 days', () => {
    const instant = items.filter((i) => i.handling === 'instant');
    expect(instant.map((i) => i.name).sort()).toEqual(['住房公积金提取（偿还购房贷款）', '生育登记'].sort());
    for (const entry of instant) expect(entry.promisedLimitDays).toBe(0);
  });

  it('pauses the 宅基地 clock for the 7-day village notice', () => {
    expect(item('DEMO-ZR-001').specialProcedures.join()).toMatch(/公示.*7天/);
  });

  it('has an example case for every item', () => {
    expect(Object.keys(examples).sort()).toEqual(items.map((i) => i.code).sort());
  });

  describe.each(items.map((i) => [i.name, i] as const))('%s', (_name, entry) => {
    const example = examples[entry.code];

    it('accepts a complete, correct case from the village agent', () => {
      expect(example).toBeDefined();
      if (!example) return;
      expect(problemsOf(entry, example.valid)).toEqual([]);
    });

    it('refuses a wrong case and says which field is wrong', () => {
      if (!example) return;
      expect(problemsOf(entry, example.invalid.answers)).toEqual([
        { field: example.invalid.field, problem: example.invalid.problem },
      ]);
    });
  });
});

describe('住房公积金提取（偿还购房贷款）, as the 乐山 guide lists it', () => {
  const fund = item('DEMO-SB-002');
  const names = (answers: Answers, proxy: boolean) => neededMaterials(fund, answers, { proxy }).map((m) => m.name);

  it('asks a 公积金贷款 borrower for the stamped approval form and the ID only', () => {
    expect(names({ loanType: '公积金贷款', withdrawSpouse: '否' }, false)).toEqual([
      '已盖单位预留印鉴章的《乐山市住房公积金支取使用审批表》',
      '申请人的身份证',
    ]);
  });

  it('asks a bank borrower withdrawing the first time for the contracts and the passbook', () => {
    expect(names({ loanType: '银行贷款（第一次支取）', withdrawSpouse: '否' }, false)).toEqual([
      '已盖单位预留印鉴章的《乐山市住房公积金支取使用审批表》',
      '购房合同',
      '借款合同',
      '有最近三期还款记录的还款存折',
      '申请人的身份证',
    ]);
  });

  it('asks a bank borrower withdrawing again for the copy of the last approval form instead of the contracts', () => {
    expect(names({ loanType: '银行贷款（第二次及以后支取）', withdrawSpouse: '否' }, false)).toEqual([
      '已盖单位预留印鉴章的《乐山市住房公积金支取使用审批表》',
      '前次支取时已审批过的《乐山市住房公积金支取使用审批表》第三联复印件',
      '有最近三期还款记录的还款存折',
      '申请人的身份证',
    ]);
  });

  it('adds the signed letter and the agent’s ID when the village agent hands it in, and drops them otherwise', () => {
    const proxyMaterials = ['申请人亲笔书写并签名盖手印的委托书', '代办人的身份证'];
    for (const loanType of ['公积金贷款', '银行贷款（第一次支取）', '银行贷款（第二次及以后支取）']) {
      const answers = { loanType, withdrawSpouse: '否' };
      expect(names(answers, true)).toEqual([...names(answers, false), ...proxyMaterials]);
      expect(names(answers, false)).not.toContain(proxyMaterials[0]);
      expect(names(answers, false)).not.toContain(proxyMaterials[1]);
    }
  });

  it('asks for the spouse’s form, the marriage certificate and the spouse’s ID only when the spouse’s fund is withdrawn too', () => {
    const spouseMaterials = ['配偶单位加盖预留印鉴的《乐山市住房公积金支取使用审批表》', '结婚证', '配偶的身份证'];
    const withSpouse = names({ loanType: '公积金贷款', withdrawSpouse: '是' }, false);
    expect(withSpouse.slice(-3)).toEqual(spouseMaterials);
    const without = names({ loanType: '公积金贷款', withdrawSpouse: '否' }, false);
    for (const m of spouseMaterials) expect(without).not.toContain(m);
  });

  it('asks for the spouse’s name and ID number only when the spouse’s fund is withdrawn too', () => {
    const schema = answersSchemaFor(fund, { proxy: true }, now);
    expect(schema.parse({ loanType: '公积金贷款', withdrawSpouse: '否', spouseName: '李秀英' })).toEqual({
      loanType: '公积金贷款',
      withdrawSpouse: '否',
    });
    expect(problemsOf(fund, { loanType: '公积金贷款', withdrawSpouse: '是' })).toEqual([
      { field: 'spouseName', problem: 'REQUIRED' },
      { field: 'spouseIdNumber', problem: 'REQUIRED' },
    ]);
  });

  it('will not take a loan date in the future', () => {
    expect(problemsOf(fund, { loanType: '公积金贷款', withdrawSpouse: '否', loanDate: '2026-03-03' })).toEqual([
      { field: 'loanDate', problem: 'DATE_IN_FUTURE' },
    ]);
  });

  it('keeps the guide’s conditions, procedure and on-the-spot handling', () => {
    expect(fund.conditions).toContain('申请人在公积金中心、商业银行取得贷款后，从次年起即可办理支取。');
    expect(fund.conditions).toContain('提取金额不大于当年的还款额。');
    expect(fund.conditions).toContain('累计提取总额不得大于实际的还款本息总额。');
    expect(fund.legalBasis).toEqual([
      '《住房公积金管理条例》',
      '《四川省住房公积金提取管理办法》',
      '《乐山市住房公积金提取管理实施细则》',
    ]);
    expect(fund.procedure.join()).toContain('县住房公积金管理部');
    expect(fund.handling).toBe('instant');
    expect(fund.source).toMatchObject({ kind: 'local-guide' });
    expect(fund.source.note).toContain('乐山市');
  });
});

describe('conditional materials elsewhere in the catalogue', () => {
  it('asks for 医疗费用票据 when illness is a reason for 临时救助, and an incident proof for an accident or disaster', () => {
    const relief = item('DEMO-MZ-004');
    const keys = (reasons: string[]) =>
      neededMaterials(relief, { difficultyReasons: reasons }, { proxy: true }).map((m) => m.key);
    expect(keys(['疾病'])).toContain('medicalBills');
    expect(keys(['疾病'])).not.toContain('incidentProof');
    expect(keys(['自然灾害'])).toContain('incidentProof');
    expect(keys(['意外事故'])).toContain('incidentProof');
    expect(keys(['其他'])).not.toContain('medicalBills');
    expect(keys(['其他'])).not.toContain('incidentProof');
  });

  it('asks a 低保 family for the 残疾人证 only when a member is disabled', () => {
    const dibao = item('DEMO-MZ-003');
    const keys = (hasDisabledMember: string) =>
      neededMaterials(dibao, { hasDisabledMember, applyReasons: ['失业'] }, { proxy: true }).map((m) => m.key);
    expect(keys('是')).toContain('disabilityCertificate');
    expect(keys('否')).not.toContain('disabilityCertificate');
  });

  it('expects two pages for the 户口簿 of the pension registration (首页 and 本人页)', () => {
    const hukou = item('DEMO-SB-001').materials.find((m) => m.key === 'hukou');
    expect(hukou?.expectedPages).toBe(2);
  });
});
