import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { problemsOf, submitCase } from '../../../device/case-repository';
import { requestSync } from '../../../device/sync-scheduler';
import { BusyButton } from '../../components/BusyButton';
import { zhCN } from '../../messages/zh-cn';
import type { StepProps } from './editor-context';
import { actionErrorText, problemLink } from './problem-text';

const t = zhCN.editor;

/**
 * 提交: every problem at once (一次告知 applies to the app too), each linking to where it is fixed;
 * when there are none, submit → the case moves to the outbox and the receipt shows.
 */
export function SubmitStep({ record, item }: StepProps) {
  const [, navigate] = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const problems = problemsOf(record, item).map((problem) => problemLink(problem, record.id, record.applicant));

  async function submit(): Promise<void> {
    setSubmitting(true);
    setError(null);
    try {
      const result = await submitCase(record.id);
      // Not ok: the live record shows the same problems this check found.
      if (result.ok) {
        // Try at once: with a signal the case reaches the township while the resident still watches.
        void requestSync('submit');
        navigate(`/agent/cases/${record.id}/receipt`, { replace: true });
      } else setSubmitting(false);
    } catch (cause) {
      setError(actionErrorText(cause));
      setSubmitting(false);
    }
  }

  if (problems.length > 0) {
    return (
      <section className="card problems" aria-labelledby="problems-title">
        <h2 id="problems-title" className="card__title problems__title">
          {t.problemsTitle(problems.length)}
        </h2>
        <p className="section__hint">{t.problemsIntro}</p>
        <ol className="problems__list">
          {problems.map((problem) => (
            <li key={problem.key}>
              <Link href={problem.href} className="problems__link">
                <span className="problems__step">{t.steps[problem.step]}</span>
                {problem.text}
              </Link>
            </li>
          ))}
        </ol>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="submit-title">
      <h2 id="submit-title" className="card__title">
        {t.noProblems}
      </h2>
      <p className="section__hint">{t.submitIntro}</p>
      <BusyButton
        busy={submitting}
        error={error}
        label={t.submit}
        busyLabel={t.submitting}
        onClick={() => void submit()}
      />
    </section>
  );
}
