import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { maskName } from '../../domain/mask-name';
import { observeOutbox, returnToDrafts, type CaseSummary } from '../../device/case-repository';
import { observeResubmissionQueue, type SupplementSummary } from '../../device/resubmission-repository';
import { resubmissionProgressKey, syncProgress, type SyncProgress } from '../../device/sync-progress';
import type { SyncSummary } from '../../device/sync-run';
import { observeSyncSchedule, requestSync } from '../../device/sync-scheduler';
import { observeSyncState } from '../../device/sync-state-repository';
import { ConnectivityBadge } from '../components/ConnectivityBadge';
import { ScreenHeader } from '../components/ScreenHeader';
import { formatDateTime } from '../format-date';
import { createLiveStore } from '../hooks/live-store';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLive } from '../hooks/use-live';
import { useLiveStore } from '../hooks/use-live-store';
import { useOnlineStatus } from '../hooks/use-online-status';
import { zhCN } from '../messages/zh-cn';
import { lockMessages } from '../messages/zh-cn-lock';
import { AgentGate } from './AgentGate';
import { resubmissionErrorText, resubmissionProblemText, serverProblemText, syncErrorText } from './sync-text';
import {
  notificationPermission,
  requestNotificationPermission,
  type NotificationPermissionState,
} from './system-notifications';
import './agent.css';

const t = zhCN.sync;
const bytes = zhCN.settings.bytes;

const progressStore = createLiveStore(syncProgress.observe());
const scheduleStore = createLiveStore(observeSyncSchedule());

function idleProgress(): SyncProgress {
  return { running: false, cases: {}, bytesSent: 0, bytesTotal: 0 };
}

function useProgress(): SyncProgress {
  const live = useLiveStore(progressStore);
  return live.status === 'ready' ? live.value : idleProgress();
}

/** A case's bytes: the moving figure of the run going on here, else what the last run stored. */
function caseBytes(summary: CaseSummary, progress: SyncProgress): { sent: number; total: number } {
  const now = progress.cases[summary.id];
  if (now) return { sent: now.bytesSent, total: now.bytesTotal };
  return { sent: summary.sync?.bytesSent ?? 0, total: summary.sync?.bytesTotal ?? 0 };
}

function SyncNow({ agentId }: { agentId: string }) {
  const online = useOnlineStatus();
  const progress = useProgress();
  const state = useLive(observeSyncState, agentId);
  const scheduleLive = useLiveStore(scheduleStore);
  const [asked, setAsked] = useState<SyncSummary['outcome'] | 'working' | null>(null);
  const running = progress.running || asked === 'working';
  const stored = state.status === 'ready' ? state.value : null;
  const nextRunAt = scheduleLive.status === 'ready' ? scheduleLive.value.nextRunAt : null;
  const lockedRun = scheduleLive.status === 'ready' && scheduleLive.value.last?.locked === true;

  async function syncNow(): Promise<void> {
    setAsked('working');
    const summary = await requestSync('manual');
    setAsked(summary.outcome);
  }

  return (
    <section className="card" aria-labelledby="sync-now-title">
      <h2 id="sync-now-title" className="card__title">
        {stored?.lastSuccessAt ? t.lastSuccess(formatDateTime(stored.lastSuccessAt)) : t.neverSynced}
      </h2>
      {stored?.lastError && (
        <p className="section__hint" role="status" data-testid="sync-last-error">
          {t.lastError(syncErrorText(stored.lastError), formatDateTime(stored.lastError.at))}
          {nextRunAt ? t.retryAt(formatDateTime(nextRunAt)) : ''}
        </p>
      )}
      {progress.bytesTotal > 0 && (
        <div className="progress" data-testid="sync-overall">
          <span>{t.overall(bytes(progress.bytesSent), bytes(progress.bytesTotal))}</span>
          <progress className="sync-bar" max={progress.bytesTotal} value={progress.bytesSent} />
        </div>
      )}
      <button
        type="button"
        className="button button--primary button--block"
        disabled={!online || running}
        onClick={() => void syncNow()}
      >
        {running ? t.syncing : t.syncNow}
      </button>
      {!online && <p className="section__hint">{t.offlineHint}</p>}
      {lockedRun && !running && (
        <p className="section__hint" role="status" data-testid="sync-locked">
          {lockMessages.syncLocked}
        </p>
      )}
      {online && running && <p className="section__hint">{t.runningHint}</p>}
      {asked !== null && asked !== 'working' && (
        <p className="section__hint" role="status" data-testid="sync-outcome">
          {t.outcome[asked]}
        </p>
      )}
    </section>
  );
}

function WaitingCase({ summary, progress }: { summary: CaseSummary; progress: SyncProgress }) {
  const { sent, total } = caseBytes(summary, progress);
  const state = summary.sync?.state ?? 'waiting';
  return (
    <li className="case-row" data-case-id={summary.id}>
      <p className="case-row__item">{summary.itemName}</p>
      <p className="case-row__who">
        {maskName(summary.applicantName)} · {t.waitingState[state]}
      </p>
      {total > 0 && (
        <div className="progress">
          <span>{zhCN.agent.uploadProgress(bytes(sent), bytes(total))}</span>
          <progress className="sync-bar" max={total} value={sent} />
        </div>
      )}
      {summary.sync?.error && (
        <p className="section__hint">
          {t.lastError(syncErrorText(summary.sync.error), formatDateTime(summary.sync.error.at))}
        </p>
      )}
    </li>
  );
}

function SetAsideCase({ summary }: { summary: CaseSummary }) {
  const [, navigate] = useLocation();
  const [step, setStep] = useState<'idle' | 'working' | 'failed'>('idle');
  const error = summary.sync?.error;

  async function giveBack(): Promise<void> {
    setStep('working');
    try {
      await returnToDrafts(summary.id);
      navigate(`/agent/cases/${summary.id}/submit`);
    } catch {
      setStep('failed');
    }
  }

  return (
    <li className="case-row" data-case-id={summary.id}>
      <p className="case-row__item">{summary.itemName}</p>
      <p className="case-row__who">{maskName(summary.applicantName)}</p>
      {error && (
        <p className="case-row__tag case-row__tag--problem" role="status">
          {syncErrorText(error)}
        </p>
      )}
      {error?.problems && error.problems.length > 0 && (
        <ul className="sync-problems">
          {error.problems.map((problem, i) => (
            <li key={i}>{serverProblemText(problem)}</li>
          ))}
        </ul>
      )}
      <div className="case-row__actions">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={step === 'working'}
          onClick={() => void giveBack()}
        >
          {step === 'working' ? t.returning : t.returnToDrafts}
        </button>
      </div>
      {step === 'failed' && <p className="section__hint">{t.returnFailed}</p>}
    </li>
  );
}

function Queues({ agentId }: { agentId: string }) {
  const outbox = useLive(observeOutbox, agentId);
  const progress = useProgress();
  if (outbox.status !== 'ready') return null;
  const setAside = outbox.value.filter((c) => c.sync?.state === 'set-aside');
  const waiting = outbox.value.filter((c) => c.sync?.state !== 'set-aside');
  return (
    <>
      <section className="section" aria-labelledby="sync-waiting-title" data-testid="sync-waiting">
        <h2 id="sync-waiting-title" className="section__title">
          {t.waitingTitle(waiting.length)}
        </h2>
        {waiting.length === 0 ? (
          <p className="section__hint">{t.waitingEmpty}</p>
        ) : (
          <ul className="case-list">
            {waiting.map((summary) => (
              <WaitingCase key={summary.id} summary={summary} progress={progress} />
            ))}
          </ul>
        )}
      </section>
      {setAside.length > 0 && (
        <section className="section" aria-labelledby="sync-set-aside-title" data-testid="sync-set-aside">
          <h2 id="sync-set-aside-title" className="section__title">
            {t.setAsideTitle(setAside.length)}
          </h2>
          <p className="section__hint">{t.setAsideIntro}</p>
          <ul className="case-list">
            {setAside.map((summary) => (
              <SetAsideCase key={summary.id} summary={summary} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** A 补正 answer's bytes: the moving figure of the run going on here, else what the last run stored. */
function answerBytes(summary: SupplementSummary, progress: SyncProgress): { sent: number; total: number } {
  const round = summary.resubmission?.round ?? 0;
  const now = progress.cases[resubmissionProgressKey(summary.id, round)];
  if (now) return { sent: now.bytesSent, total: now.bytesTotal };
  return { sent: summary.sync?.bytesSent ?? 0, total: summary.sync?.bytesTotal ?? 0 };
}

function AnswerRow({ summary, progress }: { summary: SupplementSummary; progress: SyncProgress }) {
  const { sent, total } = answerBytes(summary, progress);
  const state = summary.sync?.state ?? 'waiting';
  const error = summary.sync?.error ?? null;
  const aside = state === 'set-aside';
  return (
    <li className="case-row" data-case-id={summary.id}>
      {summary.caseNumber && <p className="case-row__meta">{summary.caseNumber}</p>}
      <p className="case-row__item">{summary.itemName}</p>
      <p className="case-row__who">
        {maskName(summary.applicantName)} · {t.resubmissionLine(summary.resubmission?.round ?? 2)}
        {aside ? '' : ` · ${t.waitingState[state]}`}
      </p>
      {!aside && total > 0 && (
        <div className="progress">
          <span>{zhCN.agent.uploadProgress(bytes(sent), bytes(total))}</span>
          <progress className="sync-bar" max={total} value={sent} />
        </div>
      )}
      {error &&
        (aside ? (
          <p className="supplement__reason" role="status">
            {resubmissionErrorText(error)}
          </p>
        ) : (
          <p className="section__hint">{t.lastError(syncErrorText(error), formatDateTime(error.at))}</p>
        ))}
      {aside && error?.problems && error.problems.length > 0 && (
        <ul className="sync-problems">
          {error.problems.map((problem, i) => (
            <li key={i}>{resubmissionProblemText(problem, summary.request)}</li>
          ))}
        </ul>
      )}
      {aside && (
        <div className="case-row__actions">
          <Link href={`/agent/cases/${summary.id}/supplement`} className="button button--secondary button--small">
            {t.resubmissionOpen}
          </Link>
        </div>
      )}
    </li>
  );
}

/** 补正 answers in the outbox: those on their way, then those the server set aside. */
function Answers({ agentId }: { agentId: string }) {
  const answers = useLive(observeResubmissionQueue, agentId);
  const progress = useProgress();
  if (answers.status !== 'ready' || answers.value.length === 0) return null;
  const setAside = answers.value.filter((a) => a.sync?.state === 'set-aside');
  const waiting = answers.value.filter((a) => a.sync?.state !== 'set-aside');
  return (
    <>
      {waiting.length > 0 && (
        <section className="section" aria-labelledby="sync-answers-title" data-testid="sync-resubmissions">
          <h2 id="sync-answers-title" className="section__title">
            {t.resubmissionsTitle(waiting.length)}
          </h2>
          <ul className="case-list">
            {waiting.map((summary) => (
              <AnswerRow key={summary.id} summary={summary} progress={progress} />
            ))}
          </ul>
        </section>
      )}
      {setAside.length > 0 && (
        <section
          className="section"
          aria-labelledby="sync-answers-aside-title"
          data-testid="sync-resubmissions-set-aside"
        >
          <h2 id="sync-answers-aside-title" className="section__title">
            {t.resubmissionsSetAsideTitle(setAside.length)}
          </h2>
          <p className="section__hint">{t.resubmissionsSetAsideIntro}</p>
          <ul className="case-list">
            {setAside.map((summary) => (
              <AnswerRow key={summary.id} summary={summary} progress={progress} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function NotificationsCard() {
  const [permission, setPermission] = useState<NotificationPermissionState>(notificationPermission);
  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title" className="card__title">
        {t.notificationsTitle}
      </h2>
      <p className="section__hint">{t.notificationsHint}</p>
      {permission === 'default' && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void requestNotificationPermission().then(setPermission)}
        >
          {t.enableNotifications}
        </button>
      )}
      {permission === 'granted' && <p>{t.notificationsOn}</p>}
      {permission === 'denied' && <p>{t.notificationsDenied}</p>}
      {permission === 'unsupported' && <p>{t.notificationsUnsupported}</p>}
    </section>
  );
}

/**
 * 同步: what waits (cases and 补正 answers) and how far it got, what was refused and why, the last
 * success, 立即同步.
 */
export function SyncPage() {
  useDocumentTitle(t.title);
  return (
    <AgentGate>
      {(session) => (
        <div className="shell">
          <ScreenHeader
            backHref="/agent"
            backLabel={zhCN.common.backHome}
            title={t.title}
            aside={<ConnectivityBadge />}
          />
          <main className="page">
            <SyncNow agentId={session.user.id} />
            <Queues agentId={session.user.id} />
            <Answers agentId={session.user.id} />
            <NotificationsCard />
          </main>
        </div>
      )}
    </AgentGate>
  );
}
