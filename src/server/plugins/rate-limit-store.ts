/**
 * The @fastify/rate-limit store behind the request rate caps (rate-limits.ts): fixed windows counted in
 * the server's database, so every server process on one database shares one count per key and a
 * restart forgets nothing.
 *
 * - One statement per hit: an upsert into `rate_limit_hits` that starts a new window when the row's has
 *   ended (the reset is inside the statement) and returns the count. The row is locked for the
 *   statement on PostgreSQL and SQLite has one writer, so two processes never lose a count.
 * - The first hit of each minute in each process also deletes the windows that have ended: the table
 *   holds the keys of the last window or two, never more.
 * - Keys hold no personal data: a key is `<cap name>:<HMAC-SHA-256 of the counted value>` (a phone
 *   number, an address, a token's hash). The HMAC key is a random secret per database
 *   (`rate_limit_secret`, written by the first server to start), which every process on the database
 *   shares without configuration and which moves with the data. A plain hash would not do: eleven
 *   digits are enumerated in seconds. A pepper from the environment would keep a database copy from
 *   revealing even which numbers were tried in the last minute, but one more secret to hand every
 *   process was not worth that for rows that live a minute.
 * - Caps named in `inMemory` are counted in this process's memory only (uploads: a database write
 *   per chunk would cost more than the shared count is worth).
 * - When the database fails a hit, the hit is counted in this process's memory instead, with a warning
 *   at most once a minute: the caps keep holding per process, as before the database kept them, and
 *   nobody is refused for the database's sake. The route behind needs the database anyway.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** What the plugin wants from a hit: the count in the window so far, and the window's milliseconds left. */
export type RateLimitCount = { current: number; ttl: number };

export type RateLimitStoreOptions = {
  db: Kysely<Database>;
  /** The per-database HMAC key (loadRateLimitSecret). */
  secret: string;
  now: () => Date;
  log: FastifyBaseLogger;
  /** Names of the caps counted in this process's memory only. */
  inMemory: ReadonlySet<string>;
  /** How many keys the in-memory count remembers; the oldest windows are forgotten first. */
  memoryKeys: number;
};

const PRUNE_EVERY_MS = 60_000;
const WARN_EVERY_MS = 60_000;

/** The database's HMAC key for rate-limit keys, created by whichever process asks first. */
export async function loadRateLimitSecret(db: Kysely<Database>, now: Date): Promise<string> {
  await db
    .insertInto('rate_limit_secret')
    .values({ id: 1, secret: randomBytes(32).toString('hex'), created_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const row = await db.selectFrom('rate_limit_secret').select('secret').where('id', '=', 1).executeTakeFirstOrThrow();
  return row.secret;
}

/** `<cap name>:<HMAC of the rest>`: the cap's name stays readable, the counted value does not. */
export function hashedKey(secret: string, key: string): string {
  const split = key.indexOf(':');
  const name = split === -1 ? '' : key.slice(0, split);
  return `${name}:${createHmac('sha256', secret)
    .update(key.slice(split + 1))
    .digest('hex')}`;
}

/** Fixed windows in this process's memory, at most `capacity` keys. */
export class MemoryWindows {
  readonly #windows = new Map<string, { count: number; endsAt: number }>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  hit(key: string, windowMs: number, nowMs: number): RateLimitCount {
    let window = this.#windows.get(key);
    if (window === undefined || window.endsAt <= nowMs) {
      // Re-inserted, so the Map's order stays the order the windows started in.
      this.#windows.delete(key);
      const oldest = this.#windows.keys().next();
      if (this.#windows.size >= this.#capacity && oldest.done !== true) this.#windows.delete(oldest.value);
      window = { count: 0, endsAt: nowMs + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { current: window.count, ttl: window.endsAt - nowMs };
  }
}

/** One hit on `key` in the database: a new window if the last one has ended, else one more in it. */
export async function countInDatabase(
  db: Kysely<Database>,
  key: string,
  windowMs: number,
  now: Date,
): Promise<RateLimitCount> {
  const nowIso = now.toISOString();
  const row = await db
    .insertInto('rate_limit_hits')
    .values({ key, count: 1, window_ends_at: new Date(now.getTime() + windowMs).toISOString() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limit_hits.window_ends_at', '<=', nowIso);
        return {
          count: eb
            .case()
            .when(ended)
            .then(eb.lit(1))
            .else(eb('rate_limit_hits.count', '+', eb.lit(1)))
            .end(),
          window_ends_at: eb
            .case()
            .when(ended)
            .then(eb.ref('excluded.window_ends_at'))
            .else(eb.ref('rate_limit_hits.window_ends_at'))
            .end(),
        };
      }),
    )
    .returning(['count', 'window_ends_at'])
    .executeTakeFirstOrThrow();
  return { current: row.count, ttl: Math.max(0, Date.parse(row.window_ends_at) - now.getTime()) };
}

/** Deletes the windows that have ended; how many. */
export async function pruneRateLimitHits(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_limit_hits').where('window_ends_at', '<=', now.toISOString()).execute();
  return result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
}

/** The store class to give @fastify/rate-limit as its `store`; every cap shares the one instance. */
export function createRateLimitStore(options: RateLimitStoreOptions): FastifyRateLimitStoreCtor {
  const { db, secret, now, log, inMemory } = options;
  const memory = new MemoryWindows(options.memoryKeys);
  let nextPruneAt = 0;
  let nextWarningAt = 0;

  const hit = async (key: string, windowMs: number): Promise<RateLimitCount> => {
    const at = now();
    const hashed = hashedKey(secret, key);
    if (inMemory.has(hashed.slice(0, hashed.indexOf(':')))) return memory.hit(hashed, windowMs, at.getTime());
    let count: RateLimitCount;
    try {
      count = await countInDatabase(db, hashed, windowMs, at);
    } catch (error) {
      if (at.getTime() >= nextWarningAt) {
        nextWarningAt = at.getTime() + WARN_EVERY_MS;
        log.warn({ err: error }, 'rate limits: the database failed a hit; counting in this process until it answers');
      }
      return memory.hit(hashed, windowMs, at.getTime());
    }
    if (at.getTime() >= nextPruneAt) {
      nextPruneAt = at.getTime() + PRUNE_EVERY_MS;
      try {
        await pruneRateLimitHits(db, at);
      } catch (error) {
        log.warn({ err: error }, 'rate limits: could not delete ended windows');
      }
    }
    return count;
  };

  return class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: RateLimitCount) => void, timeWindow: number): void {
      void hit(key, timeWindow).then(
        (count) => {
          callback(null, count);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }

    /** One store for every cap: the keys carry the cap's name. */
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
