/**
 * The working-day calendar: which years have a holiday schedule (bundled statutory or entered by an
 * administrator), and the administrator's edit of a year — each year's schedule is announced around
 * November, so the next year is entered by hand until the bundled table is updated.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { calendarEditSchema, calendarResponseSchema, calendarSaveResponseSchema } from '../../domain/calendar-api';
import { todayInChina } from '../../domain/resident-id';
import { yearScheduleSchema } from '../../domain/working-days';
import type { CalendarStore } from '../calendar/calendar-store';
import { HttpProblem } from '../http-problem';
import { requireTownshipPrincipal } from '../plugins/auth';

const yearSchema = z.coerce.number().int().min(2000).max(2100);

export function calendarRoutes(app: FastifyInstance, calendar: CalendarStore, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const view = async (year: number) => ({
    today: todayInChina(now()),
    years: await calendar.years(),
    year,
    schedule: (await calendar.schedule(year)) ?? null,
  });

  api.get(
    '/api/calendar',
    {
      config: { access: ['clerk', 'admin'] },
      schema: {
        tags: ['calendar'],
        summary: 'Years with a holiday schedule, and the schedule of one year (default: this year)',
        querystring: z.object({ year: yearSchema.optional() }),
        response: { 200: calendarResponseSchema, 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    (request) => view(request.query.year ?? Number(todayInChina(now()).slice(0, 4))),
  );

  api.put(
    '/api/admin/calendar/:year',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['calendar'],
        summary: "Enter or correct a year's holidays and make-up working days (国务院办公厅 notice)",
        description:
          'Replaces the statutory schedule of the year. Open cases whose deadlines the change moves are ' +
          'recomputed; recorded decisions stay as they were.',
        params: z.object({ year: yearSchema }),
        body: calendarEditSchema,
        response: {
          200: calendarSaveResponseSchema,
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
        },
      },
    },
    async (request) => {
      const { year } = request.params;
      if (request.body.year !== undefined && request.body.year !== year) {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'The year in the body differs from the path', {
          field: 'year',
        });
      }
      const parsed = yearScheduleSchema.safeParse({
        year,
        holidays: request.body.holidays,
        workdays: request.body.workdays,
        source: 'admin',
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpProblem(400, 'VALIDATION_FAILED', issue?.message ?? 'Invalid schedule', {
          field: issue?.path.join('.') ?? 'holidays',
        });
      }
      const { recomputedCases } = await calendar.save(parsed.data, requireTownshipPrincipal(request).userId, now());
      return { ...(await view(year)), recomputedCases };
    },
  );
}
