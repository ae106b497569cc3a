/**
 * Sessions are random 256-bit tokens. Only their SHA-256 is stored, so a copy of the database
 * cannot be used to sign in. Web sessions travel in an HttpOnly cookie; device sessions as a bearer
 * token kept on the agent's phone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, SessionTable } from '../db/schema';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Database>,
  input: { userId: string; kind: SessionTable['kind']; now: Date; lifetimeMs: number },
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
    })
    .execute();
  return { token, expiresAt };
}

/** The live session for a token, or undefined when unknown, expired or revoked. */
export function findLiveSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Pick<SessionTable, 'user_id' | 'kind' | 'expires_at' | 'token_hash'> | undefined> {
  return db
    .selectFrom('sessions')
    .select(['user_id', 'kind', 'expires_at', 'token_hash'])
    .where('token_hash', '=', hashToken(token))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

export async function revokeSession(db: Kysely<Database>, tokenHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}
