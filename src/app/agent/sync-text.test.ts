import { describe, expect, it } from 'vitest';
import { SIGNATURE_MATERIAL_KEY } from '../../domain/case-lifecycle';
import { decisionText, noticeHref, resubmissionErrorText, resubmissionProblemText } from './sync-text';

const request = {
  round: 2,
  items: [
    { materialKey: 'idCard', name: '身份证', note: '复印件不清晰' },
    { materialKey: SIGNATURE_MATERIAL_KEY, name: '', note: '未签名' },
  ],
  note: '',
  noticeNumber: 'BZ-1',
};

describe('what the agent reads about a decision', () => {
  it('each decision says specifically what happened', () => {
    expect(decisionText({ type: 'supplement_requested', payload: { status: 'supplement', ...request } })).toBe(
      '需要补正：身份证（复印件不清晰）等 2 项',
    );
    expect(
      decisionText({
        type: 'accepted',
        payload: {
          status: 'accepted',
          acceptedAt: '2026-02-12T02:00:00.000Z',
          dueDate: '2026-03-18',
          deemed: false,
          noticeNumber: 'SL-1',
          note: '',
        },
      }),
    ).toBe('已受理，承诺 2026-03-18 前办结');
    expect(
      decisionText({
        type: 'completed',
        payload: {
          status: 'completed_approved',
          outcome: 'approved',
          resultName: '老年人优待证',
          resultNumber: 'YD-2026-0042',
          note: '',
        },
      }),
    ).toBe('已办结（准予）：老年人优待证 编号 YD-2026-0042');
    expect(
      decisionText({ type: 'rejected', payload: { status: 'rejected', reason: '不在本镇户籍', noticeNumber: 'BY-1' } }),
    ).toBe('不予受理：不在本镇户籍');
    expect(
      decisionText({
        type: 'transferred',
        payload: { status: 'received', fromWindow: 'MZ', toWindow: 'SB', toWindowName: '社保所', note: '属社保业务' },
      }),
    ).toBe('已转交社保所办理：属社保业务');
  });

  it('the resident’s rating reaches the agent as 群众评价', () => {
    expect(
      decisionText({
        type: 'rated',
        payload: { status: 'completed_approved', satisfaction: 'basic', hasComment: false },
      }),
    ).toBe('群众评价：基本满意');
  });

  it('a decision this build cannot read falls back to its status, or to nothing', () => {
    expect(decisionText({ type: 'handed_over', payload: { status: 'accepted' } })).toBe('已受理，办理中');
    expect(decisionText({ type: 'accepted', payload: { status: 'accepted' } })).toBe('已受理，办理中');
    expect(decisionText({ type: 'note', payload: {} })).toBeNull();
  });

  it('a 补正 notice leads to the 补正 screen, other decisions to the receipt', () => {
    expect(noticeHref({ type: 'supplement_requested', caseId: 'c1' })).toBe('/agent/cases/c1/supplement');
    expect(noticeHref({ type: 'accepted', caseId: 'c1' })).toBe('/agent/cases/c1/receipt');
  });

  it('a refused 补正 answer is explained in the words of the round', () => {
    expect(resubmissionErrorText({ code: 'ACTION_NOT_ALLOWED' })).toContain('这次补正没有送达');
    expect(resubmissionErrorText({ code: 'NETWORK' })).toBe('没有连上服务器（无信号或信号太弱）');
    expect(resubmissionProblemText({ where: 'materials', materialKey: 'idCard', problem: 'NO_PAGES' }, request)).toBe(
      '材料“身份证”：还没有拍照',
    );
    expect(
      resubmissionProblemText({ where: 'materials', materialKey: 'hukou', problem: 'NOT_REQUESTED' }, request),
    ).toBe('材料“hukou”：补正告知没有要求这项材料，请删除后重新提交');
  });
});
