import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { isUnlocked, onDataKeyChange } from '../../device/data-key';
import { deviceState } from '../../device/device-wipe-state';
import { loadLockAfterMs } from '../../device/display-preferences';
import { loadLockState, lockPhone } from '../../device/pin-repository';
import { requestSync } from '../../device/sync-scheduler';
import { Splash } from '../components/Splash';
import { zhCN } from '../messages/zh-cn';
import { LockScreen } from './LockScreen';
import { PinSetup } from './PinSetup';
import { shareDataKeyWithWorker } from './share-data-key';
import { useInactivityLock } from './use-inactivity-lock';

type GateState = 'loading' | 'failed' | 'setup' | 'locked' | 'unlocked';

/** The key drops a moment after the screens unmount, so their last saves still get sealed. */
const LOCK_AFTER_UNMOUNT_MS = 500;

/**
 * Between the signed-in agent and the agent screens: the PIN setup on the first sign-in, the lock
 * screen on start and after inactivity (设置 → 锁屏与 PIN), the screens only while the data key is in
 * memory. It also lends the key to the service worker's background sync while unlocked.
 */
export function LockGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>(() => (isUnlocked() ? 'unlocked' : 'loading'));

  useEffect(() => {
    let live = true;
    loadLockState().then(
      (lock) => {
        if (live) setState(!lock.pinSet ? 'setup' : isUnlocked() ? 'unlocked' : 'locked');
      },
      () => {
        if (live) setState('failed');
      },
    );
    const stopListening = onDataKeyChange(() => {
      setState((current) =>
        current === 'setup' || current === 'loading' ? current : isUnlocked() ? 'unlocked' : 'locked',
      );
    });
    const stopSharing = shareDataKeyWithWorker();
    return () => {
      live = false;
      stopListening();
      stopSharing();
    };
  }, []);

  const pendingLock = useRef<number | null>(null);
  const lockNow = useCallback(() => {
    setState('locked');
    pendingLock.current = window.setTimeout(lockPhone, LOCK_AFTER_UNMOUNT_MS);
  }, []);
  useInactivityLock(state === 'unlocked', loadLockAfterMs(), lockNow);

  const opened = useCallback(() => {
    if (pendingLock.current !== null) window.clearTimeout(pendingLock.current);
    pendingLock.current = null;
    setState('unlocked');
    // Work that waited for the key (解锁后继续上传) goes now; a revoked phone's drain sends it instead.
    if (deviceState() !== 'revoked') void requestSync('visible');
  }, []);

  switch (state) {
    case 'loading':
      return <Splash />;
    case 'failed':
      return (
        <main className="page page--narrow">
          <p className="card" role="alert">
            {zhCN.common.storageFailed}
          </p>
        </main>
      );
    case 'setup':
      return <PinSetup onDone={opened} />;
    case 'locked':
      return <LockScreen onUnlocked={opened} />;
    case 'unlocked':
      return <>{children}</>;
  }
}
