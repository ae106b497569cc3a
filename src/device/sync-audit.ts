/**
 * The administrator's audit trail viewer (审计日志) from the server: one page of the township's (a county
 * administrator: the county's) entries, newest first, under the viewer's filters. Cookie session, nothing stored on the machine.
 */
import { auditPageSchema, type AuditPage, type AuditQuery } from '../domain/audit';
import { syncFetch } from './sync-fetch';

/** The viewer's query as the screen holds it: every filter optional. */
export type AuditRequest = Partial<AuditQuery>;

/** The query string for `request`: empty values left out, in a stable order. */
export function auditSearch(request: AuditRequest): string {
  const params = new URLSearchParams();
  const order = ['township', 'action', 'actor', 'subject', 'from', 'to', 'before', 'pageSize'] as const;
  for (const key of order) {
    const value = request[key];
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  return params.toString();
}

/**
 * One page of the audit trail; pass the answer's `nextBefore` as `before` for the next, older page.
 * @throws ApiRequestError (FORBIDDEN for anyone but an administrator, or a township not theirs, VALIDATION_FAILED for a
 * bad filter), NetworkError (see sync-fetch).
 */
export async function fetchAuditPage(request: AuditRequest, signal?: AbortSignal): Promise<AuditPage> {
  const search = auditSearch(request);
  return syncFetch(`/api/admin/audit${search ? `?${search}` : ''}`, {
    response: auditPageSchema,
    auth: 'cookie',
    signal,
  });
}
