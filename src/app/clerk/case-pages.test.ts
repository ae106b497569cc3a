import { describe, expect, it } from 'vitest';
import type { CasePageView } from '../../domain/workbench';
import { housingFundItem } from '../../device/test-fixtures';
import { groupPages, pagesInOrder } from './case-pages';

const page = (pageId: string, materialKey: string, round: number, order: number): CasePageView => ({
  pageId,
  materialKey,
  order,
  round,
  stored: true,
  verification: 'pending',
  verifiedBy: null,
  url: `/api/workbench/cases/c/pages/${pageId}`,
});

describe('pages grouped by material', () => {
  it('follows the guide, puts 补正 rounds after the first, and the viewer reads them in that order', () => {
    const [first, second] = housingFundItem.materials;
    if (!first || !second) throw new Error('the fixture needs two materials');
    const detail = {
      item: housingFundItem,
      pages: [
        page('p4', second.key, 1, 0),
        page('p3', first.key, 2, 0),
        page('p2', first.key, 1, 1),
        page('p1', first.key, 1, 0),
        page('p5', 'retired', 1, 0),
      ],
    };
    const groups = groupPages(detail, { signature: '委托书', other: '其他材料' });
    expect(groups.map((g) => [g.key, g.pages.map((p) => p.pageId)])).toEqual([
      [first.key, ['p1', 'p2', 'p3']],
      [second.key, ['p4']],
      ['retired', ['p5']],
    ]);
    expect(groups.at(-1)?.name).toBe('其他材料（retired）');
    expect(pagesInOrder(groups).map((p) => `${p.page.pageId}:${String(p.n)}`)).toEqual([
      'p1:1',
      'p2:2',
      'p3:3',
      'p4:1',
      'p5:1',
    ]);
  });
});
