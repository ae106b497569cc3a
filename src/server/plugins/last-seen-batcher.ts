/**
 * Keeps `devices.last_seen_at` off the request's critical path. A request only notes in memory that
 * its phone was seen (when the stored time is a minute old or more); the notes are written a few
 * seconds later in one flush, and once more when the server closes, so a busy phone costs its
 * requests no write at all.
 *
 * Invariants:
 * - At most one write per phone per flush, and none while the stored time is less than
 *   LAST_SEEN_EVERY_MS old: last_seen_at still moves at most about once a minute per phone.
 * - A write never moves last_seen_at backwards (another process may have written a later time).
 * - A failed flush keeps its notes for the next one and logs only a count and the error's message:
 *   never a device, user or token.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** last_seen_at of a device is written at most this often. */
export const LAST_SEEN_EVERY_MS = 60_000;

/** How long a note waits before it is written. */
export const LAST_SEEN_FLUSH_MS = 10_000;

export type LastSeenBatcher = {
  /** Notes that device `id`, whose stored last_seen_at is `stored`, called at `at`. */
  seen: (id: string, stored: string | null, at: Date) => void;
  /** Writes every note now (after a flush in progress). */
  flush: () => Promise<void>;
  /** Stops the timer and writes what is left; later notes are dropped. */
  close: () => Promise<void>;
};

export function createLastSeenBatcher(options: {
  db: () => Kysely<Database>;
  log: FastifyBaseLogger;
  flushMs?: number;
}): LastSeenBatcher {
  const flushMs = options.flushMs ?? LAST_SEEN_FLUSH_MS;
  const pending = new Map<string, Date>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let tail: Promise<void> = Promise.resolve();

  const write = async (): Promise<void> => {
    if (pending.size === 0) return;
    const batch = [...pending];
    pending.clear();
    const db = options.db();
    const failed: [string, Date][] = [];
    let error: unknown;
    for (const [id, at] of batch) {
      const iso = at.toISOString();
      try {
        await db
          .updateTable('devices')
          .set({ last_seen_at: iso })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', iso)]))
          .execute();
      } catch (e) {
        error ??= e;
        failed.push([id, at]);
      }
    }
    if (failed.length === 0) return;
    // A note taken meanwhile is newer: it wins.
    for (const [id, at] of failed) if (!pending.has(id)) pending.set(id, at);
    options.log.warn(
      { devices: failed.length, error: error instanceof Error ? error.message : 'unknown error' },
      'last-seen flush failed; will retry',
    );
    schedule();
  };

  const flush = (): Promise<void> => {
    const next = tail.then(write);
    tail = next.catch(() => undefined);
    return next;
  };

  function schedule(): void {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, flushMs);
    timer.unref();
  }

  return {
    seen: (id, stored, at) => {
      if (closed) return;
      if (stored !== null && at.getTime() - Date.parse(stored) < LAST_SEEN_EVERY_MS) return;
      pending.set(id, at);
      schedule();
    },
    flush,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await flush();
    },
  };
}
