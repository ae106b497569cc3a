/**
 * The phone's side of enrolment and revocation: redeem a one-time code for a device token, and
 * report the wipe after a revocation (the token's last use).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enrolRequestSchema, enrolResponseSchema, wipedReportSchema } from '../../domain/admin';
import { apiErrorSchema } from '../../domain/api-error';
import { reportWiped } from '../admin/devices';
import { enrolDevice } from '../admin/enrolment';
import { loadSessionUser } from '../accounts/users';
import { HttpProblem } from '../http-problem';
import { requireTownshipPrincipal } from '../plugins/auth';

export function deviceRoutes(app: FastifyInstance, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/devices/enrol',
    {
      config: { access: 'public' },
      schema: {
        tags: ['devices'],
        summary: 'Enrol a phone with a one-time code: answers like a device sign-in',
        description:
          'An unknown or used code is 400 ENROL_CODE_INVALID; a code older than 10 minutes is 410 ENROL_CODE_EXPIRED.',
        body: enrolRequestSchema,
        response: { 200: enrolResponseSchema, 400: apiErrorSchema, 410: apiErrorSchema },
      },
    },
    async (request) => {
      const enrolled = await enrolDevice(app.db.kysely, request.body, now());
      const user = await loadSessionUser(app.db.kysely, enrolled.userId);
      if (!user) throw new HttpProblem(400, 'ENROL_CODE_INVALID', 'Unknown or already used enrolment code');
      request.log.info({ userId: enrolled.userId, deviceId: enrolled.deviceId }, 'device enrolled');
      return { user, token: enrolled.token, deviceId: enrolled.deviceId, expiresAt: enrolled.expiresAt.toISOString() };
    },
  );

  api.post(
    '/api/devices/me/wiped',
    {
      config: { access: ['agent'], revokedDeviceMay: true },
      schema: {
        tags: ['devices'],
        summary: 'A revoked phone reports that it handed in its work and deleted its local data',
        description: "After this the device's token is refused everywhere (401). 409 for a phone that is not revoked.",
        body: wipedReportSchema,
        response: { 204: z.null(), 401: apiErrorSchema, 403: apiErrorSchema, 409: apiErrorSchema },
      },
    },
    async (request, reply) => {
      await reportWiped(app.db.kysely, requireTownshipPrincipal(request), request.body.setAside, now());
      return reply.code(204).send(null);
    },
  );
}
