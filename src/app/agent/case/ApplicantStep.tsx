import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useRef, useState, type InputHTMLAttributes } from 'react';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import type { z } from 'zod';
import { applicantSchema, type Applicant } from '../../../domain/case-draft';
import { checkResidentId, normaliseResidentId, todayInChina } from '../../../domain/resident-id';
import { saveDraftOnHide, updateDraft, type ApplicantDraft } from '../../../device/case-repository';
import { useFocusFromHash } from '../../hooks/use-focus-from-hash';
import { zhCN } from '../../messages/zh-cn';
import type { StepProps } from './editor-context';
import { FieldError } from './FieldError';
import { anchors, fieldProblemText } from './problem-text';
import { useAutosave } from './use-autosave';

const t = zhCN.editor;
const labels = t.applicantLabels;

type ApplicantInput = z.input<typeof applicantSchema>;
type ApplicantField = FieldPath<ApplicantInput>;

const TEXT_FIELDS = ['name', 'idNumber', 'phone', 'group', 'address'] as const satisfies ApplicantField[];

function toDraft(values: Partial<ApplicantInput>, villageId: string): ApplicantDraft {
  const draft: ApplicantDraft = { villageId };
  for (const key of TEXT_FIELDS) {
    const value = values[key];
    if (typeof value === 'string') draft[key] = value;
  }
  return draft;
}

function IdFacts({ value }: { value: string | undefined }) {
  const result = checkResidentId(normaliseResidentId(value ?? ''), todayInChina());
  if (!result.ok) return null;
  return (
    <p className="field__derived" data-testid="id-facts">
      {t.derivedFromId(result.facts.birthDate, t.sexes[result.facts.sex])}
    </p>
  );
}

/**
 * 申请人: the resident's name, ID number (GB 11643, birth date and sex shown as derived), phone,
 * village (the agent's), group and address. Checked with applicantSchema as the agent types; saved
 * on every change whatever its state — the submit step lists what is still wrong.
 */
export function ApplicantStep({ record, session, onSaveState }: StepProps) {
  const villageId = record.applicant.villageId ?? session.user.village?.id ?? '';
  const caseId = record.id;
  const {
    register,
    control,
    subscribe,
    trigger,
    formState: { errors },
  } = useForm<ApplicantInput, unknown, Applicant>({
    resolver: zodResolver(applicantSchema),
    mode: 'onTouched',
    defaultValues: {
      name: record.applicant.name ?? '',
      idNumber: record.applicant.idNumber ?? '',
      phone: record.applicant.phone ?? '',
      villageId,
      group: record.applicant.group ?? '',
      address: record.applicant.address ?? '',
    },
  });

  const latest = useRef(record);
  useEffect(() => {
    latest.current = record;
  }, [record]);
  const save = useCallback((draft: ApplicantDraft) => updateDraft(caseId, { applicant: draft }), [caseId]);
  const saveOnHide = useCallback((draft: ApplicantDraft) => saveDraftOnHide(latest.current, { applicant: draft }), []);
  const { schedule } = useAutosave(save, saveOnHide, onSaveState);

  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values }) => {
          schedule(toDraft(values, villageId));
        },
      }),
    [subscribe, schedule, villageId],
  );

  // Coming back to a draft (or from the problem list): show what is wrong with what was typed.
  const [onArrival] = useState(() => {
    const target = window.location.hash.slice(1);
    return TEXT_FIELDS.filter((key) => {
      const value = record.applicant[key];
      return (value !== undefined && value.trim() !== '') || target === anchors.applicant(key);
    });
  });
  useEffect(() => {
    if (onArrival.length > 0) void trigger(onArrival);
  }, [onArrival, trigger]);
  useFocusFromHash(true);

  const idNumber = useWatch({ control, name: 'idNumber' });
  const values = useWatch({ control });
  const errorText = (key: (typeof TEXT_FIELDS)[number]): string | undefined => {
    const message = errors[key]?.message;
    return message ? fieldProblemText(message, values[key]) : undefined;
  };

  const input = (key: (typeof TEXT_FIELDS)[number], extra: InputHTMLAttributes<HTMLInputElement> = {}) => {
    const error = errorText(key);
    return (
      <div className="field">
        <label className="field__label" htmlFor={anchors.applicant(key)}>
          {labels[key]}
          {key === 'group' && <span className="field__optional">{t.optionalField}</span>}
        </label>
        <input
          id={anchors.applicant(key)}
          className="field__input"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${anchors.applicant(key)}-error` : undefined}
          {...extra}
          {...register(key)}
        />
        <FieldError id={`${anchors.applicant(key)}-error`} text={error} />
        {key === 'idNumber' && <IdFacts value={idNumber} />}
      </div>
    );
  };

  return (
    <form
      className="card form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <h2 className="card__title">{t.steps.applicant}</h2>
      {record.signature && <p className="banner banner--info">{t.signatureWillReset}</p>}
      {input('name', { autoCapitalize: 'off' })}
      {input('idNumber', { autoCapitalize: 'characters', spellCheck: false, inputMode: 'text', maxLength: 22 })}
      {input('phone', { type: 'tel', inputMode: 'numeric', maxLength: 13 })}
      <div className="field">
        <span className="field__label">{labels.villageId}</span>
        <p className="field__static" id={anchors.applicant('villageId')}>
          {session.user.village?.name ?? ''} <span className="field__optional">{t.villageFixed}</span>
        </p>
      </div>
      {input('group', { placeholder: t.groupPlaceholder })}
      {input('address')}
    </form>
  );
}
