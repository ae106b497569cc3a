import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { createDraft } from '../../device/case-repository';
import type { StoredSession } from '../../device/session-repository';
import { ScreenHeader } from '../components/ScreenHeader';
import { Splash } from '../components/Splash';
import { useDocumentTitle } from '../hooks/use-document-title';
import { BusyButton } from '../components/BusyButton';
import { zhCN } from '../messages/zh-cn';
import { AgentGate } from './AgentGate';
import { useCachedCatalogue } from './catalogue-store';
import { ItemGuide } from './ItemGuide';
import { actionErrorText } from './case/problem-text';
import './agent.css';

const t = zhCN.guide;

function Guide({ code, session }: { code: string; session: StoredSession }) {
  const catalogue = useCachedCatalogue();
  const [, navigate] = useLocation();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const item = catalogue.status === 'ready' ? catalogue.value?.items.find((i) => i.code === code) : undefined;
  useDocumentTitle(item?.name ?? t.start);

  if (catalogue.status === 'loading') return <Splash />;

  async function start(): Promise<void> {
    if (!item) return;
    setStarting(true);
    setError(null);
    try {
      const draft = await createDraft(item, session.user);
      navigate(`/agent/cases/${draft.id}/applicant`, { replace: true });
    } catch (cause) {
      setError(actionErrorText(cause));
      setStarting(false);
    }
  }

  return (
    <div className="shell">
      <ScreenHeader backHref="/agent/items" backLabel={t.backToSearch} title={item?.name ?? t.notFound} />
      <main className="page page--with-dock">
        {item ? (
          <ItemGuide item={item} />
        ) : (
          <section className="card" role="alert">
            <p>{t.notFound}</p>
            <Link href="/agent/items" className="button button--secondary">
              {t.backToSearch}
            </Link>
          </section>
        )}
      </main>
      {item?.proxyAllowed && (
        <div className="dock">
          <BusyButton
            busy={starting}
            error={error}
            label={t.start}
            busyLabel={t.starting}
            onClick={() => void start()}
          />
        </div>
      )}
    </div>
  );
}

/** The guide of one item from the cached catalogue, with 开始代办. */
export function GuidePage({ code }: { code: string }) {
  return <AgentGate>{(session) => <Guide code={code} session={session} />}</AgentGate>;
}
