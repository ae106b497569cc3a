import { describe, expect, it } from 'vitest';
import { maskName } from './mask-name';

describe('masking a resident’s name in lists', () => {
  it('a three-character name keeps its first and last character', () => {
    expect(maskName('张小三')).toBe('张*三');
  });

  it('a two-character name keeps only its surname', () => {
    expect(maskName('张三')).toBe('张*');
  });

  it('longer names and names with a middle dot hide everything in between', () => {
    expect(maskName('欧阳建国')).toBe('欧**国');
    expect(maskName('阿依古丽·买买提')).toBe('阿******提');
  });

  it('blank or one-character input never reveals a whole name', () => {
    expect(maskName('  ')).toBe('');
    expect(maskName('张')).toBe('*');
  });
});
