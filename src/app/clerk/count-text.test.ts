import { describe, expect, it } from 'vitest';
import { QUEUE_COUNT_CAP } from '../../domain/workbench';
import { countText, isExactCount } from './count-text';

describe('queue counts', () => {
  it('shows a tab of a few cases exactly', () => {
    expect(countText(0)).toBe('0');
    expect(countText(QUEUE_COUNT_CAP)).toBe('1000');
    expect(isExactCount(QUEUE_COUNT_CAP)).toBe(true);
  });

  it('shows 1000+ for a tab holding years of closed cases, which the server stopped counting', () => {
    expect(countText(QUEUE_COUNT_CAP + 1)).toBe('1000+');
    expect(isExactCount(QUEUE_COUNT_CAP + 1)).toBe(false);
  });
});
