import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { extendSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(extendSchema);

/** 延期 by N working days, with the reason (Art. 42: +10 with the head's approval). */
export function ExtendForm({ allowed, drafts, submit, onCancel }: ActionFormProps) {
  const keep = useCallback(
    (values: ActionInputs['extend']) => {
      drafts.set('extend', values);
    },
    [drafts],
  );
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('extend') ?? { type: 'extend', days: 10, reason: '' },
    keep,
    submit,
    fields: ['days', 'reason'],
  });
  const { errors, isSubmitting } = form.formState;
  const daysError = errors.days
    ? errors.days.type === 'server'
      ? errors.days.message
      : t.extendDaysInvalid
    : undefined;
  return (
    <ActionForm
      id="action-extend"
      title={t.names.extend}
      allowed={allowed}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.extendSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <FormField id="extend-days" label={t.extendDays} hint={t.extendDaysHint} error={daysError}>
        {(aria) => (
          <input
            className="field__input field__input--short"
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            step={1}
            {...aria}
            {...form.register('days', { valueAsNumber: true })}
          />
        )}
      </FormField>
      <FormField id="extend-reason" label={t.extendReason} error={fieldErrorText(errors.reason)}>
        {(aria) => (
          <textarea className="field__input field__textarea" rows={3} {...aria} {...form.register('reason')} />
        )}
      </FormField>
    </ActionForm>
  );
}
