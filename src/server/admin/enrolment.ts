/**
 * One-time enrolment codes. The administrator asks for a code for one agent; the phone that opens
 * its QR address (or has it typed in) within ENROL_CODE_MINUTES gets a device token, once. Only the
 * SHA-256 of the code is stored; the code itself is shown once on the admin screen.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ENROL_CODE_ALPHABET,
  ENROL_CODE_LENGTH,
  ENROL_CODE_MINUTES,
  formatEnrolCode,
  normaliseEnrolCode,
  type EnrolRequest,
} from '../../domain/admin';
import { hashToken } from '../accounts/sessions';
import { recordAudit } from '../audit/record-audit';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { createDeviceSession, type DeviceSession } from './device-session';

function randomCode(): string {
  let code = '';
  for (let i = 0; i < ENROL_CODE_LENGTH; i += 1)
    code += ENROL_CODE_ALPHABET.charAt(randomInt(ENROL_CODE_ALPHABET.length));
  return code;
}

/** A new code for an agent of the admin's township; 404 for anyone else. */
export async function issueEnrolmentCode(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  userId: string,
  now: Date,
): Promise<{ code: string; expiresAt: Date }> {
  const code = randomCode();
  const expiresAt = new Date(now.getTime() + ENROL_CODE_MINUTES * 60_000);
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role', 'disabled_at'])
      .where('id', '=', userId)
      .where('township_id', '=', admin.townshipId)
      .executeTakeFirst();
    if (!user) throw new HttpProblem(404, 'NOT_FOUND', 'No such user in your township');
    if (user.role !== 'agent' || user.disabled_at !== null) {
      throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', 'Only an active agent enrols a phone');
    }
    await trx
      .insertInto('enrolment_codes')
      .values({
        code_hash: hashToken(code),
        user_id: user.id,
        township_id: admin.townshipId,
        created_by: admin.userId,
        created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        used_at: null,
        device_id: null,
      })
      .execute();
    await recordAudit(
      trx,
      {
        action: 'device.enrol_code',
        actor: { id: admin.userId, role: admin.role },
        townshipId: admin.townshipId,
        subject: { type: 'user', id: user.id },
        detail: { expiresAt: expiresAt.toISOString() },
      },
      now.toISOString(),
    );
  });
  return { code: formatEnrolCode(code), expiresAt };
}

/**
 * Redeems a code: 400 ENROL_CODE_INVALID when unknown or used (or its agent was disabled since),
 * 410 ENROL_CODE_EXPIRED after ENROL_CODE_MINUTES. The code is marked used in the same transaction
 * that creates the device, guarded on `used_at is null`, so two phones racing get one device.
 */
export async function enrolDevice(
  db: Kysely<Database>,
  request: EnrolRequest,
  now: Date,
): Promise<DeviceSession & { userId: string }> {
  const codeHash = hashToken(normaliseEnrolCode(request.code));
  const invalid = () => new HttpProblem(400, 'ENROL_CODE_INVALID', 'Unknown or already used enrolment code');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('enrolment_codes')
      .innerJoin('users', 'users.id', 'enrolment_codes.user_id')
      .select([
        'enrolment_codes.expires_at',
        'enrolment_codes.used_at',
        'enrolment_codes.created_by',
        'users.id as user_id',
        'users.role',
        'users.township_id',
        'users.disabled_at',
      ])
      .where('enrolment_codes.code_hash', '=', codeHash)
      .executeTakeFirst();
    if (!row || row.used_at !== null || row.disabled_at !== null || row.township_id === null || row.role !== 'agent')
      throw invalid();
    if (row.expires_at <= now.toISOString())
      throw new HttpProblem(410, 'ENROL_CODE_EXPIRED', 'The enrolment code has expired');
    const claimed = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: now.toISOString() })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n) throw invalid();
    const session = await createDeviceSession(trx, {
      user: { id: row.user_id, role: row.role, townshipId: row.township_id },
      label: request.label,
      via: 'code',
      now,
      codeCreatedBy: row.created_by,
    });
    await trx
      .updateTable('enrolment_codes')
      .set({ device_id: session.deviceId })
      .where('code_hash', '=', codeHash)
      .execute();
    return { ...session, userId: row.user_id };
  });
}
