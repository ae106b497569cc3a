import { useState, type ComponentType } from 'react';
import type { ClerkAction, ClerkActionType } from '../../domain/case-lifecycle';
import type { CaseDetail } from '../../domain/workbench';
import { postClerkAction } from '../../device/sync-workbench';
import { ApiRequestError } from '../../device/sync-fetch';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { AcceptForm } from './AcceptForm';
import { createActionDrafts, type ActionFormProps, type ActionOutcome } from './action-schemas';
import { CompleteForm } from './CompleteForm';
import { ExtendForm } from './ExtendForm';
import { RejectForm } from './RejectForm';
import { ResumeForm } from './ResumeForm';
import { SupplementForm } from './SupplementForm';
import { SuspendForm } from './SuspendForm';
import { TransferForm } from './TransferForm';

const t = zhCN.clerk.actions;

const forms = {
  accept: AcceptForm,
  request_supplement: SupplementForm,
  reject: RejectForm,
  complete: CompleteForm,
  transfer: TransferForm,
  suspend: SuspendForm,
  resume: ResumeForm,
  extend: ExtendForm,
} as const satisfies Record<ClerkActionType, ComponentType<ActionFormProps>>;

type ActionsPanelProps = {
  detail: CaseDetail;
  /** The case as the server answered an action. */
  onChanged: (detail: CaseDetail, done: string) => void;
  /** Reloads the case (after a conflict). */
  reload: () => Promise<void>;
};

/**
 * The clerk's actions on this case — only those the server lists in `detail.actions`. Each posts on
 * the version on screen; when the case changed meanwhile (409 CASE_CHANGED) the case reloads and the
 * form stays open with everything typed, so the clerk can check the new state and send again.
 */
export function ActionsPanel({ detail, onChanged, reload }: ActionsPanelProps) {
  const [open, setOpen] = useState<ClerkActionType | null>(null);
  const [drafts] = useState(createActionDrafts);

  async function submit(action: ClerkAction): Promise<ActionOutcome> {
    try {
      const next = await postClerkAction(detail.id, { expectedVersion: detail.version, action });
      drafts.clear(action.type);
      setOpen(null);
      onChanged(next, t.done[action.type]);
      return { ok: true };
    } catch (error) {
      const message = describeError(error);
      if (error instanceof ApiRequestError && (error.code === 'CASE_CHANGED' || error.code === 'ACTION_NOT_ALLOWED')) {
        await reload();
        return { ok: false, message, conflict: true };
      }
      if (error instanceof ApiRequestError && error.code === 'VALIDATION_FAILED' && error.field) {
        return { ok: false, message, field: error.field };
      }
      return { ok: false, message };
    }
  }

  const OpenForm = open ? forms[open] : null;
  return (
    <section className="card actions" aria-labelledby="actions-title">
      <h2 id="actions-title" className="card__title">
        {t.title}
      </h2>
      {detail.actions.length === 0 && !open ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div className="actions__buttons" role="group" aria-labelledby="actions-title">
          {detail.actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button button--small ${open === action ? 'button--primary' : 'button--secondary'} actions__button--${action}`}
              aria-expanded={open === action}
              onClick={() => {
                setOpen(open === action ? null : action);
              }}
            >
              {t.names[action]}
            </button>
          ))}
        </div>
      )}
      {open && OpenForm && (
        <OpenForm
          key={open}
          detail={detail}
          allowed={detail.actions.includes(open)}
          drafts={drafts}
          submit={submit}
          onCancel={() => {
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}
