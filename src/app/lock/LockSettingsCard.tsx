import { useState, type SubmitEvent } from 'react';
import { loadLockAfterMs, saveLockAfterMs } from '../../device/display-preferences';
import { changePin, lockPhone } from '../../device/pin-repository';
import { lockMessages as t } from '../messages/zh-cn-lock';
import { NewPinFields } from './NewPinFields';
import { PinField } from './PinField';
import { useNewPin } from './use-new-pin';

const LOCK_AFTER_MINUTES: readonly number[] = [1, 2, 5, 10, 15, 30];

/** 设置 → 锁屏与 PIN: the inactivity time, 立即锁定, and changing the PIN (same data key, re-wrapped). */
export function LockSettingsCard() {
  const [lockAfter, setLockAfter] = useState(() => loadLockAfterMs());
  const [current, setCurrent] = useState('');
  const newPin = useNewPin();
  const [errors, setErrors] = useState<{ current?: string; form?: string }>({});
  const [done, setDone] = useState(false);
  const [working, setWorking] = useState(false);
  const minutes = LOCK_AFTER_MINUTES.includes(lockAfter / 60_000) ? lockAfter / 60_000 : null;

  async function submit(): Promise<void> {
    setDone(false);
    setErrors({});
    const next = newPin.check();
    if (next === null) return;
    setWorking(true);
    try {
      const result = await changePin(current, next);
      if (result.outcome === 'unlocked') {
        setDone(true);
        setCurrent('');
        newPin.clear();
      } else if (result.outcome === 'wait') {
        setErrors({ current: t.waitTitle });
      } else {
        setErrors({ current: t.wrongPin(0) });
      }
    } catch {
      setErrors({ form: t.failed });
    }
    setWorking(false);
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    void submit();
  }

  return (
    <section className="card" aria-labelledby="lock-title">
      <h2 id="lock-title" className="card__title">
        {t.settingsTitle}
      </h2>
      <div className="field">
        <label className="field__label" htmlFor="lock-after">
          {t.lockAfterLabel}
        </label>
        <select
          id="lock-after"
          className="field__input"
          value={minutes ?? ''}
          onChange={(event) => {
            const ms = Number(event.target.value) * 60_000;
            saveLockAfterMs(ms);
            setLockAfter(ms);
          }}
        >
          {minutes === null && <option value="">{t.duration(Math.round(lockAfter / 1000))}</option>}
          {LOCK_AFTER_MINUTES.map((n) => (
            <option key={n} value={n}>
              {t.minutes(n)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button--secondary" onClick={lockPhone}>
        {t.lockNow}
      </button>
      <h3 className="facts__title">{t.changeTitle}</h3>
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={working}>
        <PinField
          id="pin-current"
          label={t.currentLabel}
          value={current}
          onChange={setCurrent}
          error={errors.current}
        />
        <NewPinFields form={newPin} ids={{ pin: 'pin-change-new', repeat: 'pin-change-repeat' }} label={t.newLabel} />
        {errors.form && (
          <p className="form__error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" className="button button--secondary" disabled={working}>
          {t.changeSubmit}
        </button>
        {done && (
          <p className="section__hint" role="status">
            {t.changed}
          </p>
        )}
      </form>
    </section>
  );
}
