import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import type { ItemField } from '../../../domain/catalogue';
import { answersSchemaFor, neededMaterials, visibleFields, type Answers } from '../../../domain/item-answers';
import { checkResidentId, normaliseResidentId, todayInChina } from '../../../domain/resident-id';
import { AGENT_CASE_CONTEXT, saveDraftOnHide, updateDraft } from '../../../device/case-repository';
import { useFocusFromHash } from '../../hooks/use-focus-from-hash';
import { zhCN } from '../../messages/zh-cn';
import type { StepProps } from './editor-context';
import { FieldError } from './FieldError';
import { anchors, fieldProblemText } from './problem-text';
import { useAutosave } from './use-autosave';

const t = zhCN.editor;

type AnswerValues = Record<string, unknown>;

type FieldProps = {
  field: ItemField;
  register: UseFormRegister<AnswerValues>;
  control: Control<AnswerValues, unknown, Answers>;
  error: string | undefined;
  value: unknown;
};

function ItemFieldInput({ field, register, control, error, value }: FieldProps) {
  const id = anchors.answer(field.key);
  const errorId = `${id}-error`;
  const invalid = error ? true : undefined;
  const describedBy = error ? errorId : undefined;
  const hint = field.help ?? t.fieldTypeHints[field.type];
  const label = (
    <>
      {field.label}
      {!field.required && <span className="field__optional">{t.optionalField}</span>}
      {'unit' in field && field.unit && <span className="field__optional">（{field.unit}）</span>}
    </>
  );

  if (field.type === 'choice') {
    return (
      <fieldset className="field choice" id={id} aria-describedby={describedBy} aria-invalid={invalid}>
        <legend className="field__label">{label}</legend>
        {hint && <p className="field__hint">{hint}</p>}
        {field.options.map((option) => (
          <label key={option.value} className="choice__option">
            <input type="radio" value={option.value} {...register(field.key)} />
            <span>{option.label}</span>
          </label>
        ))}
        <FieldError id={errorId} text={error} />
      </fieldset>
    );
  }

  if (field.type === 'multiChoice') {
    return (
      <fieldset className="field choice" id={id} aria-describedby={describedBy} aria-invalid={invalid}>
        <legend className="field__label">{label}</legend>
        {hint && <p className="field__hint">{hint}</p>}
        <Controller
          control={control}
          name={field.key}
          render={({ field: controlled }) => {
            const chosen: unknown[] = Array.isArray(controlled.value) ? controlled.value : [];
            return (
              <>
                {field.options.map((option) => (
                  <label key={option.value} className="choice__option">
                    <input
                      type="checkbox"
                      value={option.value}
                      checked={chosen.includes(option.value)}
                      onBlur={controlled.onBlur}
                      onChange={(event) => {
                        controlled.onChange(
                          event.target.checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value),
                        );
                      }}
                    />
                    <span>{option.label}</span>
                  </label>
                ))}
              </>
            );
          }}
        />
        <FieldError id={errorId} text={error} />
      </fieldset>
    );
  }

  const common = {
    id,
    className: 'field__input',
    autoComplete: 'off',
    'aria-invalid': invalid,
    'aria-describedby': describedBy,
  };
  let input: ReactNode;
  switch (field.type) {
    case 'number':
      input = <input {...common} type="text" inputMode="decimal" {...register(field.key)} />;
      break;
    case 'date':
      input = <input {...common} type="date" {...register(field.key)} />;
      break;
    case 'phone':
      input = <input {...common} type="tel" inputMode="numeric" maxLength={13} {...register(field.key)} />;
      break;
    case 'residentId':
      input = <input {...common} autoCapitalize="characters" spellCheck={false} {...register(field.key)} />;
      break;
    case 'address':
      input = <textarea {...common} rows={2} maxLength={field.maxLength} {...register(field.key)} />;
      break;
    case 'text':
      input = <input {...common} maxLength={field.maxLength} {...register(field.key)} />;
      break;
  }
  const idFacts =
    field.type === 'residentId' && typeof value === 'string'
      ? checkResidentId(normaliseResidentId(value), todayInChina())
      : null;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && <p className="field__hint">{hint}</p>}
      {input}
      <FieldError id={errorId} text={error} />
      {idFacts?.ok && (
        <p className="field__derived">{t.derivedFromId(idFacts.facts.birthDate, t.sexes[idFacts.facts.sex])}</p>
      )}
    </div>
  );
}

/**
 * 事项信息: the item's own fields, rendered per type and checked with the zod schema built from the
 * item (answersSchemaFor). Conditional fields appear and disappear as answers change; so does the
 * list of materials this case needs, shown below so the agent can tell the resident at once.
 */
export function AnswersStep({ record, item, onSaveState }: StepProps) {
  const caseId = record.id;
  const schema = useMemo(() => answersSchemaFor(item, AGENT_CASE_CONTEXT), [item]);
  const {
    register,
    control,
    subscribe,
    trigger,
    formState: { errors },
  } = useForm<AnswerValues, unknown, Answers>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: record.answers,
  });

  const latest = useRef(record);
  useEffect(() => {
    latest.current = record;
  }, [record]);
  const save = useCallback((answers: Answers) => updateDraft(caseId, { answers }), [caseId]);
  const saveOnHide = useCallback((answers: Answers) => saveDraftOnHide(latest.current, { answers }), []);
  const { schedule } = useAutosave(save, saveOnHide, onSaveState);
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values }) => {
          schedule({ ...values });
        },
      }),
    [subscribe, schedule],
  );

  const values = useWatch({ control });
  const fields = visibleFields(item, values, AGENT_CASE_CONTEXT);
  const materials = neededMaterials(item, values, AGENT_CASE_CONTEXT);

  // Coming back to a draft (or from the problem list): show what is wrong with what was answered.
  const [onArrival] = useState(() => {
    const target = window.location.hash.slice(1);
    return visibleFields(item, record.answers, AGENT_CASE_CONTEXT)
      .map((f) => f.key)
      .filter((key) => key in record.answers || target === anchors.answer(key));
  });
  useEffect(() => {
    if (onArrival.length > 0) void trigger(onArrival);
  }, [onArrival, trigger]);
  useFocusFromHash(true);

  return (
    <form
      className="card form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <h2 className="card__title">{t.steps.answers}</h2>
      {fields.length === 0 && <p>{t.noFields}</p>}
      {fields.map((field) => {
        const message = errors[field.key]?.message;
        return (
          <ItemFieldInput
            key={field.key}
            field={field}
            register={register}
            control={control}
            value={values[field.key]}
            error={typeof message === 'string' ? fieldProblemText(message, values[field.key]) : undefined}
          />
        );
      })}
      <section className="needed" aria-labelledby="needed-title" data-testid="needed-materials">
        <h3 id="needed-title" className="needed__title">
          {t.neededNow}
        </h3>
        <ul className="needed__list">
          {materials.map((m) => (
            <li key={m.key}>
              <span className={`tag tag--${m.needed}`}>
                {m.needed === 'required' ? t.materialRequired : t.materialOptional}
              </span>{' '}
              {m.name}
            </li>
          ))}
        </ul>
      </section>
    </form>
  );
}
