/**
 * Sessions are random 256-bit tokens. Only their SHA-256 is stored, so a copy of the database
 * cannot be used to sign in. Web sessions travel in an HttpOnly cookie; device sessions as a bearer
 * token kept on the agent's phone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, SessionTable, UserTable } from '../db/schema';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  input: { userId: string; kind: SessionTable['kind']; now: Date; lifetimeMs: number; deviceId?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.lifetimeMs);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: input.userId,
      kind: input.kind,
      created_at: input.now.toISOString(),
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
      device_id: input.deviceId ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export type LiveSession = Pick<SessionTable, 'user_id' | 'kind' | 'expires_at' | 'token_hash'> & {
  /** The session's user, whether or not disabled: a revoked phone of a disabled user may still drain. */
  user: Pick<UserTable, 'id' | 'role' | 'township_id' | 'county_id'> & { disabled_at: string | null };
  /** The phone of a device token (null for web sessions), with its revocation state. */
  device: { id: string; revokedAt: string | null; wipedAt: string | null; lastSeenAt: string | null } | null;
};

/**
 * The live session for a token with its user and phone, or undefined when unknown, expired or revoked.
 * One statement (sessions ⋈ users ⟕ devices): every authenticated request runs it.
 */
export async function findLiveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<LiveSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('devices', 'devices.id', 'sessions.device_id')
    .select([
      'sessions.user_id',
      'sessions.kind',
      'sessions.expires_at',
      'sessions.token_hash',
      'users.role as user_role',
      'users.township_id as user_township_id',
      'users.county_id as user_county_id',
      'users.disabled_at as user_disabled_at',
      'devices.id as device_id',
      'devices.revoked_at as device_revoked_at',
      'devices.wiped_at as device_wiped_at',
      'devices.last_seen_at as device_last_seen_at',
    ])
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) return undefined;
  const {
    user_role,
    user_township_id,
    user_county_id,
    user_disabled_at,
    device_id,
    device_revoked_at,
    device_wiped_at,
    device_last_seen_at,
    ...session
  } = row;
  return {
    ...session,
    user: {
      id: session.user_id,
      role: user_role,
      township_id: user_township_id,
      county_id: user_county_id,
      disabled_at: user_disabled_at,
    },
    device:
      device_id === null
        ? null
        : { id: device_id, revokedAt: device_revoked_at, wipedAt: device_wiped_at, lastSeenAt: device_last_seen_at },
  };
}

export async function revokeSession(db: Kysely<Database>, tokenHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}
