import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import {
  FOLLOW_UP_CALLBACK_WORKING_DAYS,
  NEGATIVE_SATISFACTION,
  rateCaseRequestSchema,
  ratingFollowUpRequestSchema,
  satisfactionSchema,
  type TrackRating,
  type TrackView,
} from '../../domain/tracking';
import { ApiRequestError } from '../../device/sync-fetch';
import { addRatingFollowUp, fetchTrackedCase, rateTrackedCase } from '../../device/sync-track';
import { FormField } from '../clerk/FormField';
import { BusyButton } from '../components/BusyButton';
import { zhCN } from '../messages/zh-cn';
import { trackFieldError } from './track-forms';
import { lookupProblem, problemSentence, trackTime } from './track-text';

const t = zhCN.track.rating;
const rateResolver = zodResolver(rateCaseRequestSchema);
const followUpResolver = zodResolver(ratingFollowUpRequestSchema);

type PanelProps = {
  view: TrackView;
  accessToken: string;
  onView: (view: TrackView) => void;
  onExpired: () => void;
};

/**
 * Runs a call with the access token and shows the case it answers. ALREADY_RATED (rated or commented
 * meanwhile, on another phone or tab) reads the case again so what stands is shown; a token that ran
 * out sends the resident back to the lookup.
 * @returns the sentence to show beside the button, or null.
 */
async function send(
  run: () => Promise<TrackView>,
  props: Pick<PanelProps, 'accessToken' | 'onView' | 'onExpired'>,
  onAlreadyDone?: () => void,
): Promise<string | null> {
  try {
    props.onView(await run());
    return null;
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === 'ALREADY_RATED') {
      onAlreadyDone?.();
      return send(() => fetchTrackedCase(props.accessToken), props);
    }
    const problem = lookupProblem(error, true);
    if (problem.kind === 'expired') {
      props.onExpired();
      return null;
    }
    return problemSentence(problem);
  }
}

function RateForm({ accessToken, onView, onExpired, onAlreadyRated }: PanelProps & { onAlreadyRated: () => void }) {
  const form = useForm<z.input<typeof rateCaseRequestSchema>, unknown, z.output<typeof rateCaseRequestSchema>>({
    resolver: rateResolver,
    defaultValues: { comment: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const [failure, setFailure] = useState<string | null>(null);

  const submit = form.handleSubmit(async (request) => {
    setFailure(null);
    setFailure(
      await send(() => rateTrackedCase(accessToken, request), { accessToken, onView, onExpired }, onAlreadyRated),
    );
  });

  const choiceError = errors.satisfaction ? zhCN.track.problems.SATISFACTION_REQUIRED : undefined;
  return (
    <form
      className="track-rating__form"
      noValidate
      aria-busy={isSubmitting}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <fieldset className="track-choices" aria-describedby={choiceError ? 'track-rating-error' : undefined}>
        <legend className="field__label">{t.legend}</legend>
        {satisfactionSchema.options.map((choice) => (
          <label key={choice} className="track-choice">
            <input type="radio" value={choice} {...form.register('satisfaction')} />
            <span>{t.choices[choice]}</span>
          </label>
        ))}
        {choiceError && (
          <p id="track-rating-error" className="field__error">
            {choiceError}
          </p>
        )}
      </fieldset>
      <FormField
        id="track-rating-comment"
        label={t.comment}
        hint={t.commentHint}
        error={trackFieldError(errors.comment)}
      >
        {(aria) => (
          <textarea className="field__input track-textarea" rows={3} {...aria} {...form.register('comment')} />
        )}
      </FormField>
      <BusyButton busy={isSubmitting} error={failure} label={t.submit} busyLabel={t.submitting} />
    </form>
  );
}

function FollowUpForm({ accessToken, onView, onExpired }: Omit<PanelProps, 'view'>) {
  const form = useForm<
    z.input<typeof ratingFollowUpRequestSchema>,
    unknown,
    z.output<typeof ratingFollowUpRequestSchema>
  >({ resolver: followUpResolver, defaultValues: { comment: '' } });
  const { errors, isSubmitting } = form.formState;
  const [failure, setFailure] = useState<string | null>(null);

  const submit = form.handleSubmit(async ({ comment }) => {
    setFailure(null);
    setFailure(await send(() => addRatingFollowUp(accessToken, comment), { accessToken, onView, onExpired }));
  });

  return (
    <form
      className="track-rating__follow-up"
      noValidate
      aria-busy={isSubmitting}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 className="track-subtitle">{t.followUpTitle}</h3>
      <p className="track-muted">{t.followUpIntro}</p>
      <FormField id="track-follow-up" label={t.followUpLabel} error={trackFieldError(errors.comment)}>
        {(aria) => (
          <textarea className="field__input track-textarea" rows={3} {...aria} {...form.register('comment')} />
        )}
      </FormField>
      <BusyButton
        busy={isSubmitting}
        error={failure}
        label={t.followUpSubmit}
        busyLabel={t.submitting}
        variant="secondary"
      />
    </form>
  );
}

function GivenRating({ rating, alreadyRated }: { rating: TrackRating; alreadyRated: boolean }) {
  const negative = NEGATIVE_SATISFACTION.has(rating.satisfaction);
  return (
    <div className="track-rating__given" data-testid="track-rating">
      {alreadyRated && <p className="track-note">{t.alreadyRated}</p>}
      <p className="track-rating__value">
        {t.yours}：<strong>{t.choices[rating.satisfaction]}</strong>
      </p>
      {rating.comment && <p>{t.commentShown(rating.comment)}</p>}
      {rating.followUpComment && <p>{t.followUpShown(rating.followUpComment)}</p>}
      <p className="track-muted">{t.ratedAt(trackTime(rating.ratedAt))}</p>
      <p className={negative ? 'track-rating__callback' : 'track-rating__thanks'} role="status">
        {negative ? t.callback(FOLLOW_UP_CALLBACK_WORKING_DAYS) : t.thanks}
      </p>
    </div>
  );
}

/**
 * 好差评 once the case is closed (办结 or 不予受理): five choices and an optional comment, once; then
 * the rating as given and, once, a follow-up comment. A 差评 tells the resident the township calls back.
 */
export function RatingPanel(props: PanelProps) {
  const { view } = props;
  const [alreadyRated, setAlreadyRated] = useState(false);
  if (!view.rating && !view.canRate) return null;
  return (
    <section className="card track-rating" aria-labelledby="track-rating-title">
      <h2 id="track-rating-title" className="card__title">
        {t.title}
      </h2>
      {view.rating ? (
        <>
          <GivenRating rating={view.rating} alreadyRated={alreadyRated} />
          {view.rating.followUpComment === null && (
            <FollowUpForm accessToken={props.accessToken} onView={props.onView} onExpired={props.onExpired} />
          )}
        </>
      ) : (
        <>
          <p>{t.intro}</p>
          <RateForm
            {...props}
            onAlreadyRated={() => {
              setAlreadyRated(true);
            }}
          />
        </>
      )}
    </section>
  );
}
