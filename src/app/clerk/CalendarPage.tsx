import { useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { CalendarResponse, CalendarSaveResponse } from '../../domain/calendar-api';
import { fetchCalendar } from '../../device/sync-calendar';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useKeyedFetch } from '../hooks/use-keyed-fetch';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { CalendarEditor } from './CalendarEditor';
import { CalendarSchedule } from './CalendarSchedule';
import { CalendarYears } from './CalendarYears';
import { useClerkFrame } from './clerk-frame';
import { ClerkShell } from './ClerkShell';
import { LoadFailed } from './LoadFailed';

const t = zhCN.clerk.calendar;

/** /clerk/calendar — 节假日安排 inside the workbench frame. */
export function CalendarPage() {
  return (
    <ClerkShell section="calendar">
      <CalendarScreen />
    </ClerkShell>
  );
}

/** The year in the address (?year=2027), if it is one the server keeps schedules for. */
function yearOf(search: string): number | undefined {
  const value = new URLSearchParams(search).get('year');
  if (value === null || !/^\d{4}$/.test(value)) return undefined;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

/**
 * The calendar for the year in the address (`key`: the year, '' for the server's default), keeping
 * the previous answer on screen while the next one loads; only the newest request may write.
 */
function useCalendar(key: string, year: number | undefined) {
  const { loaded, failure, current, retry, replace } = useKeyedFetch<CalendarResponse>(key, (signal) =>
    fetchCalendar(year, signal),
  );
  return { loaded, failure, loading: !current && failure === null, retry, replace };
}

/** This year and the next, newest first, then every loaded year. */
function yearChoices(data: CalendarResponse): number[] {
  const thisYear = Number(data.today.slice(0, 4));
  const years = new Set([thisYear + 1, thisYear, ...data.years.map((y) => y.year)]);
  return [...years].sort((a, b) => b - a);
}

/**
 * 节假日安排: the years whose holidays and make-up working days are loaded (bundled 法定 or entered
 * by an administrator), a loud notice when this year or the next is missing — deadlines there count
 * weekends only — and one year's schedule by month. Administrators enter or correct a year here;
 * clerks only read. The year shown lives in the address.
 */
function CalendarScreen() {
  useDocumentTitle(t.title);
  const frame = useClerkFrame();
  const isAdmin = frame.user.role === 'admin';
  const search = useSearch();
  const [, navigate] = useLocation();
  const requested = yearOf(search);
  const key = requested === undefined ? '' : String(requested);
  const calendar = useCalendar(key, requested);
  const [saved, setSaved] = useState<{ year: number; recomputedCases: number } | null>(null);
  /** The loaded year whose edit form is open (a year without a schedule always shows its form). */
  const [editing, setEditing] = useState<number | null>(null);

  const choose = (year: number): void => {
    setSaved(null);
    setEditing(null);
    navigate(`/clerk/calendar?year=${String(year)}`, { replace: true });
  };
  const onSaved = (answer: CalendarSaveResponse): void => {
    const { recomputedCases, ...data } = answer;
    calendar.replace(data);
    setSaved({ year: data.year, recomputedCases });
    setEditing(data.year);
  };

  const data = calendar.loaded?.data ?? null;
  const current = calendar.loaded?.key === key;
  const thisYear = data ? Number(data.today.slice(0, 4)) : null;
  const loadedYears = new Set(data?.years.map((y) => y.year));
  const missing = thisYear === null ? [] : [thisYear, thisYear + 1].filter((y) => !loadedYears.has(y));

  let content;
  if (calendar.failure !== null && (data === null || !current)) {
    content = (
      <LoadFailed
        title={t.loadFailed}
        message={describeError(calendar.failure)}
        onRetry={calendar.retry}
        heading="h2"
      />
    );
  } else if (data === null) {
    content = (
      <p className="calendar__loading" aria-busy="true">
        {zhCN.common.loading}
      </p>
    );
  } else {
    const shownYear = requested ?? data.year;
    const entry = data.years.find((y) => y.year === data.year) ?? null;
    content = (
      <div className="calendar__columns">
        <div className="calendar__main">
          <section className="card calendar-year" aria-labelledby="calendar-year-title" aria-busy={!current}>
            <div className="calendar-year__head">
              <h2 id="calendar-year-title" className="card__title">
                {t.scheduleTitle(data.year)}
              </h2>
              <div className="field field--inline">
                <label className="field__label" htmlFor="calendar-year">
                  {t.year}
                </label>
                <select
                  id="calendar-year"
                  className="field__input field__input--select"
                  value={shownYear}
                  onChange={(event) => {
                    choose(Number(event.target.value));
                  }}
                >
                  {yearChoices(data).map((year) => (
                    <option key={year} value={year}>
                      {loadedYears.has(year) ? t.yearOption(year) : t.yearOptionUnloaded(year)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <CalendarSchedule year={data.year} schedule={data.schedule} entry={entry} busy={!current} />
          </section>
          {!isAdmin && <p className="note">{t.readOnly}</p>}
          {isAdmin && current && (data.schedule === null || editing === data.year) && (
            <CalendarEditor
              key={`${String(data.year)}:${entry?.updatedAt ?? ''}`}
              year={data.year}
              schedule={data.schedule}
              saved={saved?.year === data.year ? saved.recomputedCases : null}
              onSaved={onSaved}
              onClose={
                data.schedule === null
                  ? undefined
                  : () => {
                      setSaved(null);
                      setEditing(null);
                    }
              }
            />
          )}
          {isAdmin && current && data.schedule !== null && editing !== data.year && (
            <button
              type="button"
              className="button button--secondary calendar__edit"
              onClick={() => {
                setEditing(data.year);
              }}
            >
              {t.editTitle(data.year, true)}
            </button>
          )}
        </div>
        <CalendarYears years={data.years} selected={data.year} />
      </div>
    );
  }

  return (
    <main className="page clerk-page calendar">
      <div className="calendar__head">
        <h1 className="page__title">{t.title}</h1>
        <p className="page__intro">{t.intro}</p>
      </div>
      {missing.map((year) => (
        <div key={year} className="banner banner--warning calendar__notice" role="note">
          <p>{t.unloaded(year)}</p>
          {isAdmin ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                choose(year);
              }}
            >
              {t.enterYear(year)}
            </button>
          ) : (
            <p className="calendar__notice-hint">{t.unloadedClerk}</p>
          )}
        </div>
      ))}
      {content}
    </main>
  );
}
