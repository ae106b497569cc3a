/**
 * The primary action of a screen or form: an error above it, disabled with a busy label while it runs.
 * With `onClick` it is a plain button; without, it submits its form.
 */
export function BusyButton({
  busy,
  error,
  label,
  busyLabel,
  onClick,
  variant = 'primary',
  block = true,
}: {
  busy: boolean;
  error: string | null | undefined;
  label: string;
  busyLabel: string;
  onClick?: () => void;
  variant?: 'primary' | 'secondary';
  /** Full width (the default); false sizes the button to its label. */
  block?: boolean;
}) {
  const className = `button button--${variant}${block ? ' button--block' : ''}`;
  return (
    <>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      <button type={onClick ? 'button' : 'submit'} className={className} disabled={busy} onClick={onClick}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
