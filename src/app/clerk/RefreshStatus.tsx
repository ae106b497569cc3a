import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { chinaClock } from './china-time';
import { countText } from './count-text';

const t = zhCN.clerk.queue;

type RefreshStatusProps = {
  at: Date | null;
  refreshing: boolean;
  /** A refresh that failed while older rows stay on screen. */
  failure: unknown;
  total: number | null;
  onRefresh: () => void;
};

/** 共 N 件 · 已更新 09:30:05 · 刷新 — announced politely, failures as an alert that keeps the rows. */
export function RefreshStatus({ at, refreshing, failure, total, onRefresh }: RefreshStatusProps) {
  return (
    <div className="refresh-status">
      <p className="refresh-status__text" role="status" aria-live="polite">
        {total !== null && <span className="refresh-status__total">{t.total(countText(total))}</span>}
        {refreshing ? t.refreshing : at ? t.updatedAt(chinaClock(at.toISOString())) : ''}
      </p>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={refreshing}
        onClick={onRefresh}
      >
        {t.refresh}
      </button>
      {failure !== null && (
        <p className="refresh-status__error" role="alert">
          {t.refreshFailed(describeError(failure))}
        </p>
      )}
    </div>
  );
}
