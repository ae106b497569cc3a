/**
 * Sign-in and sign-out against the server.
 *
 * Agents sign in as a device: the server returns a bearer token, kept in IndexedDB with the profile
 * so the phone stays signed in offline. Clerks and admins sign in on the web: an HttpOnly cookie,
 * nothing stored on the machine (a service-centre PC is shared). Each login screen accepts only its
 * own roles; a session opened through the wrong screen is revoked at once and never stored.
 */
import { z } from 'zod';
import {
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
} from '../domain/auth';
import type { Role } from '../domain/roles';
import { setDeviceState } from './device-wipe-state';
import { clearSession, loadSession, saveSession } from './session-repository';
import { ApiRequestError, syncFetch, type SyncAuth } from './sync-fetch';

/** The account signed in fine but belongs to another login screen (e.g. a clerk on the agent login). */
export class RoleMismatchError extends Error {
  readonly role: Role;

  constructor(role: Role) {
    super(`A ${role} account cannot sign in here`);
    this.name = 'RoleMismatchError';
    this.role = role;
  }
}

const noContent = z.undefined();

function isOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine;
}

async function revoke(auth: SyncAuth): Promise<void> {
  try {
    await syncFetch('/api/auth/logout', { method: 'POST', response: noContent, auth });
  } catch {
    // Best effort: the session was never stored here and expires on the server by itself.
  }
}

/**
 * Signs in. With `client: 'device'` the token and profile are stored on the phone.
 * @param allowedRoles roles this login screen is for; any other role throws RoleMismatchError.
 * @throws ApiRequestError, NetworkError (see sync-fetch), RoleMismatchError.
 */
export async function login(request: LoginRequest, allowedRoles: readonly Role[]): Promise<LoginResponse> {
  const body = loginRequestSchema.parse(request);
  const response = await syncFetch('/api/auth/login', {
    method: 'POST',
    body,
    response: loginResponseSchema,
    auth: 'cookie',
  });

  if (!allowedRoles.includes(response.user.role)) {
    await revoke(response.token === undefined ? 'cookie' : { token: response.token });
    throw new RoleMismatchError(response.user.role);
  }

  if (body.client === 'device') {
    if (response.token === undefined) {
      throw new ApiRequestError(200, 'UNEXPECTED_RESPONSE', 'A device login answered without a token');
    }
    await saveSession({ token: response.token, user: response.user, expiresAt: response.expiresAt });
    // A phone wiped after a revocation is in use again once someone signs in on it.
    setDeviceState('in-use');
  }
  return response;
}

/**
 * Signs out. 'device': tells the server when online (best effort) and always forgets the session
 * stored on this phone, even offline. 'web': ends the cookie session on the server.
 * @throws ApiRequestError, NetworkError for 'web' only: the cookie stays valid if the server was not told.
 */
export async function logout(client: 'device' | 'web'): Promise<void> {
  if (client === 'web') {
    await syncFetch('/api/auth/logout', { method: 'POST', response: noContent, auth: 'cookie' });
    return;
  }
  try {
    const session = await loadSession();
    if (session?.token && isOnline()) await revoke({ token: session.token });
  } finally {
    await clearSession();
  }
}

/**
 * Asks the server who is signed in: by cookie for 'web', by the stored device token for 'device'.
 * @throws ApiRequestError (UNAUTHENTICATED when nobody is), NetworkError.
 */
export async function fetchMe(client: 'device' | 'web'): Promise<MeResponse> {
  return syncFetch('/api/auth/me', {
    response: meResponseSchema,
    auth: client === 'web' ? 'cookie' : 'stored-token',
  });
}
