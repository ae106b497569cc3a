/**
 * The one place that calls `fetch` to reach the township server (DESIGN §2 rule 3).
 *
 * Every answer is checked: a success body against the caller's schema, an error body against the
 * API error contract. Callers see exactly two failures: ApiRequestError (the server answered with an
 * error, or with something we cannot read) and NetworkError (no answer at all: offline, server
 * unreachable, or no answer within REQUEST_TIMEOUT_MS — village signal often stalls rather than
 * failing fast).
 */
import type { ZodType } from 'zod';
import { apiErrorSchema, type ApiErrorCode } from '../domain/api-error';
import { loadSession } from './session-repository';

export const REQUEST_TIMEOUT_MS = 20_000;

let baseUrl = '';

/**
 * Sets the origin every request path is resolved against: '' (the default) keeps requests same-origin
 * as the app and service worker need; Node tests pass a server's or fault proxy's URL.
 */
export function setSyncBaseUrl(url: string): void {
  baseUrl = url.replace(/\/+$/, '');
}

/** The server's error codes, plus one for answers that do not follow the contract. */
export type ApiRequestErrorCode = ApiErrorCode | 'UNEXPECTED_RESPONSE';

/** The server answered, but not with success. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiRequestErrorCode;
  readonly retryAfterSeconds: number | undefined;
  readonly field: string | undefined;
  /** For OFFSET_MISMATCH, BLOB_INCOMPLETE and BLOB_HASH_MISMATCH: the offset the server has committed. */
  readonly offset: number | undefined;
  /** For CASE_INVALID: every problem the server found. */
  readonly problems: Record<string, unknown>[] | undefined;

  constructor(
    status: number,
    code: ApiRequestErrorCode,
    message: string,
    details: {
      retryAfterSeconds?: number | undefined;
      field?: string | undefined;
      offset?: number | undefined;
      problems?: Record<string, unknown>[] | undefined;
    } = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.field = details.field;
    this.offset = details.offset;
    this.problems = details.problems;
  }
}

/** The request got no answer: offline, unreachable, or timed out. */
export class NetworkError extends Error {
  readonly reason: 'unreachable' | 'timeout';

  constructor(reason: 'unreachable' | 'timeout', options?: { cause: unknown }) {
    super(reason === 'timeout' ? 'The server did not answer in time' : 'The server is unreachable', options);
    this.name = 'NetworkError';
    this.reason = reason;
  }
}

/**
 * How the request proves who is calling. 'stored-token' sends the phone's device token when one is
 * stored; 'cookie' relies on the browser's session cookie alone; `{ token }` sends that token.
 * Same-origin cookies are sent in every case.
 */
export type SyncAuth = 'stored-token' | 'cookie' | { token: string };

export type SyncFetchOptions<T> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON; an ArrayBuffer or Uint8Array is sent as is, as application/octet-stream. */
  body?: unknown;
  /** Validates the success body (`undefined` for an empty answer such as 204). */
  response: ZodType<T>;
  auth?: SyncAuth;
  signal?: AbortSignal;
};

async function bearerFor(auth: SyncAuth): Promise<string | null> {
  if (auth === 'cookie') return null;
  if (auth === 'stored-token') return (await loadSession())?.token ?? null;
  return auth.token;
}

type Answer = { response: Response; body: { ok: true; value: unknown } | { ok: false } };

async function readJson(response: Response): Promise<Answer['body']> {
  const text = await response.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Sends the request and reads the whole answer, both within REQUEST_TIMEOUT_MS. */
async function send(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, REQUEST_TIMEOUT_MS);
  const forwardAbort = (): void => {
    controller.abort(signal?.reason);
  };
  signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { response, body: await readJson(response) };
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new NetworkError(controller.signal.aborted ? 'timeout' : 'unreachable', { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

async function exchange<T>(
  path: string,
  options: SyncFetchOptions<T>,
  extraHeaders: Record<string, string> = {},
): Promise<Answer & { method: string }> {
  // Proves to the server's CSRF check that the request comes from our own pages (server/plugins/csrf.ts).
  const headers = new Headers({ Accept: 'application/json', 'X-Daiban-Csrf': '1', ...extraHeaders });
  const token = await bearerFor(options.auth ?? 'stored-token');
  if (token !== null) headers.set('Authorization', `Bearer ${token}`);
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
  };
  if (options.body instanceof ArrayBuffer || options.body instanceof Uint8Array) {
    headers.set('Content-Type', 'application/octet-stream');
    // A view may sit on a larger or shared buffer: send a copy of exactly its bytes.
    init.body = options.body instanceof Uint8Array ? options.body.slice() : options.body;
  } else if (options.body !== undefined) {
    headers.set('Content-Type', 'application/json');
    init.body = JSON.stringify(options.body);
  }
  const answer = await send(baseUrl + path, init, options.signal);
  return { ...answer, method: init.method ?? 'GET' };
}

const revokedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever the server answers 403 DEVICE_REVOKED, whichever sync call got it: the
 * phone then hands in its unsent work and wipes itself (device-wipe.ts). Returns the unsubscribe.
 */
export function onDeviceRevoked(listener: () => void): () => void {
  revokedListeners.add(listener);
  return () => {
    revokedListeners.delete(listener);
  };
}

const webSessionEndedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever a cookie (web) request is answered 401 UNAUTHENTICATED: the workbench's
 * session ended under it (expired, or the account disabled), so the screen can go to the sign-in
 * instead of showing the error where it stands. Returns the unsubscribe.
 */
export function onWebSessionEnded(listener: () => void): () => void {
  webSessionEndedListeners.add(listener);
  return () => {
    webSessionEndedListeners.delete(listener);
  };
}

function readSuccess<T>(path: string, options: SyncFetchOptions<T>, answer: Answer & { method: string }): T {
  const { response, body } = answer;
  if (!response.ok) {
    const parsed = body.ok ? apiErrorSchema.safeParse(body.value) : null;
    if (parsed?.success) {
      const { code, message, retryAfterSeconds, field, offset, problems } = parsed.data;
      if (code === 'DEVICE_REVOKED') for (const listener of revokedListeners) listener();
      if (code === 'UNAUTHENTICATED' && options.auth === 'cookie') {
        for (const listener of webSessionEndedListeners) listener();
      }
      throw new ApiRequestError(response.status, code, message, { retryAfterSeconds, field, offset, problems });
    }
    throw new ApiRequestError(
      response.status,
      'UNEXPECTED_RESPONSE',
      `HTTP ${response.status} without an API error body`,
    );
  }

  const parsed = body.ok ? options.response.safeParse(body.value) : null;
  if (!parsed?.success) {
    throw new ApiRequestError(
      response.status,
      'UNEXPECTED_RESPONSE',
      `The answer to ${answer.method} ${path} does not match the contract`,
    );
  }
  return parsed.data;
}

/**
 * Calls the server at `path` (same origin, e.g. '/api/auth/me') and returns the validated body.
 * @throws ApiRequestError when the server answers with an error or an unreadable body.
 * @throws NetworkError when there is no answer.
 */
export async function syncFetch<T>(path: string, options: SyncFetchOptions<T>): Promise<T> {
  return readSuccess(path, options, await exchange(path, options));
}

/** The answer to a conditional GET: unchanged since `etag`, or the new body with its ETag. */
export type ConditionalAnswer<T> = { status: 'not-modified' } | { status: 'changed'; value: T; etag: string | null };

/**
 * A GET that sends `If-None-Match: etag` (when one is known) and reports a 304 as 'not-modified', so
 * an unchanged resource costs a few bytes on a weak link.
 * @throws ApiRequestError, NetworkError as syncFetch.
 */
export async function syncFetchIfChanged<T>(
  path: string,
  options: Omit<SyncFetchOptions<T>, 'method' | 'body'> & { etag: string | null },
): Promise<ConditionalAnswer<T>> {
  const { etag, ...rest } = options;
  const answer = await exchange(path, rest, etag === null ? {} : { 'If-None-Match': etag });
  if (answer.response.status === 304) return { status: 'not-modified' };
  const value = readSuccess(path, rest, answer);
  return { status: 'changed', value, etag: answer.response.headers.get('ETag') };
}
