import { describe, expect, it } from 'vitest';
import type { ServiceItem } from '../../domain/catalogue';
import { housingFundItem } from '../../device/test-fixtures';
import { indexItems, searchItems } from './item-search';

const named = (name: string, code: string): ServiceItem => ({ ...housingFundItem, name, code });

const catalogue = [
  named('老年人优待证', 'A'),
  named('农村村民宅基地及建房审批', 'B'),
  named('住房公积金提取（偿还购房贷款）', 'C'),
  named('最低生活保障', 'D'),
  named('临时救助', 'E'),
  named('高龄津贴（补贴）申领', 'F'),
  named('医疗救助', 'G'),
];
const index = indexItems(catalogue);
const codes = (query: string): string[] => searchItems(index, query).map((item) => item.code);

describe('finding an item on the phone', () => {
  it('"ldz" finds 老年人优待证 by its pinyin initials, abbreviated as 老…待证', () => {
    expect(codes('ldz')).toEqual(['A']);
    expect(codes('lnrydz')).toEqual(['A']);
  });

  it('an exact run of initials ranks before an abbreviation', () => {
    const two = indexItems([named('老年人优待证', 'A'), named('林地证明', 'L')]);
    // 林地证明 is "ldzm" (a prefix); 老年人优待证 only abbreviates to "ldz".
    expect(searchItems(two, 'ldz').map((item) => item.code)).toEqual(['L', 'A']);
  });

  it('initials work from the start of the name or from its middle', () => {
    expect(codes('zfgjj')).toEqual(['C']);
    expect(codes('gjj')).toEqual(['C']);
  });

  it('full pinyin works, with or without spaces and in capitals', () => {
    expect(codes('laonianren')).toEqual(['A']);
    expect(codes('Zhu Fang')).toEqual(['C']);
  });

  it('Chinese characters match anywhere in the name, ignoring brackets', () => {
    expect(codes('救助')).toEqual(['E', 'G']);
    expect(codes('偿还购房')).toEqual(['C']);
  });

  it('a name match ranks before a pinyin match', () => {
    // "yl": 医疗救助 by initials at the start; 老年人优待证 has no "yl".
    expect(codes('yl')[0]).toBe('G');
  });

  it('a blank query lists the whole catalogue in its order; nonsense finds nothing', () => {
    expect(codes('  ')).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(codes('xyzxyz')).toEqual([]);
  });
});
