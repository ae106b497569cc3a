import { useState } from 'react';
import type { Signature } from '../../../domain/case-draft';
import { formatDateTime } from '../../format-date';
import { zhCN } from '../../messages/zh-cn';
import { actionErrorText } from './problem-text';
import { SavedSignature } from './SavedSignature';
import { SignaturePadField } from './SignaturePadField';
import type { SaveState } from './use-autosave';

const t = zhCN.editor;

type SignatureCaptureProps = {
  /** The signature kept so far, or null before the resident has signed. */
  signature: Signature | null;
  /** Who signs, as the letter names them. */
  signerName: string;
  /** Keeps the drawn PNG (replacing any earlier signature). */
  save: (png: ArrayBuffer, signerName: string) => Promise<void>;
  onSaveState: (state: SaveState) => void;
};

/**
 * The resident's signature on the screen: the kept one with 重新签名, or the pad. Signing again keeps
 * the old signature until the new one is confirmed.
 */
export function SignatureCapture({ signature, signerName, save, onSaveState }: SignatureCaptureProps) {
  const [redoing, setRedoing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm(png: ArrayBuffer, name: string): Promise<void> {
    setBusy(true);
    setError(null);
    onSaveState({ kind: 'pending' });
    try {
      await save(png, name);
      onSaveState({ kind: 'saved' });
      setRedoing(false);
    } catch (cause) {
      setError(actionErrorText(cause));
      onSaveState({ kind: 'idle' });
    } finally {
      setBusy(false);
    }
  }

  return signature && !redoing ? (
    <div className="signature">
      <p className="signature__label">{zhCN.letter.signerLine}</p>
      <SavedSignature imageId={signature.imageId} />
      <p className="section__hint" data-testid="signed-at">
        {t.signedAt(formatDateTime(signature.signedAt))}
      </p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          setRedoing(true);
        }}
      >
        {t.resign}
      </button>
    </div>
  ) : (
    <SignaturePadField
      busy={busy}
      error={error}
      onConfirm={(png) => void confirm(png, signerName)}
      onCancel={
        signature
          ? () => {
              setRedoing(false);
            }
          : undefined
      }
    />
  );
}
