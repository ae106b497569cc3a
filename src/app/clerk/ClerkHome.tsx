import { useEffect, useState } from 'react';
import { Redirect, useLocation } from 'wouter';
import type { SessionUser } from '../../domain/auth';
import { fetchMe, logout } from '../../device/sync-auth';
import { ApiRequestError } from '../../device/sync-fetch';
import { EmptyState } from '../components/EmptyState';
import { Splash } from '../components/Splash';
import { useDocumentTitle } from '../hooks/use-document-title';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk;

type MeState =
  | { kind: 'loading' }
  | { kind: 'signed-in'; user: SessionUser }
  | { kind: 'signed-out' }
  | { kind: 'failed'; message: string };

function isSignedOut(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status === 401;
}

/** Who is signed in on this browser, as a screen state. Agents do not belong on the workbench. */
async function loadMe(): Promise<MeState> {
  try {
    const { user } = await fetchMe('web');
    return user.role === 'agent' ? { kind: 'signed-out' } : { kind: 'signed-in', user };
  } catch (error) {
    return isSignedOut(error) ? { kind: 'signed-out' } : { kind: 'failed', message: describeError(error) };
  }
}

/** The service-centre workbench home (clerks and, for now, admins); its session is a cookie. */
export function ClerkHome() {
  useDocumentTitle(zhCN.roles.clerk);
  const [, navigate] = useLocation();
  const [attempt, setAttempt] = useState(0);
  const [me, setMe] = useState<MeState>({ kind: 'loading' });
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutError, setLogoutError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void loadMe().then((next) => {
      if (current) setMe(next);
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  function retry(): void {
    setMe({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }

  async function signOut(): Promise<void> {
    setLoggingOut(true);
    setLogoutError(null);
    try {
      await logout('web');
      navigate('/clerk/login', { replace: true });
    } catch (error) {
      if (isSignedOut(error)) {
        navigate('/clerk/login', { replace: true });
        return;
      }
      setLogoutError(t.logoutFailed);
      setLoggingOut(false);
    }
  }

  if (me.kind === 'loading') return <Splash />;
  if (me.kind === 'signed-out') return <Redirect to="/clerk/login" replace />;
  if (me.kind === 'failed') {
    return (
      <main className="page page--narrow">
        <section className="card" role="alert">
          <h1 className="card__title">{t.loadFailed}</h1>
          <p>{me.message}</p>
          <button type="button" className="button button--primary" onClick={retry}>
            {zhCN.common.retry}
          </button>
        </section>
      </main>
    );
  }

  const { user } = me;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__who">
          <span className="topbar__name">
            {user.name}
            <span className="topbar__role">{zhCN.roles[user.role]}</span>
          </span>
          <span className="topbar__place">{user.township.name}</span>
        </div>
        <button
          type="button"
          className="button button--on-dark button--small"
          disabled={loggingOut}
          onClick={() => void signOut()}
        >
          {loggingOut ? t.loggingOut : t.logout}
        </button>
      </header>

      <main className="page page--wide">
        {logoutError && (
          <p className="form__error" role="alert">
            {logoutError}
          </p>
        )}
        <div className="workbench">
          <section className="section workbench__side" aria-labelledby="clerk-windows">
            <h2 id="clerk-windows" className="section__title">
              {t.windowsTitle}
            </h2>
            <div className="card">
              {user.windows.length === 0 ? (
                <p className="account__line--muted">{t.noWindows}</p>
              ) : (
                <ul className="chips">
                  {user.windows.map((serviceWindow) => (
                    <li key={serviceWindow.id} className="chip">
                      {serviceWindow.name}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </section>
          <section className="section workbench__main" aria-labelledby="clerk-queue">
            <h1 id="clerk-queue" className="section__title">
              {t.queueTitle}
            </h1>
            <EmptyState title={t.queueEmpty} hint={t.queueEmptyHint} />
          </section>
        </div>
      </main>
    </div>
  );
}
