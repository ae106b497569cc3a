import type { StatisticsFigures, StatisticsResponse } from '../../../domain/statistics';
import { statsMessages } from '../../messages/zh-cn-stats';
import { countText, decimalText, percentText } from './stats-format';

const t = statsMessages;
const f = t.figures;

/** The table's figure columns: heading, optional hint under it, and how a value is written. */
const COLUMNS: readonly { heading: string; hint?: string; cell: (x: StatisticsFigures) => string }[] = [
  { heading: f.received, cell: (x) => countText(x.received) },
  { heading: f.accepted, hint: f.acceptedHint, cell: (x) => countText(x.accepted) },
  { heading: f.completed, hint: f.completedHint, cell: (x) => countText(x.completed) },
  { heading: f.rejected, cell: (x) => countText(x.rejected) },
  { heading: f.completionRate, cell: (x) => percentText(x.completionRate, t.none) },
  { heading: f.averageWorkingDays, hint: f.averageHint, cell: (x) => decimalText(x.averageWorkingDays, t.none) },
  { heading: f.overdue, hint: f.overdueHint, cell: (x) => countText(x.overdue) },
  { heading: f.supplemented, cell: (x) => countText(x.supplemented) },
  { heading: f.supplementRate, cell: (x) => percentText(x.supplementRate, t.none) },
  { heading: f.rated, hint: f.ratedHint, cell: (x) => countText(x.rated) },
  { heading: f.satisfactionRate, hint: f.satisfactionHint, cell: (x) => percentText(x.satisfactionRate, t.none) },
  { heading: f.dissatisfied, hint: f.dissatisfiedHint, cell: (x) => countText(x.dissatisfied) },
];

/** The figures per group with a 合计 row; dimmed while a newer query loads. */
export function StatsTable({ stats, busy }: { stats: StatisticsResponse; busy: boolean }) {
  return (
    <div className="stats-table__scroll" aria-busy={busy}>
      <table className={busy ? 'stats-table stats-table--busy' : 'stats-table'}>
        <caption className="stats-table__caption">{t.period.range(stats.from, stats.to)}</caption>
        <thead>
          <tr>
            <th scope="col">{t.groupBy.column[stats.groupBy]}</th>
            {COLUMNS.map((c) => (
              <th key={c.heading} scope="col" className="stats-table__num">
                {c.heading}
                {c.hint && <span className="stats-table__hint">{c.hint}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stats.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {COLUMNS.map((c) => (
                <td key={c.heading} className="stats-table__num">
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t.total}</th>
            {COLUMNS.map((c) => (
              <td key={c.heading} className="stats-table__num">
                {c.cell(stats.total)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
