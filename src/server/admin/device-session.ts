/**
 * Opens a device session: every device token belongs to a `devices` row, whether the phone was
 * enrolled by a one-time code or signed in with a password, so the administrator sees every phone
 * and can revoke it. Writes the device, the session and the audit entry in the caller's transaction.
 */
import type { Kysely } from 'kysely';
import { DEVICE_TOKEN_DAYS } from '../../domain/auth';
import { newId } from '../../domain/ids';
import type { Role } from '../../domain/roles';
import { createSession } from '../accounts/sessions';
import { recordAudit } from '../audit/record-audit';
import type { Database, DeviceTable } from '../db/schema';

const DAY_MS = 24 * 60 * 60 * 1000;

export type DeviceSession = { token: string; expiresAt: Date; deviceId: string };

export async function createDeviceSession(
  trx: Kysely<Database>,
  input: {
    user: { id: string; role: Role; townshipId: string };
    label: string;
    via: DeviceTable['enrolled_via'];
    now: Date;
    /** The enrolment code's creator, for the audit entry's detail. */
    codeCreatedBy?: string;
  },
): Promise<DeviceSession> {
  const deviceId = newId();
  const at = input.now.toISOString();
  await trx
    .insertInto('devices')
    .values({
      id: deviceId,
      user_id: input.user.id,
      township_id: input.user.townshipId,
      label: input.label,
      enrolled_via: input.via,
      enrolled_at: at,
      last_seen_at: at,
      revoked_at: null,
      revoked_by: null,
      wiped_at: null,
    })
    .execute();
  const { token, expiresAt } = await createSession(trx, {
    userId: input.user.id,
    kind: 'device',
    now: input.now,
    lifetimeMs: DEVICE_TOKEN_DAYS * DAY_MS,
    deviceId,
  });
  await recordAudit(
    trx,
    {
      action: 'device.enrol',
      actor: { id: input.user.id, role: input.user.role },
      townshipId: input.user.townshipId,
      subject: { type: 'device', id: deviceId },
      detail: { via: input.via, ...(input.codeCreatedBy ? { codeCreatedBy: input.codeCreatedBy } : {}) },
    },
    at,
  );
  return { token, expiresAt, deviceId };
}
