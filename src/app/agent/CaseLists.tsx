import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { maskName } from '../../domain/mask-name';
import { NEGATIVE_SATISFACTION, type Satisfaction } from '../../domain/tracking';
import { deleteDraft, type CaseSummary } from '../../device/case-repository';
import { resubmissionProblems, type SupplementSummary } from '../../device/resubmission-repository';
import { ConfirmBox } from '../components/ConfirmBox';
import { formatDateTime } from '../format-date';
import { zhCN } from '../messages/zh-cn';
import { statusText } from './sync-text';

const t = zhCN.agent;

function DraftRow({ draft }: { draft: CaseSummary }) {
  const [step, setStep] = useState<'idle' | 'confirming' | 'deleting'>('idle');
  const who = draft.applicantName ? maskName(draft.applicantName) : t.unnamedApplicant;

  async function remove(): Promise<void> {
    setStep('deleting');
    try {
      await deleteDraft(draft.id);
    } catch {
      setStep('idle');
    }
  }

  return (
    <li className="case-row" data-case-id={draft.id}>
      <p className="case-row__item">{draft.itemName}</p>
      <p className="case-row__who">{who}</p>
      <p className="case-row__meta">{t.updatedAt(formatDateTime(draft.updatedAt))}</p>
      {step === 'idle' ? (
        <div className="case-row__actions">
          <Link href={`/agent/cases/${draft.id}`} className="button button--primary button--small">
            {t.resume}
          </Link>
          <button
            type="button"
            className="button button--danger-outline button--small"
            onClick={() => {
              setStep('confirming');
            }}
          >
            {t.deleteDraft}
          </button>
        </div>
      ) : (
        <ConfirmBox
          id={`delete-${draft.id}`}
          title={t.deleteConfirmTitle}
          text={t.deleteConfirmText(`${draft.itemName} · ${who}`)}
          confirmLabel={step === 'deleting' ? t.deleting : t.deleteConfirm}
          cancelLabel={t.deleteCancel}
          busy={step === 'deleting'}
          onConfirm={() => void remove()}
          onCancel={() => {
            setStep('idle');
          }}
        />
      )}
    </li>
  );
}

/** 草稿: resume or delete (after a confirm). */
export function DraftList({ drafts }: { drafts: CaseSummary[] }) {
  return (
    <section className="section" aria-labelledby="drafts-title">
      <h2 id="drafts-title" className="section__title">
        {t.draftsTitle}（{drafts.length}）
      </h2>
      <ul className="case-list">
        {drafts.map((draft) => (
          <DraftRow key={draft.id} draft={draft} />
        ))}
      </ul>
    </section>
  );
}

function CaseCodes({ summary }: { summary: CaseSummary }) {
  return (
    <>
      {summary.remote && (
        <p className="case-row__code case-row__code--number" data-testid="case-number">
          <span className="case-row__code-label">{t.caseNumber}</span> {summary.remote.caseNumber}
        </p>
      )}
      <p className={summary.remote ? 'case-row__meta' : 'case-row__code'}>
        <span className="case-row__code-label">{t.receiptCode}</span> {summary.receiptCode}
      </p>
    </>
  );
}

function ReceiptLink({ id }: { id: string }) {
  return (
    <div className="case-row__actions">
      <Link href={`/agent/cases/${id}/receipt`} className="button button--secondary button--small">
        {t.showReceipt}
      </Link>
    </div>
  );
}

function OutboxState({ summary }: { summary: CaseSummary }) {
  const { sync, remote } = summary;
  if (sync?.state === 'set-aside') {
    return (
      <p className="case-row__tag case-row__tag--problem" role="status">
        {t.setAsideTag}
      </p>
    );
  }
  if (remote && remote.materials.total > 0) {
    return <p className="case-row__tag">{t.materialsUploading(remote.materials.verified, remote.materials.total)}</p>;
  }
  return null;
}

/** A titled list of submitted cases: codes, item and masked name per row, `details` between them and the receipt link. */
function SubmittedCases({
  id,
  title,
  hint,
  cases,
  details,
}: {
  id: string;
  title: string;
  hint: string;
  cases: CaseSummary[];
  details: (summary: CaseSummary) => ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id} className="section__title">
        {title}（{cases.length}）
      </h2>
      <p className="section__hint">{hint}</p>
      <ul className="case-list">
        {cases.map((c) => (
          <li key={c.id} className="case-row" data-case-id={c.id}>
            <CaseCodes summary={c} />
            <p className="case-row__item">{c.itemName}</p>
            <p className="case-row__who">{maskName(c.applicantName)}</p>
            {details(c)}
            <ReceiptLink id={c.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 待上传: submitted cases with their receipt codes (and 办件编号 once the server has them), names masked. */
export function OutboxList({ cases }: { cases: CaseSummary[] }) {
  return (
    <SubmittedCases
      id="outbox-title"
      title={t.outboxTitle}
      hint={t.outboxHint}
      cases={cases}
      details={(c) => (
        <>
          <p className="case-row__meta">{t.submittedAt(formatDateTime(c.submittedAt ?? c.updatedAt))}</p>
          <OutboxState summary={c} />
        </>
      )}
    />
  );
}

/** "评价：满意" once the resident rated the case; a 差评 stands out, since the township will call back. */
function RatingTag({ satisfaction }: { satisfaction: Satisfaction | null | undefined }) {
  if (!satisfaction) return null;
  const negative = NEGATIVE_SATISFACTION.has(satisfaction);
  return (
    <p
      className={negative ? 'case-row__tag case-row__tag--problem' : 'case-row__tag case-row__tag--rating'}
      data-testid="case-rating"
    >
      {t.rating(zhCN.satisfaction[satisfaction])}
    </p>
  );
}

/** 已上传: cases the township holds with every photo, with their 办件编号 and the server's status. */
export function SentList({ cases }: { cases: CaseSummary[] }) {
  return (
    <SubmittedCases
      id="sent-title"
      title={t.sentTitle}
      hint={t.sentHint}
      cases={cases}
      details={(c) => (
        <>
          <p className="case-row__tag case-row__tag--status" data-testid="case-status">
            {t.sentTitle} · {c.remote ? (statusText(c.remote.status) ?? '') : ''}
          </p>
          {c.remote && c.remote.materials.verified < c.remote.materials.total && (
            <p className="case-row__tag">
              {t.materialsUploading(c.remote.materials.verified, c.remote.materials.total)}
            </p>
          )}
          <RatingTag satisfaction={c.remote?.satisfaction} />
        </>
      )}
    />
  );
}

function SupplementState({ summary }: { summary: SupplementSummary }) {
  const { request, resubmission } = summary;
  if (resubmission?.sync?.state === 'set-aside') {
    return <p className="case-row__tag case-row__tag--problem">{t.supplementSetAside}</p>;
  }
  if (!request || !resubmission) return null;
  const total = request.items.length;
  const done = total - resubmissionProblems(request, resubmission).length;
  return <p className="case-row__tag">{t.supplementProgress(done, total)}</p>;
}

/**
 * 需补正: the cases the township asked to 补正 whose answer has not left the phone, with how many
 * materials each notice asks for and how far the answer got; one tap opens the 补正 screen.
 */
export function SupplementList({ cases }: { cases: SupplementSummary[] }) {
  return (
    <section className="section supplement-list" aria-labelledby="supplement-title" data-testid="supplement-list">
      <h2 id="supplement-title" className="section__title supplement-list__title">
        {t.supplementTitle}（{cases.length}）
      </h2>
      <p className="section__hint">{t.supplementHint}</p>
      <ul className="case-list">
        {cases.map((c) => (
          <li key={c.id} className="case-row case-row--supplement" data-case-id={c.id}>
            {c.caseNumber && (
              <p className="case-row__code case-row__code--number">
                <span className="case-row__code-label">{t.caseNumber}</span> {c.caseNumber}
              </p>
            )}
            <p className="case-row__item">{c.itemName}</p>
            <p className="case-row__who">{maskName(c.applicantName)}</p>
            {c.request && (
              <p className="case-row__tag case-row__tag--supplement" data-testid="supplement-count">
                {t.supplementCount(c.request.items.length)}
              </p>
            )}
            <SupplementState summary={c} />
            <div className="case-row__actions">
              <Link href={`/agent/cases/${c.id}/supplement`} className="button button--primary button--small">
                {t.supplementGo}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
