/** The primary action of a screen: an error above it, disabled with a busy label while it runs. */
export function BusyButton({
  busy,
  error,
  label,
  busyLabel,
  onClick,
}: {
  busy: boolean;
  error: string | null | undefined;
  label: string;
  busyLabel: string;
  onClick: () => void;
}) {
  return (
    <>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button button--primary button--block" disabled={busy} onClick={onClick}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
