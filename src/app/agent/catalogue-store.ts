import { observeCatalogue, type StoredCatalogue } from '../../device/catalogue-repository';
import { createLiveStore, type LiveValue } from '../hooks/live-store';
import { useLiveStore } from '../hooks/use-live-store';

const catalogueStore = createLiveStore(observeCatalogue());

/** The catalogue cached on this phone (null when never downloaded), live. */
export function useCachedCatalogue(): LiveValue<StoredCatalogue | null> {
  return useLiveStore(catalogueStore);
}
