/** Small queries over users and what they belong to. No HTTP here. */
import type { Kysely, Selectable } from 'kysely';
import type { SessionUser } from '../../domain/auth';
import { maskPhone } from '../../domain/phone';
import type { Database, UserTable } from '../db/schema';

export type UserRow = Selectable<UserTable>;

export function findUserByPhone(db: Kysely<Database>, phone: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('phone', '=', phone).executeTakeFirst();
}

/** The profile a signed-in user sees of themselves (and the phone caches). */
export async function loadSessionUser(db: Kysely<Database>, userId: UserRow['id']): Promise<SessionUser | undefined> {
  const user = await db
    .selectFrom('users')
    .leftJoin('townships', 'townships.id', 'users.township_id')
    .leftJoin('counties', 'counties.id', 'users.county_id')
    .leftJoin('villages', 'villages.id', 'users.village_id')
    .select([
      'users.id',
      'users.role',
      'users.name',
      'users.phone',
      'townships.id as township_id',
      'townships.name as township_name',
      'counties.id as county_id',
      'counties.name as county_name',
      'villages.id as village_id',
      'villages.name as village_name',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const windows = await db
    .selectFrom('user_windows')
    .innerJoin('windows', 'windows.id', 'user_windows.window_id')
    .select(['windows.id', 'windows.name'])
    .where('user_windows.user_id', '=', userId)
    .orderBy('windows.code')
    .execute();
  return {
    id: user.id,
    role: user.role,
    name: user.name,
    phoneMasked: maskPhone(user.phone),
    township: user.township_id && user.township_name ? { id: user.township_id, name: user.township_name } : null,
    county: user.county_id && user.county_name ? { id: user.county_id, name: user.county_name } : null,
    village: user.village_id && user.village_name ? { id: user.village_id, name: user.village_name } : null,
    windows,
  };
}

/** Counts one more wrong password and returns the new count (atomic: concurrent tries all count). */
export async function recordFailedLogin(db: Kysely<Database>, userId: UserRow['id']): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins;
}

export async function lockUser(db: Kysely<Database>, userId: UserRow['id'], until: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ locked_until: until.toISOString(), failed_logins: 0 })
    .where('id', '=', userId)
    .execute();
}

export async function clearFailedLogins(db: Kysely<Database>, userId: UserRow['id']): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}
