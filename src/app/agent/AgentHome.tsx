import { useState } from 'react';
import { Redirect } from 'wouter';
import { logout } from '../../device/sync-auth';
import { ConnectivityBadge } from '../components/ConnectivityBadge';
import { EmptyState } from '../components/EmptyState';
import { Splash } from '../components/Splash';
import { formatDate } from '../format-date';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useOnlineStatus } from '../hooks/use-online-status';
import { zhCN } from '../messages/zh-cn';
import { useDeviceSession } from '../session/use-device-session';

const t = zhCN.agent;

type LogoutStep = 'idle' | 'confirming' | 'working';

/**
 * The agent's home. Everything on it comes from the phone (the stored session), so it opens with no
 * signal at all; signing out forgets the session even offline.
 */
export function AgentHome() {
  useDocumentTitle(zhCN.roles.agent);
  const session = useDeviceSession();
  const online = useOnlineStatus();
  const [logoutStep, setLogoutStep] = useState<LogoutStep>('idle');

  if (session.status === 'loading') return <Splash />;
  if (session.status === 'failed') {
    return (
      <main className="page page--narrow">
        <p className="card" role="alert">
          {zhCN.common.storageFailed}
        </p>
      </main>
    );
  }
  const current = session.value;
  if (!current || current.user.role !== 'agent') return <Redirect to="/agent/login" replace />;
  const { user } = current;
  const place = [user.village?.name, user.township.name].filter(Boolean).join(' · ');

  async function confirmLogout(): Promise<void> {
    setLogoutStep('working');
    try {
      // Once cleared, the live session turns null and this screen redirects to the login.
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
        <section className="section" aria-labelledby="agent-cases">
          <h1 id="agent-cases" className="section__title">
            {t.casesTitle}
          </h1>
          <EmptyState title={t.emptyTitle} hint={t.emptyHint} />
        </section>

        <section className="section" aria-labelledby="agent-account">
          <h2 id="agent-account" className="section__title">
            {t.accountTitle}
          </h2>
          <div className="card account">
            <p className="account__line">
              {user.name} · {zhCN.roles.agent} · {user.phoneMasked}
            </p>
            <p className="account__line account__line--muted">{t.sessionValidUntil(formatDate(current.expiresAt))}</p>

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
