import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { rejectSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(rejectSchema);

/** 不予受理, with the reason the resident is told (printed on the 不予受理决定书). */
export function RejectForm({ allowed, drafts, submit, onCancel }: ActionFormProps) {
  const keep = useCallback(
    (values: ActionInputs['reject']) => {
      drafts.set('reject', values);
    },
    [drafts],
  );
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('reject') ?? { type: 'reject', reason: '' },
    keep,
    submit,
    fields: ['reason'],
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <ActionForm
      id="action-reject"
      title={t.names.reject}
      allowed={allowed}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.rejectSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <FormField id="reject-reason" label={t.rejectReason} error={fieldErrorText(errors.reason)}>
        {(aria) => (
          <textarea className="field__input field__textarea" rows={3} {...aria} {...form.register('reason')} />
        )}
      </FormField>
    </ActionForm>
  );
}
