/**
 * The phone's enrolment and its wipe report. Enrolling redeems the one-time code from the admin
 * screen's QR code and keeps the device token exactly as a password sign-in does (session-repository).
 */
import { z } from 'zod';
import {
  enrolRequestSchema,
  enrolResponseSchema,
  type EnrolRequest,
  type EnrolResponse,
  type WipedReport,
} from '../domain/admin';
import { setDeviceState } from './device-wipe-state';
import { saveSession } from './session-repository';
import { syncFetch } from './sync-fetch';

/**
 * Enrols this phone for the code's agent and stores the session.
 * @throws ApiRequestError (ENROL_CODE_INVALID, ENROL_CODE_EXPIRED, RATE_LIMITED…), NetworkError.
 */
export async function enrolThisPhone(request: EnrolRequest): Promise<EnrolResponse> {
  const response = await syncFetch('/api/devices/enrol', {
    method: 'POST',
    body: enrolRequestSchema.parse(request),
    response: enrolResponseSchema,
    auth: 'cookie',
  });
  await saveSession({ token: response.token, user: response.user, expiresAt: response.expiresAt });
  setDeviceState('in-use');
  return response;
}

/**
 * Tells the server this revoked phone handed in its work and is deleting its data: the token's last use.
 * @throws ApiRequestError (UNAUTHENTICATED once the token is already dead), NetworkError.
 */
export async function reportWiped(report: WipedReport): Promise<void> {
  await syncFetch('/api/devices/me/wiped', { method: 'POST', body: report, response: z.undefined() });
}
