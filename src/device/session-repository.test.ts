import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, getDatabase } from './db';
import { clearSession, loadSession, observeSession, saveSession } from './session-repository';
import { agentUser } from './test-fixtures';

const inNinetyDays = (): string => new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();

describe('the phone session', () => {
  beforeEach(async () => {
    await clearSession();
  });
  afterEach(() => {
    closeDatabase();
  });

  it('an agent signs in, the app is killed and restarted: the session is still there', async () => {
    await saveSession({ token: 'device-token-1', user: agentUser, expiresAt: inNinetyDays() });
    const before = getDatabase();

    closeDatabase();
    const after = getDatabase();

    expect(after).not.toBe(before);
    const session = await loadSession();
    expect(session?.token).toBe('device-token-1');
    expect(session?.user.name).toBe('张建国');
    expect(session?.user.village?.name).toBe('东坡村');
  });

  it('a session past its expiry is ignored, as if nobody were signed in', async () => {
    await saveSession({ token: 'old-token', user: agentUser, expiresAt: '2020-01-01T00:00:00.000Z' });

    expect(await loadSession()).toBeNull();
  });

  it('a session is valid until the moment it expires', async () => {
    const expiresAt = '2030-06-01T00:00:00.000Z';
    await saveSession({ token: 't', user: agentUser, expiresAt });

    expect(await loadSession(new Date('2030-05-31T23:59:59.000Z'))).not.toBeNull();
    expect(await loadSession(new Date(expiresAt))).toBeNull();
  });

  it('a stored expiry that cannot be read counts as expired', async () => {
    await saveSession({ token: 't', user: agentUser, expiresAt: 'not a date' });

    expect(await loadSession()).toBeNull();
  });

  it('signing out removes the session for good, also after a restart', async () => {
    await saveSession({ token: 't', user: agentUser, expiresAt: inNinetyDays() });

    await clearSession();
    closeDatabase();

    expect(await loadSession()).toBeNull();
  });

  it('signing in again replaces the previous session', async () => {
    await saveSession({ token: 'first', user: agentUser, expiresAt: inNinetyDays() });
    await saveSession({ token: 'second', user: agentUser, expiresAt: inNinetyDays() });

    expect((await loadSession())?.token).toBe('second');
    expect(await getDatabase().session.count()).toBe(1);
  });

  it('a screen watching the session sees sign-in and sign-out as they happen', async () => {
    const seen: Array<string | null> = [];
    let onEmit = (): void => undefined;
    const stop = observeSession().subscribe((session) => {
      seen.push(session?.user.name ?? null);
      onEmit();
    });
    const until = (condition: () => boolean): Promise<void> =>
      new Promise((resolve) => {
        onEmit = () => {
          if (condition()) resolve();
        };
        onEmit();
      });

    await until(() => seen.length === 1);
    await saveSession({ token: 't', user: agentUser, expiresAt: inNinetyDays() });
    await until(() => seen.at(-1) === '张建国');
    await clearSession();
    await until(() => seen.at(-1) === null);
    stop();

    expect(seen).toEqual([null, '张建国', null]);
  });
});
