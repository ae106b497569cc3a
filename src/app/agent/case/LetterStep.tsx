import { useState } from 'react';
import { Link } from 'wouter';
import { saveSignature } from '../../../device/case-repository';
import { formatDateTime } from '../../format-date';
import { useFocusFromHash } from '../../hooks/use-focus-from-hash';
import { zhCN } from '../../messages/zh-cn';
import { authorisationLetter } from './authorisation-letter';
import type { StepProps } from './editor-context';
import { anchors, actionErrorText } from './problem-text';
import { SavedSignature } from './SavedSignature';
import { SignaturePadField } from './SignaturePadField';

const t = zhCN.editor;

/**
 * 委托书: the 代办服务委托书 generated from the case, and the resident's signature on the screen.
 * Signing again keeps the old signature until the new one is confirmed.
 */
export function LetterStep({ record, item, session, onSaveState }: StepProps) {
  const [redoing, setRedoing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useFocusFromHash(true);

  if (!item.proxyAllowed) {
    return (
      <section className="card">
        <h2 className="card__title">{t.letterTitle}</h2>
        <p>{t.proxyNotAllowed}</p>
      </section>
    );
  }

  const signature = record.signature;
  const letter = authorisationLetter({
    applicant: record.applicant,
    agent: session.user,
    itemName: item.name,
    date: signature ? new Date(signature.signedAt) : new Date(),
  });

  if (!letter) {
    return (
      <section className="card" id={anchors.signature} tabIndex={-1}>
        <h2 className="card__title">{t.letterTitle}</h2>
        <p>{t.needNameFirst}</p>
        <Link href={`/agent/cases/${record.id}/applicant`} className="button button--secondary">
          {t.steps.applicant}
        </Link>
      </section>
    );
  }

  async function confirm(png: ArrayBuffer, signerName: string): Promise<void> {
    setBusy(true);
    setError(null);
    onSaveState({ kind: 'pending' });
    try {
      await saveSignature(record.id, png, signerName);
      onSaveState({ kind: 'saved' });
      setRedoing(false);
    } catch (cause) {
      setError(actionErrorText(cause));
      onSaveState({ kind: 'idle' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="letter-step">
      <article className="card letter" aria-labelledby="letter-title">
        <h2 id="letter-title" className="letter__title">
          {letter.title}
        </h2>
        {letter.paragraphs.map((paragraph) => (
          <p key={paragraph} className="letter__paragraph">
            {paragraph}
          </p>
        ))}
        <p className="letter__date">{letter.dateLine}</p>
      </article>

      <section className="card" id={anchors.signature} tabIndex={-1} aria-label={t.signHere}>
        <p className="section__hint">{t.letterIntro}</p>
        {signature && !redoing ? (
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
            onConfirm={(png) => void confirm(png, letter.signerName)}
            onCancel={
              signature
                ? () => {
                    setRedoing(false);
                  }
                : undefined
            }
          />
        )}
      </section>
    </div>
  );
}
