/**
 * The queue's tab, filters and page live in the URL query (/clerk?tab=overdue&village=…), so a reload,
 * a bookmark or the back button keeps them. Unknown or malformed values are dropped, never fatal.
 */
import { queueQuerySchema, type QueueTab } from '../../domain/workbench';

export type QueueView = {
  tab: QueueTab;
  window?: string;
  village?: string;
  item?: string;
  agent?: string;
  from?: string;
  to?: string;
  q?: string;
  page: number;
};

export type QueueFilterKey = 'village' | 'item' | 'agent' | 'from' | 'to' | 'q';

export const FILTER_KEYS = ['village', 'item', 'agent', 'from', 'to', 'q'] as const satisfies QueueFilterKey[];
const TEXT_KEYS = ['window', ...FILTER_KEYS] as const;

const shape = queueQuerySchema.shape;

/** Reads the view from a query string ('' or '?tab=…'). */
export function parseQueueSearch(search: string): QueueView {
  const params = new URLSearchParams(search);
  const tab = shape.tab.safeParse(params.get('tab') ?? undefined);
  const page = shape.page.safeParse(params.get('page') ?? undefined);
  const view: QueueView = {
    tab: tab.success ? tab.data : 'received',
    page: page.success ? page.data : 1,
  };
  for (const key of TEXT_KEYS) {
    const raw = params.get(key)?.trim();
    if (!raw) continue;
    const parsed = shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) view[key] = parsed.data;
  }
  return view;
}

/** The query string for a view, without defaults (tab 待受理, page 1), in a stable order. */
export function queueSearchOf(view: QueueView): string {
  const params = new URLSearchParams();
  if (view.tab !== 'received') params.set('tab', view.tab);
  for (const key of TEXT_KEYS) {
    const value = view[key];
    if (value) params.set(key, value);
  }
  if (view.page > 1) params.set('page', String(view.page));
  return params.toString();
}

/** How many filters (not tab, window or page) are set. */
export function activeFilterCount(view: QueueView): number {
  return FILTER_KEYS.filter((key) => view[key] !== undefined).length;
}

/** The view with `changes` applied; any change other than the page starts again at page 1. */
export function withChanges(view: QueueView, changes: Partial<QueueView>): QueueView {
  const merged: QueueView = { ...view, page: 1, ...changes };
  const next: QueueView = { tab: merged.tab, page: merged.page };
  for (const key of TEXT_KEYS) {
    const value = merged[key];
    if (value) next[key] = value;
  }
  return next;
}

/** The queue's address for a view. */
export function queueHref(view: QueueView): string {
  const search = queueSearchOf(view);
  return search ? `/clerk?${search}` : '/clerk';
}

let lastSearch = '';

/** Remembers the queue view the clerk last looked at, for the case screen's way back. */
export function rememberQueueView(view: QueueView): void {
  lastSearch = queueSearchOf(view);
}

/** The queue as the clerk left it (tab, filters, page). */
export function lastQueueHref(): string {
  return lastSearch ? `/clerk?${lastSearch}` : '/clerk';
}
