import { EXPORT_MAX_ROWS, type ExportFormat, type StatisticsQuery } from '../../../domain/statistics';
import { casesExportUrl, statisticsExportUrl } from '../../../device/sync-statistics';
import { statsMessages } from '../../messages/zh-cn-stats';
import { lastQueueHref, parseQueueSearch } from '../queue-params';
import { countText } from './stats-format';

const t = statsMessages.exports;
const FORMATS = ['csv', 'xlsx'] as const satisfies readonly ExportFormat[];

/** A download link: the browser sends the session cookie and saves under the server's file name. */
function Download({ href, label }: { href: string; label: string }) {
  return (
    <a className="button button--secondary button--small stats-exports__link" href={href} download>
      {label}
    </a>
  );
}

/**
 * Downloads: the statistics table, the cases received in the period (the figures' cases), and the
 * queue list as the clerk last left it (tab and filters, every page). Without `caseLists` (a county
 * administrator, who sees no case), the statistics table only.
 */
export function StatsExports({
  query,
  received,
  caseLists,
}: {
  query: StatisticsQuery;
  received: number;
  caseLists: boolean;
}) {
  return (
    <section className="stats-exports card" aria-labelledby="stats-exports-title">
      <h2 id="stats-exports-title" className="card__title">
        {t.title}
      </h2>
      <div className="stats-exports__row">
        <Download href={statisticsExportUrl(query, 'csv')} label={t.statsCsv} />
        <Download href={statisticsExportUrl(query, 'xlsx')} label={t.statsXlsx} />
      </div>
      {caseLists && <CaseLists query={query} received={received} />}
    </section>
  );
}

/** The case list downloads: the period's cases and the queue as last left. */
function CaseLists({ query, received }: { query: StatisticsQuery; received: number }) {
  const search = lastQueueHref().split('?')[1] ?? '';
  // The page is left out: the export holds every page.
  const queueView = parseQueueSearch(search);
  const periodCases = { tab: 'all' as const, from: query.from, to: query.to, window: query.window };
  return (
    <>
      <h3 className="stats-exports__subtitle">{t.casesTitle}</h3>
      {received > EXPORT_MAX_ROWS ? (
        <p className="stats-exports__note" role="note">
          {t.tooMany(countText(EXPORT_MAX_ROWS))}
        </p>
      ) : (
        <div className="stats-exports__row">
          {FORMATS.map((format) => (
            <Download
              key={format}
              href={casesExportUrl(periodCases, format)}
              label={format === 'csv' ? t.periodCasesCsv : t.periodCasesXlsx}
            />
          ))}
        </div>
      )}
      <div className="stats-exports__row">
        {FORMATS.map((format) => (
          <Download
            key={format}
            href={casesExportUrl(queueView, format)}
            label={format === 'csv' ? t.queueCasesCsv : t.queueCasesXlsx}
          />
        ))}
      </div>
      <p className="stats-exports__note">{t.queueHint}</p>
      <p className="stats-exports__note">{t.privacy}</p>
    </>
  );
}
