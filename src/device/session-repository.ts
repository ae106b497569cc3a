/**
 * The phone's signed-in session. An agent signs in once with a signal and then works for weeks
 * without one, so the session lives in IndexedDB and is read without any network call. A session
 * past `expiresAt` is treated as absent (the server would reject its token anyway).
 */
import type { SessionUser } from '../domain/auth';
import { lockDataKey } from './data-key';
import { CURRENT_SESSION_KEY, getDatabase, observeQuery, type StoredSession } from './db';
import type { Subscribable } from './subscribable';

export type { StoredSession } from './db';

/** What a sign-in hands over to be kept on the phone. */
export type NewSession = {
  token: string | null;
  user: SessionUser;
  expiresAt: string;
};

function isExpired(session: StoredSession, now: Date): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isNaN(expiresAt) || expiresAt <= now.getTime();
}

/** Stores `session` as the phone's current session, replacing any previous one. */
export async function saveSession(session: NewSession, now: Date = new Date()): Promise<StoredSession> {
  const row: StoredSession = {
    key: CURRENT_SESSION_KEY,
    token: session.token,
    user: session.user,
    expiresAt: session.expiresAt,
    savedAt: now.toISOString(),
  };
  await getDatabase().session.put(row);
  return row;
}

/** Returns the current session, or null when there is none or it has expired. */
export async function loadSession(now: Date = new Date()): Promise<StoredSession | null> {
  const row = await getDatabase().session.get(CURRENT_SESSION_KEY);
  if (!row || isExpired(row, now)) return null;
  return row;
}

/** Forgets the current session on this phone, and locks it: the next sign-in asks for the PIN. */
export async function clearSession(): Promise<void> {
  await getDatabase().session.delete(CURRENT_SESSION_KEY);
  lockDataKey();
}

/**
 * Emits the current session (null when absent or expired) and again whenever it is saved or
 * cleared, in this tab or another.
 */
export function observeSession(): Subscribable<StoredSession | null> {
  return observeQuery(() => loadSession());
}
