import type { StatisticsQuery, StatisticsResponse } from '../../../domain/statistics';
import { fetchStatistics } from '../../../device/sync-statistics';
import { useKeyedFetch, type Keyed } from '../../hooks/use-keyed-fetch';

export type StatisticsState = {
  /** The last figures received (perhaps of the previous query while `loading`). */
  loaded: Keyed<StatisticsResponse> | null;
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
  const { loaded, failure, current, retry } = useKeyedFetch<StatisticsResponse>(key, (signal) =>
    fetchStatistics(query, signal),
  );
  return { loaded, failure, loading: !current && failure === null, retry };
}
