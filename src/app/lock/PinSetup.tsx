import { useState, type SubmitEvent } from 'react';
import { devicePinSchema } from '../../domain/device-pin';
import { setUpPin } from '../../device/pin-repository';
import { useDocumentTitle } from '../hooks/use-document-title';
import { lockMessages as t } from '../messages/zh-cn-lock';
import { PinField } from './PinField';

/** First sign-in on this phone: the agent chooses the PIN (twice) that seals the local data. */
export function PinSetup({ onDone }: { onDone: () => void }) {
  useDocumentTitle(t.setupTitle);
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ pin?: string; repeat?: string; form?: string }>({});
  const [working, setWorking] = useState(false);

  async function submit(): Promise<void> {
    if (!devicePinSchema.safeParse(pin).success) {
      setErrors({ pin: t.pinFormat });
      return;
    }
    if (repeat !== pin) {
      setErrors({ repeat: t.pinMismatch });
      return;
    }
    setWorking(true);
    try {
      await setUpPin(pin);
      onDone();
    } catch {
      setErrors({ form: t.failed });
      setWorking(false);
    }
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    void submit();
  }

  return (
    <main className="page page--narrow" data-testid="pin-setup">
      <h1 className="page__title">{t.setupTitle}</h1>
      <p className="page__intro">{t.setupIntro}</p>
      <p className="card" role="note">
        {t.setupWarning}
      </p>
      <form className="card form" onSubmit={onSubmit} noValidate aria-busy={working}>
        <PinField id="pin-new" label={t.pinLabel} value={pin} onChange={setPin} error={errors.pin} autoFocus />
        <PinField id="pin-repeat" label={t.repeatLabel} value={repeat} onChange={setRepeat} error={errors.repeat} />
        {errors.form && (
          <p className="form__error" role="alert">
            {errors.form}
          </p>
        )}
        <button type="submit" className="button button--primary button--block" disabled={working}>
          {working && <span className="spinner" aria-hidden="true" />}
          {working ? t.setupWorking : t.setupSubmit}
        </button>
      </form>
    </main>
  );
}
