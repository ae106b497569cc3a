import { describe, expect, it } from 'vitest';
import { countText, decimalText, percentText } from './stats-format';

describe('statistics figures as text', () => {
  it('writes rates as percentages with one decimal, and nothing as a dash', () => {
    expect(percentText(0.25)).toBe('25.0%');
    expect(percentText(1 / 3)).toBe('33.3%');
    expect(percentText(0)).toBe('0.0%');
    expect(percentText(null)).toBe('—');
  });

  it('writes averages with one decimal and counts with separators', () => {
    expect(decimalText(6)).toBe('6.0');
    expect(decimalText(4.67)).toBe('4.7');
    expect(decimalText(null)).toBe('—');
    expect(countText(50000)).toBe('50,000');
  });
});
