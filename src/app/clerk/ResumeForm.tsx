import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { resumeSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(resumeSchema);

/** 恢复办理 after a pause: the due date moves by the working days spent suspended. */
export function ResumeForm({ allowed, drafts, submit, onCancel }: ActionFormProps) {
  const keep = useCallback(
    (values: ActionInputs['resume']) => {
      drafts.set('resume', values);
    },
    [drafts],
  );
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('resume') ?? { type: 'resume', note: '' },
    keep,
    submit,
    fields: ['note'],
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <ActionForm
      id="action-resume"
      title={t.names.resume}
      allowed={allowed}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.resumeSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <FormField id="resume-note" label={t.note} error={fieldErrorText(errors.note)}>
        {(aria) => <textarea className="field__input field__textarea" rows={2} {...aria} {...form.register('note')} />}
      </FormField>
    </ActionForm>
  );
}
