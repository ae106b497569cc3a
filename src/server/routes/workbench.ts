/**
 * The township workbench (clerks and admins, cookie session): the queue, a case's detail, the
 * clerk's decisions, reveals of masked fields, page photos and 原件已核验.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { clerkActionRequestSchema } from '../../domain/case-lifecycle';
import {
  caseDetailSchema,
  casePageViewSchema,
  queueQuerySchema,
  queueResponseSchema,
  revealRequestSchema,
  revealResponseSchema,
} from '../../domain/workbench';
import type { BlobStore } from '../blobs/blob-store';
import type { CalendarStore } from '../calendar/calendar-store';
import { applyClerkAction } from '../cases/apply-clerk-action';
import { findCasePage } from '../cases/find-case-page';
import { listQueue } from '../cases/list-queue';
import { listReveals } from '../cases/list-reveals';
import { loadCaseDetail } from '../cases/load-case-detail';
import { revealField } from '../cases/reveal-field';
import { verifyPage } from '../cases/verify-page';
import { HttpProblem } from '../http-problem';
import { requireTownshipPrincipal } from '../plugins/auth';

const STAFF = ['clerk', 'admin'] as const;
const caseParams = z.object({ id: z.uuid() });
const pageParams = z.object({ id: z.uuid(), pageId: z.string().min(1).max(100) });
const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
};

/** Who revealed what; the detail's timeline leaves reveals out. */
export const revealLogSchema = z.object({
  reveals: z.array(
    z.object({
      field: revealRequestSchema.shape.field,
      at: z.iso.datetime(),
      userId: z.string(),
      userName: z.string(),
    }),
  ),
});

export function workbenchRoutes(
  app: FastifyInstance,
  calendar: CalendarStore,
  blobs: BlobStore,
  now: () => Date,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db.kysely;

  api.get(
    '/api/workbench/queue',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: "One page of the township queue in a tab, with every tab's count under the same filters",
        description:
          'Tabs: received 待受理, supplement 补正中, handling 办理中, due_soon 即将到期, overdue 已超期, closed 已办结. ' +
          'window defaults to every window the caller works; another window is 403. from/to are China dates of receipt.',
        querystring: queueQuerySchema,
        response: { 200: queueResponseSchema, ...errors },
      },
    },
    async (request) =>
      listQueue(db, await calendar.calendar(), requireTownshipPrincipal(request), request.query, now()),
  );

  api.get(
    '/api/workbench/cases/:id',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: "A case's detail: masked applicant, answers, item version, pages, timeline, deadline, allowed actions",
        params: caseParams,
        response: { 200: caseDetailSchema, ...errors },
      },
    },
    async (request) =>
      loadCaseDetail(db, await calendar.calendar(), requireTownshipPrincipal(request), request.params.id, now()),
  );

  api.post(
    '/api/workbench/cases/:id/actions',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: 'Take a clerk action on the case version you saw; answers the case as it is now',
        description:
          '409 CASE_CHANGED when the case moved past expectedVersion; 409 ACTION_NOT_ALLOWED when its status ' +
          'does not allow the action; 400 VALIDATION_FAILED with field for a bad material key or window.',
        params: caseParams,
        body: clerkActionRequestSchema,
        response: { 200: caseDetailSchema, ...errors, 409: apiErrorSchema },
      },
    },
    async (request) =>
      applyClerkAction(
        db,
        await calendar.calendar(),
        requireTownshipPrincipal(request),
        request.params.id,
        request.body,
        now(),
      ),
  );

  api.post(
    '/api/workbench/cases/:id/reveal',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: "Show the applicant's full ID number or phone; the reveal is recorded",
        params: caseParams,
        body: revealRequestSchema,
        response: { 200: revealResponseSchema, ...errors },
      },
    },
    (request) => revealField(db, requireTownshipPrincipal(request), request.params.id, request.body.field, now()),
  );

  api.get(
    '/api/workbench/cases/:id/reveals',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: 'Who revealed which masked field of the case, and when',
        params: caseParams,
        response: { 200: revealLogSchema, ...errors },
      },
    },
    async (request) => ({ reveals: await listReveals(db, requireTownshipPrincipal(request), request.params.id) }),
  );

  api.get(
    '/api/workbench/cases/:id/pages/:pageId',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: 'The full-resolution photo of a page (or the signature); 404 until it has arrived',
        params: pageParams,
        // The bytes (image/jpeg, image/png or image/webp) are streamed as they are stored.
        response: { 200: z.unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const { page, blob } = await findCasePage(
        db,
        requireTownshipPrincipal(request),
        request.params.id,
        request.params.pageId,
      );
      const file = blob ? await blobs.pathOf(page.sha256) : undefined;
      if (!blob || !file) throw new HttpProblem(404, 'NOT_FOUND', 'The photo has not arrived yet');
      return reply
        .header('content-type', blob.type)
        .header('content-length', String(blob.size))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(file));
    },
  );

  api.post(
    '/api/workbench/cases/:id/pages/:pageId/verify',
    {
      config: { access: STAFF },
      schema: {
        tags: ['workbench'],
        summary: 'Mark a page 原件已核验 (checked against the original); idempotent',
        params: pageParams,
        response: { 200: casePageViewSchema, ...errors, 409: apiErrorSchema },
      },
    },
    (request) => verifyPage(db, requireTownshipPrincipal(request), request.params.id, request.params.pageId, now()),
  );
}
