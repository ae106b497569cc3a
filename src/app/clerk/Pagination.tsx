import { Link } from 'wouter';
import { QUEUE_PAGE_SIZE } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { isExactCount } from './count-text';
import { queueHref, withChanges, type QueueView } from './queue-params';

const t = zhCN.clerk.queue;

/**
 * 上一页 / 第 n / m 页 / 下一页 under the queue; nothing when everything fits on one page. Past
 * QUEUE_COUNT_CAP cases the number of pages is unknown: 第 n 页, and 下一页 while the server has more.
 */
export function Pagination({ view, total, hasMore }: { view: QueueView; total: number; hasMore: boolean }) {
  const exact = isExactCount(total);
  const pages = exact ? Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)) : Number.POSITIVE_INFINITY;
  if (pages <= 1 && view.page <= 1) return null;
  const toTop = (): void => {
    window.scrollTo({ top: 0 });
  };
  return (
    <nav className="pagination" aria-label={t.pagination}>
      {view.page > 1 ? (
        <Link
          href={queueHref(withChanges(view, { page: Math.min(view.page - 1, pages) }))}
          className="button button--secondary button--small"
          onClick={toTop}
        >
          {t.previousPage}
        </Link>
      ) : (
        <span className="pagination__spacer" />
      )}
      <span className="pagination__where">{exact ? t.pageOf(view.page, pages) : t.pageAt(view.page)}</span>
      {(exact ? view.page < pages : hasMore) ? (
        <Link
          href={queueHref(withChanges(view, { page: view.page + 1 }))}
          className="button button--secondary button--small"
          onClick={toTop}
        >
          {t.nextPage}
        </Link>
      ) : (
        <span className="pagination__spacer" />
      )}
    </nav>
  );
}
