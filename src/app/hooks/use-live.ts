import { useMemo } from 'react';
import type { Subscribable } from '../../device/subscribable';
import { createLiveStore, type LiveValue } from './live-store';
import { useLiveStore } from './use-live-store';

/**
 * The live value of `open(key)` — e.g. one case by id — re-subscribed when `key` changes. `open`
 * must be a stable function (a device/ export), not a closure made during render.
 */
export function useLive<K, T>(open: (key: K) => Subscribable<T>, key: K): LiveValue<T> {
  const store = useMemo(() => createLiveStore(open(key)), [open, key]);
  return useLiveStore(store);
}
