import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { useFieldArray } from 'react-hook-form';
import { SIGNATURE_MATERIAL_KEY } from '../../domain/case-lifecycle';
import { zhCN } from '../messages/zh-cn';
import { ActionForm } from './ActionForm';
import { supplementSchema, type ActionFormProps, type ActionInputs } from './action-schemas';
import { FormField } from './FormField';
import { fieldErrorText, useActionForm } from './use-action-form';

const t = zhCN.clerk.actions;
const resolver = zodResolver(supplementSchema);

type Choice = { key: string; name: string };

/**
 * 补正告知 — one notice listing everything (一次告知, Art. 32): every material of the item version
 * plus the signed authorisation, each ticked one with what is missing or wrong, and an overall note.
 * The ticked materials are the schema's `items`, kept in the guide's order.
 */
export function SupplementForm({ detail, allowed, drafts, submit, onCancel }: ActionFormProps) {
  const keep = useCallback(
    (values: ActionInputs['request_supplement']) => {
      drafts.set('request_supplement', values);
    },
    [drafts],
  );
  const { form, failure, onSubmit } = useActionForm({
    resolver,
    values: drafts.get('request_supplement') ?? { type: 'request_supplement', items: [], note: '' },
    keep,
    submit,
    fields: ['items', 'note'],
  });
  const { fields, insert, remove } = useFieldArray({ control: form.control, name: 'items' });
  const { errors, isSubmitting } = form.formState;

  const choices: Choice[] = [
    ...detail.item.materials.map((m) => ({ key: m.key, name: m.name })),
    { key: SIGNATURE_MATERIAL_KEY, name: t.signatureMaterial },
  ];
  const rank = new Map(choices.map((c, i) => [c.key, i]));
  const itemsProblem = errors.items?.root?.message ?? errors.items?.message;
  const itemsError = itemsProblem
    ? fieldErrorText({ type: errors.items?.type === 'server' ? 'server' : 'schema', message: itemsProblem })
    : undefined;

  const toggle = (choice: Choice, on: boolean): void => {
    const index = fields.findIndex((f) => f.materialKey === choice.key);
    if (!on) {
      if (index >= 0) remove(index);
      return;
    }
    if (index >= 0) return;
    const at = fields.filter((f) => (rank.get(f.materialKey) ?? 0) < (rank.get(choice.key) ?? 0)).length;
    insert(at, { materialKey: choice.key, note: '' }, { focusName: `items.${at}.note` });
  };

  return (
    <ActionForm
      id="action-supplement"
      title={t.names.request_supplement}
      allowed={allowed}
      busy={isSubmitting}
      failure={failure}
      submitLabel={t.supplementSubmit}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <p className="action-form__intro">{t.supplementIntro}</p>
      <fieldset className="choice supplement-list" aria-describedby={itemsError ? 'supplement-items-error' : undefined}>
        <legend className="field__label">
          {t.supplementMaterials}
          <span className="supplement-list__count">{t.supplementCount(fields.length)}</span>
        </legend>
        {choices.map((choice) => {
          const index = fields.findIndex((f) => f.materialKey === choice.key);
          const field = index >= 0 ? fields[index] : undefined;
          const checkboxId = `supplement-${choice.key}`;
          return (
            <div key={choice.key} className={`supplement-item${field ? ' supplement-item--on' : ''}`}>
              <label className="choice__option" htmlFor={checkboxId}>
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={field !== undefined}
                  onChange={(event) => {
                    toggle(choice, event.target.checked);
                  }}
                />
                {choice.name}
              </label>
              {field && (
                <FormField
                  id={`supplement-note-${choice.key}`}
                  label={t.supplementNoteFor(choice.name)}
                  error={fieldErrorText(errors.items?.[index]?.note)}
                >
                  {(aria) => (
                    <input
                      key={field.id}
                      className="field__input"
                      placeholder={t.supplementNotePlaceholder}
                      maxLength={200}
                      {...aria}
                      {...form.register(`items.${index}.note`)}
                    />
                  )}
                </FormField>
              )}
            </div>
          );
        })}
        {itemsError && (
          <p id="supplement-items-error" className="field__error">
            {itemsError}
          </p>
        )}
      </fieldset>
      <FormField id="supplement-note" label={t.supplementOverall} error={fieldErrorText(errors.note)}>
        {(aria) => <textarea className="field__input field__textarea" rows={2} {...aria} {...form.register('note')} />}
      </FormField>
    </ActionForm>
  );
}
