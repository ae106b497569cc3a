import { useEffect, type ReactNode } from 'react';
import { Redirect } from 'wouter';
import type { StoredSession } from '../../device/session-repository';
import { keepCatalogueFresh } from '../../device/sync-catalogue';
import { startSyncScheduler, stopSyncScheduler } from '../../device/sync-scheduler';
import { observeNotices } from '../../device/sync-state-repository';
import { Splash } from '../components/Splash';
import { LockGate } from '../lock/LockGate';
import { DeviceRevocationGate } from '../enrol/DeviceRevocationGate';
import { zhCN } from '../messages/zh-cn';
import { useDeviceSession } from '../session/use-device-session';
import { notifyNewDecisions } from './system-notifications';

/** Starts the catalogue refresh (now, and on every `online`) once an agent is signed in. */
function CatalogueFreshness() {
  useEffect(() => {
    keepCatalogueFresh();
  }, []);
  return null;
}

/**
 * Starts the sync scheduler for the signed-in agent (once per page: screens share it, so moving
 * between them does not restart it) and turns new decisions into system notifications.
 */
function SyncScheduling({ agentId }: { agentId: string }) {
  useEffect(() => {
    startSyncScheduler();
  }, [agentId]);
  useEffect(
    () =>
      observeNotices(agentId).subscribe((notices) => {
        if (notices.length > 0) notifyNewDecisions(agentId).catch(() => undefined);
      }),
    [agentId],
  );
  return null;
}

/** Signed out (logout, an expired session): no more syncing from this page. */
function SyncStop() {
  useEffect(() => {
    stopSyncScheduler();
  }, []);
  return null;
}

type AgentGateProps = { children: (session: StoredSession) => ReactNode };

/**
 * Every agent screen sits behind this: it reads the session stored on the phone (no network), sends
 * anyone else to the agent login, and while an agent is signed in keeps the catalogue fresh and the
 * sync scheduler running. The screens themselves sit behind the PIN lock (LockGate).
 */
function SignedInAgent({ children }: AgentGateProps) {
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
  if (!current || current.user.role !== 'agent') {
    return (
      <>
        <SyncStop />
        <Redirect to="/agent/login" replace />
      </>
    );
  }
  return (
    <>
      <CatalogueFreshness />
      <SyncScheduling agentId={current.user.id} />
      <LockGate>{children(current)}</LockGate>
    </>
  );
}

/** Every agent screen: a revoked phone drains, then wipes; a wiped one says so (DeviceRevocationGate). */
export function AgentGate({ children }: AgentGateProps) {
  return (
    <DeviceRevocationGate>
      <SignedInAgent>{children}</SignedInAgent>
    </DeviceRevocationGate>
  );
}
