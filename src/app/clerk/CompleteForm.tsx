import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { completeSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(completeSchema);
const outcomes = completeSchema.shape.outcome.options;

/** 办结 准予 / 不予, with the result's name (prefilled from the guide), number and a note. */
export function CompleteForm({ detail, allowed, drafts, submit, onCancel }: ActionFormProps) {
  const keep = useCallback(
    (values: ActionInputs['complete']) => {
      drafts.set('complete', values);
    },
    [drafts],
  );
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('complete') ?? {
      type: 'complete',
      outcome: 'approved',
      resultName: detail.item.resultName,
      resultNumber: '',
      note: '',
    },
    keep,
    submit,
    fields: ['outcome', 'resultName', 'resultNumber', 'note'],
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <ActionForm
      id="action-complete"
      title={t.names.complete}
      allowed={allowed}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.completeSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <fieldset className="choice choice--row">
        <legend className="field__label">{t.outcome}</legend>
        {outcomes.map((outcome) => (
          <label key={outcome} className="choice__option">
            <input type="radio" value={outcome} {...form.register('outcome')} />
            {t.outcomes[outcome]}
          </label>
        ))}
      </fieldset>
      <FormField id="complete-result-name" label={t.resultName} error={fieldErrorText(errors.resultName)}>
        {(aria) => <input className="field__input" {...aria} {...form.register('resultName')} />}
      </FormField>
      <FormField id="complete-result-number" label={t.resultNumber} error={fieldErrorText(errors.resultNumber)}>
        {(aria) => <input className="field__input" {...aria} {...form.register('resultNumber')} />}
      </FormField>
      <FormField id="complete-note" label={t.note} error={fieldErrorText(errors.note)}>
        {(aria) => <textarea className="field__input field__textarea" rows={2} {...aria} {...form.register('note')} />}
      </FormField>
    </ActionForm>
  );
}
