type ConfirmBoxProps = {
  id: string;
  title: string;
  text?: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** An inline "are you sure?" box for destructive actions (delete a draft, delete a page). */
export function ConfirmBox({ id, title, text, confirmLabel, cancelLabel, busy, onConfirm, onCancel }: ConfirmBoxProps) {
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={text ? `${id}-text` : undefined}
    >
      <p id={`${id}-title`} className="confirm__title">
        {title}
      </p>
      {text && (
        <p id={`${id}-text`} className="confirm__text">
          {text}
        </p>
      )}
      <div className="confirm__actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
