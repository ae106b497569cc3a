import { describe, expect, it } from 'vitest';
import { agentUser } from '../../../device/test-fixtures';
import { authorisationLetter } from './authorisation-letter';

const date = new Date(2026, 2, 2, 10, 0);

describe('the authorisation letter (代办服务委托书)', () => {
  it('names the resident with a masked ID, the agent and village, the item and the date', () => {
    const letter = authorisationLetter({
      applicant: { name: ' 张三 ', idNumber: '11010519491231002x' },
      agent: agentUser,
      itemName: '住房公积金提取（偿还购房贷款）',
      date,
    });

    expect(letter?.signerName).toBe('张三');
    const text = letter?.paragraphs.join('\n') ?? '';
    expect(text).toContain('委托人（申请人）：张三，居民身份证号：110105********002X。');
    expect(text).toContain('受托人（代办员）：张建国，东坡村便民服务代办员。');
    expect(text).toContain('“住房公积金提取（偿还购房贷款）”');
    expect(text).not.toContain('11010519491231002X');
    expect(letter?.dateLine).toBe('委托日期：2026年3月2日');
  });

  it('there is nothing to sign before the applicant has a name and a valid ID number', () => {
    const base = { agent: agentUser, itemName: '临时救助', date };
    expect(authorisationLetter({ ...base, applicant: { idNumber: '11010519491231002X' } })).toBeNull();
    expect(authorisationLetter({ ...base, applicant: { name: '张三', idNumber: '110105194912310021' } })).toBeNull();
    expect(authorisationLetter({ ...base, applicant: { name: '张三' } })).toBeNull();
  });
});
