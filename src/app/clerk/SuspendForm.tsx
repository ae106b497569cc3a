import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { suspendSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(suspendSchema);
const kinds = suspendSchema.shape.kind.options;

/** 挂起 / 特别程序 (Art. 45: public notice, hearing, inspection…): the clock pauses until 恢复. */
export function SuspendForm({ detail, allowed, drafts, submit, onCancel }: ActionFormProps) {
  const keep = useCallback(
    (values: ActionInputs['suspend']) => {
      drafts.set('suspend', values);
    },
    [drafts],
  );
  const special = detail.item.specialProcedures;
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('suspend') ?? {
      type: 'suspend',
      kind: special.length > 0 ? 'special_procedure' : 'other',
      reason: special.length === 1 ? (special[0] ?? '') : '',
    },
    keep,
    submit,
    fields: ['kind', 'reason'],
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <ActionForm
      id="action-suspend"
      title={t.names.suspend}
      allowed={allowed}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.suspendSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <fieldset className="choice choice--row">
        <legend className="field__label">{t.suspendKind}</legend>
        {kinds.map((kind) => (
          <label key={kind} className="choice__option">
            <input type="radio" value={kind} {...form.register('kind')} />
            {t.suspendKinds[kind]}
          </label>
        ))}
      </fieldset>
      <FormField id="suspend-reason" label={t.suspendReason} error={fieldErrorText(errors.reason)}>
        {(aria) => (
          <textarea className="field__input field__textarea" rows={3} {...aria} {...form.register('reason')} />
        )}
      </FormField>
    </ActionForm>
  );
}
