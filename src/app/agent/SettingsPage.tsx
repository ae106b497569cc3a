import { useState } from 'react';
import { requestPersistentStorage } from '../../device/storage';
import { refreshCatalogue } from '../../device/sync-catalogue';
import { ScreenHeader } from '../components/ScreenHeader';
import { formatDateTime } from '../format-date';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useStorageStatus } from '../hooks/use-storage-status';
import { zhCN } from '../messages/zh-cn';
import { LockSettingsCard } from '../lock/LockSettingsCard';
import { AgentGate } from './AgentGate';
import { useCachedCatalogue } from './catalogue-store';
import { StorageWarning } from './StorageWarning';
import './agent.css';

const t = zhCN.settings;

function bytesOrUnknown(n: number | null): string {
  return n === null ? t.unknown : t.bytes(n);
}

function StorageCard() {
  const { status, refresh } = useStorageStatus();
  const [asking, setAsking] = useState(false);
  const [refused, setRefused] = useState(false);

  async function ask(): Promise<void> {
    setAsking(true);
    const granted = await requestPersistentStorage();
    setRefused(!granted);
    await refresh();
    setAsking(false);
  }

  return (
    <section className="card" aria-labelledby="storage-title">
      <h2 id="storage-title" className="card__title">
        {t.storageTitle}
      </h2>
      <StorageWarning status={status} />
      <dl className="facts" data-testid="storage-facts">
        <dt>{t.used}</dt>
        <dd>{bytesOrUnknown(status?.usage ?? null)}</dd>
        <dt>{t.free}</dt>
        <dd>{bytesOrUnknown(status?.free ?? null)}</dd>
        <dt>{t.quota}</dt>
        <dd>{bytesOrUnknown(status?.quota ?? null)}</dd>
      </dl>
      <h3 className="facts__title">{t.persistedTitle}</h3>
      <p data-testid="persisted">
        {status?.persisted === true ? t.persisted : status?.persisted === false ? t.notPersisted : t.persistUnknown}
      </p>
      {status?.persisted === false && (
        <button type="button" className="button button--secondary" disabled={asking} onClick={() => void ask()}>
          {asking ? t.requestingPersist : t.requestPersist}
        </button>
      )}
      {refused && <p className="section__hint">{t.persistRefused}</p>}
    </section>
  );
}

function CatalogueCard() {
  const catalogue = useCachedCatalogue();
  const [state, setState] = useState<{ kind: 'idle' | 'working' } | { kind: 'done'; message: string }>({
    kind: 'idle',
  });
  const stored = catalogue.status === 'ready' ? catalogue.value : null;

  async function check(): Promise<void> {
    setState({ kind: 'working' });
    const result = await refreshCatalogue();
    const messages = {
      updated: t.catalogueUpdated,
      unchanged: t.catalogueUnchanged,
      offline: t.catalogueOffline,
      failed: t.catalogueFailed,
    } as const;
    setState({ kind: 'done', message: messages[result.status] });
  }

  return (
    <section className="card" aria-labelledby="catalogue-title">
      <h2 id="catalogue-title" className="card__title">
        {t.catalogueTitle}
      </h2>
      {stored ? (
        <>
          <p>{t.catalogueVersion(stored.version)}</p>
          <p className="section__hint">{t.catalogueFetched(formatDateTime(stored.fetchedAt))}</p>
          <p className="section__hint">{t.catalogueChecked(formatDateTime(stored.checkedAt))}</p>
        </>
      ) : (
        <p>{zhCN.agent.catalogueNever}</p>
      )}
      <button
        type="button"
        className="button button--secondary"
        disabled={state.kind === 'working'}
        onClick={() => void check()}
      >
        {state.kind === 'working' ? t.catalogueRefreshing : t.catalogueRefresh}
      </button>
      {state.kind === 'done' && (
        <p className="section__hint" role="status">
          {state.message}
        </p>
      )}
    </section>
  );
}

/** 设置: storage used and free, persistent storage, the catalogue's version and age, the PIN lock. */
export function SettingsPage() {
  useDocumentTitle(t.title);
  return (
    <AgentGate>
      {() => (
        <div className="shell">
          <ScreenHeader backHref="/agent" backLabel={zhCN.common.backHome} title={t.title} />
          <main className="page">
            <StorageCard />
            <CatalogueCard />
            <LockSettingsCard />
          </main>
        </div>
      )}
    </AgentGate>
  );
}
