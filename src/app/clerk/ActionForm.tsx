import type { ReactNode } from 'react';
import { BusyButton } from '../components/BusyButton';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.actions;

type ActionFormProps = {
  id: string;
  title: string;
  /** The action is still among the case's allowed actions (it may not be after a reload). */
  allowed: boolean;
  busy: boolean;
  /** The server's answer to the last submit; `conflict` when the case was reloaded because it changed. */
  failure: { message: string; conflict: boolean } | null;
  submitLabel: string;
  onSubmit: () => void;
  onCancel: () => void;
  children?: ReactNode;
};

/** The frame of one action's form: title, fields, the server's answer, submit and 取消. */
export function ActionForm(props: ActionFormProps) {
  const { id, title, allowed, busy, failure, submitLabel, onSubmit, onCancel, children } = props;
  const error = failure && (failure.conflict ? `${failure.message}。${t.keptInput}` : failure.message);
  return (
    <form
      className="action-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (allowed) onSubmit();
      }}
    >
      <h3 id={`${id}-title`} className="action-form__title">
        {title}
      </h3>
      {children}
      <div className="action-form__buttons">
        {allowed ? (
          <BusyButton busy={busy} error={error} label={submitLabel} busyLabel={t.submitting} onClick={onSubmit} />
        ) : (
          <p className="banner banner--warning" role="alert">
            {failure ? `${failure.message}。${t.notAllowedNow}` : t.notAllowedNow}
          </p>
        )}
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
