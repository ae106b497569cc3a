import { Link } from 'wouter';
import { saveSignature } from '../../../device/case-repository';
import { useFocusFromHash } from '../../hooks/use-focus-from-hash';
import { zhCN } from '../../messages/zh-cn';
import { authorisationLetter } from './authorisation-letter';
import type { StepProps } from './editor-context';
import { LetterText } from './LetterText';
import { anchors } from './problem-text';
import { SignatureCapture } from './SignatureCapture';

const t = zhCN.editor;

/**
 * 委托书: the 代办服务委托书 generated from the case, and the resident's signature on the screen.
 * Signing again keeps the old signature until the new one is confirmed.
 */
export function LetterStep({ record, item, session, onSaveState }: StepProps) {
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

  return (
    <div className="letter-step">
      <article className="card letter" aria-labelledby="letter-title">
        <h2 id="letter-title" className="letter__title">
          {letter.title}
        </h2>
        <LetterText letter={letter} />
      </article>

      <section className="card" id={anchors.signature} tabIndex={-1} aria-label={t.signHere}>
        <p className="section__hint">{t.letterIntro}</p>
        <SignatureCapture
          signature={signature}
          signerName={letter.signerName}
          save={(png, signerName) => saveSignature(record.id, png, signerName)}
          onSaveState={onSaveState}
        />
      </section>
    </div>
  );
}
