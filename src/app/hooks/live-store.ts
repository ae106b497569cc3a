/**
 * Adapts a device/ Subscribable (e.g. a Dexie live query) to React's useSyncExternalStore.
 *
 * The source is subscribed while at least one component listens and released after the last one
 * leaves. The latest value is kept across that gap, so a screen that remounts shows what it showed
 * before instead of flashing 'loading' while the query re-runs.
 */
import type { Subscribable } from '../../device/subscribable';

export type LiveValue<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: unknown };

export type LiveStore<T> = {
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => LiveValue<T>;
};

/** Creates a store for useSyncExternalStore that mirrors `source`. */
export function createLiveStore<T>(source: Subscribable<T>): LiveStore<T> {
  let snapshot: LiveValue<T> = { status: 'loading' };
  const listeners = new Set<() => void>();
  let release: (() => void) | null = null;

  const publish = (next: LiveValue<T>): void => {
    snapshot = next;
    for (const listener of listeners) listener();
  };

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      release ??= source.subscribe(
        (value) => {
          publish({ status: 'ready', value });
        },
        (error) => {
          publish({ status: 'failed', error });
        },
      );
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0 && release) {
          release();
          release = null;
        }
      };
    },
    getSnapshot: () => snapshot,
  };
}
