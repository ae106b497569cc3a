import type { CaseDetail } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { chinaDateTime } from './china-time';

const t = zhCN.clerk.detail;

/** 代办服务委托书: the applicant's signature image, who signed and when. */
export function SignatureCard({ detail }: { detail: CaseDetail }) {
  const { signature } = detail;
  return (
    <section className="card" aria-labelledby="signature-title">
      <h2 id="signature-title" className="card__title">
        {t.signatureTitle}
      </h2>
      {signature === null ? (
        <p className="muted">{t.noSignature}</p>
      ) : (
        <>
          {signature.stored ? (
            <img src={signature.url} alt={t.signatureAlt} loading="lazy" className="signature__img" />
          ) : (
            <p className="thumb__pending">{t.signatureUploading}</p>
          )}
          <p className="muted">{t.signedBy(signature.signerName, chinaDateTime(signature.signedAt))}</p>
        </>
      )}
    </section>
  );
}
