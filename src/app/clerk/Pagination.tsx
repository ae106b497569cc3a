import { Link } from 'wouter';
import { QUEUE_PAGE_SIZE } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { queueHref, withChanges, type QueueView } from './queue-params';

const t = zhCN.clerk.queue;

/** 上一页 / 第 n / m 页 / 下一页 under the queue; nothing when everything fits on one page. */
export function Pagination({ view, total }: { view: QueueView; total: number }) {
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
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
      <span className="pagination__where">{t.pageOf(view.page, pages)}</span>
      {view.page < pages ? (
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
