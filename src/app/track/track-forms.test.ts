import { describe, expect, it } from 'vitest';
import { lookupFormSchema, trackFieldError } from './track-forms';

function problems(input: { code: string; phoneLast4: string }): Record<string, string | undefined> {
  const result = lookupFormSchema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string | undefined> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0]);
    out[field] ??= trackFieldError({ message: issue.message });
  }
  return out;
}

describe('the lookup form', () => {
  it('takes the code as people type it: lower case, spaces, no dash', () => {
    expect(lookupFormSchema.parse({ code: ' 7kq4 m2xd ', phoneLast4: ' 5678 ' })).toEqual({
      code: '7KQ4-M2XD',
      phoneLast4: '5678',
    });
  });

  it('takes a 办件编号 from a township notice as well', () => {
    expect(lookupFormSchema.parse({ code: ' 999001-20260302-00001', phoneLast4: '5678' })).toEqual({
      code: '999001-20260302-00001',
      phoneLast4: '5678',
    });
  });

  it('says what is missing or wrong at each field, in Chinese', () => {
    expect(problems({ code: '', phoneLast4: '' })).toEqual({
      code: '请输入回执上的回执号或办件编号',
      phoneLast4: '请输入申请人手机号的后 4 位',
    });
    expect(problems({ code: '7KQ4-M2X0', phoneLast4: '567' })).toEqual({
      code: '请输入回执号（8 位字母和数字，如 7KQ4-M2XD）或办件编号（如 999001-20260302-00001），请对照回执或通知书核对',
      phoneLast4: '请输入 4 位数字，即申请人手机号的最后 4 位',
    });
  });
});
