/**
 * The township administrator's API: villages, windows, staff accounts, one-time enrolment codes for
 * agents' phones, and the device list with revocation. Everything is of the admin's own township: an
 * id of another township answers 404, as if it did not exist.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminUserSchema,
  deviceSchema,
  enrolmentCodeSchema,
  passwordResetSchema,
  renameSchema,
  userCreateSchema,
  userUpdateSchema,
  villageCreateSchema,
  villageSchema,
  windowCreateSchema,
  windowSchema,
} from '../../domain/admin';
import { apiErrorSchema } from '../../domain/api-error';
import { listDevices, revokeDevice } from '../admin/devices';
import { issueEnrolmentCode } from '../admin/enrolment';
import { createPlace, listVillages, listWindows, renamePlace } from '../admin/places';
import { createUser, disableUser, listUsers, resetPassword, updateUser } from '../admin/staff';
import { requireTownshipPrincipal } from '../plugins/auth';

const access = { access: ['admin'] } as const satisfies { access: readonly ['admin'] };
const idParams = z.object({ id: z.uuid() });
const created = z.object({ id: z.string() });
const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

export function adminRoutes(app: FastifyInstance, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db.kysely;
  const tags = ['admin'];

  api.get(
    '/api/admin/villages',
    {
      config: access,
      schema: { tags, summary: 'Villages of the township', response: { 200: z.array(villageSchema), ...errors } },
    },
    (request) => listVillages(db, requireTownshipPrincipal(request).townshipId),
  );
  api.post(
    '/api/admin/villages',
    {
      config: access,
      schema: {
        tags,
        summary: 'Add a village (code and name unique in the township)',
        body: villageCreateSchema,
        response: { 200: created, ...errors },
      },
    },
    async (request) => ({
      id: await createPlace(db, requireTownshipPrincipal(request), 'village', request.body, now()),
    }),
  );
  api.patch(
    '/api/admin/villages/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'Rename a village (name unique in the township)',
        params: idParams,
        body: renameSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await renamePlace(db, requireTownshipPrincipal(request), 'village', request.params.id, request.body, now());
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/admin/windows',
    {
      config: access,
      schema: { tags, summary: 'Windows of the township', response: { 200: z.array(windowSchema), ...errors } },
    },
    (request) => listWindows(db, requireTownshipPrincipal(request).townshipId),
  );
  api.post(
    '/api/admin/windows',
    {
      config: access,
      schema: {
        tags,
        summary: 'Add a window (code and name unique in the township)',
        body: windowCreateSchema,
        response: { 200: created, ...errors },
      },
    },
    async (request) => ({
      id: await createPlace(db, requireTownshipPrincipal(request), 'window', request.body, now()),
    }),
  );
  api.patch(
    '/api/admin/windows/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'Rename a window (name unique in the township)',
        params: idParams,
        body: renameSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await renamePlace(db, requireTownshipPrincipal(request), 'window', request.params.id, request.body, now());
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/admin/users',
    {
      config: access,
      schema: {
        tags,
        summary: 'Accounts of the township, phones masked',
        response: { 200: z.array(adminUserSchema), ...errors },
      },
    },
    (request) => listUsers(db, requireTownshipPrincipal(request).townshipId),
  );
  api.post(
    '/api/admin/users',
    {
      config: access,
      schema: {
        tags,
        summary: 'Create an agent (with a village) or a clerk (with windows)',
        body: userCreateSchema,
        response: { 200: created, ...errors },
      },
    },
    async (request) => ({ id: await createUser(db, requireTownshipPrincipal(request), request.body, now()) }),
  );
  api.patch(
    '/api/admin/users/:id',
    {
      config: access,
      schema: {
        tags,
        summary: "Rename, move an agent to another village or change a clerk's windows",
        params: idParams,
        body: userUpdateSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await updateUser(db, requireTownshipPrincipal(request), request.params.id, request.body, now());
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/api/admin/users/:id/disable',
    {
      config: access,
      schema: {
        tags,
        summary: 'Disable an account: web sessions end, its phones are revoked (they drain, then wipe)',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await disableUser(db, requireTownshipPrincipal(request), request.params.id, now());
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/api/admin/users/:id/password',
    {
      config: access,
      schema: {
        tags,
        summary: 'Set a new password (and lift a lockout)',
        params: idParams,
        body: passwordResetSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await resetPassword(db, requireTownshipPrincipal(request), request.params.id, request.body.password, now());
      return reply.code(204).send(null);
    },
  );
  api.post(
    '/api/admin/users/:id/enrolment-codes',
    {
      config: access,
      schema: {
        tags,
        summary: "A one-time code (10 minutes) that enrols an agent's phone; the QR code holds `url`",
        description:
          'Only the SHA-256 of the code is stored. The code travels in the URL fragment, never to a server log.',
        params: idParams,
        response: { 200: enrolmentCodeSchema, ...errors },
      },
    },
    async (request) => {
      const { code, expiresAt } = await issueEnrolmentCode(
        db,
        requireTownshipPrincipal(request),
        request.params.id,
        now(),
      );
      return {
        code,
        url: `${request.protocol}://${request.host}/enrol#code=${code}`,
        expiresAt: expiresAt.toISOString(),
      };
    },
  );

  api.get(
    '/api/admin/devices',
    {
      config: access,
      schema: { tags, summary: "The township's phones", response: { 200: z.array(deviceSchema), ...errors } },
    },
    (request) => listDevices(db, requireTownshipPrincipal(request).townshipId),
  );
  api.post(
    '/api/admin/devices/:id/revoke',
    {
      config: access,
      schema: {
        tags,
        summary: 'Revoke a phone: its token is refused at once except to hand in unsent work; then it wipes',
        params: idParams,
        response: { 200: deviceSchema, ...errors },
      },
    },
    (request) => revokeDevice(db, requireTownshipPrincipal(request), request.params.id, now()),
  );
}
