/** The Chinese message under a field, announced to screen readers. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="field__error" role="alert">
      {text}
    </p>
  );
}
