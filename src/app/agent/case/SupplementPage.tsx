import { useState } from 'react';
import { Link } from 'wouter';
import type { SupplementRequest } from '../../../domain/case-lifecycle';
import type { ServiceItem } from '../../../domain/catalogue';
import { maskName } from '../../../domain/mask-name';
import type { CaseRecord, CaseWithItem } from '../../../device/case-repository';
import {
  currentResubmission,
  discardResubmission,
  openSupplement,
  returnResubmissionToDraft,
  type Resubmission,
} from '../../../device/resubmission-repository';
import type { StoredSession } from '../../../device/session-repository';
import { resubmissionProgressKey, syncProgress } from '../../../device/sync-progress';
import { ConfirmBox } from '../../components/ConfirmBox';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDateTime } from '../../format-date';
import { createLiveStore } from '../../hooks/live-store';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLiveStore } from '../../hooks/use-live-store';
import { zhCN } from '../../messages/zh-cn';
import { resubmissionErrorText, resubmissionProblemText, statusText, syncErrorText } from '../sync-text';
import { SaveIndicator } from './SaveIndicator';
import { SupplementAnswer } from './SupplementAnswer';
import type { SaveState } from './use-autosave';

const t = zhCN.supplement;
const bytes = zhCN.settings.bytes;

const progressStore = createLiveStore(syncProgress.observe());

/** "身份证 1 页、购房合同 2 页、代办服务委托书": what the township already holds, read-only. */
function alreadySent(record: CaseRecord, item: ServiceItem): string {
  const counts = new Map<string, number>();
  for (const page of record.pages) counts.set(page.materialKey, (counts.get(page.materialKey) ?? 0) + 1);
  const parts = [...counts].map(([key, n]) =>
    t.pagesOfMaterial(item.materials.find((m) => m.key === key)?.name ?? key, n),
  );
  if (record.signature) parts.push(zhCN.letter.title);
  return parts.join('、');
}

/** The clerk's notice: which case, the notice number, the clerk's note, what was already sent. */
function NoticeCard({ record, item, request }: { record: CaseRecord; item: ServiceItem; request: SupplementRequest }) {
  const sent = alreadySent(record, item);
  return (
    <section
      className="card supplement__notice"
      aria-labelledby="supplement-notice-title"
      data-testid="supplement-notice"
    >
      <h2 id="supplement-notice-title" className="card__title">
        {t.noticeTitle}
      </h2>
      <p className="case-row__meta">
        {[record.remote?.caseNumber, item.name, maskName(record.applicant.name ?? '')].filter(Boolean).join(' · ')}
      </p>
      {request.noticeNumber && <p className="case-row__meta">{t.noticeNumber(request.noticeNumber)}</p>}
      {request.note && <p className="supplement__clerk-note">{t.clerkNote(request.note)}</p>}
      <p className="section__hint">{t.intro}</p>
      {sent && (
        <p className="section__hint" data-testid="already-sent">
          {t.alreadySent(sent)}
        </p>
      )}
    </section>
  );
}

/** Leaves the answer on the phone or deletes it (after a confirm). */
function DiscardButton({ caseId }: { caseId: string }) {
  const [step, setStep] = useState<'idle' | 'confirming' | 'working' | 'failed'>('idle');
  async function discard(): Promise<void> {
    setStep('working');
    try {
      await discardResubmission(caseId);
    } catch {
      setStep('failed');
    }
  }
  if (step === 'confirming' || step === 'working') {
    return (
      <ConfirmBox
        id={`discard-${caseId}`}
        title={t.discardConfirmTitle}
        text={t.discardConfirmText}
        confirmLabel={step === 'working' ? t.discarding : t.discardConfirm}
        cancelLabel={t.cancel}
        busy={step === 'working'}
        onConfirm={() => void discard()}
        onCancel={() => {
          setStep('idle');
        }}
      />
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button--danger-outline button--small"
        onClick={() => {
          setStep('confirming');
        }}
      >
        {t.discard}
      </button>
      {step === 'failed' && <p className="section__hint">{t.actionFailed}</p>}
    </>
  );
}

/** An answer in the outbox: waiting, uploading (bytes), or set aside with the reason and what to do. */
function QueuedAnswer({
  record,
  answer,
  request,
}: {
  record: CaseRecord;
  answer: Resubmission;
  request: SupplementRequest | null;
}) {
  const caseId = record.id;
  const live = useLiveStore(progressStore);
  const [returning, setReturning] = useState<'idle' | 'working' | 'failed'>('idle');
  const moving = live.status === 'ready' ? live.value.cases[resubmissionProgressKey(caseId, answer.round)] : undefined;
  const sent = moving?.bytesSent ?? answer.sync?.bytesSent ?? 0;
  const total = moving?.bytesTotal ?? answer.sync?.bytesTotal ?? 0;
  const error = answer.sync?.error ?? null;

  if (answer.sync?.state === 'set-aside') {
    // Fixing makes sense where the window found the answer incomplete; not where it moved the case on.
    const fixable = error?.code !== 'ACTION_NOT_ALLOWED' && error?.code !== 'CONFLICT';
    return (
      <section className="card" role="status" data-testid="supplement-set-aside">
        <h2 className="card__title">{t.setAside}</h2>
        {error && <p className="supplement__reason">{resubmissionErrorText(error)}</p>}
        {record.remote && !request && (
          <p className="section__hint">{t.currentStatus(statusText(record.remote.status) ?? '')}</p>
        )}
        {error?.problems && error.problems.length > 0 && (
          <ul className="sync-problems">
            {error.problems.map((problem, i) => (
              <li key={i}>{resubmissionProblemText(problem, request)}</li>
            ))}
          </ul>
        )}
        <div className="case-row__actions">
          {fixable && (
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={returning === 'working'}
              onClick={() => {
                setReturning('working');
                returnResubmissionToDraft(caseId).catch(() => {
                  setReturning('failed');
                });
              }}
            >
              {returning === 'working' ? t.returning : t.returnToDraft}
            </button>
          )}
          <Link href={`/agent/cases/${caseId}/receipt`} className="button button--secondary button--small">
            {t.showReceipt}
          </Link>
          <DiscardButton caseId={caseId} />
        </div>
        {returning === 'failed' && <p className="section__hint">{t.actionFailed}</p>}
      </section>
    );
  }
  return (
    <section className="card" role="status" data-testid="supplement-queued">
      <p>{t.queued}</p>
      {total > 0 && (
        <div className="progress">
          <span>{t.uploading(bytes(sent), bytes(total))}</span>
          <progress className="sync-bar" max={total} value={sent} />
        </div>
      )}
      {error && <p className="section__hint">{zhCN.sync.lastError(syncErrorText(error), formatDateTime(error.at))}</p>}
      <Link href="/agent/sync" className="button button--secondary button--small">
        {t.goSync}
      </Link>
    </section>
  );
}

function Body({
  loaded,
  session,
  onSaveState,
}: {
  loaded: CaseWithItem;
  session: StoredSession;
  onSaveState: (state: SaveState) => void;
}) {
  const { record, item } = loaded;
  const request = openSupplement(record);
  const answer = currentResubmission(record);
  const receipt = (
    <Link href={`/agent/cases/${record.id}/receipt`} className="button button--secondary button--small">
      {t.showReceipt}
    </Link>
  );

  if (answer?.status === 'outbox') return <QueuedAnswer record={record} answer={answer} request={request} />;
  const status = record.remote ? statusText(record.remote.status) : null;
  if (answer?.status === 'sent') {
    return (
      <section className="card" role="status" data-testid="supplement-sent">
        <p>{t.sent(answer.round)}</p>
        {status && <p className="section__hint">{t.currentStatus(status)}</p>}
        {receipt}
      </section>
    );
  }
  if (request) {
    return (
      <SupplementAnswer
        record={record}
        item={item}
        request={request}
        answer={answer}
        session={session}
        onSaveState={onSaveState}
      />
    );
  }
  if (answer) {
    return (
      <section className="card" role="status" data-testid="supplement-closed">
        <p>{status ? t.closed(status) : t.notOpen}</p>
        <div className="case-row__actions">
          {receipt}
          <DiscardButton caseId={record.id} />
        </div>
      </section>
    );
  }
  return (
    <section className="card" role="status" data-testid="supplement-not-open">
      <p>{record.remote?.status === 'supplement' ? t.unreadable : t.notOpen}</p>
      {receipt}
    </section>
  );
}

/**
 * 补正: the clerk's notice on a submitted case and the agent's answer to it — only the requested
 * materials' slots, the new signature if asked, then 提交补正 into the outbox. Everything is on the
 * phone: it opens and keeps every photo with no signal at all.
 */
export function SupplementPage({ loaded, session }: { loaded: CaseWithItem; session: StoredSession }) {
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  useDocumentTitle(t.title);
  const { record, item } = loaded;
  const request = openSupplement(record);
  return (
    <div className="shell">
      <ScreenHeader
        backHref="/agent"
        backLabel={zhCN.editor.backHome}
        title={`${t.title} · ${item.name}`}
        aside={<SaveIndicator state={saveState} />}
      />
      <main className="page supplement">
        {saveState.kind === 'failed' && (
          <p className="form__error" role="alert">
            {saveState.message}
          </p>
        )}
        {request && <NoticeCard record={record} item={item} request={request} />}
        <Body loaded={loaded} session={session} onSaveState={setSaveState} />
      </main>
    </div>
  );
}
