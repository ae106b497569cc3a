/** The 回访 screen's tab lives in the address (?status=…), so a reload or a shared link keeps it. */
import type { FollowUpListResponse } from '../../../domain/tracking';
import { followUpFilterSchema, type FollowUpFilter } from '../../../device/sync-follow-ups';

/** The tab shown when the address names none (or one this build does not know): 待回访. */
export const DEFAULT_FOLLOW_UP_FILTER: FollowUpFilter = 'open';

/** The tab in `search` (a query string, with or without '?'). */
export function parseFollowUpFilter(search: string): FollowUpFilter {
  const parsed = followUpFilterSchema.safeParse(new URLSearchParams(search).get('status'));
  return parsed.success ? parsed.data : DEFAULT_FOLLOW_UP_FILTER;
}

/** The address of a tab. */
export function followUpsHref(filter: FollowUpFilter): string {
  return filter === DEFAULT_FOLLOW_UP_FILTER ? '/clerk/follow-ups' : `/clerk/follow-ups?status=${filter}`;
}

/** How many tasks a tab holds: the server counts each status; 全部 is their sum. */
export function tabCount(counts: FollowUpListResponse['counts'], filter: FollowUpFilter): number {
  return filter === 'all' ? counts.open + counts.called_back + counts.closed : counts[filter];
}
