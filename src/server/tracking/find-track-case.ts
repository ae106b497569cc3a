/**
 * The case a resident's proof opens, or nothing. The code is a 办件编号 when it has that shape, else a
 * receipt code (the QR form always carries a receipt code); either way it is one lookup on a unique
 * column. Every miss costs the same work: the proof is hashed and compared in constant time whether or
 * not the code exists (against a stand-in when it does not), so the answer and its timing do not tell
 * "no such code" from "wrong digits" or "wrong secret".
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { CASE_NUMBER_PATTERN, type trackLookupRequestSchema } from '../../domain/tracking';
import { hashToken } from '../accounts/sessions';
import type { CaseTable, Database } from '../db/schema';

export type TrackProof = z.output<typeof trackLookupRequestSchema>;

const phoneOfBody = z.object({ applicant: z.object({ phone: z.string() }) });
/** Hashes no secret and no phone digits can produce (neither is this text). */
const STAND_IN = hashToken('no such case');

function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

export async function findTrackCase(db: Kysely<Database>, proof: TrackProof): Promise<CaseTable | undefined> {
  const column = CASE_NUMBER_PATTERN.test(proof.code) ? 'case_number' : 'receipt_code';
  const row = await db.selectFrom('cases').selectAll().where(column, '=', proof.code).executeTakeFirst();
  let expected: string;
  let given: string;
  if ('secret' in proof) {
    expected = row?.track_secret_hash ?? STAND_IN;
    given = hashToken(proof.secret);
  } else {
    const phone = row ? phoneOfBody.parse(JSON.parse(row.body)).applicant.phone : '';
    expected = row ? hashToken(phone.slice(-4)) : STAND_IN;
    given = hashToken(proof.phoneLast4);
  }
  return sameHash(expected, given) && row ? row : undefined;
}
