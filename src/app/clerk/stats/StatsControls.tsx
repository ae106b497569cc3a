import { useState } from 'react';
import {
  statisticsGroupBySchema,
  STATISTICS_MAX_DAYS,
  type StatisticsGroupBy,
  type StatisticsQuery,
} from '../../../domain/statistics';
import { statsMessages } from '../../messages/zh-cn-stats';
import { periodKindOf, presetPeriod, PRESET_KINDS, type PeriodKind } from './period';

const t = statsMessages;

type StatsControlsProps = {
  query: StatisticsQuery;
  today: string;
  /** The groupings offered (a county administrator's are fewer). */
  groupBys: readonly StatisticsGroupBy[];
  /** The windows to choose from; null hides the choice (a county administrator's statistics). */
  windows: readonly { code: string; name: string }[] | null;
  isAdmin: boolean;
  onChange: (next: StatisticsQuery) => void;
};

function spanDays(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** 统计期间 (本月 / 上月 / 本年 / 自定义), 分组方式 and 窗口 of the statistics page. */
export function StatsControls({ query, today, groupBys, windows, isAdmin, onChange }: StatsControlsProps) {
  const shownKind = periodKindOf(query, today);
  const [customOpen, setCustomOpen] = useState(shownKind === 'custom');
  const [draft, setDraft] = useState({ from: query.from, to: query.to });
  const kind: PeriodKind = customOpen ? 'custom' : shownKind;
  const draftValid = draft.from !== '' && draft.to !== '' && draft.from <= draft.to;
  const draftTooLong = draftValid && spanDays(draft.from, draft.to) >= STATISTICS_MAX_DAYS;

  function choose(next: PeriodKind): void {
    if (next === 'custom') {
      setDraft({ from: query.from, to: query.to });
      setCustomOpen(true);
      return;
    }
    setCustomOpen(false);
    onChange({ ...query, ...presetPeriod(next, today) });
  }

  function editDraft(field: 'from' | 'to', value: string): void {
    const next = { ...draft, [field]: value };
    setDraft(next);
    const valid = next.from !== '' && next.to !== '' && next.from <= next.to;
    if (valid && spanDays(next.from, next.to) < STATISTICS_MAX_DAYS) onChange({ ...query, ...next });
  }

  return (
    <div className="stats-controls card">
      <fieldset className="stats-controls__period">
        <legend className="field__label">{t.period.label}</legend>
        <div className="stats-segments" role="group">
          {[...PRESET_KINDS, 'custom' as const].map((k) => (
            <button
              key={k}
              type="button"
              className="stats-segments__option"
              aria-pressed={kind === k}
              onClick={() => {
                choose(k);
              }}
            >
              {t.period.kinds[k]}
            </button>
          ))}
        </div>
        {kind === 'custom' ? (
          <div className="stats-controls__dates">
            <label className="field">
              <span className="field__label">{t.period.from}</span>
              <input
                type="date"
                className="field__input"
                value={draft.from}
                max={today}
                aria-invalid={!draftValid}
                onChange={(event) => {
                  editDraft('from', event.target.value);
                }}
              />
            </label>
            <label className="field">
              <span className="field__label">{t.period.to}</span>
              <input
                type="date"
                className="field__input"
                value={draft.to}
                aria-invalid={!draftValid}
                onChange={(event) => {
                  editDraft('to', event.target.value);
                }}
              />
            </label>
            {!draftValid && (
              <p className="field__error" role="alert">
                {t.period.invalid}
              </p>
            )}
            {draftTooLong && (
              <p className="field__error" role="alert">
                {t.period.tooLong}
              </p>
            )}
          </div>
        ) : (
          <p className="stats-controls__range">{t.period.range(query.from, query.to)}</p>
        )}
      </fieldset>

      <div className="stats-controls__selects">
        <label className="field">
          <span className="field__label">{t.groupBy.label}</span>
          <select
            className="field__input field__input--select"
            value={query.groupBy}
            onChange={(event) => {
              const groupBy = statisticsGroupBySchema.safeParse(event.target.value);
              if (groupBy.success) onChange({ ...query, groupBy: groupBy.data });
            }}
          >
            {groupBys.map((option) => (
              <option key={option} value={option}>
                {t.groupBy.options[option]}
              </option>
            ))}
          </select>
        </label>
        {windows && (
          <label className="field">
            <span className="field__label">{t.window.label}</span>
            <select
              className="field__input field__input--select"
              value={query.window ?? ''}
              onChange={(event) => {
                const base = { from: query.from, to: query.to, groupBy: query.groupBy };
                onChange(event.target.value === '' ? base : { ...base, window: event.target.value });
              }}
            >
              <option value="">{isAdmin ? t.window.allAdmin : t.window.all}</option>
              {windows.map((w) => (
                <option key={w.code} value={w.code}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
    </div>
  );
}
