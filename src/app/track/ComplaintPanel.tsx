import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { complaintRequestSchema, type TrackView } from '../../domain/tracking';
import { fileComplaint } from '../../device/sync-track';
import { FormField } from '../clerk/FormField';
import { zhCN } from '../messages/zh-cn';
import { trackFieldError } from './track-forms';
import { lookupProblem, problemSentence, telHref } from './track-text';

const t = zhCN.track;
const c = t.complaint;
const resolver = zodResolver(complaintRequestSchema);

type ComplaintFormProps = { accessToken: string; onDone: () => void; onCancel: () => void; onExpired: () => void };

function ComplaintForm({ accessToken, onDone, onCancel, onExpired }: ComplaintFormProps) {
  const form = useForm<z.input<typeof complaintRequestSchema>, unknown, z.output<typeof complaintRequestSchema>>({
    resolver,
    defaultValues: { text: '', contactPhone: '' },
    mode: 'onTouched',
  });
  const { errors, isSubmitting } = form.formState;
  const [failure, setFailure] = useState<string | null>(null);

  const submit = form.handleSubmit(async (request) => {
    setFailure(null);
    try {
      await fileComplaint(accessToken, request);
      onDone();
    } catch (error) {
      const problem = lookupProblem(error, true);
      if (problem.kind === 'expired') onExpired();
      else setFailure(problemSentence(problem));
    }
  });

  return (
    <form
      className="track-complaint__form"
      noValidate
      aria-busy={isSubmitting}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormField id="track-complaint-text" label={c.text} hint={c.textHint} error={trackFieldError(errors.text)}>
        {(aria) => <textarea className="field__input track-textarea" rows={4} {...aria} {...form.register('text')} />}
      </FormField>
      <FormField
        id="track-complaint-phone"
        label={c.phone}
        hint={c.phoneHint}
        error={trackFieldError(errors.contactPhone)}
      >
        {(aria) => (
          <input
            className="field__input"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            maxLength={11}
            {...aria}
            {...form.register('contactPhone')}
          />
        )}
      </FormField>
      {failure && (
        <p className="form__error" role="alert">
          {failure}
        </p>
      )}
      <div className="track-buttons">
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {isSubmitting ? c.submitting : c.submit}
        </button>
        <button type="button" className="button button--secondary" disabled={isSubmitting} onClick={onCancel}>
          {c.cancel}
        </button>
      </div>
    </form>
  );
}

/**
 * On every case: the township's 监督电话 and the 投诉 form (opened on request, so the page stays
 * short). A complaint opens a follow-up task at the township.
 */
export function ComplaintPanel({
  view,
  accessToken,
  onExpired,
}: {
  view: TrackView;
  accessToken: string;
  onExpired: () => void;
}) {
  const [step, setStep] = useState<'closed' | 'open' | 'done'>('closed');
  const phone = view.township.supervisionPhone;
  return (
    <section className="card track-complaint" aria-labelledby="track-supervision-title">
      <h2 id="track-supervision-title" className="card__title">
        {t.supervisionTitle}
      </h2>
      {phone ? (
        <p>
          {t.supervisionText(view.township.name)}
          <a className="track-tel" href={telHref(phone)} data-testid="track-supervision-phone">
            {phone}
          </a>
        </p>
      ) : (
        <p>{t.supervisionNone}</p>
      )}
      <h3 className="track-subtitle">{c.title}</h3>
      {step === 'done' && (
        <p className="track-note track-note--ok" role="status">
          {c.done}
        </p>
      )}
      {step === 'closed' && (
        <>
          <p className="track-muted">{c.intro}</p>
          <button
            type="button"
            className="button button--secondary button--block"
            onClick={() => {
              setStep('open');
            }}
          >
            {c.open}
          </button>
        </>
      )}
      {step === 'open' && (
        <ComplaintForm
          accessToken={accessToken}
          onExpired={onExpired}
          onDone={() => {
            setStep('done');
          }}
          onCancel={() => {
            setStep('closed');
          }}
        />
      )}
    </section>
  );
}
