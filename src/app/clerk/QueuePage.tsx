import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { EmptyState } from '../components/EmptyState';
import { useDocumentTitle } from '../hooks/use-document-title';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { useClerkFrame, workedWindows } from './clerk-frame';
import { LoadFailed } from './LoadFailed';
import { Pagination } from './Pagination';
import { QueueFilters } from './QueueFilters';
import {
  activeFilterCount,
  parseQueueSearch,
  queueHref,
  queueSearchOf,
  rememberQueueView,
  withChanges,
  type QueueView,
} from './queue-params';
import { QueueTable } from './QueueTable';
import { QueueTabs } from './QueueTabs';
import { RefreshStatus } from './RefreshStatus';
import { useAutoRefresh } from './use-auto-refresh';
import { useQueue } from './use-queue';

const t = zhCN.clerk.queue;

export const QUEUE_REFRESH_MS = 30_000;

/**
 * 待办队列: the clerk's cases by tab (待受理 … 已办结, with counts), in the server's order (nearest
 * deadline first), filtered by window, village, item, agent, date and a search. Everything the clerk
 * chose lives in the address, and the list refreshes itself every 30 s and when the window regains focus.
 */
export function QueuePage() {
  useDocumentTitle(zhCN.clerk.queueTitle);
  const frame = useClerkFrame();
  const search = useSearch();
  const [, navigate] = useLocation();
  const view = parseQueueSearch(search);
  const key = queueSearchOf(view);
  const queue = useQueue(key);
  useAutoRefresh(queue.refresh, QUEUE_REFRESH_MS);

  useEffect(() => {
    rememberQueueView(parseQueueSearch(key));
  }, [key]);

  const change = (changes: Partial<QueueView>): void => {
    navigate(queueHref(withChanges(view, changes)), { replace: true });
  };

  const windows = workedWindows(frame);
  const data = queue.loaded?.data ?? null;
  const filtered = activeFilterCount(view) > 0;

  let content;
  if (queue.failure !== null && (data === null || queue.loaded?.key !== key)) {
    content = (
      <LoadFailed
        title={t.loadFailedTitle}
        message={describeError(queue.failure)}
        onRetry={queue.refresh}
        heading="h2"
      />
    );
  } else if (data === null) {
    content = (
      <p className="queue__loading" aria-busy="true">
        {zhCN.common.loading}
      </p>
    );
  } else if (data.rows.length === 0 && !queue.loading) {
    content = filtered ? (
      <EmptyState title={t.noMatch} hint={t.noMatchHint} />
    ) : (
      <EmptyState title={t.tabEmpty[view.tab]} hint={t.tabEmptyHint[view.tab]} />
    );
  } else {
    content = <QueueTable rows={data.rows} busy={queue.loading} />;
  }

  return (
    <main className="page clerk-page queue">
      <div className="queue__head">
        <h1 className="page__title">{zhCN.clerk.queueTitle}</h1>
        <div className="field field--inline">
          <label className="field__label" htmlFor="queue-window">
            {t.window}
          </label>
          <select
            id="queue-window"
            className="field__input field__input--select"
            value={view.window ?? ''}
            onChange={(event) => {
              change({ window: event.target.value });
            }}
          >
            <option value="">{t.allWindows}</option>
            {windows.map((w) => (
              <option key={w.id} value={w.code}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      </div>

      <QueueTabs view={view} counts={data?.counts ?? null} />
      <QueueFilters view={view} onChange={change} />
      <RefreshStatus
        at={queue.loaded?.at ?? null}
        refreshing={queue.refreshing}
        failure={data !== null && queue.loaded?.key === key ? queue.failure : null}
        total={queue.loaded?.key === key ? (data?.total ?? null) : null}
        onRefresh={queue.refresh}
      />
      {content}
      {data !== null && queue.loaded?.key === key && (
        <Pagination view={view} total={data.total} hasMore={data.hasMore} />
      )}
    </main>
  );
}
