/**
 * The resident's progress page (/track) and the server: look a case up by receipt code plus the last
 * 4 digits of the applicant's phone, or by the secret only the receipt's QR code carries; then read
 * it again, rate it (好差评), add the one follow-up comment and file a complaint (投诉), each with the
 * short-lived access token that lookup returned (domain/tracking.ts).
 *
 * Nothing is stored: the page may run on a relative's phone. It may also run on an agent's phone,
 * so these calls never send the stored device token — only the case's own access token.
 */
import {
  complaintRequestSchema,
  rateCaseRequestSchema,
  ratingFollowUpRequestSchema,
  trackLookupRequestSchema,
  trackLookupResponseSchema,
  trackViewSchema,
  type ComplaintRequest,
  type RateCaseRequest,
  type TrackLookupRequest,
  type TrackLookupResponse,
  type TrackView,
} from '../domain/tracking';
import { syncFetch } from './sync-fetch';

const bearer = (accessToken: string) => ({ token: accessToken });

/**
 * Finds one case by code + phone digits or by the QR secret.
 * @throws ApiRequestError: TRACK_NOT_FOUND (404) for every miss — unknown code, wrong digits or
 * secret, a case the agent has not uploaded yet; TRACK_LOCKED (429, retryAfterSeconds) after too many
 * misses; VALIDATION_FAILED. NetworkError when there is no answer.
 */
export async function lookupTrackedCase(
  request: TrackLookupRequest,
  signal?: AbortSignal,
): Promise<TrackLookupResponse> {
  return syncFetch('/api/track/lookup', {
    method: 'POST',
    body: trackLookupRequestSchema.parse(request),
    response: trackLookupResponseSchema,
    auth: 'cookie',
    signal,
  });
}

/**
 * The case as it is now, for the holder of a lookup's access token.
 * @throws ApiRequestError (401 UNAUTHENTICATED once the token expired), NetworkError.
 */
export async function fetchTrackedCase(accessToken: string, signal?: AbortSignal): Promise<TrackView> {
  return syncFetch('/api/track/case', { response: trackViewSchema, auth: bearer(accessToken), signal });
}

/**
 * Rates the case once (after 办结 or 不予受理) and answers it as it is now, rating included.
 * @throws ApiRequestError: ALREADY_RATED (409), ACTION_NOT_ALLOWED (409) while the case is open,
 * UNAUTHENTICATED (401) once the token expired, VALIDATION_FAILED; NetworkError.
 */
export async function rateTrackedCase(accessToken: string, request: RateCaseRequest): Promise<TrackView> {
  return syncFetch('/api/track/rating', {
    method: 'POST',
    body: rateCaseRequestSchema.parse(request),
    response: trackViewSchema,
    auth: bearer(accessToken),
  });
}

/**
 * Adds the one follow-up comment allowed after a rating and answers the case as it is now.
 * @throws ApiRequestError: ALREADY_RATED (409) once one was added, ACTION_NOT_ALLOWED (409) before a
 * rating, UNAUTHENTICATED (401); NetworkError.
 */
export async function addRatingFollowUp(accessToken: string, comment: string): Promise<TrackView> {
  return syncFetch('/api/track/rating/follow-up', {
    method: 'POST',
    body: ratingFollowUpRequestSchema.parse({ comment }),
    response: trackViewSchema,
    auth: bearer(accessToken),
  });
}

/**
 * Files a complaint (投诉) about the case, in any status; the township gets a follow-up task for it.
 * Answers the case as it is now.
 * @throws ApiRequestError: RATE_LIMITED (429, retryAfterSeconds) after a few complaints in a day,
 * UNAUTHENTICATED (401); NetworkError.
 */
export async function fileComplaint(accessToken: string, request: ComplaintRequest): Promise<TrackView> {
  return syncFetch('/api/track/complaints', {
    method: 'POST',
    body: complaintRequestSchema.parse(request),
    response: trackViewSchema,
    auth: bearer(accessToken),
  });
}
