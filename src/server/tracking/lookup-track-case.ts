/**
 * `POST /api/track/lookup`: a resident opens a case with its 办件编号 or receipt code and the last 4
 * digits of the applicant's phone, or with the receipt code and the QR code's secret. A locked address or code is refused before
 * the proof is even looked at — even a right one, or locking would mean nothing. Every miss is the
 * same 404 TRACK_NOT_FOUND, counted against the address and the code.
 */
import type { Kysely } from 'kysely';
import type { TrackLookupResponse } from '../../domain/tracking';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import { findTrackCase, type TrackProof } from './find-track-case';
import { issueTrackToken } from './issue-track-token';
import { recordTrackFailure } from './record-track-failure';
import { trackKeys } from './track-keys';
import { trackLockSeconds } from './track-lock-seconds';
import { trackViewOf } from './track-view-of';

export async function lookupTrackCase(
  db: Kysely<Database>,
  ip: string,
  proof: TrackProof,
  now: Date,
): Promise<TrackLookupResponse> {
  const keys = trackKeys(ip, proof.code);
  const retryAfterSeconds = await trackLockSeconds(db, keys, now);
  if (retryAfterSeconds > 0) {
    throw new HttpProblem(429, 'TRACK_LOCKED', 'Too many failed lookups; try again later', { retryAfterSeconds });
  }
  const row = await findTrackCase(db, proof);
  if (!row) {
    await recordTrackFailure(db, keys, now);
    throw new HttpProblem(404, 'TRACK_NOT_FOUND', 'No case matches this code and proof');
  }
  const accessToken = await issueTrackToken(db, row.id, now);
  return { view: await trackViewOf(db, row), accessToken };
}
