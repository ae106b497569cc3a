/**
 * Sign-in, sign-out and "who am I". Five wrong passwords in a row lock the account for
 * LOCKOUT_MINUTES; an unknown phone number costs the same time as a wrong password and gets the
 * same answer, so the route does not reveal which numbers have accounts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import {
  DEVICE_TOKEN_DAYS,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
  SESSION_COOKIE,
  WEB_SESSION_HOURS,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
} from '../../domain/auth';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../accounts/password';
import { createDeviceSession } from '../admin/device-session';
import { createSession, revokeSession } from '../accounts/sessions';
import { recordAudit, type AuditDraft } from '../audit/record-audit';
import { signInFailedDraft, signedInDraft } from '../audit/sign-in-audit';
import { clearFailedLogins, findUserByPhone, loadSessionUser, lockUser, recordFailedLogin } from '../accounts/users';
import { HttpProblem } from '../http-problem';
import { requirePrincipal } from '../plugins/auth';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

function invalidCredentials(): HttpProblem {
  return new HttpProblem(401, 'AUTH_INVALID_CREDENTIALS', 'Wrong phone number or password');
}

function locked(until: Date, now: Date): HttpProblem {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new HttpProblem(423, 'AUTH_LOCKED', 'Too many wrong passwords; the account is locked for a while', {
    retryAfterSeconds,
  });
}

export function authRoutes(app: FastifyInstance, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with mobile number and password',
        description:
          "client 'web' sets an HttpOnly session cookie (workbench); client 'device' returns a bearer token " +
          `valid ${DEVICE_TOKEN_DAYS} days (the agent's phone). ${MAX_FAILED_LOGINS} wrong passwords lock the ` +
          `account for ${LOCKOUT_MINUTES} minutes.`,
        body: loginRequestSchema,
        response: { 200: loginResponseSchema, 401: apiErrorSchema, 423: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { phone, password, client } = request.body;
      const at = now();
      const user = await findUserByPhone(app.db.kysely, phone);
      // Every refusal is audited (sign-in-audit.ts: no phone number, no password).
      const auditFailure = (draft: AuditDraft) =>
        app.db.kysely.transaction().execute((trx) => recordAudit(trx, draft, at.toISOString()));
      // A disabled account (admin screens) answers like an unknown number.
      if (!user || user.disabled_at !== null) {
        await verifyPassword(password, await DUMMY_HASH_PROMISE);
        await auditFailure(signInFailedDraft(user, client, user ? 'disabled' : 'unknown_account'));
        throw invalidCredentials();
      }
      if (user.locked_until && new Date(user.locked_until) > at) {
        await auditFailure(signInFailedDraft(user, client, 'locked'));
        throw locked(new Date(user.locked_until), at);
      }
      if (!(await verifyPassword(password, user.password_hash))) {
        const lockedUntil = await app.db.kysely.transaction().execute(async (trx) => {
          const failures = await recordFailedLogin(trx, user.id);
          const until =
            failures >= MAX_FAILED_LOGINS ? new Date(at.getTime() + LOCKOUT_MINUTES * 60 * 1000) : undefined;
          if (until) await lockUser(trx, user.id, until);
          await recordAudit(
            trx,
            signInFailedDraft(user, client, 'wrong_password', until !== undefined),
            at.toISOString(),
          );
          return until;
        });
        if (lockedUntil) throw locked(lockedUntil, at);
        throw invalidCredentials();
      }
      await clearFailedLogins(app.db.kysely, user.id);
      const sessionUser = await loadSessionUser(app.db.kysely, user.id);
      if (!sessionUser) throw invalidCredentials();
      const lifetimeMs = client === 'device' ? DEVICE_TOKEN_DAYS * DAY_MS : WEB_SESSION_HOURS * HOUR_MS;
      const { token, expiresAt } = await app.db.kysely.transaction().execute(async (trx) => {
        // Every device token belongs to a device row (admin/device-session.ts), so the phone can be revoked.
        const session =
          client === 'device' && user.township_id !== null
            ? await createDeviceSession(trx, {
                user: { id: user.id, role: user.role, townshipId: user.township_id },
                label: '',
                via: 'password',
                now: at,
              })
            : await createSession(trx, { userId: user.id, kind: client, now: at, lifetimeMs });
        await recordAudit(trx, signedInDraft('auth.sign_in', user, client), at.toISOString());
        return session;
      });
      request.log.info({ userId: user.id, client }, 'signed in');
      if (client === 'web') {
        void reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          path: '/',
          expires: expiresAt,
        });
        return { user: sessionUser, expiresAt: expiresAt.toISOString() };
      }
      return { user: sessionUser, token, expiresAt: expiresAt.toISOString() };
    },
  );

  api.post(
    '/api/auth/logout',
    {
      config: { access: ['agent', 'clerk', 'admin', 'county_admin'] },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: revokes this session (cookie or bearer token)',
        response: { 204: z.null(), 401: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const at = now();
      await app.db.kysely.transaction().execute(async (trx) => {
        await revokeSession(trx, principal.tokenHash, at);
        const townshipId = principal.role === 'county_admin' ? null : principal.townshipId;
        const user = { id: principal.userId, role: principal.role, township_id: townshipId };
        await recordAudit(trx, signedInDraft('auth.sign_out', user, principal.sessionKind), at.toISOString());
      });
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/auth/me',
    {
      config: { access: ['agent', 'clerk', 'admin', 'county_admin'] },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: meResponseSchema, 401: apiErrorSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const user = await loadSessionUser(app.db.kysely, principal.userId);
      if (!user) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Sign in first');
      return { user, expiresAt: principal.expiresAt };
    },
  );
}
