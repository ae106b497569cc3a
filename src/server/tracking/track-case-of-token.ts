import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { hashToken } from '../accounts/sessions';
import type { CaseTable, Database } from '../db/schema';
import { HttpProblem } from '../http-problem';

/**
 * The case whose access token the request carries (`Authorization: Bearer …` from a lookup).
 * @throws HttpProblem 401 UNAUTHENTICATED when there is none, or it is unknown or expired.
 */
export async function trackCaseOfToken(db: Kysely<Database>, request: FastifyRequest, now: Date): Promise<CaseTable> {
  const header = request.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  const row = token
    ? await db
        .selectFrom('track_tokens')
        .innerJoin('cases', 'cases.id', 'track_tokens.case_id')
        .selectAll('cases')
        .where('track_tokens.token_hash', '=', hashToken(token))
        .where('track_tokens.expires_at', '>', now.toISOString())
        .executeTakeFirst()
    : undefined;
  if (!row) throw new HttpProblem(401, 'UNAUTHENTICATED', 'Look the case up again');
  return row;
}
