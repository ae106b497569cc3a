/**
 * Keeps the phone's copy of the service-item catalogue fresh: a conditional GET of /api/catalogue
 * (If-None-Match with the stored ETag, so an unchanged catalogue costs a 304), run on sign-in, on app
 * start and whenever the browser comes back online. With no signal, or when the server fails, the
 * cached catalogue stays exactly as it was — the agent keeps working from it.
 */
import { catalogueSchema } from '../domain/catalogue';
import { loadCatalogue, markCatalogueChecked, saveCatalogue } from './catalogue-repository';
import { syncFetchIfChanged } from './sync-fetch';

export type CatalogueRefresh =
  | { status: 'updated'; version: string }
  | { status: 'unchanged'; version: string }
  | { status: 'offline' }
  | { status: 'failed'; error: unknown };

let inFlight: Promise<CatalogueRefresh> | null = null;

async function refresh(now: () => Date): Promise<CatalogueRefresh> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return { status: 'offline' };
  const cached = await loadCatalogue();
  try {
    const answer = await syncFetchIfChanged('/api/catalogue', {
      response: catalogueSchema,
      etag: cached?.etag ?? null,
      auth: 'cookie',
    });
    if (answer.status === 'not-modified' && cached) {
      await markCatalogueChecked(now());
      return { status: 'unchanged', version: cached.version };
    }
    if (answer.status === 'not-modified')
      return { status: 'failed', error: new Error('304 without a cached catalogue') };
    await saveCatalogue(answer.value, answer.etag, now());
    return { status: 'updated', version: answer.value.version };
  } catch (error) {
    return { status: 'failed', error };
  }
}

/**
 * Downloads the catalogue if it changed since the cached one. Concurrent calls share one request.
 * Never throws: offline and failures are reported in the result, and the cache is left as it was.
 */
export function refreshCatalogue(now: () => Date = () => new Date()): Promise<CatalogueRefresh> {
  inFlight ??= refresh(now).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

let started = false;

/**
 * Refreshes the catalogue now (app start) and again on every `online` event, once per page however
 * often it is called — screens call it on mount.
 */
export function keepCatalogueFresh(): void {
  if (started || typeof addEventListener !== 'function') return;
  started = true;
  void refreshCatalogue();
  addEventListener('online', () => {
    void refreshCatalogue();
  });
}
