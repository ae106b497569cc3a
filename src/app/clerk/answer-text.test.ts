import { describe, expect, it } from 'vitest';
import type { ItemField } from '../../domain/catalogue';
import { answerText } from './answer-text';

const choice: ItemField = {
  key: 'loanType',
  label: '贷款类型',
  required: true,
  type: 'choice',
  options: [
    { value: 'bank', label: '银行贷款' },
    { value: 'fund', label: '公积金贷款' },
  ],
};

describe('answers beside the guide', () => {
  it('shows option labels, not stored values', () => {
    expect(answerText(choice, 'fund')).toBe('公积金贷款');
    expect(answerText({ ...choice, type: 'multiChoice', minSelected: 0 }, ['bank', 'fund'])).toBe(
      '银行贷款、公积金贷款',
    );
  });

  it('numbers carry their unit and yes/no reads in Chinese', () => {
    const area: ItemField = {
      key: 'area',
      label: '面积',
      required: true,
      type: 'number',
      integer: false,
      unit: '平方米',
    };
    expect(answerText(area, 120)).toBe('120 平方米');
    expect(answerText({ key: 'ok', label: '同意', required: false, type: 'text', maxLength: 10 }, true)).toBe('是');
  });

  it('an unanswered field is left out', () => {
    expect(answerText(choice, '')).toBeNull();
    expect(answerText(choice, undefined)).toBeNull();
  });
});
