/**
 * The service-item catalogue kept on the phone, so the agent can search items and read every guide
 * with no signal. One row holds the catalogue as last downloaded; `itemVersions` keeps a copy of each
 * item version a case was started under (see case-repository), which never changes afterwards.
 */
import type { Catalogue, ServiceItem } from '../domain/catalogue';
import { CURRENT_CATALOGUE_KEY, getDatabase, observeQuery, type StoredCatalogue } from './db';
import { withStorageGuard } from './storage';
import type { Subscribable } from './subscribable';

export type { StoredCatalogue } from './db';

/** Returns the cached catalogue, or null when it was never downloaded on this phone. */
export async function loadCatalogue(): Promise<StoredCatalogue | null> {
  return (await getDatabase().catalogue.get(CURRENT_CATALOGUE_KEY)) ?? null;
}

/** Emits the cached catalogue (null when never downloaded) and again whenever it is replaced or checked. */
export function observeCatalogue(): Subscribable<StoredCatalogue | null> {
  return observeQuery(() => loadCatalogue());
}

/**
 * Replaces the cached catalogue with a freshly downloaded one.
 * @throws StorageFullError when the phone is full (the previous catalogue stays).
 */
export async function saveCatalogue(
  catalogue: Catalogue,
  etag: string | null,
  now: Date = new Date(),
): Promise<StoredCatalogue> {
  const row: StoredCatalogue = {
    key: CURRENT_CATALOGUE_KEY,
    version: catalogue.version,
    etag,
    items: catalogue.items,
    fetchedAt: now.toISOString(),
    checkedAt: now.toISOString(),
  };
  await withStorageGuard(() => getDatabase().catalogue.put(row));
  return row;
}

/** Records that the server confirmed the cached catalogue is current (a 304). */
export async function markCatalogueChecked(now: Date = new Date()): Promise<void> {
  await withStorageGuard(() => getDatabase().catalogue.update(CURRENT_CATALOGUE_KEY, { checkedAt: now.toISOString() }));
}

/** The current version of the item with `code` from the cached catalogue, or null. */
export async function findCurrentItem(code: string): Promise<ServiceItem | null> {
  const catalogue = await loadCatalogue();
  return catalogue?.items.find((item) => item.code === code) ?? null;
}

/**
 * One item at one version: the copy kept for cases first, else the cached catalogue when it holds
 * that very version; null when the phone has neither.
 */
export async function loadItemVersion(code: string, version: number): Promise<ServiceItem | null> {
  const kept = await getDatabase().itemVersions.get([code, version]);
  if (kept) return kept;
  const current = await findCurrentItem(code);
  return current?.version === version ? current : null;
}
