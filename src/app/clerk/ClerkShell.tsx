import { useEffect, useState, type ReactNode } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import { logout } from '../../device/sync-auth';
import { onWebSessionEnded } from '../../device/sync-fetch';
import { Splash } from '../components/Splash';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import {
  cachedFrame,
  ClerkFrameContext,
  CountyFrameContext,
  forgetFrame,
  isSignedOut,
  loadFrame,
  type FrameState,
} from './clerk-frame';
import { LoadFailed } from './LoadFailed';
import '../agent/agent.css';
import './clerk.css';

const t = zhCN.clerk;

type Section = 'queue' | 'follow-ups' | 'stats' | 'calendar' | 'audit' | 'admin' | 'none';

/**
 * The workbench frame around every clerk screen: who is signed in (name, role, township, windows),
 * 退出登录, and the navigation between 待办队列, 回访, 统计 and 节假日安排 (and 审计日志 for an administrator). Sends anyone not signed in as a
 * clerk or admin to the window login. Screens inside read the user and township with useClerkFrame().
 * A county administrator sees 统计 and 审计日志 only: every other section sends them to 统计, grouped by
 * township.
 */
export function ClerkShell({ section, children }: { section: Section; children: ReactNode }) {
  const [, navigate] = useLocation();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<FrameState>(() => cachedFrame() ?? { kind: 'loading' });
  const [loggingOut, setLoggingOut] = useState(false);
  const [logoutError, setLogoutError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void loadFrame().then((next) => {
      if (!current) return;
      // A failed re-check keeps the frame already shown; the screens report their own failures.
      setState((previous) =>
        next.kind === 'failed' && (previous.kind === 'ready' || previous.kind === 'county') ? previous : next,
      );
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  // A session that ends under an open screen (expired, or the account disabled) sends the clerk to
  // the sign-in at the next request that notices, not only at the next navigation.
  useEffect(
    () =>
      onWebSessionEnded(() => {
        forgetFrame();
        navigate('/clerk/login', { replace: true });
      }),
    [navigate],
  );

  async function signOut(): Promise<void> {
    setLoggingOut(true);
    setLogoutError(null);
    try {
      await logout('web');
    } catch (error) {
      if (!isSignedOut(error)) {
        setLogoutError(t.logoutFailed);
        setLoggingOut(false);
        return;
      }
    }
    forgetFrame();
    navigate('/clerk/login', { replace: true });
  }

  if (state.kind === 'loading') return <Splash />;
  if (state.kind === 'signed-out') return <Redirect to="/clerk/login" replace />;
  if (state.kind === 'failed') {
    return (
      <main className="page page--narrow">
        <LoadFailed
          title={t.loadFailed}
          message={describeError(state.error)}
          onRetry={() => {
            setState({ kind: 'loading' });
            setAttempt((n) => n + 1);
          }}
        />
      </main>
    );
  }

  const county = state.kind === 'county' ? state.frame : null;
  if (county && section !== 'stats' && section !== 'audit')
    return <Redirect to="/clerk/stats?groupBy=township" replace />;
  const { user } = state.frame;
  const place = state.kind === 'county' ? state.frame.county.name : state.frame.township.name;
  const screens =
    state.kind === 'county' ? (
      <CountyFrameContext.Provider value={state.frame}>{children}</CountyFrameContext.Provider>
    ) : (
      <ClerkFrameContext.Provider value={state.frame}>{children}</ClerkFrameContext.Provider>
    );
  return (
    <div className="shell clerk">
      <header className="topbar clerk-topbar">
        <div className="topbar__who">
          <span className="topbar__name">
            {user.name}
            <span className="topbar__role">{zhCN.roles[user.role]}</span>
          </span>
          <span className="topbar__place">{place}</span>
        </div>
        <div className="clerk-topbar__windows" aria-label={t.windowsTitle}>
          {county ? null : user.windows.length === 0 ? (
            <span className="clerk-topbar__none">{t.noWindows}</span>
          ) : (
            <ul className="chips">
              {user.windows.map((serviceWindow) => (
                <li key={serviceWindow.id} className="chip chip--on-dark">
                  {serviceWindow.name}
                </li>
              ))}
            </ul>
          )}
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
      <nav className="clerk-nav" aria-label={t.nav.label}>
        {!county && (
          <Link href="/clerk" className="clerk-nav__link" aria-current={section === 'queue' ? 'page' : undefined}>
            {t.nav.queue}
          </Link>
        )}
        {!county && (
          <Link
            href="/clerk/follow-ups"
            className="clerk-nav__link"
            aria-current={section === 'follow-ups' ? 'page' : undefined}
          >
            {t.nav.followUps}
          </Link>
        )}
        <Link
          href={county ? '/clerk/stats?groupBy=township' : '/clerk/stats'}
          className="clerk-nav__link"
          aria-current={section === 'stats' ? 'page' : undefined}
        >
          {t.nav.stats}
        </Link>
        {!county && (
          <Link
            href="/clerk/calendar"
            className="clerk-nav__link"
            aria-current={section === 'calendar' ? 'page' : undefined}
          >
            {t.nav.calendar}
          </Link>
        )}
        {!county && user.role === 'admin' && (
          <Link href="/clerk/admin" className="clerk-nav__link" aria-current={section === 'admin' ? 'page' : undefined}>
            {zhCN.admin.navLink}
          </Link>
        )}
        {(county !== null || user.role === 'admin') && (
          <Link href="/clerk/audit" className="clerk-nav__link" aria-current={section === 'audit' ? 'page' : undefined}>
            {t.nav.audit}
          </Link>
        )}
      </nav>
      {logoutError && (
        <p className="form__error clerk-shell__error" role="alert">
          {logoutError}
        </p>
      )}
      {screens}
    </div>
  );
}
