import { useDeferredValue, useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { ServiceItem } from '../../domain/catalogue';
import { refreshCatalogue } from '../../device/sync-catalogue';
import { ScreenHeader } from '../components/ScreenHeader';
import { Splash } from '../components/Splash';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useOnlineStatus } from '../hooks/use-online-status';
import { zhCN } from '../messages/zh-cn';
import { AgentGate } from './AgentGate';
import { useCachedCatalogue } from './catalogue-store';
import { indexItems, searchItems } from './item-search';
import './agent.css';

const t = zhCN.search;

function limitText(item: ServiceItem): string {
  return item.handling === 'instant' ? t.instant : t.promised(item.promisedLimitDays);
}

function CatalogueMissing() {
  const online = useOnlineStatus();
  const [state, setState] = useState<'idle' | 'working' | 'failed'>('idle');

  async function download(): Promise<void> {
    setState('working');
    const result = await refreshCatalogue();
    // On success the live catalogue replaces this whole block.
    if (result.status !== 'updated' && result.status !== 'unchanged') setState('failed');
  }

  return (
    <section className="card" role="status">
      <h2 className="card__title">{t.catalogueMissingTitle}</h2>
      <p>{t.catalogueMissingText}</p>
      {online ? (
        <button
          type="button"
          className="button button--primary"
          disabled={state === 'working'}
          onClick={() => void download()}
        >
          {state === 'working' ? t.downloading : t.download}
        </button>
      ) : (
        <p className="banner banner--warning">{t.catalogueMissingOffline}</p>
      )}
      {state === 'failed' && (
        <p className="form__error" role="alert">
          {t.downloadFailed}
        </p>
      )}
    </section>
  );
}

function Results({ items }: { items: ServiceItem[] }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const index = useMemo(() => indexItems(items), [items]);
  const found = useMemo(() => searchItems(index, deferred), [index, deferred]);

  return (
    <>
      <div className="field search">
        <label className="field__label" htmlFor="item-search">
          {t.label}
        </label>
        <input
          id="item-search"
          className="field__input"
          type="search"
          inputMode="search"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={t.placeholder}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
        />
      </div>
      <p className="section__hint" aria-live="polite">
        {found.length === 0 ? t.noResults(deferred.trim()) : t.count(found.length)}
      </p>
      <ul className="item-list">
        {found.map((item) => (
          <li key={item.code}>
            <Link href={`/agent/items/${encodeURIComponent(item.code)}`} className="item-link">
              <span className="item-link__name">{item.name}</span>
              <span className="item-link__meta">
                {item.implementingBody} · {limitText(item)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function Search() {
  const catalogue = useCachedCatalogue();
  if (catalogue.status === 'loading') return <Splash />;
  return (
    <div className="shell">
      <ScreenHeader backHref="/agent" backLabel={zhCN.common.backHome} title={t.title} />
      <main className="page">
        {catalogue.status === 'failed' ? (
          <p className="card" role="alert">
            {zhCN.common.storageFailed}
          </p>
        ) : catalogue.value === null ? (
          <CatalogueMissing />
        ) : (
          <Results items={catalogue.value.items} />
        )}
      </main>
    </div>
  );
}

/** Finds an item by name or pinyin (initials too) in the catalogue cached on the phone — no signal needed. */
export function ItemSearchPage() {
  useDocumentTitle(t.title);
  return <AgentGate>{() => <Search />}</AgentGate>;
}
