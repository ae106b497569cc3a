import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { FollowUp } from '../../../domain/tracking';
import { followUpFilterSchema } from '../../../device/sync-follow-ups';
import { EmptyState } from '../../components/EmptyState';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';
import { LoadFailed } from '../LoadFailed';
import { RefreshStatus } from '../RefreshStatus';
import { useAutoRefresh } from '../use-auto-refresh';
import { FollowUpCard } from './FollowUpCard';
import { followUpsHref, parseFollowUpFilter, tabCount } from './follow-up-params';
import { useFollowUps } from './use-follow-ups';

const t = zhCN.clerk.followUps;

export const FOLLOW_UPS_REFRESH_MS = 30_000;

/**
 * 群众回访: the 差评 and complaints of the clerk's windows by tab (待回访 / 已回访待办结 / 已办结 /
 * 全部, with counts), in the server's order, refreshed every 30 s like the queue. A task moves on as
 * the clerk records the call back and closes it with the outcome.
 */
export function FollowUpsScreen() {
  useDocumentTitle(t.title);
  const filter = parseFollowUpFilter(useSearch());
  const list = useFollowUps(filter);
  const [changed, setChanged] = useState<string | null>(null);
  useAutoRefresh(list.refresh, FOLLOW_UPS_REFRESH_MS);

  const onChanged = (updated: FollowUp): void => {
    setChanged(updated.status === 'closed' ? t.closeDone : t.callbackDone);
    list.refresh();
  };

  const current = list.loaded?.filter === filter;
  const data = list.loaded?.data ?? null;
  let content;
  if (list.failure !== null && (data === null || !current)) {
    content = (
      <LoadFailed title={t.loadFailedTitle} message={describeError(list.failure)} onRetry={list.refresh} heading="h2" />
    );
  } else if (data === null) {
    content = (
      <p className="queue__loading" aria-busy="true">
        {zhCN.common.loading}
      </p>
    );
  } else if (data.followUps.length === 0 && current) {
    content = <EmptyState title={t.tabEmpty[filter]} hint={t.tabEmptyHint} />;
  } else {
    content = (
      <ul className={current ? 'follow-ups__list' : 'follow-ups__list follow-ups__list--busy'} aria-busy={!current}>
        {data.followUps.map((followUp) => (
          <FollowUpCard key={followUp.id} followUp={followUp} onChanged={onChanged} />
        ))}
      </ul>
    );
  }

  return (
    <main className="page clerk-page follow-ups">
      <div className="follow-ups__head">
        <h1 className="page__title">{t.title}</h1>
        <p className="page__intro">{t.intro}</p>
      </div>
      <nav className="queue-tabs" aria-label={t.tabsLabel}>
        <ul className="queue-tabs__list">
          {followUpFilterSchema.options.map((tab) => {
            const count = data ? tabCount(data.counts, tab) : undefined;
            const alert = tab === 'open' && count !== undefined && count > 0;
            return (
              <li key={tab}>
                <Link
                  href={followUpsHref(tab)}
                  className={`queue-tabs__tab${alert ? ' queue-tabs__tab--overdue' : ''}`}
                  aria-current={tab === filter ? 'page' : undefined}
                  data-tab={tab}
                  onClick={() => {
                    setChanged(null);
                  }}
                >
                  {t.tabs[tab]}
                  {count !== undefined && <span className="queue-tabs__count">{count}</span>}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {changed && (
        <p className="banner banner--info" role="status">
          {changed}
        </p>
      )}
      <RefreshStatus
        at={list.loaded?.at ?? null}
        refreshing={list.refreshing}
        failure={data !== null && current ? list.failure : null}
        total={current ? (data?.followUps.length ?? null) : null}
        onRefresh={list.refresh}
      />
      {content}
    </main>
  );
}
