/**
 * Page lists shared by a case's first submission and its 补正 answers: a page's reference, its photo
 * and thumbnail rows, and the renumbering that keeps each material's pages ordered 0..n-1.
 */
import type { Page } from '../domain/case-draft';
import type { Resubmission, StoredPhoto, StoredThumb } from './db';
import type { ProcessedPhoto } from './photo-pipeline';

/** Pages of one material in order, then the rest, with orders renumbered 0..n-1 per material. */
export function renumber(pages: readonly Page[]): Page[] {
  const counters = new Map<string, number>();
  return [...pages]
    .sort((a, b) => (a.materialKey === b.materialKey ? a.order - b.order : 0))
    .map((page) => {
      const order = counters.get(page.materialKey) ?? 0;
      counters.set(page.materialKey, order + 1);
      return { ...page, order };
    });
}

/** The reference to a processed photo as page `order` of `materialKey` (flagged 原件待核验). */
export function pageFrom(photo: ProcessedPhoto, id: string, materialKey: string, order: number, now: Date): Page {
  return {
    id,
    materialKey,
    order,
    width: photo.width,
    height: photo.height,
    size: photo.size,
    type: photo.type,
    sha256: photo.sha256,
    verification: 'pending',
    capturedAt: now.toISOString(),
  };
}

/** The photo row and the thumbnail row of a processed photo, both under the page's id. */
export function photoRows(photo: ProcessedPhoto, id: string, caseId: string): [StoredPhoto, StoredThumb] {
  return [
    { id, caseId, bytes: photo.bytes, type: photo.type, size: photo.size, sha256: photo.sha256 },
    {
      id,
      caseId,
      bytes: photo.thumbnail.bytes,
      type: photo.thumbnail.type,
      width: photo.thumbnail.width,
      height: photo.thumbnail.height,
    },
  ];
}

/**
 * `pages` with page `pageId` swapped one place earlier (-1) or later (+1) within its material, or
 * null when the page is not there; at either end the list comes back unchanged.
 */
export function movedPages(pages: readonly Page[], pageId: Page['id'], direction: -1 | 1): Page[] | null {
  const page = pages.find((p) => p.id === pageId);
  if (!page) return null;
  const neighbour = pages.find((p) => p.materialKey === page.materialKey && p.order === page.order + direction);
  if (!neighbour) return [...pages];
  return pages.map((p) => {
    if (p.id === page.id) return { ...p, order: neighbour.order };
    if (p.id === neighbour.id) return { ...p, order: page.order };
    return p;
  });
}

/** Pages of one material, in order. */
export function pagesOf(record: { pages: readonly Page[] }, materialKey: string): Page[] {
  return record.pages.filter((p) => p.materialKey === materialKey).sort((a, b) => a.order - b.order);
}

/** The photo-store ids of a 补正 answer's images: its pages, then its signature (none without one). */
export function resubmissionImageIds(
  resubmission: Pick<Resubmission, 'pages' | 'signature'> | null | undefined,
): string[] {
  if (!resubmission) return [];
  const ids = resubmission.pages.map((p) => p.id);
  if (resubmission.signature) ids.push(resubmission.signature.imageId);
  return ids;
}
