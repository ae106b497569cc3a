/**
 * The workbench's 回访 (follow-up) tasks from the server: every 差评 (不满意 / 非常不满意) and every
 * complaint opens one; the clerk calls the resident back, then closes it with the outcome. Cookie
 * session like the rest of the workbench (sync-workbench.ts).
 */
import type { z } from 'zod';
import {
  followUpActionSchema,
  followUpListQuerySchema,
  followUpListResponseSchema,
  followUpSchema,
  type FollowUp,
  type FollowUpAction,
  type FollowUpListResponse,
} from '../domain/tracking';
import { syncFetch } from './sync-fetch';

/** A tab of the 回访 list: one status, or every task. */
export const followUpFilterSchema = followUpListQuerySchema.shape.status.unwrap();
export type FollowUpFilter = z.infer<typeof followUpFilterSchema>;

const base = '/api/workbench/follow-ups';

/**
 * The follow-up tasks of the caller's windows in one tab (open and called back by fix due date,
 * closed and all newest first), with the count in each status whatever the tab.
 * @throws ApiRequestError, NetworkError (see sync-fetch).
 */
export async function fetchFollowUps(filter: FollowUpFilter, signal?: AbortSignal): Promise<FollowUpListResponse> {
  return syncFetch(`${base}?status=${filter}`, { response: followUpListResponseSchema, auth: 'cookie', signal });
}

/**
 * Records the call back (回访) or closes the task with its outcome; answers the task as it is now.
 * The call back is recorded on an open task; a task closes from open or called back.
 * @throws ApiRequestError: ACTION_NOT_ALLOWED (409) when its status does not allow the action,
 * VALIDATION_FAILED (400) with `field`; NetworkError.
 */
export async function postFollowUpAction(id: FollowUp['id'], action: FollowUpAction): Promise<FollowUp> {
  return syncFetch(`${base}/${encodeURIComponent(id)}`, {
    method: 'POST',
    body: followUpActionSchema.parse(action),
    response: followUpSchema,
    auth: 'cookie',
  });
}
