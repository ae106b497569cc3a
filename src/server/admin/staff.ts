/**
 * Staff accounts of the admin's township: agents (one village) and clerks (one or more windows).
 * The administrator creates them, moves them, resets a password (its web sessions end), and disables an
 * account: its web sessions end at once and its phones are revoked (each hands in its unsent work, then
 * wipes).
 * Administrators' own accounts are listed but not managed here.
 */
import type { Kysely } from 'kysely';
import type { AdminUser, UserCreate, UserUpdate } from '../../domain/admin';
import { userCreateSchema } from '../../domain/admin';
import { newId } from '../../domain/ids';
import { maskPhone } from '../../domain/phone';
import { hashPassword } from '../accounts/password';
import { recordAudit } from '../audit/record-audit';
import { isUniqueViolation } from '../cases/is-unique-violation';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';
import { revokeDevicesOf } from './devices';

export async function listUsers(db: Kysely<Database>, townshipId: string): Promise<AdminUser[]> {
  const users = await db
    .selectFrom('users')
    .leftJoin('villages', 'villages.id', 'users.village_id')
    .select([
      'users.id',
      'users.role',
      'users.name',
      'users.phone',
      'users.disabled_at',
      'villages.id as village_id',
      'villages.name as village_name',
    ])
    .where('users.township_id', '=', townshipId)
    .orderBy('users.role')
    .orderBy('users.name')
    .execute();
  const windows = await db
    .selectFrom('user_windows')
    .innerJoin('windows', 'windows.id', 'user_windows.window_id')
    .select(['user_windows.user_id', 'windows.id', 'windows.name'])
    .where('windows.township_id', '=', townshipId)
    .orderBy('windows.code')
    .execute();
  const devices = await db
    .selectFrom('devices')
    .select(['user_id', (eb) => eb.fn.count<string | number>('id').as('n')])
    .where('township_id', '=', townshipId)
    .where('revoked_at', 'is', null)
    .groupBy('user_id')
    .execute();
  const deviceCount = new Map(devices.map((d) => [d.user_id, Number(d.n)]));
  return users.map((u) => ({
    id: u.id,
    role: u.role,
    name: u.name,
    phoneMasked: maskPhone(u.phone),
    village: u.village_id && u.village_name ? { id: u.village_id, name: u.village_name } : null,
    windows: windows.filter((w) => w.user_id === u.id).map((w) => ({ id: w.id, name: w.name })),
    disabled: u.disabled_at !== null,
    activeDevices: deviceCount.get(u.id) ?? 0,
  }));
}

type Trx = Kysely<Database>;

async function checkVillage(trx: Trx, townshipId: string, villageId: string): Promise<void> {
  const village = await trx
    .selectFrom('villages')
    .select('id')
    .where('id', '=', villageId)
    .where('township_id', '=', townshipId)
    .executeTakeFirst();
  if (!village)
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'No such village in your township', { field: 'villageId' });
}

async function setWindows(trx: Trx, townshipId: string, userId: string, windowIds: readonly string[]): Promise<void> {
  const unique = [...new Set(windowIds)];
  const found = await trx
    .selectFrom('windows')
    .select('id')
    .where('township_id', '=', townshipId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'No such window in your township', { field: 'windowIds' });
  }
  await trx.deleteFrom('user_windows').where('user_id', '=', userId).execute();
  await trx
    .insertInto('user_windows')
    .values(unique.map((window_id) => ({ user_id: userId, window_id })))
    .execute();
}

function audit(trx: Trx, admin: TownshipPrincipal, userId: string, detail: Record<string, string>, now: Date) {
  return recordAudit(
    trx,
    {
      action: 'admin.user',
      actor: { id: admin.userId, role: admin.role },
      townshipId: admin.townshipId,
      subject: { type: 'user', id: userId },
      detail,
    },
    now.toISOString(),
  );
}

/** Creates an agent or clerk; 409 CONFLICT on field `phone` when the number has an account. */
export async function createUser(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  input: UserCreate,
  now: Date,
): Promise<string> {
  const user = userCreateSchema.parse(input);
  const id = newId();
  const passwordHash = await hashPassword(user.password);
  try {
    await db.transaction().execute(async (trx) => {
      if (user.role === 'agent' && user.villageId) await checkVillage(trx, admin.townshipId, user.villageId);
      await trx
        .insertInto('users')
        .values({
          id,
          role: user.role,
          name: user.name,
          phone: user.phone,
          password_hash: passwordHash,
          township_id: admin.townshipId,
          county_id: null,
          village_id: user.role === 'agent' ? user.villageId : null,
          failed_logins: 0,
          locked_until: null,
          is_demo: 0,
          created_at: now.toISOString(),
        })
        .execute();
      if (user.role === 'clerk') await setWindows(trx, admin.townshipId, id, user.windowIds);
      await audit(trx, admin, id, { op: 'create', role: user.role }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HttpProblem(409, 'CONFLICT', 'This mobile number already has an account', { field: 'phone' });
    }
    throw error;
  }
  return id;
}

/** The agent or clerk `userId` of the admin's township, or 404. */
async function managed(trx: Trx, admin: TownshipPrincipal, userId: string) {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'role', 'disabled_at'])
    .where('id', '=', userId)
    .where('township_id', '=', admin.townshipId)
    .executeTakeFirst();
  if (user?.role !== 'agent' && user?.role !== 'clerk') {
    throw new HttpProblem(404, 'NOT_FOUND', 'No agent or clerk with this id in your township');
  }
  return { ...user, role: user.role };
}

/** Renames, moves an agent to another village, or gives a clerk other windows. */
export async function updateUser(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  userId: string,
  input: UserUpdate,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await managed(trx, admin, userId);
    if (input.villageId !== undefined) {
      if (user.role !== 'agent') {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'Only an agent has a village', { field: 'villageId' });
      }
      await checkVillage(trx, admin.townshipId, input.villageId);
      await trx.updateTable('users').set({ village_id: input.villageId }).where('id', '=', userId).execute();
    }
    if (input.windowIds !== undefined) {
      if (user.role !== 'clerk') {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'Only a clerk has windows', { field: 'windowIds' });
      }
      await setWindows(trx, admin.townshipId, userId, input.windowIds);
    }
    if (input.name !== undefined) {
      await trx.updateTable('users').set({ name: input.name }).where('id', '=', userId).execute();
    }
    const changed = Object.keys(input);
    await audit(trx, admin, userId, { op: 'update', fields: changed.join(',') }, now);
  });
}

/** Ends the account's web (cookie) sessions now; device tokens are the phones' own (revoked under 设备). */
async function endWebSessions(trx: Kysely<Database>, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('device_id', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Disables an account: web sessions end now, phones are revoked (they drain, then wipe). */
export async function disableUser(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  userId: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await managed(trx, admin, userId);
    if (user.disabled_at !== null) return;
    const at = now.toISOString();
    await trx.updateTable('users').set({ disabled_at: at }).where('id', '=', userId).execute();
    await endWebSessions(trx, userId, now);
    await revokeDevicesOf(trx, admin, userId, now);
    await audit(trx, admin, userId, { op: 'disable' }, now);
  });
}

/**
 * Sets a new password and lifts a lockout. The account's web sessions end (a reset is often because
 * the password got out: whoever used it is signed out too); its phones keep their device tokens —
 * a phone is stopped under 设备 (revocation), where it hands in its unsent work first.
 */
export async function resetPassword(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  userId: string,
  password: string,
  now: Date,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await managed(trx, admin, userId);
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
      .where('id', '=', userId)
      .execute();
    await endWebSessions(trx, userId, now);
    await audit(trx, admin, userId, { op: 'reset_password' }, now);
  });
}
