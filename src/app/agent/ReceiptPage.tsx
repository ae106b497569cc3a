import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { maskName } from '../../domain/mask-name';
import { observeCase } from '../../device/case-repository';
import { currentResubmission, openSupplement } from '../../device/resubmission-repository';
import type { StoredSession } from '../../device/session-repository';
import { Splash } from '../components/Splash';
import { formatFullDateTime } from '../format-date';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLive } from '../hooks/use-live';
import { zhCN } from '../messages/zh-cn';
import { AgentGate } from './AgentGate';
import { statusText } from './sync-text';
import { trackUrl } from './track-url';
import './agent.css';

const t = zhCN.receipt;

function QrCode({ text }: { text: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Rendered on the phone (no network): a data URL from the qrcode library's canvas renderer.
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 480 }).then((url) => {
      if (current) setSrc(url);
    });
    return () => {
      current = false;
    };
  }, [text]);
  return src ? (
    <img className="receipt__qr" src={src} alt={t.qrAlt} width={240} height={240} data-testid="receipt-qr" />
  ) : (
    <div className="receipt__qr receipt__qr--loading" aria-hidden="true" />
  );
}

function Receipt({ id, session }: { id: string; session: StoredSession }) {
  const live = useLive(observeCase, id);
  const [, navigate] = useLocation();
  if (live.status === 'loading') return <Splash />;
  const record = live.status === 'ready' ? live.value?.record : undefined;
  const item = live.status === 'ready' ? live.value?.item : undefined;
  if (!record || !item || record.status === 'draft' || !record.receiptCode || !record.trackSecret) {
    return (
      <main className="page page--narrow">
        <section className="card" role="alert">
          <p>{record ? t.notSubmitted : t.notFound}</p>
          <Link href={record ? `/agent/cases/${record.id}` : '/agent'} className="button button--secondary">
            {record ? zhCN.agent.resume : zhCN.common.backHome}
          </Link>
        </section>
      </main>
    );
  }

  const supplement = openSupplement(record);
  const answer = currentResubmission(record);
  // An answer the township no longer waits for (the case moved on) is still the agent's to clear.
  const leftBehind = !supplement && answer !== null && answer.status !== 'sent';
  return (
    <main className="receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" className="receipt__title">
        {t.title}
      </h1>
      {supplement && (
        <Link
          href={`/agent/cases/${record.id}/supplement`}
          className="button button--primary button--block"
          data-testid="receipt-supplement"
        >
          {zhCN.supplement.receiptLink(supplement.items.length)}
        </Link>
      )}
      {leftBehind && (
        <Link href={`/agent/cases/${record.id}/supplement`} className="button button--secondary button--block">
          {zhCN.supplement.leftBehindLink}
        </Link>
      )}
      <dl className="receipt__facts">
        <dt>{t.item}</dt>
        <dd>{item.name}</dd>
        <dt>{t.applicant}</dt>
        <dd>{maskName(record.applicant.name ?? '')}</dd>
        <dt>{t.submittedAt}</dt>
        <dd>{formatFullDateTime(record.submittedAt ?? record.updatedAt)}</dd>
        <dt>{t.caseNumber}</dt>
        <dd data-testid="receipt-case-number">{record.remote?.caseNumber ?? t.caseNumberPending}</dd>
        {record.remote && (
          <>
            <dt>{t.status}</dt>
            <dd data-testid="receipt-status">{statusText(record.remote.status)}</dd>
          </>
        )}
        {record.remote?.dueDate && record.remote.status === 'accepted' && (
          <>
            <dt>{t.dueDate}</dt>
            <dd data-testid="receipt-due-date">{record.remote.dueDate}</dd>
          </>
        )}
        {record.remote?.satisfaction && (
          <>
            <dt>{t.rating}</dt>
            <dd data-testid="receipt-rating">{zhCN.satisfaction[record.remote.satisfaction]}</dd>
          </>
        )}
        <dt>{t.agent}</dt>
        <dd>
          {session.user.name}（{session.user.village?.name ?? session.user.township?.name}）
        </dd>
      </dl>
      <p className="receipt__code-label">{t.code}</p>
      <p className="receipt__code" data-testid="receipt-code">
        {record.receiptCode}
      </p>
      <QrCode text={trackUrl(window.location.origin, record.receiptCode, record.trackSecret)} />
      <p className="receipt__hint">{t.qrHint}</p>
      <p className="receipt__note">{t.photoNote}</p>
      <button
        type="button"
        className="button button--primary button--block receipt__done"
        onClick={() => {
          navigate('/agent', { replace: true });
        }}
      >
        {t.done}
      </button>
    </main>
  );
}

/** The receipt full-screen, for the resident to photograph: item, masked name, code, QR. */
export function ReceiptPage({ id }: { id: string }) {
  useDocumentTitle(t.title);
  return <AgentGate>{(session) => <Receipt id={id} session={session} />}</AgentGate>;
}
