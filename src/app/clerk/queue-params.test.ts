import { describe, expect, it } from 'vitest';
import { activeFilterCount, parseQueueSearch, queueSearchOf, withChanges } from './queue-params';

describe('queue filters in the address bar', () => {
  it('a reload reads back the tab, window, filters and page', () => {
    const search =
      '?tab=overdue&window=MZ&village=东坡村&item=GJJ&agent=张建国&from=2026-03-01&to=2026-03-31&q=王&page=3';
    const view = parseQueueSearch(search);
    expect(view).toEqual({
      tab: 'overdue',
      window: 'MZ',
      village: '东坡村',
      item: 'GJJ',
      agent: '张建国',
      from: '2026-03-01',
      to: '2026-03-31',
      q: '王',
      page: 3,
    });
    expect(parseQueueSearch(queueSearchOf(view))).toEqual(view);
    expect(activeFilterCount(view)).toBe(6);
  });

  it('a bare /clerk is the first page of 待受理', () => {
    expect(parseQueueSearch('')).toEqual({ tab: 'received', page: 1 });
    expect(queueSearchOf({ tab: 'received', page: 1 })).toBe('');
  });

  it('malformed values are dropped instead of breaking the screen', () => {
    expect(parseQueueSearch('?tab=nonsense&page=-4&from=yesterday&q=%20%20')).toEqual({ tab: 'received', page: 1 });
  });

  it('changing a filter goes back to page 1 and empties are removed', () => {
    const view = parseQueueSearch('?tab=handling&village=东坡村&page=4');
    expect(withChanges(view, { village: '' })).toEqual({ tab: 'handling', page: 1 });
    expect(withChanges(view, { page: 5 })).toEqual({ tab: 'handling', village: '东坡村', page: 5 });
  });
});
