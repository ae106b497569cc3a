import { lazy, Suspense, useState } from 'react';
import { Link, Redirect } from 'wouter';
import { observeCase, problemsOf, type CaseWithItem } from '../../../device/case-repository';
import type { StoredSession } from '../../../device/session-repository';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Splash } from '../../components/Splash';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLive } from '../../hooks/use-live';
import { zhCN } from '../../messages/zh-cn';
import { AgentGate } from '../AgentGate';
import { ItemGuide } from '../ItemGuide';
import { AnswersStep } from './AnswersStep';
import { ApplicantStep } from './ApplicantStep';
import type { StepProps } from './editor-context';
import { MaterialsStep } from './MaterialsStep';
import { EDITOR_STEPS, problemLink, type EditorStep } from './problem-text';
import { SaveIndicator } from './SaveIndicator';
import { SubmitStep } from './SubmitStep';
import { SupplementPage } from './SupplementPage';
import type { SaveState } from './use-autosave';
import '../agent.css';

// The signature pad library is only needed on this one step.
const LetterStep = lazy(() => import('./LetterStep').then((m) => ({ default: m.LetterStep })));

const t = zhCN.editor;

function isStep(value: string | undefined): value is EditorStep {
  return EDITOR_STEPS.some((step) => step === value);
}

function StepNav({
  caseId,
  current,
  counts,
}: {
  caseId: string;
  current: EditorStep;
  counts: Map<EditorStep, number>;
}) {
  return (
    <nav aria-label={t.stepNav} className="steps">
      <ol className="steps__list">
        {EDITOR_STEPS.map((step, index) => {
          const count = counts.get(step) ?? 0;
          return (
            <li key={step}>
              <Link
                href={`/agent/cases/${caseId}/${step}`}
                className="steps__link"
                aria-current={step === current ? 'step' : undefined}
              >
                <span className="steps__number">{index + 1}</span>
                {t.steps[step]}
                {count > 0 && step !== 'submit' && <span className="steps__dot" aria-hidden="true" />}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function StepBody({ step, props }: { step: EditorStep; props: StepProps }) {
  switch (step) {
    case 'applicant':
      return <ApplicantStep {...props} />;
    case 'answers':
      return <AnswersStep {...props} />;
    case 'materials':
      return <MaterialsStep {...props} />;
    case 'letter':
      return (
        <Suspense fallback={<div className="card" aria-busy="true" />}>
          <LetterStep {...props} />
        </Suspense>
      );
    case 'submit':
      return <SubmitStep {...props} />;
  }
}

function Editor({
  loaded,
  step,
  session,
}: {
  loaded: CaseWithItem;
  step: EditorStep | 'guide';
  session: StoredSession;
}) {
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const { record, item } = loaded;
  useDocumentTitle(item.name);

  if (record.status !== 'draft') return <Redirect to={`/agent/cases/${record.id}/receipt`} replace />;

  const base = `/agent/cases/${record.id}`;
  if (step === 'guide') {
    return (
      <div className="shell">
        <ScreenHeader backHref={`${base}/applicant`} backLabel={t.steps.applicant} title={item.name} />
        <main className="page">
          <ItemGuide item={item} />
        </main>
      </div>
    );
  }

  const counts = new Map<EditorStep, number>();
  for (const problem of problemsOf(record, item)) {
    const { step: at } = problemLink(problem, record.id, record.applicant);
    counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  const index = EDITOR_STEPS.indexOf(step);
  const previous = EDITOR_STEPS[index - 1];
  const next = EDITOR_STEPS[index + 1];

  return (
    <div className="shell">
      <ScreenHeader
        backHref="/agent"
        backLabel={t.backHome}
        title={item.name}
        aside={<SaveIndicator state={saveState} />}
      />
      <StepNav caseId={record.id} current={step} counts={counts} />
      <main className="page editor">
        {saveState.kind === 'failed' && (
          <p className="form__error" role="alert">
            {saveState.message}
          </p>
        )}
        <StepBody
          key={`${record.id}-${step}`}
          step={step}
          props={{ record, item, session, onSaveState: setSaveState }}
        />
        <div className="step-buttons">
          {previous ? (
            <Link href={`${base}/${previous}`} className="button button--secondary">
              {t.previous}
            </Link>
          ) : (
            <Link href={`${base}/guide`} className="button button--ghost">
              {t.guideLink}
            </Link>
          )}
          {next && (
            <Link href={`${base}/${next}`} className="button button--primary">
              {t.next}：{t.steps[next]}
            </Link>
          )}
        </div>
        <p className="section__hint editor__note">{t.savedNote}</p>
      </main>
    </div>
  );
}

type Screen = EditorStep | 'guide' | 'supplement';

function CaseLoader({ id, step, session }: { id: string; step: Screen; session: StoredSession }) {
  const live = useLive(observeCase, id);
  if (live.status === 'loading') return <Splash />;
  if (live.status === 'failed' || live.value === null) {
    return (
      <main className="page page--narrow">
        <section className="card" role="alert">
          <p>{live.status === 'failed' ? t.itemMissing : t.notFound}</p>
          <Link href="/agent" className="button button--secondary">
            {zhCN.common.backHome}
          </Link>
        </section>
      </main>
    );
  }
  // The 补正 screen works on a submitted case: it never reaches the draft editor.
  if (step === 'supplement') return <SupplementPage loaded={live.value} session={session} />;
  return <Editor loaded={live.value} step={step} session={session} />;
}

/**
 * The case editor: 申请人 · 事项信息 · 材料 · 委托书 · 提交, each step its own URL, all saved as typed;
 * and, under /supplement, the 补正 screen of a submitted case.
 */
export function CaseEditorPage({ id, step }: { id: string; step: string | undefined }) {
  const current: Screen = step === 'guide' || step === 'supplement' ? step : isStep(step) ? step : 'applicant';
  return <AgentGate>{(session) => <CaseLoader id={id} step={current} session={session} />}</AgentGate>;
}
