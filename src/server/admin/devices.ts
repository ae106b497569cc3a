/**
 * The township's phones: the list the administrator sees, revocation, and the phone's report that it
 * wiped itself. Revoking does not end the token: the phone may still hand in unsent work (see
 * plugins/auth.ts, DRAIN_ROUTES) until it reports the wipe, which ends every session of the device.
 */
import type { Kysely } from 'kysely';
import type { Device, DeviceState } from '../../domain/admin';
import { recordAudit } from '../audit/record-audit';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';

function stateOf(row: { revoked_at: string | null; wiped_at: string | null }): DeviceState {
  if (row.wiped_at !== null) return 'wiped';
  return row.revoked_at !== null ? 'revoked' : 'active';
}

function deviceQuery(db: Kysely<Database>, townshipId: string) {
  return db
    .selectFrom('devices')
    .innerJoin('users', 'users.id', 'devices.user_id')
    .select([
      'devices.id',
      'devices.label',
      'devices.enrolled_via',
      'devices.enrolled_at',
      'devices.last_seen_at',
      'devices.revoked_at',
      'devices.wiped_at',
      'users.id as user_id',
      'users.name as user_name',
    ])
    .where('devices.township_id', '=', townshipId);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof deviceQuery>['executeTakeFirstOrThrow']>>;

function deviceOf(row: DeviceRow): Device {
  return {
    id: row.id,
    agent: { id: row.user_id, name: row.user_name },
    label: row.label,
    enrolledVia: row.enrolled_via,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    state: stateOf(row),
    revokedAt: row.revoked_at,
    wipedAt: row.wiped_at,
  };
}

/** The township's phones: in use first, then waiting to wipe, then wiped; newest enrolment first. */
export async function listDevices(db: Kysely<Database>, townshipId: string): Promise<Device[]> {
  const rows = await deviceQuery(db, townshipId).orderBy('devices.enrolled_at', 'desc').execute();
  const rank: Record<DeviceState, number> = { active: 0, revoked: 1, wiped: 2 };
  return rows.map(deviceOf).sort((a, b) => rank[a.state] - rank[b.state]);
}

/** Revokes a phone of the admin's township (idempotent: a revoked phone stays as it is). */
export async function revokeDevice(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  deviceId: string,
  now: Date,
): Promise<Device> {
  return db.transaction().execute(async (trx) => {
    const row = await deviceQuery(trx, admin.townshipId).where('devices.id', '=', deviceId).executeTakeFirst();
    if (!row) throw new HttpProblem(404, 'NOT_FOUND', 'No such device in your township');
    if (row.revoked_at !== null) return deviceOf(row);
    const at = now.toISOString();
    await trx
      .updateTable('devices')
      .set({ revoked_at: at, revoked_by: admin.userId })
      .where('id', '=', deviceId)
      .execute();
    await recordAudit(
      trx,
      {
        action: 'device.revoke',
        actor: { id: admin.userId, role: admin.role },
        townshipId: admin.townshipId,
        subject: { type: 'device', id: deviceId },
        detail: { agentId: row.user_id },
      },
      at,
    );
    return deviceOf({ ...row, revoked_at: at });
  });
}

/** Revokes every phone of a user (a disabled account), each with its own audit entry. */
export async function revokeDevicesOf(
  trx: Kysely<Database>,
  admin: TownshipPrincipal,
  userId: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const open = await trx
    .selectFrom('devices')
    .select('id')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  for (const { id } of open) {
    await trx.updateTable('devices').set({ revoked_at: at, revoked_by: admin.userId }).where('id', '=', id).execute();
    await recordAudit(
      trx,
      {
        action: 'device.revoke',
        actor: { id: admin.userId, role: admin.role },
        townshipId: admin.townshipId,
        subject: { type: 'device', id },
        detail: { agentId: userId, reason: 'user_disabled' },
      },
      at,
    );
  }
}

/**
 * The revoked phone's last call: it has handed in its work and deleted its local data. Ends every
 * session of the device. 409 ACTION_NOT_ALLOWED for a phone that was not revoked.
 */
export async function reportWiped(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  setAside: number,
  now: Date,
): Promise<void> {
  const deviceId = principal.deviceId;
  if (deviceId === null) throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', 'Only a phone reports a wipe');
  await db.transaction().execute(async (trx) => {
    const device = await trx
      .selectFrom('devices')
      .select(['id', 'revoked_at', 'wiped_at'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    if (device?.revoked_at == null) {
      throw new HttpProblem(409, 'ACTION_NOT_ALLOWED', 'This device is not revoked');
    }
    if (device.wiped_at !== null) return;
    const at = now.toISOString();
    await trx.updateTable('devices').set({ wiped_at: at }).where('id', '=', deviceId).execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .execute();
    await recordAudit(
      trx,
      {
        action: 'device.wiped',
        actor: { id: principal.userId, role: principal.role },
        townshipId: principal.townshipId,
        subject: { type: 'device', id: deviceId },
        detail: { setAside },
      },
      at,
    );
  });
}
