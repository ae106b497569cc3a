import { useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import { zhCN } from '../../messages/zh-cn';

const t = zhCN.editor;

type SignaturePadFieldProps = {
  busy: boolean;
  error: string | null;
  onConfirm: (png: ArrayBuffer) => void;
  onCancel?: () => void;
};

function canvasPng(canvas: HTMLCanvasElement): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob.arrayBuffer());
      else reject(new Error('The canvas could not be encoded as PNG'));
    }, 'image/png');
  });
}

/**
 * The resident signs with a finger (signature_pad). The canvas matches the screen's pixel density;
 * it is only cleared when its width changes (rotation), not when the phone's toolbar or keyboard
 * changes the height — a resize must never wipe a signature half drawn.
 */
export function SignaturePadField({ busy, error, onConfirm, onCancel }: SignaturePadFieldProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);
  const [emptyWarning, setEmptyWarning] = useState(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, {
      backgroundColor: 'rgb(255, 255, 255)',
      penColor: 'rgb(17, 24, 39)',
      minWidth: 1,
      maxWidth: 3.2,
    });
    padRef.current = pad;
    let width = 0;
    const fit = (): void => {
      if (canvas.offsetWidth === width) return;
      width = canvas.offsetWidth;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
    };
    fit();
    const onEnd = (): void => {
      setEmpty(pad.isEmpty());
      setEmptyWarning(false);
    };
    const onResize = (): void => {
      fit();
      setEmpty(pad.isEmpty());
    };
    pad.addEventListener('endStroke', onEnd);
    window.addEventListener('resize', onResize);
    return () => {
      pad.removeEventListener('endStroke', onEnd);
      window.removeEventListener('resize', onResize);
      pad.off();
      padRef.current = null;
    };
  }, []);

  function clear(): void {
    padRef.current?.clear();
    setEmpty(true);
  }

  async function confirm(): Promise<void> {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas) return;
    if (pad.isEmpty()) {
      setEmptyWarning(true);
      return;
    }
    onConfirm(await canvasPng(canvas));
  }

  return (
    <div className="signature">
      <p className="signature__label" id="signature-pad-label">
        {t.signHere}
      </p>
      <canvas ref={canvasRef} className="signature__pad" aria-label={t.signPadLabel} role="img" />
      {(emptyWarning || error) && (
        <p className="field__error" role="alert">
          {error ?? t.signatureEmpty}
        </p>
      )}
      <div className="signature__actions">
        <button type="button" className="button button--secondary" disabled={busy || empty} onClick={clear}>
          {t.clearPad}
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void confirm()}>
          {t.confirmSignature}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" disabled={busy} onClick={onCancel}>
            {zhCN.editor.deletePageNo}
          </button>
        )}
      </div>
    </div>
  );
}
