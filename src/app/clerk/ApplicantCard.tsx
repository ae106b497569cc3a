import type { CaseDetail } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { RevealField } from './RevealField';

const t = zhCN.clerk.detail;

/** 申请人: name, masked ID number and phone (each revealable, recorded), group and address. */
export function ApplicantCard({ detail }: { detail: CaseDetail }) {
  const { applicant } = detail;
  return (
    <section className="card" aria-labelledby="applicant-title">
      <h2 id="applicant-title" className="card__title">
        {t.applicantTitle}
      </h2>
      <dl className="facts">
        <dt>{t.applicantName}</dt>
        <dd className="applicant__name">{applicant.name}</dd>
        <RevealField caseId={detail.id} field="idNumber" label={t.idNumber} masked={applicant.idNumber} />
        <RevealField caseId={detail.id} field="phone" label={t.phone} masked={applicant.phone} />
        {applicant.group && (
          <>
            <dt>{t.group}</dt>
            <dd>{applicant.group}</dd>
          </>
        )}
        <dt>{t.address}</dt>
        <dd>{applicant.address}</dd>
      </dl>
      <p className="note">{t.revealNote}</p>
    </section>
  );
}
