import { useCallback, useMemo, useState } from 'react';
import type { SupplementRequest } from '../../../domain/case-lifecycle';
import type { Page } from '../../../domain/case-draft';
import type { ServiceItem } from '../../../domain/catalogue';
import { observeThumbs, pagesOf, type CaseRecord, type StoredThumb } from '../../../device/case-repository';
import {
  addResubmissionPage,
  deleteResubmissionPage,
  moveResubmissionPage,
  resubmissionProblems,
  retakeResubmissionPage,
  saveResubmissionSignature,
  submitResubmission,
  type Resubmission,
  type ResubmissionProblem,
} from '../../../device/resubmission-repository';
import type { StoredSession } from '../../../device/session-repository';
import { requestSync } from '../../../device/sync-scheduler';
import { BusyButton } from '../../components/BusyButton';
import { useLive } from '../../hooks/use-live';
import { zhCN } from '../../messages/zh-cn';
import { authorisationLetter } from './authorisation-letter';
import { LetterText } from './LetterText';
import { MaterialSlot } from './MaterialSlot';
import { PhotoViewer } from './PhotoViewer';
import { actionErrorText, anchors, problemText } from './problem-text';
import { SignatureCapture } from './SignatureCapture';
import { supplementSlots } from './supplement-slots';
import type { SaveState } from './use-autosave';
import { usePhotoCapture } from './use-photo-capture';

const t = zhCN.supplement;

const noThumbs: StoredThumb[] = [];

type AnswerProps = {
  record: CaseRecord;
  item: ServiceItem;
  request: SupplementRequest;
  /** The answer so far; null before the first photo or signature. */
  answer: Resubmission | null;
  session: StoredSession;
  onSaveState: (state: SaveState) => void;
};

/** The new signature on the 委托书, when the notice asks for it: the letter, then the pad. */
function SignatureSlot({
  record,
  item,
  answer,
  session,
  name,
  note,
  onSaveState,
}: Omit<AnswerProps, 'request'> & { name: string; note: string }) {
  const signature = answer?.signature ?? null;
  const letter = authorisationLetter({
    applicant: record.applicant,
    agent: session.user,
    itemName: item.name,
    date: signature ? new Date(signature.signedAt) : new Date(),
  });

  return (
    <section
      className={`slot${signature ? ' slot--done' : ''}`}
      id={anchors.signature}
      tabIndex={-1}
      aria-labelledby="supplement-signature-title"
      data-material="signature"
    >
      <header className="slot__header">
        <h3 className="slot__name" id="supplement-signature-title">
          <span className="tag tag--requested">{zhCN.agent.supplementTitle}</span> {name}
        </h3>
        {note && (
          <p className="slot__clerk-note" data-testid="clerk-note">
            {t.whatIsWrong(note)}
          </p>
        )}
        <p className="section__hint">{t.signatureIntro}</p>
      </header>
      {letter && (
        <article className="letter letter--compact" aria-label={letter.title}>
          <LetterText letter={letter} />
        </article>
      )}
      <SignatureCapture
        signature={signature}
        signerName={letter?.signerName ?? record.applicant.name ?? ''}
        save={(png, signerName) => saveResubmissionSignature(record.id, png, signerName)}
        onSaveState={onSaveState}
      />
    </section>
  );
}

function problemAnchor(problem: ResubmissionProblem): string {
  return problem.where === 'signature' ? anchors.signature : anchors.material(problem.materialKey);
}

function problemLine(problem: ResubmissionProblem, request: SupplementRequest): string {
  if (problem.where === 'signature') return problemText(problem.problem);
  const name = request.items.find((i) => i.materialKey === problem.materialKey)?.name ?? problem.name;
  return zhCN.editor.problemAt(zhCN.editor.materialProblem(name), problemText(problem.problem));
}

function focusAnchor(id: string): void {
  const target = document.getElementById(id);
  target?.scrollIntoView({ block: 'center' });
  target?.focus({ preventScroll: true });
}

/**
 * The answer to an open 补正 notice: a slot for each requested material only (the first
 * submission's pages are not shown and cannot change), the new signature if the 委托书 is requested,
 * and 提交补正 once nothing is missing. Every photo is kept on the phone as it is taken.
 */
export function SupplementAnswer(props: AnswerProps) {
  const { record, item, request, answer, onSaveState } = props;
  const thumbsLive = useLive(observeThumbs, record.id);
  const thumbList = thumbsLive.status === 'ready' ? thumbsLive.value : noThumbs;
  const thumbs = useMemo(() => new Map(thumbList.map((thumb) => [thumb.id, thumb])), [thumbList]);
  const { job, errors, capture, change } = usePhotoCapture(
    {
      add: (materialKey, photo) => addResubmissionPage(record.id, materialKey, photo),
      retake: (pageId, photo) => retakeResubmissionPage(record.id, pageId, photo),
    },
    onSaveState,
  );
  const [viewing, setViewing] = useState<{ page: Page; title: string } | null>(null);
  const closeViewer = useCallback(() => {
    setViewing(null);
  }, []);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const problems = resubmissionProblems(request, answer);

  async function submit(): Promise<void> {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const result = await submitResubmission(record.id);
      // With a signal the answer reaches the window while the agent still watches.
      if (result.ok) void requestSync('submit');
    } catch (cause) {
      setSubmitError(actionErrorText(cause));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="materials supplement__answer">
      <h2 className="section__title">{t.itemsTitle(request.items.length)}</h2>
      {supplementSlots(item, request).map((slot) =>
        slot.kind === 'signature' ? (
          <SignatureSlot key="signature" {...props} name={slot.name} note={slot.note} />
        ) : (
          <MaterialSlot
            key={slot.material.key}
            material={slot.material}
            needed="requested"
            clerkNote={slot.note}
            pages={answer ? pagesOf(answer, slot.material.key) : []}
            thumbs={thumbs}
            job={job}
            error={errors[slot.material.key]}
            onAdd={(file) => void capture(slot.material.key, file, null)}
            onRetake={(pageId, file) => void capture(slot.material.key, file, pageId)}
            onMove={(pageId, direction) =>
              void change(slot.material.key, () => moveResubmissionPage(record.id, pageId, direction))
            }
            onDelete={(pageId) => void change(slot.material.key, () => deleteResubmissionPage(record.id, pageId))}
            onView={(page, index) => {
              setViewing({ page, title: zhCN.editor.viewerTitle(slot.material.name, index + 1) });
            }}
          />
        ),
      )}

      <section className="card" aria-labelledby="supplement-submit-title" data-testid="supplement-submit">
        {problems.length > 0 ? (
          <>
            <h2 id="supplement-submit-title" className="card__title problems__title">
              {t.problemsTitle(problems.length)}
            </h2>
            <ol className="problems__list">
              {problems.map((problem) => (
                <li key={problemAnchor(problem)}>
                  <button
                    type="button"
                    className="problems__link problems__link--button"
                    onClick={() => {
                      focusAnchor(problemAnchor(problem));
                    }}
                  >
                    {problemLine(problem, request)}
                  </button>
                </li>
              ))}
            </ol>
          </>
        ) : (
          <>
            <h2 id="supplement-submit-title" className="card__title">
              {t.noProblems}
            </h2>
            <p className="section__hint">{t.submitIntro}</p>
            <BusyButton
              busy={submitting}
              error={submitError}
              label={t.submit}
              busyLabel={t.submitting}
              onClick={() => void submit()}
            />
          </>
        )}
      </section>
      {viewing && <PhotoViewer photoId={viewing.page.id} title={viewing.title} onClose={closeViewer} />}
    </div>
  );
}
