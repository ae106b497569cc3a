import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { observeDrafts, observeOutbox, observeSentCases } from '../../device/case-repository';
import { observeResubmissionQueue, observeSupplementCases } from '../../device/resubmission-repository';
import { markNoticeRead, observeNotices, observeSyncState } from '../../device/sync-state-repository';
import type { StoredSession } from '../../device/session-repository';
import { logout } from '../../device/sync-auth';
import { ConnectivityBadge } from '../components/ConnectivityBadge';
import { EmptyState } from '../components/EmptyState';
import { formatDate, formatDateTime } from '../format-date';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLive } from '../hooks/use-live';
import { useOnlineStatus } from '../hooks/use-online-status';
import { useStorageStatus } from '../hooks/use-storage-status';
import { zhCN } from '../messages/zh-cn';
import { AgentGate } from './AgentGate';
import { DraftList, OutboxList, SentList, SupplementList } from './CaseLists';
import { noticeHref, noticeText } from './sync-text';
import { useCachedCatalogue } from './catalogue-store';
import { StorageWarning } from './StorageWarning';
import './agent.css';

const t = zhCN.agent;

type LogoutStep = 'idle' | 'confirming' | 'working';

function CatalogueAge() {
  const catalogue = useCachedCatalogue();
  if (catalogue.status !== 'ready') return null;
  return (
    <p className="home__catalogue" data-testid="catalogue-age">
      {catalogue.value ? t.catalogueCheckedAt(formatDateTime(catalogue.value.checkedAt)) : t.catalogueNever}
    </p>
  );
}

function Cases({ agentId }: { agentId: string }) {
  const drafts = useLive(observeDrafts, agentId);
  const outbox = useLive(observeOutbox, agentId);
  const sent = useLive(observeSentCases, agentId);
  if (drafts.status === 'loading' || outbox.status === 'loading' || sent.status === 'loading') return null;
  if (drafts.status === 'failed' || outbox.status === 'failed' || sent.status === 'failed') {
    return (
      <p className="card" role="alert">
        {zhCN.common.storageFailed}
      </p>
    );
  }
  if (drafts.value.length === 0 && outbox.value.length === 0 && sent.value.length === 0) {
    return <EmptyState title={t.emptyTitle} hint={t.emptyHint} />;
  }
  return (
    <>
      {drafts.value.length > 0 && <DraftList drafts={drafts.value} />}
      {outbox.value.length > 0 && <OutboxList cases={outbox.value} />}
      {sent.value.length > 0 && <SentList cases={sent.value} />}
    </>
  );
}

/** "待上传 2 件 · 上次同步 今天 10:32", a link to the sync screen. */
function SyncLine({ agentId }: { agentId: string }) {
  const outbox = useLive(observeOutbox, agentId);
  const answers = useLive(observeResubmissionQueue, agentId);
  const state = useLive(observeSyncState, agentId);
  if (outbox.status !== 'ready' || answers.status !== 'ready' || state.status !== 'ready') return null;
  const waiting = outbox.value.length + answers.value.length;
  const setAside = [...outbox.value, ...answers.value].some((c) => c.sync?.state === 'set-aside');
  const last = state.value?.lastSuccessAt ?? null;
  return (
    <Link
      href="/agent/sync"
      className={setAside ? 'sync-line sync-line--problem' : 'sync-line'}
      data-testid="sync-line"
    >
      <span className="sync-line__text">{t.syncLine(waiting, last ? formatDateTime(last) : null)}</span>
      <span className="sync-line__go">{t.syncEntry}</span>
    </Link>
  );
}

/** Decisions pulled from the township, unread; a tap marks one read and opens its case. */
function Notices({ agentId }: { agentId: string }) {
  const notices = useLive(observeNotices, agentId);
  const [, navigate] = useLocation();
  if (notices.status !== 'ready' || notices.value.length === 0) return null;
  return (
    <section className="section" aria-labelledby="notices-title">
      <h2 id="notices-title" className="section__title">
        {t.noticesTitle}（{notices.value.length}）
      </h2>
      <ul className="notices">
        {notices.value.map((notice) => (
          <li key={notice.seq}>
            <button
              type="button"
              className="notice"
              data-case-id={notice.caseId}
              onClick={() => {
                void markNoticeRead(notice.seq).finally(() => {
                  navigate(noticeHref(notice));
                });
              }}
            >
              <span>{noticeText(notice)}</span>
              <span className="notice__go">{t.openNotice}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 需补正, at the top: the cases the township is waiting on, each one tap from its 补正 screen. */
function Supplements({ agentId }: { agentId: string }) {
  const cases = useLive(observeSupplementCases, agentId);
  if (cases.status !== 'ready' || cases.value.length === 0) return null;
  return <SupplementList cases={cases.value} />;
}

function Home({ session }: { session: StoredSession }) {
  const online = useOnlineStatus();
  const storage = useStorageStatus();
  const [logoutStep, setLogoutStep] = useState<LogoutStep>('idle');
  const { user } = session;
  const place = [user.village?.name, user.township?.name].filter(Boolean).join(' · ');

  async function confirmLogout(): Promise<void> {
    setLogoutStep('working');
    try {
      // Once cleared, the live session turns null and the gate redirects to the login.
      await logout('device');
    } catch {
      setLogoutStep('idle');
    }
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__who">
          <span className="topbar__name">{user.name}</span>
          <span className="topbar__place">{place}</span>
        </div>
        <ConnectivityBadge />
      </header>

      <main className="page">
        <StorageWarning status={storage.status} />
        <Supplements agentId={user.id} />
        <Notices agentId={user.id} />
        <SyncLine agentId={user.id} />
        <Link href="/agent/items" className="entry entry--primary">
          <span className="entry__title">{t.newCase}</span>
          <span className="entry__hint">{t.newCaseHint}</span>
        </Link>

        <section className="section" aria-labelledby="agent-cases">
          <h1 id="agent-cases" className="section__title">
            {t.casesTitle}
          </h1>
          <Cases agentId={user.id} />
        </section>

        <section className="section" aria-labelledby="agent-catalogue">
          <h2 id="agent-catalogue" className="visually-hidden">
            {t.catalogueTitle}
          </h2>
          <CatalogueAge />
          <Link href="/agent/settings" className="entry entry--secondary">
            <span className="entry__title">{t.settings}</span>
            <span className="entry__hint">{t.settingsHint}</span>
          </Link>
        </section>

        <section className="section" aria-labelledby="agent-account">
          <h2 id="agent-account" className="section__title">
            {t.accountTitle}
          </h2>
          <div className="card account">
            <p className="account__line">
              {user.name} · {zhCN.roles.agent} · {user.phoneMasked}
            </p>
            <p className="account__line account__line--muted">{t.sessionValidUntil(formatDate(session.expiresAt))}</p>

            {logoutStep === 'idle' ? (
              <button
                type="button"
                className="button button--danger-outline button--block"
                onClick={() => {
                  setLogoutStep('confirming');
                }}
              >
                {t.logout}
              </button>
            ) : (
              <div className="confirm" role="alertdialog" aria-labelledby="logout-title" aria-describedby="logout-text">
                <p id="logout-title" className="confirm__title">
                  {t.logoutConfirmTitle}
                </p>
                <p id="logout-text" className="confirm__text">
                  {online ? t.logoutConfirmOnline : t.logoutConfirmOffline}
                </p>
                <div className="confirm__actions">
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={logoutStep === 'working'}
                    onClick={() => void confirmLogout()}
                  >
                    {logoutStep === 'working' ? t.loggingOut : t.logoutConfirm}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={logoutStep === 'working'}
                    onClick={() => {
                      setLogoutStep('idle');
                    }}
                  >
                    {t.logoutCancel}
                  </button>
                </div>
              </div>
            )}
          </div>
        </section>
      </main>
    </div>
  );
}

/**
 * The agent's home: cases needing 补正, new decisions, the sync line, 新建代办, the drafts, the outbox and the sent cases,
 * the catalogue's age and settings. Everything
 * on it comes from the phone, so it opens with no signal at all; signing out forgets the session
 * even offline.
 */
export function AgentHome() {
  useDocumentTitle(zhCN.roles.agent);
  return <AgentGate>{(session) => <Home session={session} />}</AgentGate>;
}
