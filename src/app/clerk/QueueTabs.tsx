import { Link } from 'wouter';
import { queueTabSchema, type QueueResponse } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { countText } from './count-text';
import { queueHref, withChanges, type QueueView } from './queue-params';

const t = zhCN.clerk.queue;

const alertTabs = new Set(['due_soon', 'overdue']);

/** 待受理 / 补正中 / 办理中 / 即将到期 / 已超期 / 已办结 with their counts, as links (the tab is in the address). */
export function QueueTabs({ view, counts }: { view: QueueView; counts: QueueResponse['counts'] | null }) {
  return (
    <nav className="queue-tabs" aria-label={t.tabsLabel}>
      <ul className="queue-tabs__list">
        {queueTabSchema.options.map((tab) => {
          const count = counts?.[tab];
          const current = tab === view.tab;
          const alert = alertTabs.has(tab) && count !== undefined && count > 0;
          return (
            <li key={tab}>
              <Link
                href={queueHref(withChanges(view, { tab }))}
                className={`queue-tabs__tab${alert ? ` queue-tabs__tab--${tab}` : ''}`}
                aria-current={current ? 'page' : undefined}
                data-tab={tab}
              >
                {t.tabs[tab]}
                {count !== undefined && <span className="queue-tabs__count">{countText(count)}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
