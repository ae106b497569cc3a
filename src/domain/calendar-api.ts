/**
 * The working-day calendar's API bodies (GET /api/calendar, PUT /api/admin/calendar/:year), shared by
 * the server's route and the workbench's client so both read the same contract.
 */
import { z } from 'zod';
import { isoDateSchema, yearScheduleSchema } from './working-days';

/** A year with a schedule, and where its schedule comes from. */
export const calendarYearSchema = z.object({
  year: z.number().int(),
  source: z.enum(['statutory', 'admin']),
  /** For an administrator's schedule: who entered it last, and when. */
  updatedBy: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type CalendarYear = z.infer<typeof calendarYearSchema>;

export const calendarResponseSchema = z.object({
  /** The server's today (China date). */
  today: z.iso.date(),
  /** Years with a schedule; any other year counts weekends only (and deadlines crossing it warn). */
  years: z.array(calendarYearSchema),
  /** The year asked for (default: this year) and its schedule, null when it has none. */
  year: z.number().int(),
  schedule: yearScheduleSchema.nullable(),
});
export type CalendarResponse = z.infer<typeof calendarResponseSchema>;

export const calendarEditSchema = z.object({
  year: z.number().int().optional(),
  holidays: z.array(isoDateSchema).max(366),
  workdays: z.array(isoDateSchema).max(366),
  /** Ignored: an edited year is always the administrator's. */
  source: z.enum(['statutory', 'admin']).optional(),
});
export type CalendarEdit = z.infer<typeof calendarEditSchema>;

/** The answer to an edit: the calendar as it is now, and how many open cases got a new deadline. */
export const calendarSaveResponseSchema = calendarResponseSchema.extend({
  recomputedCases: z.number().int().nonnegative(),
});
export type CalendarSaveResponse = z.infer<typeof calendarSaveResponseSchema>;
