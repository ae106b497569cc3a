/**
 * The workbench's calls for the working-day calendar: the years with a holiday schedule and one
 * year's schedule, and an administrator's entry of a year (国务院办公厅 notice). Cookie session, as
 * every workbench call; nothing is kept on the machine.
 */
import {
  calendarEditSchema,
  calendarResponseSchema,
  calendarSaveResponseSchema,
  type CalendarResponse,
  type CalendarSaveResponse,
} from '../domain/calendar-api';
import { syncFetch } from './sync-fetch';

/**
 * The years with a schedule, the server's today, and the schedule of `year` (default: this year).
 * @throws ApiRequestError, NetworkError (see sync-fetch).
 */
export async function fetchCalendar(year?: number, signal?: AbortSignal): Promise<CalendarResponse> {
  const search = year === undefined ? '' : `?year=${String(year)}`;
  return syncFetch(`/api/calendar${search}`, { response: calendarResponseSchema, auth: 'cookie', signal });
}

/**
 * Enters (or replaces) the holidays and make-up working days of `year` — administrators only. The
 * server recomputes the deadlines of open cases the change moves and answers the calendar as it is now.
 * @throws ApiRequestError: VALIDATION_FAILED (400) with `field` such as 'holidays.3', FORBIDDEN (403)
 * for a clerk; NetworkError.
 */
export async function saveCalendarYear(
  year: number,
  schedule: { holidays: readonly string[]; workdays: readonly string[] },
): Promise<CalendarSaveResponse> {
  return syncFetch(`/api/admin/calendar/${String(year)}`, {
    method: 'PUT',
    body: calendarEditSchema.parse({ holidays: [...schedule.holidays], workdays: [...schedule.workdays] }),
    response: calendarSaveResponseSchema,
    auth: 'cookie',
  });
}
