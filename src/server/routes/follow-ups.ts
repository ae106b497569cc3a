/**
 * The workbench's follow-up tasks (回访) from 差评 and complaints: clerks see those on cases at their
 * windows, admins the whole township (the queue's rule); another township's task is 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { todayInChina } from '../../domain/resident-id';
import {
  followUpActionSchema,
  followUpListQuerySchema,
  followUpListResponseSchema,
  followUpSchema,
} from '../../domain/tracking';
import { requireTownshipPrincipal } from '../plugins/auth';
import { actOnFollowUp } from '../tracking/act-on-follow-up';
import { findStaffFollowUp } from '../tracking/find-staff-follow-up';
import { followUpOf } from '../tracking/follow-up-of';
import { listFollowUps } from '../tracking/list-follow-ups';

const STAFF = ['clerk', 'admin'] as const;
const params = z.object({ id: z.uuid() });
const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

export function followUpRoutes(app: FastifyInstance, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db.kysely;

  api.get(
    '/api/workbench/follow-ups',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: 'Follow-up tasks from 差评 and complaints, by status, with the count in each status',
        description:
          'status: open (default), called_back, closed or all. Open and called back come by fix due date; ' +
          'closed and all newest first, at most 200.',
        querystring: followUpListQuerySchema,
        response: { 200: followUpListResponseSchema, ...errors },
      },
    },
    (request) => listFollowUps(db, requireTownshipPrincipal(request), request.query, now()),
  );

  api.get(
    '/api/workbench/follow-ups/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: 'One follow-up task',
        params,
        response: { 200: followUpSchema, ...errors },
      },
    },
    async (request) =>
      followUpOf(
        await findStaffFollowUp(db, requireTownshipPrincipal(request), request.params.id),
        todayInChina(now()),
      ),
  );

  api.post(
    '/api/workbench/follow-ups/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: 'Record the call back, or close the task with its outcome; answers the task as it is now',
        description:
          'called_back from open; close from open or called_back. Anything else (e.g. closing a closed task) ' +
          'is 409 ACTION_NOT_ALLOWED. Who acted and when is recorded.',
        params,
        body: followUpActionSchema,
        response: { 200: followUpSchema, ...errors, 409: apiErrorSchema },
      },
    },
    (request) => actOnFollowUp(db, requireTownshipPrincipal(request), request.params.id, request.body, now()),
  );
}
