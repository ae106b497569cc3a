import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { drainAndWipe, watchForRevocation, type DrainOutcome } from '../../device/device-wipe';
import { encryptionRequired, isUnlocked, onDataKeyChange } from '../../device/data-key';
import { adoptWorkerDeviceState, observeDeviceState, type DeviceState } from '../../device/device-wipe-state';
import { stopSyncScheduler } from '../../device/sync-scheduler';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.enrol;

/** A revoked phone tries again this often while it waits for a signal (plus on every `online`). */
const DRAIN_RETRY_MS = 20_000;

const dataReadable = (): boolean => !encryptionRequired() || isUnlocked();

/**
 * Whether the phone's data can be read now (no PIN, or unlocked): a drain needs it to push. `recheck`
 * reads it again — whether a PIN exists is only known once the database has been opened.
 */
function useDataReadable(): [boolean, () => void] {
  const [value, setValue] = useState(dataReadable);
  const recheck = useCallback(() => {
    setValue(dataReadable());
  }, []);
  useEffect(() => onDataKeyChange(recheck), [recheck]);
  return [value, recheck];
}

function useDeviceState(): DeviceState {
  const [state, setState] = useState<DeviceState>('in-use');
  useEffect(() => observeDeviceState().subscribe(setState), []);
  return state;
}

/** 此设备已被停用，本机数据已清除 — no way back into the old data; only a fresh enrolment. */
function WipedScreen() {
  return (
    <main className="page page--narrow">
      <section className="card" role="alert">
        <h1 className="card__title">{t.wiped.title}</h1>
        <p>{t.wiped.text}</p>
        <Link href="/enrol" className="button button--secondary">
          {t.wiped.enrolAgain}
        </Link>
      </section>
    </main>
  );
}

/**
 * Drains (drainAndWipe) now, at every `online` and every DRAIN_RETRY_MS while mounted, with the sync
 * scheduler stopped (a revoked phone pulls nothing); `done` hears each outcome. Returns a retry.
 */
function useDrainAttempts(done: (outcome: DrainOutcome) => void, onStart?: () => void): () => void {
  const attempt = useCallback(() => {
    onStart?.();
    void drainAndWipe().then(done);
  }, [done, onStart]);
  useEffect(() => {
    stopSyncScheduler();
    void drainAndWipe().then(done);
    window.addEventListener('online', attempt);
    const timer = window.setInterval(attempt, DRAIN_RETRY_MS);
    return () => {
      window.removeEventListener('online', attempt);
      window.clearInterval(timer);
    };
  }, [attempt, done]);
  return attempt;
}

/** The revoked phone: hands in its unsent work now and at every next contact, then wipes. */
function DrainingScreen({ onAttempted }: { onAttempted: () => void }) {
  const [outcome, setOutcome] = useState<DrainOutcome | 'running'>('running');
  const done = useCallback(
    (result: DrainOutcome) => {
      setOutcome(result);
      onAttempted();
    },
    [onAttempted],
  );
  const running = useCallback(() => {
    setOutcome('running');
  }, []);
  const attempt = useDrainAttempts(done, running);
  return (
    <main className="page page--narrow">
      <section className="card" role="alert" aria-busy={outcome === 'running'}>
        <h1 className="card__title">{t.revoked.title}</h1>
        <p>{outcome === 'running' ? t.revoked.draining : t.revoked.waiting}</p>
        {outcome === 'waiting' && (
          <button type="button" className="button button--primary" onClick={attempt}>
            {t.revoked.retry}
          </button>
        )}
      </section>
    </main>
  );
}

/**
 * The revoked phone under its lock screen: with nothing waiting to go it wipes at once, no PIN needed
 * (at every next contact if the wipe report found no signal); with work waiting, drainAndWipe keeps
 * everything and the lock screen says how much the PIN will hand in first.
 */
function LockedDrain({ onAttempted }: { onAttempted: () => void }) {
  useDrainAttempts(onAttempted);
  return null;
}

/**
 * Wraps the agent's screens. Listens for DEVICE_REVOKED on every sync call (and takes up one the
 * service worker heard while no page was open); once revoked, the app's screens give way to the
 * draining screen (unsent work goes up, then the phone wipes itself), and once wiped, to the 停用
 * screen — even with no session left on the phone. A phone locked by its PIN keeps its lock screen
 * while unsent work waits for the PIN (then drains once unlocked), and wipes under it when none does.
 */
export function DeviceRevocationGate({ children }: { children: ReactNode }) {
  const state = useDeviceState();
  const [readable, recheck] = useDataReadable();
  useEffect(() => {
    void adoptWorkerDeviceState();
    return watchForRevocation();
  }, []);
  if (state === 'wiped') return <WipedScreen />;
  if (state === 'revoked' && readable) return <DrainingScreen onAttempted={recheck} />;
  // Locked: unsent work can only be read, and sent, unlocked; nothing else needs the PIN.
  if (state === 'revoked')
    return (
      <>
        <LockedDrain onAttempted={recheck} />
        {children}
      </>
    );
  return <>{children}</>;
}
