/**
 * Retries one idempotent server call when it got no answer at all.
 *
 * Invariant: only NetworkError is retried. Every sync request is idempotent (DESIGN §4), so repeating
 * one whose answer was lost is safe; an answer from the server (ApiRequestError) is never retried
 * here — the caller decides what it means. On a village link a cut is often followed by a working
 * request seconds later, so a couple of quick retries inside one run save a whole backoff period.
 */
import { NetworkError } from './sync-fetch';

/** Waits between attempts; its length is the number of retries after the first attempt. */
export type RetryPolicy = { delaysMs: readonly number[] };

/** Two retries, after 1 s and 3 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { delaysMs: [1000, 3000] };

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `call`, and again after each delay of `policy` while it fails with a NetworkError.
 * @throws the last NetworkError when every attempt failed; any other error at once.
 */
export async function retryOnNetworkError<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (const delay of policy.delaysMs) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
    }
    await wait(delay);
  }
  return call();
}
