import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueResponse } from '../../domain/workbench';
import { fetchQueue } from '../../device/sync-workbench';
import { parseQueueSearch, type QueueView } from './queue-params';

type Loaded = { key: string; data: QueueResponse; at: Date };
type Failed = { key: string; error: unknown };

export type QueueState = {
  /** The last rows received (perhaps of the previous view while `loading`). */
  loaded: Loaded | null;
  /** The last failure, for the current view only. */
  failure: unknown;
  /** The current view's first answer has not arrived yet. */
  loading: boolean;
  /** A refresh of the current view is running. */
  refreshing: boolean;
  refresh: () => void;
};

/**
 * The queue for the view keyed by `key` (its query string). A new view keeps the old rows on screen
 * (dimmed) until its answer arrives; a refresh replaces rows in place, so scroll and focus stay put.
 * Only the newest request may write: an older one still in flight is aborted.
 */
export function useQueue(key: string): QueueState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<Failed | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback((target: string): Promise<void> => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    const view: QueueView = parseQueueSearch(target);
    return fetchQueue(view, controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setLoaded({ key: target, data, at: new Date() });
        setFailed(null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailed({ key: target, error });
      },
    );
  }, []);

  useEffect(() => {
    void load(key);
  }, [key, load]);

  useEffect(
    () => () => {
      inFlight.current?.abort();
    },
    [],
  );

  const refresh = useCallback(() => {
    setRefreshing(true);
    void load(key).finally(() => {
      setRefreshing(false);
    });
  }, [key, load]);

  const failure = failed?.key === key ? failed.error : null;
  return {
    loaded,
    failure,
    loading: loaded?.key !== key && failure === null,
    refreshing,
    refresh,
  };
}
