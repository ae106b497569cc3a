import { useState, type SubmitEvent } from 'react';
import { setUpPin } from '../../device/pin-repository';
import { useDocumentTitle } from '../hooks/use-document-title';
import { lockMessages as t } from '../messages/zh-cn-lock';
import { NewPinFields } from './NewPinFields';
import { useNewPin } from './use-new-pin';

/** First sign-in on this phone: the agent chooses the PIN (twice) that seals the local data. */
export function PinSetup({ onDone }: { onDone: () => void }) {
  useDocumentTitle(t.setupTitle);
  const newPin = useNewPin();
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [working, setWorking] = useState(false);

  async function submit(): Promise<void> {
    setFormError(undefined);
    const pin = newPin.check();
    if (pin === null) return;
    setWorking(true);
    try {
      await setUpPin(pin);
      onDone();
    } catch {
      setFormError(t.failed);
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
        <NewPinFields form={newPin} ids={{ pin: 'pin-new', repeat: 'pin-repeat' }} label={t.pinLabel} autoFocus />
        {formError && (
          <p className="form__error" role="alert">
            {formError}
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
