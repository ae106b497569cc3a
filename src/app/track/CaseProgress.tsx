import { useEffect, useRef } from 'react';
import type { TrackView } from '../../domain/tracking';
import { longChinaDate } from '../clerk/china-time';
import { zhCN } from '../messages/zh-cn';
import { currentText, expectedLabel, stepRows, telHref, trackTime, type StepRow } from './track-text';

const t = zhCN.track;

function Step({ row }: { row: StepRow }) {
  return (
    <li className={`track-step track-step--${row.state}`} data-step={row.step} data-state={row.state}>
      <span className="track-step__dot" aria-hidden="true" />
      <div className="track-step__body">
        <p className="track-step__title">{row.title}</p>
        {row.at && <p className="track-step__time">{trackTime(row.at)}</p>}
        {row.hint && <p className="track-step__hint">{row.hint}</p>}
        {row.details.length > 0 && (
          <ul className="track-step__details">
            {row.details.map((detail, i) => (
              <li key={i}>{detail}</li>
            ))}
          </ul>
        )}
        {row.suspended && (
          <p className="track-step__suspended" data-testid="track-suspended">
            <strong>{t.suspended}</strong>
            {t.suspendedHint}
          </p>
        )}
      </div>
    </li>
  );
}

function Contact({ label, name, phone }: { label: string; name: string; phone: string | null }) {
  return (
    <div className="track-contact">
      <dt>{label}</dt>
      <dd>
        <span className="track-contact__name">{name}</span>
        {phone ? (
          <a className="button button--secondary button--small track-contact__call" href={telHref(phone)}>
            {t.call(phone)}
          </a>
        ) : (
          <span className="track-muted">{t.noPhone}</span>
        )}
      </dd>
    </div>
  );
}

/**
 * One case as a resident sees it: the item and masked name, where it is now in plain words, the
 * steps so far with their dates (the materials asked for, or the reason of a refusal), the expected
 * date, and whom to call.
 */
export function CaseProgress({ view }: { view: TrackView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [view.caseNumber]);
  const rows = stepRows(view);
  const reached = rows.filter((row) => row.state !== 'ahead');
  const ahead = rows.filter((row) => row.state === 'ahead');

  return (
    <>
      <section className="card track-summary" aria-labelledby="track-case-title" data-testid="track-case">
        <h2 id="track-case-title" ref={heading} tabIndex={-1} className="track-summary__item">
          {view.itemName}
        </h2>
        <dl className="track-facts">
          <dt>{t.applicant}</dt>
          <dd data-testid="track-applicant">{view.applicantMasked}</dd>
          <dt>{t.caseNumber}</dt>
          <dd>{view.caseNumber}</dd>
          <dt>{t.receiptCode}</dt>
          <dd>{view.receiptCode}</dd>
        </dl>
        <p className="track-now" data-testid="track-now">
          <span className="track-now__label">{t.now}</span>
          {currentText(view)}
        </p>
        {view.expectedDate && (
          <p className="track-expected">
            <span className="track-expected__label">{expectedLabel(view)}</span>
            <strong data-testid="track-expected">{longChinaDate(view.expectedDate)}</strong>
            <span className="track-muted">{t.expectedHint}</span>
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="track-steps-title">
        <h2 id="track-steps-title" className="card__title">
          {t.caseTitle}
        </h2>
        <ol className="track-steps" data-testid="track-steps">
          {reached.map((row, i) => (
            <Step key={`${row.step}-${String(i)}`} row={row} />
          ))}
        </ol>
        {ahead.length > 0 && (
          <p className="track-ahead" data-testid="track-ahead">
            <span className="track-ahead__label">{t.nextSteps}</span>
            {ahead.map((row) => row.title).join(' → ')}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="track-contacts-title">
        <h2 id="track-contacts-title" className="card__title">
          {t.contactsTitle}
        </h2>
        <dl className="track-contacts">
          <Contact label={t.agent} name={view.agent.name} phone={view.agent.phone} />
          <Contact label={t.window} name={view.window.name} phone={view.window.phone} />
        </dl>
      </section>
    </>
  );
}
