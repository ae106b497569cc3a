import { useContext } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { AuditPage as AuditPageData } from '../../domain/audit';
import { auditSearch, fetchAuditPage, type AuditRequest } from '../../device/sync-audit';
import { EmptyState } from '../components/EmptyState';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useKeyedFetch } from '../hooks/use-keyed-fetch';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { activeAuditFilters, auditHref, parseAuditSearch } from './audit-view';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { ClerkFrameContext, useCountyFrame } from './clerk-frame';
import { ClerkShell } from './ClerkShell';
import { LoadFailed } from './LoadFailed';
import './audit.css';

const t = zhCN.clerk.audit;

/** /clerk/audit — 审计日志 inside the workbench frame, for a township's or the county's administrator. */
export function AuditPage() {
  return (
    <ClerkShell section="audit">
      <AuditScreen />
    </ClerkShell>
  );
}

/**
 * 审计日志: the township's audit trail, newest first, filtered by action, actor, subject (a 办件编号
 * or an id) and dates; 更早的记录 pages back by seq, 回到最新 returns to the top. The county
 * administrator gets every township of the county and the entries of no township, with a 乡镇 column
 * and filter. Clerks are told the screen is the administrators'.
 */
function AuditScreen() {
  useDocumentTitle(t.title);
  const county = useCountyFrame();
  const township = useContext(ClerkFrameContext);
  const isAdmin = county !== null || township?.user.role === 'admin';
  const search = useSearch();
  const [, navigate] = useLocation();
  const view = parseAuditSearch(search);
  const key = auditSearch(view);
  const page = useKeyedFetch<AuditPageData>(key, (signal) => fetchAuditPage(view, signal), isAdmin);

  const change = (changes: Partial<AuditRequest>): void => {
    const next: AuditRequest = { ...view, ...changes, before: undefined };
    navigate(auditHref(next), { replace: true });
  };

  if (!isAdmin) {
    return (
      <main className="page clerk-page audit">
        <h1 className="page__title">{t.title}</h1>
        <p className="note">{t.adminOnly}</p>
      </main>
    );
  }

  const data = page.loaded?.data ?? null;
  let content;
  if (page.failure !== null && (data === null || !page.current)) {
    content = (
      <LoadFailed title={t.loadFailed} message={describeError(page.failure)} onRetry={page.retry} heading="h2" />
    );
  } else if (data === null) {
    content = (
      <p className="queue__loading" aria-busy="true">
        {zhCN.common.loading}
      </p>
    );
  } else if (data.entries.length === 0 && page.current) {
    content =
      activeAuditFilters(view) > 0 || view.before !== undefined ? (
        <EmptyState title={t.noMatch} hint={t.noMatchHint} />
      ) : (
        <EmptyState title={t.empty} hint={t.emptyHint} />
      );
  } else {
    content = <AuditTable entries={data.entries} busy={!page.current} townships={county ? data.townships : null} />;
  }

  const toTop = (): void => {
    window.scrollTo({ top: 0 });
  };
  return (
    <main className="page clerk-page audit">
      <h1 className="page__title">{t.title}</h1>
      <p className="note">{county ? t.countyIntro : t.intro}</p>
      <AuditFilters
        view={view}
        actors={data?.actors ?? []}
        townships={county ? (data?.townships ?? []) : null}
        onChange={change}
      />
      {content}
      {data !== null && page.current && (view.before !== undefined || data.nextBefore !== null) && (
        <nav className="pagination" aria-label={t.pagination}>
          {view.before !== undefined ? (
            <Link
              href={auditHref({ ...view, before: undefined })}
              className="button button--secondary button--small"
              onClick={toTop}
            >
              {t.newest}
            </Link>
          ) : (
            <span className="pagination__spacer" />
          )}
          {data.nextBefore !== null ? (
            <Link
              href={auditHref({ ...view, before: data.nextBefore })}
              className="button button--secondary button--small"
              onClick={toTop}
            >
              {t.older}
            </Link>
          ) : (
            <span className="pagination__spacer" />
          )}
        </nav>
      )}
    </main>
  );
}
