import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { acceptSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(acceptSchema);

/** 受理: a confirmation with an optional note. */
export function AcceptForm({ allowed, drafts, submit, onCancel }: ActionFormProps) {
  const keep = useCallback(
    (values: ActionInputs['accept']) => {
      drafts.set('accept', values);
    },
    [drafts],
  );
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('accept') ?? { type: 'accept', note: '' },
    keep,
    submit,
    fields: ['note'],
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <ActionForm
      id="action-accept"
      title={t.names.accept}
      allowed={allowed}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.acceptSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <p className="action-form__intro">{t.acceptConfirm}</p>
      <FormField id="accept-note" label={t.note} error={fieldErrorText(errors.note)}>
        {(aria) => <textarea className="field__input field__textarea" rows={2} {...aria} {...form.register('note')} />}
      </FormField>
    </ActionForm>
  );
}
