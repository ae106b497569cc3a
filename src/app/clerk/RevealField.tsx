import { useState } from 'react';
import { revealField, type RevealableField } from '../../device/sync-workbench';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.detail;

type RevealFieldProps = { caseId: string; field: RevealableField; label: string; masked: string };

/** A masked ID number or phone with 显示完整: the server records each reveal. */
export function RevealField({ caseId, field, label, masked }: RevealFieldProps) {
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function reveal(): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      setValue(await revealField(caseId, field));
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <dt>{label}</dt>
      <dd className="reveal">
        <span className="reveal__value" data-field={field} aria-live="polite">
          {value ?? masked}
        </span>
        {value === null && (
          <button
            type="button"
            className="button button--secondary button--tiny"
            aria-label={t.revealLabel(label)}
            disabled={busy}
            onClick={() => void reveal()}
          >
            {busy ? t.revealing : t.reveal}
          </button>
        )}
        {failure && (
          <span className="field__error" role="alert">
            {failure}
          </span>
        )}
      </dd>
    </>
  );
}
