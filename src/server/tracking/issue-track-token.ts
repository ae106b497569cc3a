import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { TRACK_ACCESS_MINUTES } from '../../domain/tracking';
import { hashToken } from '../accounts/sessions';
import type { Database } from '../db/schema';

/** A new random access token for the one case `caseId`, good for TRACK_ACCESS_MINUTES; only its SHA-256 is stored. */
export async function issueTrackToken(db: Kysely<Database>, caseId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('track_tokens')
    .values({
      token_hash: hashToken(token),
      case_id: caseId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TRACK_ACCESS_MINUTES * 60_000).toISOString(),
    })
    .execute();
  return token;
}
