/**
 * The phone's IndexedDB database `daiban`. This is the only module family (db*.ts) that imports
 * Dexie (DESIGN §2 rule 2); repositories reach tables through `getDatabase()`.
 *
 * Schema rule: a shipped `version(n)` is never edited. A change adds `version(n + 1)` with its
 * upgrade, so a phone that was offline for months still migrates in order.
 */
import { Dexie, liveQuery, type EntityTable } from 'dexie';
import type { SessionUser } from '../domain/auth';
import type { Subscribable } from './subscribable';

export const DATABASE_NAME = 'daiban';

/** The session table holds at most one row, under this key. */
export const CURRENT_SESSION_KEY = 'current';

/** The signed-in user of this phone, as stored (single row, key 'current'). */
export type StoredSession = {
  key: typeof CURRENT_SESSION_KEY;
  /** Device bearer token; null for a profile kept without a token. */
  token: string | null;
  user: SessionUser;
  /** ISO timestamp after which the session is no longer valid. */
  expiresAt: string;
  /** ISO timestamp of when this phone stored it. */
  savedAt: string;
};

/** The Dexie database with its typed tables. */
export class DaibanDatabase extends Dexie {
  declare readonly session: EntityTable<StoredSession, 'key'>;

  constructor() {
    super(DATABASE_NAME);
    this.version(1).stores({ session: 'key' });
  }
}

let instance: DaibanDatabase | null = null;

/** Returns the app's database, opening it on first use (Dexie opens lazily on the first query). */
export function getDatabase(): DaibanDatabase {
  instance ??= new DaibanDatabase();
  return instance;
}

/**
 * Closes the connection. The next `getDatabase()` opens a fresh one — which is also how tests
 * simulate an app restart.
 */
export function closeDatabase(): void {
  instance?.close();
  instance = null;
}

/**
 * Runs `query` now and again whenever a table it read changes, in this tab or another
 * (Dexie liveQuery). The query must only read through Dexie.
 */
export function observeQuery<T>(query: () => Promise<T>): Subscribable<T> {
  const observable = liveQuery(query);
  return {
    subscribe(next, error) {
      const subscription = observable.subscribe({
        next,
        error: (reason: unknown) => error?.(reason),
      });
      return () => {
        subscription.unsubscribe();
      };
    },
  };
}
