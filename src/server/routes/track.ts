/**
 * Residents following their case, without an account (domain/tracking.ts): the lookup is public and
 * rate-limited; everything after it carries the lookup's access token and acts on that one case.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema } from '../../domain/api-error';
import {
  complaintRequestSchema,
  rateCaseRequestSchema,
  ratingFollowUpRequestSchema,
  trackLookupRequestSchema,
  trackLookupResponseSchema,
  trackViewSchema,
} from '../../domain/tracking';
import type { CalendarStore } from '../calendar/calendar-store';
import { addRatingComment } from '../tracking/add-rating-comment';
import { fileComplaint } from '../tracking/file-complaint';
import { lookupTrackCase } from '../tracking/lookup-track-case';
import { rateCase } from '../tracking/rate-case';
import { trackCaseOfToken } from '../tracking/track-case-of-token';
import { trackViewOf } from '../tracking/track-view-of';

const TOKEN_NOTE = 'Send the lookup’s accessToken as `Authorization: Bearer <token>`; without a live one, 401.';
const tokenErrors = { 400: apiErrorSchema, 401: apiErrorSchema };

export function trackRoutes(app: FastifyInstance, calendar: CalendarStore, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db.kysely;

  api.post(
    '/api/track/lookup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['track'],
        summary:
          'Open a case by 办件编号 or receipt code + last 4 phone digits, or by receipt code + the QR code’s secret',
        description:
          'Every miss (no such code, wrong digits, wrong secret) is 404 TRACK_NOT_FOUND with the same body. ' +
          'Failures count per client address and per code; 5 within 10 minutes lock that address or code ' +
          'for 30 minutes: 429 TRACK_LOCKED with retryAfterSeconds and Retry-After, even for a right proof.',
        body: trackLookupRequestSchema,
        response: { 200: trackLookupResponseSchema, 400: apiErrorSchema, 404: apiErrorSchema, 429: apiErrorSchema },
      },
    },
    (request) => lookupTrackCase(db, request.ip, request.body, now()),
  );

  api.get(
    '/api/track/case',
    {
      config: { access: 'public' },
      schema: {
        tags: ['track'],
        summary: 'The case again, as the resident sees it',
        description: TOKEN_NOTE,
        response: { 200: trackViewSchema, ...tokenErrors },
      },
    },
    async (request) => trackViewOf(db, await trackCaseOfToken(db, request, now())),
  );

  api.post(
    '/api/track/rating',
    {
      config: { access: 'public' },
      schema: {
        tags: ['track'],
        summary: '好差评: rate the service once the case is closed; answers the case as it is now',
        description:
          `${TOKEN_NOTE} 409 ACTION_NOT_ALLOWED while the case is open; 409 ALREADY_RATED after the first rating. ` +
          '不满意 and 非常不满意 open a follow-up task in the workbench.',
        body: rateCaseRequestSchema,
        response: { 200: trackViewSchema, ...tokenErrors, 409: apiErrorSchema },
      },
    },
    async (request) => {
      const at = now();
      const row = await trackCaseOfToken(db, request, at);
      await rateCase(db, await calendar.calendar(), row, request.body, at);
      return trackViewOf(db, row);
    },
  );

  api.post(
    '/api/track/rating/follow-up',
    {
      config: { access: 'public' },
      schema: {
        tags: ['track'],
        summary: 'Add the one follow-up comment to the rating; answers the case as it is now',
        description: `${TOKEN_NOTE} 409 ACTION_NOT_ALLOWED before rating; 409 ALREADY_RATED once a follow-up comment is given.`,
        body: ratingFollowUpRequestSchema,
        response: { 200: trackViewSchema, ...tokenErrors, 409: apiErrorSchema },
      },
    },
    async (request) => {
      const at = now();
      const row = await trackCaseOfToken(db, request, at);
      await addRatingComment(db, row.id, request.body.comment, at);
      return trackViewOf(db, row);
    },
  );

  api.post(
    '/api/track/complaints',
    {
      config: { access: 'public' },
      schema: {
        tags: ['track'],
        summary: '投诉: a complaint about the case, in any status; opens a follow-up task',
        description: `${TOKEN_NOTE} At most 3 complaints per case in 24 hours (then 429 RATE_LIMITED with retryAfterSeconds).`,
        body: complaintRequestSchema,
        response: { 200: trackViewSchema, ...tokenErrors, 429: apiErrorSchema },
      },
    },
    async (request) => {
      const at = now();
      const row = await trackCaseOfToken(db, request, at);
      await fileComplaint(db, await calendar.calendar(), row, request.body, at);
      return trackViewOf(db, row);
    },
  );
}
