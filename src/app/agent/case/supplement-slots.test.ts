import { describe, expect, it } from 'vitest';
import { SIGNATURE_MATERIAL_KEY } from '../../../domain/case-lifecycle';
import { housingFundItem } from '../../../device/test-fixtures';
import { supplementSlots } from './supplement-slots';

describe('the 补正 screen', () => {
  it('a 补正 notice opens exactly the requested slots, in its order, with the clerk’s notes', () => {
    const slots = supplementSlots(housingFundItem, {
      round: 2,
      items: [
        { materialKey: SIGNATURE_MATERIAL_KEY, name: '代办服务委托书', note: '签名与身份证不符' },
        { materialKey: 'idCard', name: '申请人的身份证', note: '复印件不清晰' },
      ],
      note: '',
      noticeNumber: 'BZ-1',
    });

    expect(slots).toEqual([
      { kind: 'signature', name: '代办服务委托书', note: '签名与身份证不符' },
      { kind: 'material', material: housingFundItem.materials[0], note: '复印件不清晰' },
    ]);
    expect(slots.some((s) => s.kind === 'material' && s.material.key === 'purchaseContract')).toBe(false);
  });

  it('a material the case’s item version does not list still gets a slot under the notice’s name', () => {
    const [slot] = supplementSlots(housingFundItem, {
      round: 3,
      items: [{ materialKey: 'marriageCertificate', name: '结婚证', note: '需要配偶共同申请' }],
      note: '',
      noticeNumber: 'BZ-2',
    });

    expect(slot).toMatchObject({ kind: 'material', material: { key: 'marriageCertificate', name: '结婚证' } });
  });
});
