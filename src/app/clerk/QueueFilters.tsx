import { useState, type SyntheticEvent } from 'react';
import { zhCN } from '../messages/zh-cn';
import { useClerkFrame } from './clerk-frame';
import { activeFilterCount, type QueueView } from './queue-params';
import { useCatalogueItems } from './use-catalogue-items';

const t = zhCN.clerk.queue;

type QueueFiltersProps = { view: QueueView; onChange: (changes: Partial<QueueView>) => void };

/**
 * Village, agent, item, received-date range and the search box (办件编号 or 姓名). Choices apply at once; the
 * search applies on Enter or 搜索, not on every key. An agent filter (`agent`, an agent's user id) is
 * kept from the address, but offered only once the township lists its agents.
 */
export function QueueFilters({ view, onChange }: QueueFiltersProps) {
  const { township } = useClerkFrame();
  const items = useCatalogueItems();
  const [typed, setTyped] = useState(view.q ?? '');
  const [shown, setShown] = useState(view.q);
  // The address changed under us (清除筛选, back button): show what it says now.
  if (shown !== view.q) {
    setShown(view.q);
    setTyped(view.q ?? '');
  }

  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    onChange({ q: typed.trim() });
  };

  const itemKnown = view.item === undefined || items.some((item) => item.code === view.item);
  const active = activeFilterCount(view);

  return (
    <form className="queue-filters" role="search" aria-label={t.filtersTitle} onSubmit={submit} noValidate>
      <div className="queue-filters__search field">
        <label className="field__label" htmlFor="queue-q">
          {t.searchLabel}
        </label>
        <div className="field__row">
          <input
            id="queue-q"
            className="field__input"
            type="search"
            placeholder={t.searchPlaceholder}
            maxLength={50}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
            }}
          />
          <button type="submit" className="button button--primary">
            {t.searchSubmit}
          </button>
        </div>
      </div>

      <div className="queue-filters__grid">
        <div className="field">
          <label className="field__label" htmlFor="queue-village">
            {t.village}
          </label>
          <select
            id="queue-village"
            className="field__input field__input--select"
            value={view.village ?? ''}
            onChange={(event) => {
              onChange({ village: event.target.value });
            }}
          >
            <option value="">{t.allVillages}</option>
            {township.villages.map((village) => (
              <option key={village.id} value={village.id}>
                {village.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="queue-agent">
            {t.agent}
          </label>
          <select
            id="queue-agent"
            className="field__input field__input--select"
            value={view.agent ?? ''}
            onChange={(event) => {
              onChange({ agent: event.target.value });
            }}
          >
            <option value="">{t.allAgents}</option>
            {township.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="queue-item">
            {t.item}
          </label>
          <select
            id="queue-item"
            className="field__input field__input--select"
            value={view.item ?? ''}
            onChange={(event) => {
              onChange({ item: event.target.value });
            }}
          >
            <option value="">{t.allItems}</option>
            {!itemKnown && view.item && <option value={view.item}>{view.item}</option>}
            {items.map((item) => (
              <option key={item.code} value={item.code}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="queue-from">
            {t.from}
          </label>
          <input
            id="queue-from"
            className="field__input"
            type="date"
            value={view.from ?? ''}
            max={view.to}
            onChange={(event) => {
              onChange({ from: event.target.value });
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="queue-to">
            {t.to}
          </label>
          <input
            id="queue-to"
            className="field__input"
            type="date"
            value={view.to ?? ''}
            min={view.from}
            onChange={(event) => {
              onChange({ to: event.target.value });
            }}
          />
        </div>
      </div>
      {active > 0 && (
        <p className="queue-filters__active">
          <span>{t.filtersActive(active)}</span>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              onChange({ village: '', item: '', agent: '', from: '', to: '', q: '' });
            }}
          >
            {t.clearFilters}
          </button>
        </p>
      )}
    </form>
  );
}
