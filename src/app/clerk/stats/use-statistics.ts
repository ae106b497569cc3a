import { useCallback, useEffect, useState } from 'react';
import type { StatisticsQuery, StatisticsResponse } from '../../../domain/statistics';
import { fetchStatistics } from '../../../device/sync-statistics';

type Loaded = { key: string; data: StatisticsResponse };
type Failed = { key: string; error: unknown };

export type StatisticsState = {
  /** The last figures received (perhaps of the previous query while `loading`). */
  loaded: Loaded | null;
  /** The failure of the current query, if it failed. */
  failure: unknown;
  loading: boolean;
  retry: () => void;
};

/**
 * The statistics for `query`, keyed by `key` (its address; `query` must keep its identity while the
 * key does). A new query keeps the old table on screen, dimmed, until its answer arrives; only the
 * newest request may write — an older one still in flight is aborted.
 */
export function useStatistics(key: string, query: StatisticsQuery): StatisticsState {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<Failed | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchStatistics(query, controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setLoaded({ key, data });
        setFailed(null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFailed({ key, error });
      },
    );
    return () => {
      controller.abort();
    };
  }, [key, query, attempt]);

  const retry = useCallback(() => {
    setFailed(null);
    setAttempt((n) => n + 1);
  }, []);

  const failure = failed?.key === key ? failed.error : null;
  return { loaded, failure, loading: loaded?.key !== key && failure === null, retry };
}
