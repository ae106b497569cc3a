import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm, type FieldPath, type FieldValues, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { followUpActionSchema, type FollowUp, type FollowUpAction } from '../../../domain/tracking';
import { ApiRequestError } from '../../../device/sync-fetch';
import { postFollowUpAction } from '../../../device/sync-follow-ups';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';
import { FormField } from '../FormField';
import { fieldErrorText } from '../use-action-form';

const t = zhCN.clerk.followUps;

const [calledBackSchema, closeSchema] = followUpActionSchema.options;
const calledBackResolver = zodResolver(calledBackSchema);
const closeResolver = zodResolver(closeSchema);

export type FollowUpFormProps = {
  followUp: FollowUp;
  /** The task as the server answers it after the action. */
  onDone: (updated: FollowUp) => void;
  onCancel: () => void;
};

/**
 * Sends the action; on failure shows the server's words above the buttons and, when it names the
 * field, at the field too.
 */
function useSubmit<T extends FieldValues>(
  form: UseFormReturn<T, unknown, FollowUpAction>,
  followUp: FollowUp,
  field: FieldPath<T>,
  onDone: (updated: FollowUp) => void,
) {
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (action) => {
    setFailure(null);
    try {
      onDone(await postFollowUpAction(followUp.id, action));
    } catch (error) {
      const message = describeError(error);
      setFailure(message);
      if (error instanceof ApiRequestError && error.field !== undefined) {
        form.setError(field, { type: 'server', message });
      }
    }
  });
  return { failure, submit: () => void submit() };
}

function Frame({
  id,
  title,
  submitLabel,
  busy,
  failure,
  onSubmit,
  onCancel,
  children,
}: {
  id: string;
  title: string;
  submitLabel: string;
  busy: boolean;
  failure: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="action-form follow-up__form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={`${id}-title`} className="action-form__title">
        {title}
      </h3>
      {children}
      {failure && (
        <p className="form__error" role="alert">
          {failure}
        </p>
      )}
      <div className="follow-up__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.submitting : submitLabel}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/** 记录回访: what was said on the call back. */
export function CallbackForm({ followUp, onDone, onCancel }: FollowUpFormProps) {
  const form = useForm<z.input<typeof calledBackSchema>, unknown, FollowUpAction>({
    resolver: calledBackResolver,
    defaultValues: { type: 'called_back', note: '' },
    mode: 'onTouched',
  });
  const { failure, submit } = useSubmit(form, followUp, 'note', onDone);
  const id = `follow-up-callback-${followUp.id}`;
  return (
    <Frame
      id={id}
      title={t.recordCallback}
      submitLabel={t.callbackSubmit}
      busy={form.formState.isSubmitting}
      failure={failure}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <FormField id={`${id}-note`} label={t.callbackLabel} error={fieldErrorText(form.formState.errors.note)}>
        {(aria) => <textarea className="field__input field__textarea" rows={3} {...aria} {...form.register('note')} />}
      </FormField>
    </Frame>
  );
}

/** 办结: how it was put right, kept with the task. */
export function CloseForm({ followUp, onDone, onCancel }: FollowUpFormProps) {
  const form = useForm<z.input<typeof closeSchema>, unknown, FollowUpAction>({
    resolver: closeResolver,
    defaultValues: { type: 'close', outcome: '' },
    mode: 'onTouched',
  });
  const { failure, submit } = useSubmit(form, followUp, 'outcome', onDone);
  const id = `follow-up-close-${followUp.id}`;
  return (
    <Frame
      id={id}
      title={t.close}
      submitLabel={t.closeSubmit}
      busy={form.formState.isSubmitting}
      failure={failure}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <FormField id={`${id}-outcome`} label={t.outcomeLabel} error={fieldErrorText(form.formState.errors.outcome)}>
        {(aria) => (
          <textarea className="field__input field__textarea" rows={3} {...aria} {...form.register('outcome')} />
        )}
      </FormField>
    </Frame>
  );
}
