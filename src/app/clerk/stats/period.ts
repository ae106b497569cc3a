/**
 * The statistics page's periods: 本月, 上月, 本年 (each up to today, China dates) or a custom range,
 * and back — which preset, if any, a from/to pair is.
 */

export type PeriodKind = 'this_month' | 'last_month' | 'this_year' | 'custom';

export const PRESET_KINDS = ['this_month', 'last_month', 'this_year'] as const satisfies readonly PeriodKind[];
export type PresetKind = (typeof PRESET_KINDS)[number];

export type Period = { from: string; to: string };

function lastDayOfMonth(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The period of a preset, seen from `today` ('YYYY-MM-DD'). */
export function presetPeriod(kind: PresetKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (kind) {
    case 'this_month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last_month': {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return { from: `${String(y)}-${String(m).padStart(2, '0')}-01`, to: lastDayOfMonth(y, m) };
    }
    case 'this_year':
      return { from: `${String(year)}-01-01`, to: today };
  }
}

/** Which preset `period` is as seen from `today`, or 'custom'. */
export function periodKindOf(period: Period, today: string): PeriodKind {
  for (const kind of PRESET_KINDS) {
    const preset = presetPeriod(kind, today);
    if (preset.from === period.from && preset.to === period.to) return kind;
  }
  return 'custom';
}
