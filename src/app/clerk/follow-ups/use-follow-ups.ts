import { useCallback, useEffect, useRef, useState } from 'react';
import type { FollowUpListResponse } from '../../../domain/tracking';
import { fetchFollowUps, type FollowUpFilter } from '../../../device/sync-follow-ups';

type Loaded = { filter: FollowUpFilter; data: FollowUpListResponse; at: Date };
type Failed = { filter: FollowUpFilter; error: unknown };

export type FollowUpsState = {
  /** The last answer (perhaps of the previous tab while the new one loads). */
  loaded: Loaded | null;
  /** The last failure, for the current tab only. */
  failure: unknown;
  refreshing: boolean;
  refresh: () => void;
};

/**
 * The follow-up tasks of one tab. Like the queue: the previous rows stay on screen until the new tab
 * answers, and only the newest request may write (an older one still in flight is aborted).
 */
export function useFollowUps(filter: FollowUpFilter): FollowUpsState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<Failed | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback((target: FollowUpFilter): Promise<void> => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    return fetchFollowUps(target, controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setLoaded({ filter: target, data, at: new Date() });
        setFailed(null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailed({ filter: target, error });
      },
    );
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  useEffect(
    () => () => {
      inFlight.current?.abort();
    },
    [],
  );

  const refresh = useCallback(() => {
    setRefreshing(true);
    void load(filter).finally(() => {
      setRefreshing(false);
    });
  }, [filter, load]);

  return { loaded, failure: failed?.filter === filter ? failed.error : null, refreshing, refresh };
}
