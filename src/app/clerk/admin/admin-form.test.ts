import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError } from '../../../device/sync-fetch';
import { problemText, refusalOf } from './admin-form';

const conflict = (field: string) => new ApiRequestError(409, 'CONFLICT', 'taken', { field });

describe('what an admin form says when the server refuses', () => {
  it('a taken code, name or phone number is said at that field, in words for what was taken', () => {
    expect(refusalOf(conflict('code'), ['code', 'name'])).toEqual({
      field: 'code',
      message: '这个编码已经有了，请换一个',
    });
    expect(refusalOf(conflict('name'), ['code', 'name'])).toEqual({
      field: 'name',
      message: '这个名称已经有了，请换一个',
    });
    expect(refusalOf(conflict('phone'), ['name', 'phone'])).toEqual({
      field: 'phone',
      message: '这个手机号已经有账号了',
    });
  });

  it('a refusal naming a field the form does not have, or no answer at all, goes above the button', () => {
    expect(refusalOf(conflict('phone'), ['code', 'name']).field).toBeNull();
    expect(refusalOf(new NetworkError('unreachable'), ['code'])).toEqual({
      field: null,
      message: '当前无网络，请联网后再试',
    });
  });

  it('a schema problem code reads as its sentence, an unknown one as a general hint', () => {
    expect(problemText({ type: 'too_small', message: 'REQUIRED' })).toBe('此项必须填写');
    expect(problemText({ type: 'custom', message: 'NO_SUCH_CODE' })).toBe('填写有误，请检查');
    expect(problemText(undefined)).toBeUndefined();
  });
});
