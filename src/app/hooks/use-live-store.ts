import { useSyncExternalStore } from 'react';
import type { LiveStore, LiveValue } from './live-store';

/** The current value of a live store; re-renders when it changes. */
export function useLiveStore<T>(store: LiveStore<T>): LiveValue<T> {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
