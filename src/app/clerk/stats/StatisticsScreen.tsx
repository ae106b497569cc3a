import { useContext, useMemo } from 'react';
import { useLocation, useSearch } from 'wouter';
import { todayInChina } from '../../../domain/resident-id';
import {
  COUNTY_GROUP_BYS,
  statisticsGroupBySchema,
  type StatisticsGroupBy,
  type StatisticsQuery,
} from '../../../domain/statistics';
import { EmptyState } from '../../components/EmptyState';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { describeError } from '../../messages/describe-error';
import { statsMessages } from '../../messages/zh-cn-stats';
import { ClerkFrameContext, useCountyFrame } from '../clerk-frame';
import { LoadFailed } from '../LoadFailed';
import { StatsCharts } from './StatsCharts';
import { StatsControls } from './StatsControls';
import { StatsExports } from './StatsExports';
import { StatsTable } from './StatsTable';
import { parseStatsSearch, statsHref } from './stats-params';
import { useStatistics } from './use-statistics';

const t = statsMessages;

const TOWNSHIP_GROUP_BYS = statisticsGroupBySchema.options.filter((g) => g !== 'township');
const isCountyGroupBy = (groupBy: StatisticsGroupBy): boolean => COUNTY_GROUP_BYS.some((g) => g === groupBy);

/**
 * 办件统计: the figures of the cases received in a period — per window, village, item, agent or
 * month — as a table, two charts and downloads. Clerks see their windows, administrators the whole
 * township (the server decides; the window list here only offers what it allows). The period,
 * grouping and window live in the address. A county administrator sees every township of the
 * county, grouped by township (or item, or month), with no window choice and no case list downloads.
 */
export function StatisticsScreen() {
  useDocumentTitle(t.title);
  const frame = useContext(ClerkFrameContext);
  const county = useCountyFrame();
  const search = useSearch();
  const [, navigate] = useLocation();
  const today = todayInChina();
  const asked = useMemo(() => parseStatsSearch(search, today), [search, today]);
  // A county groups only by what spans townships; anything else shows the township grouping.
  const query: StatisticsQuery =
    county && !isCountyGroupBy(asked.groupBy) ? { from: asked.from, to: asked.to, groupBy: 'township' } : asked;
  const key = statsHref(query);
  const stats = useStatistics(key, query);

  const isAdmin = frame?.user.role === 'admin';
  const mine = new Set(frame?.user.windows.map((w) => w.id));
  const windows = frame ? frame.township.windows.filter((w) => isAdmin || mine.has(w.id)) : null;
  // One township grouped by township is a single row: township staff are not offered it.
  const groupBys: readonly StatisticsGroupBy[] = county ? COUNTY_GROUP_BYS : TOWNSHIP_GROUP_BYS;

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
        <StatsExports query={query} received={data.total.received} caseLists={county === null} />
      </>
    );
  }

  return (
    <main className="page clerk-page stats">
      <div className="stats__head">
        <h1 className="page__title">{t.title}</h1>
        <p className="page__intro">
          {t.intro} {county ? t.scope.county : isAdmin ? t.scope.admin : t.scope.clerk}
        </p>
      </div>
      <StatsControls
        query={query}
        today={today}
        groupBys={groupBys}
        windows={windows}
        isAdmin={isAdmin}
        onChange={change}
      />
      {content}
    </main>
  );
}
