import { Link } from 'wouter';
import type { CalendarYear } from '../../domain/calendar-api';
import { zhCN } from '../messages/zh-cn';
import { chinaDateTime } from './china-time';

const t = zhCN.clerk.calendar;

/** 法定（内置）, or 管理员录入 with who entered it and when (China time). */
export function CalendarSource({ entry }: { entry: CalendarYear }) {
  return (
    <>
      <span className={`tag calendar-source calendar-source--${entry.source}`}>{t.sources[entry.source]}</span>
      {entry.source === 'admin' && entry.updatedAt !== null && (
        <span className="calendar-source__who">
          {t.updated(entry.updatedBy ?? t.unknownUser, chinaDateTime(entry.updatedAt))}
        </span>
      )}
    </>
  );
}

/** Every year with a schedule, newest first; each opens that year. */
export function CalendarYears({ years, selected }: { years: readonly CalendarYear[]; selected: number }) {
  const newestFirst = [...years].sort((a, b) => b.year - a.year);
  return (
    <section className="card calendar-years" aria-labelledby="calendar-years-title">
      <h2 id="calendar-years-title" className="card__title">
        {t.yearsTitle}
      </h2>
      <div className="calendar-years__wrap">
        <table className="calendar-years__table">
          <thead>
            <tr>
              <th scope="col">{t.columns.year}</th>
              <th scope="col">{t.columns.source}</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((entry) => (
              <tr key={entry.year} data-year={entry.year} className="calendar-years__row">
                <th scope="row">
                  <Link
                    href={`/clerk/calendar?year=${String(entry.year)}`}
                    className="calendar-years__link"
                    aria-current={entry.year === selected ? 'true' : undefined}
                  >
                    {t.yearOption(entry.year)}
                  </Link>
                </th>
                <td>
                  <CalendarSource entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
