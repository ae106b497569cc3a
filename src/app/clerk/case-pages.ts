/**
 * A case's pages grouped by material, in the guide's order of materials, each group by round and
 * then page order — the order the clerk reads them in and the photo viewer steps through.
 */
import { SIGNATURE_MATERIAL_KEY } from '../../domain/case-lifecycle';
import type { CasePageView, CaseDetail } from '../../domain/workbench';

export type MaterialGroup = { key: string; name: string; pages: CasePageView[] };

/** Groups `detail.pages`; materials of the item without pages are left out, unknown keys come last. */
export function groupPages(detail: Pick<CaseDetail, 'item' | 'pages'>, names: { signature: string; other: string }) {
  const groups: MaterialGroup[] = detail.item.materials.map((m) => ({ key: m.key, name: m.name, pages: [] }));
  const byKey = new Map(groups.map((g) => [g.key, g]));
  for (const page of detail.pages) {
    let group = byKey.get(page.materialKey);
    if (!group) {
      group = {
        key: page.materialKey,
        name: page.materialKey === SIGNATURE_MATERIAL_KEY ? names.signature : `${names.other}（${page.materialKey}）`,
        pages: [],
      };
      byKey.set(page.materialKey, group);
      groups.push(group);
    }
    group.pages.push(page);
  }
  for (const group of groups) group.pages.sort((a, b) => a.round - b.round || a.order - b.order);
  return groups.filter((g) => g.pages.length > 0);
}

/** Every page in reading order, for the photo viewer. */
export function pagesInOrder(groups: readonly MaterialGroup[]): { page: CasePageView; material: string; n: number }[] {
  return groups.flatMap((g) => g.pages.map((page, i) => ({ page, material: g.name, n: i + 1 })));
}
