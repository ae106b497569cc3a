/**
 * Retries one idempotent server call when it got no answer at all.
 *
 * Invariant: only NetworkError is retried. Every sync request is idempotent (DESIGN §4), so repeating
 * one whose answer was lost is safe; an answer from the server (ApiRequestError) is never retried
 * here — the caller decides what it means. On a village link a cut is often followed by a working
 * request at once, so the first retry comes quickly and later ones back off; a couple of retries
 * inside one run save a whole backoff period.
 */
import { NetworkError } from './sync-fetch';

/**
 * Waits between attempts; the length of `delaysMs` is the number of retries after the first attempt.
 * `jitter` (0–1, default 0) spreads each wait evenly over delay × (1 ± jitter / 2), so calls cut at
 * the same moment (the pushes side by side) do not all come back in the same instant.
 */
export type RetryPolicy = { delaysMs: readonly number[]; jitter?: number };

/** Three retries, after about 250 ms (200–300 ms), 1 s and 3 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { delaysMs: [250, 1000, 3000], jitter: 0.4 };

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One wait of `policy`: `delay` spread by its jitter. */
function jittered(delay: number, jitter = 0, random: () => number = Math.random): number {
  return delay * (1 + jitter * (random() - 0.5));
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
    await wait(jittered(delay, policy.jitter));
  }
  return call();
}
