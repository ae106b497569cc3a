import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { CalendarSaveResponse } from '../../domain/calendar-api';
import type { YearSchedule } from '../../domain/working-days';
import { saveCalendarYear } from '../../device/sync-calendar';
import { ApiRequestError } from '../../device/sync-fetch';
import { BusyButton } from '../components/BusyButton';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import {
  calendarFormSchema,
  formatDateLines,
  parseDateLines,
  type CalendarFormInput,
  type CalendarFormOutput,
} from './calendar-input';
import { FormField } from './FormField';

const t = zhCN.clerk.calendar;

type CalendarEditorProps = {
  year: number;
  /** The schedule in force for the year, prefilled (null: the year has none yet). */
  schedule: YearSchedule | null;
  /** Open cases whose deadline the last save changed, when this year was just saved. */
  saved: number | null;
  onSaved: (answer: CalendarSaveResponse) => void;
  /** Folds the form away (absent for a year without a schedule, whose form stays open). */
  onClose: (() => void) | undefined;
};

/**
 * An administrator's entry of a year's holidays and 调休上班 days: two textareas (a date or a range a
 * line), a live count of what will be saved, and 保存. The server recomputes the open cases' deadlines.
 */
export function CalendarEditor({ year, schedule, saved, onSaved, onClose }: CalendarEditorProps) {
  const resolver = useMemo(() => zodResolver(calendarFormSchema(year)), [year]);
  const form = useForm<CalendarFormInput, unknown, CalendarFormOutput>({
    resolver,
    defaultValues: {
      holidays: formatDateLines(schedule?.holidays ?? []),
      workdays: formatDateLines(schedule?.workdays ?? []),
    },
    mode: 'onTouched',
  });
  const { control, register, formState } = form;
  const { errors, isSubmitting, isDirty } = formState;
  const [failure, setFailure] = useState<string | null>(null);
  const values = useWatch({ control });
  const holidays = parseDateLines(values.holidays ?? '', year);
  const workdays = parseDateLines(values.workdays ?? '', year);
  const problems = holidays.problems.length + workdays.problems.length;
  const duplicates = holidays.duplicates + workdays.duplicates;

  const submit = form.handleSubmit(async (dates) => {
    setFailure(null);
    try {
      onSaved(await saveCalendarYear(year, dates));
    } catch (error) {
      setFailure(describeError(error));
      const field = error instanceof ApiRequestError ? error.field?.split('.')[0] : undefined;
      if (field === 'holidays' || field === 'workdays') {
        form.setError(field, { type: 'server', message: t.serverRefused });
      }
    }
  });
  const onSubmit = (): void => {
    void submit();
  };

  return (
    <form
      className="card calendar-editor"
      aria-labelledby="calendar-editor-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2 id="calendar-editor-title" className="card__title">
        {t.editTitle(year, schedule !== null)}
      </h2>
      <p className="muted">{t.editIntro}</p>
      {schedule?.source === 'statutory' && <p className="banner banner--info">{t.replacesStatutory}</p>}
      <div className="calendar-editor__fields">
        <FormField
          id="calendar-holidays"
          label={t.holidaysLabel}
          hint={t.holidaysHint}
          error={errors.holidays?.message}
        >
          {(aria) => (
            <textarea
              className="field__input field__textarea calendar-editor__dates"
              rows={10}
              spellCheck={false}
              placeholder={`${String(year)}-01-01~${String(year)}-01-03`}
              {...aria}
              {...register('holidays')}
            />
          )}
        </FormField>
        <FormField
          id="calendar-workdays"
          label={t.workdaysLabel}
          hint={t.workdaysHint}
          error={errors.workdays?.message}
        >
          {(aria) => (
            <textarea
              className="field__input field__textarea calendar-editor__dates"
              rows={10}
              spellCheck={false}
              {...aria}
              {...register('workdays')}
            />
          )}
        </FormField>
      </div>
      <p className="calendar-editor__preview" aria-live="polite">
        {t.preview(holidays.dates.length, workdays.dates.length)}
        {duplicates > 0 && t.duplicates(duplicates)}
        {problems > 0 && <span className="calendar-editor__problems">{t.previewProblems(problems)}</span>}
      </p>
      {saved !== null && !isDirty && (
        <p className="banner banner--info calendar-editor__saved" role="status">
          {t.saved}
          <br />
          {t.recomputed(saved)}
        </p>
      )}
      <div className="calendar-editor__buttons">
        <BusyButton busy={isSubmitting} error={failure} label={t.save} busyLabel={t.saving} onClick={onSubmit} />
        {onClose && (
          <button type="button" className="button button--secondary" disabled={isSubmitting} onClick={onClose}>
            {t.closeEditor}
          </button>
        )}
      </div>
    </form>
  );
}
