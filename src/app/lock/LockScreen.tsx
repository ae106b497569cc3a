import { useEffect, useState, type SubmitEvent } from 'react';
import {
  countUnsentCases,
  FREE_FAILURES,
  loadLockState,
  SUGGEST_REREGISTER_AFTER,
  unlockWithPin,
  wipeThisPhone,
} from '../../device/pin-repository';
import { forgetRevokedPhone } from '../../device/device-wipe';
import { ConfirmBox } from '../components/ConfirmBox';
import { useDocumentTitle } from '../hooks/use-document-title';
import { lockMessages as t } from '../messages/zh-cn-lock';
import { PinField } from './PinField';
import { useRevokedWork } from './use-revoked-work';

/** Seconds left until `until` (ISO), ticking once a second; 0 when there is no wait. */
function useSecondsLeft(until: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return undefined;
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, 1000);
    return () => {
      window.clearInterval(timer);
    };
  }, [until]);
  return until ? Math.max(0, Math.ceil((Date.parse(until) - now) / 1000)) : 0;
}

/**
 * 忘记 PIN: the honest way out. Unsent cases cannot be decrypted without the PIN, so re-registering
 * deletes them with everything else — the confirmation names how many: on a revoked phone, the work
 * the PIN would have handed in (`revokedWork`, as the lock screen says), else every unsent case.
 */
function ForgotPin({ revokedWork, onCancel }: { revokedWork: number | null; onCancel: () => void }) {
  const [counted, setCounted] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [working, setWorking] = useState(false);
  const unsent = revokedWork ?? counted;

  useEffect(() => {
    countUnsentCases().then(setCounted, () => {
      setCounted(null);
    });
  }, []);

  async function wipe(): Promise<void> {
    setWorking(true);
    if (revokedWork !== null) {
      // A revoked phone: the township hears of it, and the screen says 此设备已被停用，本机数据已清除.
      await forgetRevokedPhone(revokedWork);
      window.location.assign('/agent');
      return;
    }
    await wipeThisPhone();
    window.location.assign('/agent/login');
  }

  return (
    <section className="card" aria-labelledby="forgot-title" data-testid="forgot-pin">
      <h2 id="forgot-title" className="card__title">
        {t.forgotTitle}
      </h2>
      <p>{t.forgotText}</p>
      {unsent !== null && <p className="form__error">{t.forgotUnsent(unsent)}</p>}
      {confirming && unsent !== null ? (
        <ConfirmBox
          id="reregister"
          title={t.reregisterConfirmTitle(unsent)}
          confirmLabel={working ? t.reregistering : t.reregisterConfirm}
          cancelLabel={t.cancel}
          busy={working}
          onConfirm={() => void wipe()}
          onCancel={() => {
            setConfirming(false);
          }}
        />
      ) : (
        <div className="confirm__actions">
          <button
            type="button"
            className="button button--danger"
            disabled={unsent === null}
            onClick={() => {
              setConfirming(true);
            }}
          >
            {t.reregister}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * The lock screen over every agent screen: the PIN unlocks; wrong PINs wait longer and longer. On a
 * revoked phone it says what the PIN is still needed for: handing in the unsent work before the wipe.
 */
export function LockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  useDocumentTitle(t.lockedTitle);
  const [pin, setPin] = useState('');
  const [failures, setFailures] = useState(0);
  const [waitUntil, setWaitUntil] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [working, setWorking] = useState(false);
  const [forgot, setForgot] = useState(false);
  const seconds = useSecondsLeft(waitUntil);
  const revokedWork = useRevokedWork();

  useEffect(() => {
    loadLockState().then(
      (state) => {
        if (!state.pinSet) return;
        setFailures(state.failures);
        setWaitUntil(state.waitUntil);
      },
      () => undefined,
    );
  }, []);

  async function submit(): Promise<void> {
    setWorking(true);
    try {
      const result = await unlockWithPin(pin);
      if (result.outcome === 'unlocked' || result.outcome === 'no-pin') {
        onUnlocked();
        return;
      }
      setFailures(result.failures);
      setWaitUntil(result.waitUntil);
      setError(result.outcome === 'wrong' ? t.wrongPin(Math.max(0, FREE_FAILURES + 1 - result.failures)) : undefined);
      setPin('');
    } catch {
      setError(t.failed);
    }
    setWorking(false);
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    void submit();
  }

  const waiting = seconds > 0;
  return (
    <main className="page page--narrow" data-testid="lock-screen">
      <h1 className="page__title">{t.lockedTitle}</h1>
      {revokedWork === null ? (
        <p className="page__intro">{t.lockedIntro}</p>
      ) : (
        <p className="card" role="alert" data-testid="lock-revoked">
          {t.revokedLocked(revokedWork)}
        </p>
      )}
      <form className="card form" onSubmit={onSubmit} noValidate aria-busy={working}>
        <PinField
          id="pin-unlock"
          label={t.pinLabel}
          value={pin}
          onChange={(value) => {
            setPin(value);
            setError(undefined);
          }}
          error={error}
          autoFocus
          disabled={waiting}
        />
        {waiting && (
          <p className="form__error" role="timer" data-testid="pin-wait">
            {t.waitTitle}，{t.wait(t.duration(seconds))}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={working || waiting || pin.length !== 6}
        >
          {working && <span className="spinner" aria-hidden="true" />}
          {working ? t.unlocking : t.unlock}
        </button>
      </form>
      {failures >= SUGGEST_REREGISTER_AFTER && !forgot && <p className="section__hint">{t.forgotNudge}</p>}
      {forgot ? (
        <ForgotPin
          revokedWork={revokedWork}
          onCancel={() => {
            setForgot(false);
          }}
        />
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setForgot(true);
          }}
        >
          {t.forgot}
        </button>
      )}
    </main>
  );
}
