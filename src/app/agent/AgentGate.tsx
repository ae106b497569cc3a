import { useEffect, type ReactNode } from 'react';
import { Redirect } from 'wouter';
import type { StoredSession } from '../../device/session-repository';
import { keepCatalogueFresh } from '../../device/sync-catalogue';
import { Splash } from '../components/Splash';
import { zhCN } from '../messages/zh-cn';
import { useDeviceSession } from '../session/use-device-session';

/** Starts the catalogue refresh (now, and on every `online`) once an agent is signed in. */
function CatalogueFreshness() {
  useEffect(() => {
    keepCatalogueFresh();
  }, []);
  return null;
}

type AgentGateProps = { children: (session: StoredSession) => ReactNode };

/**
 * Every agent screen sits behind this: it reads the session stored on the phone (no network), sends
 * anyone else to the agent login, and keeps the catalogue fresh while an agent is signed in.
 */
export function AgentGate({ children }: AgentGateProps) {
  const session = useDeviceSession();
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
  return (
    <>
      <CatalogueFreshness />
      {children(current)}
    </>
  );
}
