/**
 * The township workbench's calls to the server: the queue, a case's detail, the clerk's actions,
 * revealing a masked field and marking a page 原件已核验. The workbench runs on a shared service-centre
 * PC with a cookie session, so every call authenticates by cookie and nothing is stored on the machine.
 */
import type { z } from 'zod';
import { clerkActionRequestSchema, type ClerkActionRequest } from '../domain/case-lifecycle';
import { catalogueSchema, type Catalogue } from '../domain/catalogue';
import { townshipSchema, type Township } from '../domain/township';
import {
  caseDetailSchema,
  casePageViewSchema,
  queueResponseSchema,
  revealRequestSchema,
  revealResponseSchema,
  type CaseDetail,
  type CasePageView,
  type QueueQuery,
  type QueueResponse,
} from '../domain/workbench';
import { syncFetch } from './sync-fetch';

/** The queue's query as the workbench holds it: every filter optional. */
export type QueueRequest = Partial<QueueQuery>;

export type RevealableField = z.infer<typeof revealRequestSchema>['field'];

const caseBase = (caseId: string) => `/api/workbench/cases/${encodeURIComponent(caseId)}`;

/** The query string for `request`: empty values are left out, in a stable order. */
export function queueSearch(request: QueueRequest): string {
  const params = new URLSearchParams();
  const order = ['tab', 'window', 'village', 'item', 'agent', 'from', 'to', 'q', 'page', 'pageSize'] as const;
  for (const key of order) {
    const value = request[key];
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/**
 * One page of the queue in a tab, with the counts of every tab under the same filters.
 * @throws ApiRequestError, NetworkError (see sync-fetch).
 */
export async function fetchQueue(request: QueueRequest, signal?: AbortSignal): Promise<QueueResponse> {
  const search = queueSearch(request);
  return syncFetch(`/api/workbench/queue${search ? `?${search}` : ''}`, {
    response: queueResponseSchema,
    auth: 'cookie',
    signal,
  });
}

/**
 * Everything about one case: applicant (masked), answers, item version, pages, timeline, and the
 * actions the caller may take now.
 * @throws ApiRequestError (NOT_FOUND for a case outside the caller's township), NetworkError.
 */
export async function fetchCaseDetail(caseId: string, signal?: AbortSignal): Promise<CaseDetail> {
  return syncFetch(caseBase(caseId), { response: caseDetailSchema, auth: 'cookie', signal });
}

/**
 * Takes a clerk action on the case version the clerk was looking at; answers the case as it is now.
 * @throws ApiRequestError: CASE_CHANGED (409) when the case moved on meanwhile, ACTION_NOT_ALLOWED
 * (409) when its status does not allow the action, VALIDATION_FAILED (400) with `field`; NetworkError.
 */
export async function postClerkAction(caseId: string, request: ClerkActionRequest): Promise<CaseDetail> {
  return syncFetch(`${caseBase(caseId)}/actions`, {
    method: 'POST',
    body: clerkActionRequestSchema.parse(request),
    response: caseDetailSchema,
    auth: 'cookie',
  });
}

/**
 * Shows one masked field (ID number or phone) in full. The server records who looked, and when.
 * @throws ApiRequestError, NetworkError.
 */
export async function revealField(caseId: string, field: RevealableField): Promise<string> {
  const answer = await syncFetch(`${caseBase(caseId)}/reveal`, {
    method: 'POST',
    body: revealRequestSchema.parse({ field }),
    response: revealResponseSchema,
    auth: 'cookie',
  });
  return answer.value;
}

/**
 * Marks a page 原件已核验: the clerk compared the photo with the resident's original. Idempotent;
 * answers the page as it is now.
 * @throws ApiRequestError, NetworkError.
 */
export async function verifyPage(caseId: string, pageId: string): Promise<CasePageView> {
  return syncFetch(`${caseBase(caseId)}/pages/${encodeURIComponent(pageId)}/verify`, {
    method: 'POST',
    response: casePageViewSchema,
    auth: 'cookie',
  });
}

/** Where the full-resolution bytes of a page are (an <img src>; the session cookie authorises it). */
export function pageUrl(caseId: string, pageId: string): string {
  return `${caseBase(caseId)}/pages/${encodeURIComponent(pageId)}`;
}

/**
 * The signed-in clerk's township: its villages and windows.
 * @throws ApiRequestError, NetworkError.
 */
export async function fetchTownship(): Promise<Township> {
  return syncFetch('/api/township', { response: townshipSchema, auth: 'cookie' });
}

/**
 * The current catalogue, for the workbench's item filter (the workbench keeps no copy of it).
 * @throws ApiRequestError, NetworkError.
 */
export async function fetchWorkbenchCatalogue(): Promise<Catalogue> {
  return syncFetch('/api/catalogue', { response: catalogueSchema, auth: 'cookie' });
}
