import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import type { TrackLookupResponse, TrackView } from '../../domain/tracking';
import { fetchTrackedCase, lookupTrackedCase } from '../../device/sync-track';
import { useDocumentTitle } from '../hooks/use-document-title';
import { zhCN } from '../messages/zh-cn';
import { CaseProgress } from './CaseProgress';
import { ComplaintPanel } from './ComplaintPanel';
import { LookupForm } from './LookupForm';
import { ProblemNotice } from './ProblemNotice';
import { RatingPanel } from './RatingPanel';
import {
  addressWithoutSecret,
  lookupProblem,
  problemSentence,
  readTrackAddress,
  type LookupProblem,
} from './track-text';
import { useLargeText } from './use-large-text';
import './track.css';

const t = zhCN.track;

type Screen =
  /** Looking the case up by the QR code's secret. */
  | { kind: 'opening' }
  | { kind: 'form'; code: string; problem: LookupProblem | null; viaQr: boolean }
  | { kind: 'case'; view: TrackView; accessToken: string };

function CaseScreen({
  answer,
  onView,
  onExpired,
  onAgain,
}: {
  answer: TrackLookupResponse;
  onView: (view: TrackView) => void;
  onExpired: () => void;
  onAgain: () => void;
}) {
  const { view, accessToken } = answer;
  const [refreshing, setRefreshing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function refresh(): Promise<void> {
    setRefreshing(true);
    setFailure(null);
    try {
      onView(await fetchTrackedCase(accessToken));
    } catch (error) {
      const problem = lookupProblem(error, true);
      if (problem.kind === 'expired') onExpired();
      else setFailure(t.refreshFailed(problemSentence(problem)));
    } finally {
      setRefreshing(false);
    }
  }

  return (
    <>
      <CaseProgress view={view} />
      <RatingPanel view={view} accessToken={accessToken} onView={onView} onExpired={onExpired} />
      <ComplaintPanel view={view} accessToken={accessToken} onExpired={onExpired} />
      {failure && (
        <p className="form__error" role="alert">
          {failure}
        </p>
      )}
      <div className="track-buttons">
        <button type="button" className="button button--secondary" disabled={refreshing} onClick={() => void refresh()}>
          {refreshing ? t.refreshing : t.refresh}
        </button>
        <button type="button" className="button button--secondary" onClick={onAgain}>
          {t.again}
        </button>
      </div>
    </>
  );
}

/**
 * /track — residents follow their case without an account, on any phone browser: by 回执号 and the
 * last 4 digits of the applicant's phone, or straight from the receipt's QR code (/track?code=…&t=…).
 *
 * Invariant: the QR code's secret leaves the address bar (history.replaceState) as soon as the page
 * has read it, before the lookup returns, so the browser's history never keeps it. The access token
 * the lookup returns lives in memory only: a reload asks again.
 */
export function TrackPage() {
  useDocumentTitle(t.title);
  const largeText = useLargeText();
  const [, navigate] = useLocation();
  const [address] = useState(() => readTrackAddress(window.location.search));
  const [screen, setScreen] = useState<Screen>(() =>
    address.secret ? { kind: 'opening' } : { kind: 'form', code: address.code, problem: null, viaQr: false },
  );

  useEffect(() => {
    if (address.hadSecret) navigate(addressWithoutSecret(address.code), { replace: true });
    if (!address.secret) return;
    const controller = new AbortController();
    lookupTrackedCase({ code: address.code, secret: address.secret }, controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setScreen({ kind: 'case', ...answer });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setScreen({ kind: 'form', code: address.code, problem: lookupProblem(error), viaQr: true });
      },
    );
    return () => {
      controller.abort();
    };
  }, [address, navigate]);

  const backToForm = (code: string, problem: LookupProblem | null): void => {
    setScreen({ kind: 'form', code, problem, viaQr: false });
  };

  let content;
  switch (screen.kind) {
    case 'opening':
      content = (
        <p className="card" role="status" aria-busy="true">
          {t.lookingUpQr}
        </p>
      );
      break;
    case 'form':
      content = (
        <>
          {screen.problem && <ProblemNotice problem={screen.problem} viaQr={screen.viaQr} />}
          {!screen.problem && <p className="page__intro">{t.intro}</p>}
          <LookupForm
            initialCode={screen.code}
            onFound={(answer) => {
              setScreen({ kind: 'case', ...answer });
            }}
            onProblem={(problem) => {
              setScreen((current) => (current.kind === 'form' ? { ...current, problem, viaQr: false } : current));
            }}
          />
        </>
      );
      break;
    case 'case':
      content = (
        <CaseScreen
          answer={screen}
          onView={(view) => {
            setScreen((current) => (current.kind === 'case' ? { ...current, view } : current));
          }}
          onExpired={() => {
            backToForm(screen.view.receiptCode, { kind: 'expired' });
          }}
          onAgain={() => {
            navigate('/track', { replace: true });
            backToForm('', null);
          }}
        />
      );
      break;
  }

  return (
    <main className="page page--narrow track">
      <header className="track-header">
        <h1 className="page__title">{t.title}</h1>
        <button
          type="button"
          className="button button--secondary button--small track-header__large"
          aria-pressed={largeText.on}
          onClick={largeText.toggle}
        >
          {largeText.on ? t.largeTextOn : t.largeTextOff}
        </button>
      </header>
      {content}
    </main>
  );
}
