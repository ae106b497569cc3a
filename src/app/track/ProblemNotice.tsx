import { useEffect, useRef } from 'react';
import { zhCN } from '../messages/zh-cn';
import type { LookupProblem } from './track-text';

const t = zhCN.track;

function texts(problem: LookupProblem, viaQr: boolean): { title: string; text: string } {
  switch (problem.kind) {
    case 'not-found':
      return { title: t.notFoundTitle, text: viaQr ? t.notFoundQr : t.notFoundText };
    case 'locked':
      return { title: t.lockedTitle, text: t.lockedFor(problem.minutes) };
    case 'offline':
      return { title: t.offlineTitle, text: t.offlineText };
    case 'timeout':
      return { title: t.failedTitle, text: t.timeoutText };
    case 'expired':
      return { title: t.failedTitle, text: t.expired };
    case 'failed':
      return { title: t.failedTitle, text: problem.message };
  }
}

/**
 * Why a lookup found nothing, large and first on the page, with what to do next; it takes the focus
 * so a screen reader announces it. "代办员尚未上传" leads: the server cannot tell a case still on the
 * agent's phone from a typo (and must not), and the former is the common case with a fresh receipt.
 */
export function ProblemNotice({ problem, viaQr }: { problem: LookupProblem; viaQr: boolean }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [problem]);
  const { title, text } = texts(problem, viaQr);
  const tone = problem.kind === 'not-found' ? 'track-problem--waiting' : 'track-problem--error';
  return (
    <section
      ref={ref}
      className={`track-problem ${tone}`}
      role="alert"
      tabIndex={-1}
      aria-labelledby="track-problem-title"
      data-testid="track-problem"
      data-problem={problem.kind}
    >
      <h2 id="track-problem-title" className="track-problem__title">
        {title}
      </h2>
      <p>{text}</p>
    </section>
  );
}
