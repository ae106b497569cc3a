/**
 * The statistics page keeps its period, grouping and window in the address (/clerk/stats?from=…), so
 * a reload or a bookmark shows the same table. Missing or malformed values fall back to 本月 by
 * window, never to an error.
 */
import { statisticsGroupBySchema, statisticsQuerySchema, type StatisticsQuery } from '../../../domain/statistics';
import { presetPeriod } from './period';

/** The page's query from the address, seen from `today` (China date). */
export function parseStatsSearch(search: string, today: string): StatisticsQuery {
  const params = new URLSearchParams(search);
  const groupBy = statisticsGroupBySchema.safeParse(params.get('groupBy') ?? undefined);
  const window = params.get('window')?.trim() ?? '';
  const base = {
    groupBy: groupBy.success ? groupBy.data : 'window',
    ...(window ? { window } : {}),
  };
  const asked = statisticsQuerySchema.safeParse({ ...base, from: params.get('from'), to: params.get('to') });
  if (asked.success) return asked.data;
  const fallback = statisticsQuerySchema.safeParse({ ...base, ...presetPeriod('this_month', today) });
  return fallback.success ? fallback.data : { ...presetPeriod('this_month', today), groupBy: 'window' };
}

/** The address of the page for `query`. */
export function statsHref(query: StatisticsQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, groupBy: query.groupBy });
  if (query.window !== undefined) params.set('window', query.window);
  return `/clerk/stats?${params.toString()}`;
}
