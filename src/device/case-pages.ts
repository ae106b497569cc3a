/**
 * Page lists shared by a case's first submission and its 补正 answers: a page's reference, its photo
 * and thumbnail rows, and the renumbering that keeps each material's pages ordered 0..n-1.
 *
 * The store… functions write a page's photo and thumbnail (or a signature's image) and return the
 * references the caller saves on its record. Call them inside the caller's 'rw' transaction over
 * `photos`, `thumbs` and the record, so the rows and their references are written together or not at
 * all; rows go by id, never by case.
 */
import type { Page, Signature } from '../domain/case-draft';
import { newId } from '../domain/ids';
import { getDatabase, type Resubmission, type StoredPhoto, type StoredThumb } from './db';
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

/** Stores `photo` with its thumbnail under a new id as page `order` of `materialKey`. */
async function storePhoto(
  caseId: string,
  photo: ProcessedPhoto,
  materialKey: string,
  order: number,
  now: Date,
): Promise<Page> {
  const { photos, thumbs } = getDatabase();
  const id = newId();
  const page = pageFrom(photo, id, materialKey, order, now);
  const [photoRow, thumbRow] = photoRows(photo, id, caseId);
  await photos.put(photoRow);
  await thumbs.put(thumbRow);
  return page;
}

/** Stores `photo` as the last page of `materialKey`; returns that page and `pages` with it added. */
export async function storeNewPage(
  caseId: string,
  pages: readonly Page[],
  materialKey: string,
  photo: ProcessedPhoto,
  now: Date,
): Promise<{ page: Page; pages: Page[] }> {
  const order = pages.filter((p) => p.materialKey === materialKey).length;
  const page = await storePhoto(caseId, photo, materialKey, order, now);
  return { page, pages: [...pages, page] };
}

/**
 * Replaces page `pageId`'s photo and thumbnail with `photo` under a new id (an id never names two
 * different photos), in the same place; returns the new page and `pages` with it, or null (nothing
 * written) when the page is not there.
 */
export async function storeRetake(
  caseId: string,
  pages: readonly Page[],
  pageId: Page['id'],
  photo: ProcessedPhoto,
  now: Date,
): Promise<{ page: Page; pages: Page[] } | null> {
  const old = pages.find((p) => p.id === pageId);
  if (!old) return null;
  const { photos, thumbs } = getDatabase();
  await photos.delete(pageId);
  await thumbs.delete(pageId);
  const page = await storePhoto(caseId, photo, old.materialKey, old.order, now);
  return { page, pages: pages.map((p) => (p.id === pageId ? page : p)) };
}

/**
 * Deletes page `pageId`'s photo and thumbnail; returns the other pages, the material's closing the
 * gap, or null (nothing deleted) when the page is not there.
 */
export async function deleteStoredPage(pages: readonly Page[], pageId: Page['id']): Promise<Page[] | null> {
  if (!pages.some((p) => p.id === pageId)) return null;
  const { photos, thumbs } = getDatabase();
  await photos.delete(pageId);
  await thumbs.delete(pageId);
  return renumber(pages.filter((p) => p.id !== pageId));
}

/**
 * Stores a signature PNG (`sha256` its hash) under a new id in place of `previous`'s image; returns
 * the signature that references it.
 */
export async function storeSignature(
  caseId: string,
  png: ArrayBuffer,
  sha256: string,
  signerName: string,
  previous: Signature | null,
  now: Date,
): Promise<Signature> {
  const { photos } = getDatabase();
  if (previous) await photos.delete(previous.imageId);
  const imageId = newId();
  await photos.put({ id: imageId, caseId, bytes: png, type: 'image/png', size: png.byteLength, sha256 });
  return { imageId, sha256, signerName, signedAt: now.toISOString() };
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
