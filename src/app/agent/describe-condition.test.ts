import { describe, expect, it } from 'vitest';
import { serviceItemSchema, type ServiceItemInput } from '../../domain/catalogue';
import { housingFundItem } from '../../device/test-fixtures';
import { describeCondition } from './describe-condition';

const item = serviceItemSchema.parse({
  ...housingFundItem,
  fields: [
    {
      key: 'loanType',
      label: '贷款类型',
      type: 'choice',
      required: true,
      options: [
        { value: 'fund', label: '公积金贷款' },
        { value: 'bank1', label: '银行贷款（第一次支取）' },
        { value: 'bank2', label: '银行贷款（第二次及以后支取）' },
      ],
    },
    {
      key: 'reasons',
      label: '困难原因',
      type: 'multiChoice',
      required: false,
      options: [
        { value: 'illness', label: '疾病' },
        { value: 'disaster', label: '灾害' },
      ],
    },
  ],
  materials: [{ key: 'idCard', name: '身份证', issuer: '公安机关', originals: 1, copies: 1, requirement: 'required' }],
} satisfies ServiceItemInput);

describe('conditions in words on the guide', () => {
  it('a choice reads with its option label, not its stored value', () => {
    expect(describeCondition({ field: 'loanType', equals: 'bank1' }, item)).toBe(
      '“贷款类型”为“银行贷款（第一次支取）”',
    );
  });

  it('several branches read as 或者, combined ones as 并且', () => {
    expect(
      describeCondition(
        {
          any: [
            { field: 'loanType', equals: 'bank1' },
            { field: 'loanType', equals: 'bank2' },
          ],
        },
        item,
      ),
    ).toBe('“贷款类型”为“银行贷款（第一次支取）”，或者“贷款类型”为“银行贷款（第二次及以后支取）”');
    expect(describeCondition({ all: [{ proxy: true }, { field: 'reasons', includes: 'illness' }] }, item)).toBe(
      '委托他人（如村代办员）办理，并且“困难原因”包含“疾病”',
    );
  });
});
