import { describe, expect, it } from 'vitest';
import { PhotoError } from '../../../device/photo-pipeline';
import { StorageFullError } from '../../../device/storage';
import { actionErrorText, fieldProblemText, problemLink, problemText } from './problem-text';

describe('problems in Chinese, each linked to its place', () => {
  it('every domain code reads as a sentence, an unknown one as a generic problem', () => {
    expect(problemText('ID_CHECK_CHAR')).toContain('校验位');
    expect(problemText('PHONE_INVALID')).toContain('11 位手机号码');
    expect(problemText('SOMETHING_NEW')).toBe('填写有误，请检查');
  });

  it('an empty field reads as required, not as its format rule', () => {
    expect(fieldProblemText('NAME_TOO_SHORT', '')).toBe('此项必须填写');
    expect(fieldProblemText('NAME_TOO_SHORT', '张')).toBe('姓名至少 2 个字');
    expect(fieldProblemText('ID_FORMAT', undefined)).toBe('此项必须填写');
  });

  it('bad photos and a full disk get their own sentences', () => {
    expect(actionErrorText(new PhotoError('PHOTO_NOT_IMAGE', 'x'))).toContain('不是照片');
    expect(actionErrorText(new PhotoError('PHOTO_EMPTY', 'x'))).toContain('0 字节');
    expect(actionErrorText(new PhotoError('PHOTO_TOO_LARGE', 'x'))).toContain('太大');
    expect(actionErrorText(new StorageFullError())).toContain('存储空间已满');
    expect(actionErrorText(new Error('transaction aborted'))).toBe('保存失败，请重试；草稿中已保存的内容不受影响。');
  });

  it('each problem links to the field, the material slot or the signature pad', () => {
    const applicant = { idNumber: '110105194912310021' };
    expect(problemLink({ where: 'applicant', field: 'idNumber', problem: 'ID_CHECK_CHAR' }, 'c1', applicant)).toEqual({
      key: 'applicant-idNumber',
      step: 'applicant',
      text: '身份证号：身份证号校验位不对，请对照身份证逐位核对',
      href: '/agent/cases/c1/applicant#applicant-idNumber',
    });
    expect(
      problemLink({ where: 'materials', materialKey: 'hukou', name: '户口本', problem: 'NO_PAGES' }, 'c1', {}).href,
    ).toBe('/agent/cases/c1/materials#material-hukou');
    expect(problemLink({ where: 'signature', problem: 'SIGNATURE_MISSING' }, 'c1', {}).href).toBe(
      '/agent/cases/c1/letter#signature',
    );
    expect(
      problemLink({ where: 'answers', field: 'loanType', label: '贷款类型', problem: 'REQUIRED' }, 'c1', {}).text,
    ).toBe('贷款类型：此项必须填写');
  });
});
