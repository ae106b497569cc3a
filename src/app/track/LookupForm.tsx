import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { TrackLookupResponse } from '../../domain/tracking';
import { lookupTrackedCase } from '../../device/sync-track';
import { FormField } from '../clerk/FormField';
import { zhCN } from '../messages/zh-cn';
import { lookupFormSchema, trackFieldError, type LookupFormValues } from './track-forms';
import { lookupProblem, type LookupProblem } from './track-text';

const t = zhCN.track;
const resolver = zodResolver(lookupFormSchema);

type LookupFormProps = {
  initialCode: string;
  onFound: (answer: TrackLookupResponse) => void;
  onProblem: (problem: LookupProblem | null) => void;
};

/** 回执号 + 申请人手机号后 4 位 → the case. Problems are shown at the field before anything is sent. */
export function LookupForm({ initialCode, onFound, onProblem }: LookupFormProps) {
  const form = useForm<LookupFormValues, unknown, z.output<typeof lookupFormSchema>>({
    resolver,
    defaultValues: { code: initialCode, phoneLast4: '' },
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (request) => {
    onProblem(null);
    if (!navigator.onLine) {
      onProblem({ kind: 'offline' });
      return;
    }
    try {
      onFound(await lookupTrackedCase(request));
    } catch (error) {
      onProblem(lookupProblem(error));
    }
  });

  return (
    <form
      className="card form track-lookup"
      noValidate
      aria-busy={isSubmitting}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormField id="track-code" label={t.codeLabel} hint={t.codeHint} error={trackFieldError(errors.code)}>
        {(aria) => (
          <input
            className="field__input track-lookup__code"
            type="text"
            autoCapitalize="characters"
            autoComplete="off"
            autoCorrect="off"
            spellCheck={false}
            maxLength={40}
            placeholder={t.codePlaceholder}
            {...aria}
            {...form.register('code')}
          />
        )}
      </FormField>
      <FormField id="track-phone" label={t.phoneLabel} error={trackFieldError(errors.phoneLast4)}>
        {(aria) => (
          <input
            className="field__input track-lookup__digits"
            type="text"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            maxLength={4}
            placeholder={t.phonePlaceholder}
            {...aria}
            {...form.register('phoneLast4')}
          />
        )}
      </FormField>
      <button type="submit" className="button button--primary button--block" disabled={isSubmitting}>
        {isSubmitting ? t.submitting : t.submit}
      </button>
    </form>
  );
}
