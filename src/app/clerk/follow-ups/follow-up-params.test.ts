import { describe, expect, it } from 'vitest';
import { followUpsHref, parseFollowUpFilter, tabCount } from './follow-up-params';

describe('the 回访 tab in the address', () => {
  it('reads the tab, 待回访 when none or an unknown one', () => {
    expect(parseFollowUpFilter('?status=closed')).toBe('closed');
    expect(parseFollowUpFilter('status=all')).toBe('all');
    expect(parseFollowUpFilter('')).toBe('open');
    expect(parseFollowUpFilter('?status=bogus')).toBe('open');
  });

  it('writes the tab, the default one without a query', () => {
    expect(followUpsHref('open')).toBe('/clerk/follow-ups');
    expect(followUpsHref('called_back')).toBe('/clerk/follow-ups?status=called_back');
  });

  it('全部 counts every status', () => {
    const counts = { open: 2, called_back: 1, closed: 4 };
    expect(tabCount(counts, 'called_back')).toBe(1);
    expect(tabCount(counts, 'all')).toBe(7);
  });
});
