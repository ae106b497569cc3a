import { useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { todayInChina } from '../../../domain/resident-id';
import type { StatisticsQuery } from '../../../domain/statistics';
import { EmptyState } from '../../components/EmptyState';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { describeError } from '../../messages/describe-error';
import { statsMessages } from '../../messages/zh-cn-stats';
import { useClerkFrame } from '../clerk-frame';
import { LoadFailed } from '../LoadFailed';
import { StatsCharts } from './StatsCharts';
import { StatsControls } from './StatsControls';
import { StatsExports } from './StatsExports';
import { StatsTable } from './StatsTable';
import { parseStatsSearch, statsHref } from './stats-params';
import { useStatistics } from './use-statistics';

const t = statsMessages;

/**
 * 办件统计: the figures of the cases received in a period — per window, village, item, agent or
 * month — as a table, two charts and downloads. Clerks see their windows, administrators the whole
 * township (the server decides; the window list here only offers what it allows). The period,
 * grouping and window live in the address.
 */
export function StatisticsScreen() {
  useDocumentTitle(t.title);
  const frame = useClerkFrame();
  const search = useSearch();
  const [, navigate] = useLocation();
  const today = todayInChina();
  const query = useMemo(() => parseStatsSearch(search, today), [search, today]);
  const key = statsHref(query);
  const stats = useStatistics(key, query);

  const isAdmin = frame.user.role === 'admin';
  const mine = new Set(frame.user.windows.map((w) => w.id));
  const windows = frame.township.windows.filter((w) => isAdmin || mine.has(w.id));

  const change = (next: StatisticsQuery): void => {
    navigate(statsHref(next), { replace: true });
  };

  const data = stats.loaded?.data ?? null;
  let content;
  if (stats.failure !== null) {
    content = (
      <LoadFailed title={t.loadFailed} message={describeError(stats.failure)} onRetry={stats.retry} heading="h2" />
    );
  } else if (data === null) {
    content = (
      <p className="stats__loading" aria-busy="true">
        {t.loading}
      </p>
    );
  } else {
    content = (
      <>
        {data.unloadedYears.length > 0 && (
          <p className="stats__warning" role="note">
            {t.unloadedYears(data.unloadedYears.join('、'))}
          </p>
        )}
        <StatsTable stats={data} busy={stats.loading} />
        {data.total.received === 0 && !stats.loading ? (
          <EmptyState title={t.empty} hint={t.emptyHint} />
        ) : (
          <StatsCharts stats={data} />
        )}
        <StatsExports query={query} received={data.total.received} />
      </>
    );
  }

  return (
    <main className="page clerk-page stats">
      <div className="stats__head">
        <h1 className="page__title">{t.title}</h1>
        <p className="page__intro">
          {t.intro} {isAdmin ? t.scope.admin : t.scope.clerk}
        </p>
      </div>
      <StatsControls query={query} today={today} windows={windows} isAdmin={isAdmin} onChange={change} />
      {content}
    </main>
  );
}
