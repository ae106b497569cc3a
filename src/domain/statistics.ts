/**
 * The township's statistics (办件统计): for the cases received in a period, per group and in total,
 * how many were received, accepted, completed and refused, how long completion took in working days,
 * how many ran late, and how many needed 补正.
 *
 * Definitions (every figure counts cases whose 收件时间 falls in [from, to], China dates):
 * - received: every such case;
 * - accepted: the case was accepted, by a clerk or deemed accepted (Art. 32) — its status is accepted,
 *   suspended or completed;
 * - completed: 办结, 准予 plus 不予 (both also given apart);
 * - rejected: 不予受理;
 * - completionRate: completed ÷ received (null when nothing was received);
 * - averageWorkingDays: the mean of the working days from acceptance to completion (China dates,
 *   counting from the day after acceptance, time suspended included) over the completed cases;
 * - overdue: open cases whose deadline is before today, plus completed cases closed after their
 *   promised date (承诺办结日期); both also given apart;
 * - supplementRate: cases with at least one 补正 notice ÷ received.
 */
import { z } from 'zod';
import { queueQuerySchema, queueTabSchema } from './workbench';

/** How the figures are broken down: 窗口, 村, 事项, 代办员, month of receipt or 乡镇 (a county's roll-up). */
export const statisticsGroupBySchema = z.enum(['window', 'village', 'item', 'agent', 'month', 'township']);
export type StatisticsGroupBy = z.infer<typeof statisticsGroupBySchema>;

/**
 * The groupings a county administrator may ask for: each spans the county's townships without
 * mixing them up (window codes, villages and agents belong to one township each).
 */
export const COUNTY_GROUP_BYS = ['township', 'item', 'month'] as const satisfies readonly StatisticsGroupBy[];

/** The longest period one query may span: five years of months keeps the month grouping small. */
export const STATISTICS_MAX_DAYS = 5 * 366;

/** At most this many cases in one export; more is a 400 asking to narrow the filters. */
export const EXPORT_MAX_ROWS = 50_000;

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

export const statisticsQuerySchema = z
  .object({
    /** First and last China date of receipt, inclusive. */
    from: z.iso.date(),
    to: z.iso.date(),
    /** One window code; omitted = every window the caller may see. */
    window: z.string().min(1).max(20).optional(),
    groupBy: statisticsGroupBySchema.default('window'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => daysBetween(q.from, q.to) < STATISTICS_MAX_DAYS, {
    message: `A period spans at most ${STATISTICS_MAX_DAYS} days`,
    path: ['to'],
  });
export type StatisticsQuery = z.infer<typeof statisticsQuerySchema>;
export type StatisticsQueryInput = z.input<typeof statisticsQuerySchema>;

const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1).nullable();

/** The figures of one group, or of all groups together. */
export const statisticsFiguresSchema = z.object({
  received: count,
  /** Accepted by a clerk or deemed accepted (Art. 32), whatever happened after. */
  accepted: count,
  /** 办结: approved + denied. */
  completed: count,
  approved: count,
  denied: count,
  /** 不予受理. */
  rejected: count,
  /** completed ÷ received; null when nothing was received. */
  completionRate: rate,
  /** Mean working days from acceptance to completion, one decimal; null when nothing was completed. */
  averageWorkingDays: z.number().nonnegative().nullable(),
  /** overdueOpen + closedLate. */
  overdue: count,
  /** Open (received or accepted) with the deadline in force before today. */
  overdueOpen: count,
  /** Completed after the promised completion date. */
  closedLate: count,
  /** Cases with at least one 补正 notice. */
  supplemented: count,
  /** supplemented ÷ received; null when nothing was received. */
  supplementRate: rate,
  /** Cases the resident rated (好差评). */
  rated: count,
  /** Rated 非常满意, 满意 or 基本满意 ÷ rated; null when nothing was rated. */
  satisfactionRate: rate,
  /** Rated 不满意 or 非常不满意 (each opened a follow-up task). */
  dissatisfied: count,
});
export type StatisticsFigures = z.infer<typeof statisticsFiguresSchema>;

export const statisticsRowSchema = statisticsFiguresSchema.extend({
  /** The group's key: a window code, village id, item code, agent id, 'YYYY-MM' or township id; '' for no village. */
  key: z.string(),
  /** What the table shows: window, village, item, agent or township name, or 'YYYY-MM'. */
  label: z.string(),
});
export type StatisticsRow = z.infer<typeof statisticsRowSchema>;

export const statisticsResponseSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: statisticsGroupBySchema,
  /** The window codes the figures cover (the caller's windows, or the one asked for). */
  windows: z.array(z.string()),
  rows: z.array(statisticsRowSchema),
  total: statisticsFiguresSchema,
  /** The server's today (China date): what "overdue" was judged against. */
  today: z.iso.date(),
  /** Years the working-day average crossed without a holiday schedule (weekends only were counted). */
  unloadedYears: z.array(z.number().int()),
});
export type StatisticsResponse = z.infer<typeof statisticsResponseSchema>;

/** The export formats of the statistics table and of the case list. */
export const exportFormatSchema = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/**
 * The case list export: a queue query without paging. `tab` may also be 'all' (every status), which
 * the statistics page uses to list the cases behind its figures.
 */
export const caseExportQuerySchema = queueQuerySchema
  .omit({ page: true, pageSize: true })
  .extend({ tab: z.union([queueTabSchema, z.literal('all')]).default('all') });
export type CaseExportQuery = z.infer<typeof caseExportQuerySchema>;
export type CaseExportQueryInput = z.input<typeof caseExportQuerySchema>;

/** The months 'YYYY-MM' from the month of `from` to the month of `to`, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year)}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
