import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { transferSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { useClerkFrame } from './clerk-frame';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(transferSchema);

/** 转办 to another window of the township; the status stays as it is. */
export function TransferForm({ detail, allowed, drafts, submit, onCancel }: ActionFormProps) {
  const { township } = useClerkFrame();
  const keep = useCallback(
    (values: ActionInputs['transfer']) => {
      drafts.set('transfer', values);
    },
    [drafts],
  );
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('transfer') ?? { type: 'transfer', windowCode: '', note: '' },
    keep,
    submit,
    fields: ['windowCode', 'note'],
  });
  const { errors, isSubmitting } = form.formState;
  const others = township.windows.filter((w) => w.code !== detail.windowCode);
  return (
    <ActionForm
      id="action-transfer"
      title={t.names.transfer}
      allowed={allowed && others.length > 0}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.transferSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {others.length === 0 ? (
        <p className="action-form__intro">{t.transferNone}</p>
      ) : (
        <>
          <FormField
            id="transfer-window"
            label={t.transferTo}
            error={
              errors.windowCode
                ? errors.windowCode.type === 'server'
                  ? errors.windowCode.message
                  : t.windowCodeRequired
                : undefined
            }
          >
            {(aria) => (
              <select className="field__input field__input--select" {...aria} {...form.register('windowCode')}>
                <option value="">{t.transferChoose}</option>
                {others.map((w) => (
                  <option key={w.id} value={w.code}>
                    {w.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="transfer-note" label={t.note} error={fieldErrorText(errors.note)}>
            {(aria) => (
              <textarea className="field__input field__textarea" rows={2} {...aria} {...form.register('note')} />
            )}
          </FormField>
        </>
      )}
    </ActionForm>
  );
}
