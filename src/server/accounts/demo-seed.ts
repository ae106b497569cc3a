/**
 * The demo township 示范镇, seeded on first start with an empty database unless DAIBAN_DEMO=0.
 * Township and users are marked is_demo = 1 and the township is named 示范镇（演示数据）, so nobody
 * mistakes it for real data. The logins are listed in the README.
 */
import type { Kysely } from 'kysely';
import { newId } from '../../domain/ids';
import type { Role } from '../../domain/roles';
import type { Database } from '../db/schema';
import { hashPassword } from './password';

export const DEMO_PASSWORD = 'daiban123';

/** Contact numbers are made up, in the style of a county landline (area code 0833). */
export const DEMO_TOWNSHIP = { code: '999001', name: '示范镇（演示数据）', supervisionPhone: '0833-5120012' };

const villages = [
  { code: '001', name: '东坡村' },
  { code: '002', name: '西河村' },
  { code: '003', name: '南山村' },
];

const windows = [
  { code: 'MZ', name: '民政办', phone: '0833-5121101' },
  { code: 'SB', name: '社保所', phone: '0833-5121102' },
  { code: 'WJ', name: '卫健办', phone: '0833-5121103' },
  { code: 'ZR', name: '自然资源所', phone: '0833-5121104' },
];

type DemoUser = { role: Role; name: string; phone: string; village?: string; windows?: string[] };

export const DEMO_USERS: readonly DemoUser[] = [
  { role: 'admin', name: '王强', phone: '13900000000' },
  { role: 'clerk', name: '李娜', phone: '13900000001', windows: ['MZ', 'WJ'] },
  { role: 'clerk', name: '陈静', phone: '13900000002', windows: ['SB', 'ZR'] },
  { role: 'agent', name: '张建国', phone: '13900000011', village: '001' },
  { role: 'agent', name: '刘桂兰', phone: '13900000012', village: '002' },
  { role: 'agent', name: '赵志刚', phone: '13900000013', village: '003' },
];

/** Seeds the demo township if the database has no township yet; returns whether it seeded. */
export async function seedDemoTownship(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('townships').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAt = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const townshipId = newId();
    await trx
      .insertInto('townships')
      .values({
        id: townshipId,
        code: DEMO_TOWNSHIP.code,
        name: DEMO_TOWNSHIP.name,
        supervision_phone: DEMO_TOWNSHIP.supervisionPhone,
        is_demo: 1,
        created_at: createdAt,
      })
      .execute();
    const villageIds = new Map(villages.map((v) => [v.code, newId()]));
    const windowIds = new Map(windows.map((w) => [w.code, newId()]));
    await trx
      .insertInto('villages')
      .values(villages.map((v) => ({ id: villageIds.get(v.code) ?? newId(), township_id: townshipId, ...v })))
      .execute();
    await trx
      .insertInto('windows')
      .values(windows.map((w) => ({ id: windowIds.get(w.code) ?? newId(), township_id: townshipId, ...w })))
      .execute();
    for (const u of DEMO_USERS) {
      const userId = newId();
      await trx
        .insertInto('users')
        .values({
          id: userId,
          role: u.role,
          name: u.name,
          phone: u.phone,
          password_hash: passwordHash,
          township_id: townshipId,
          village_id: u.village ? (villageIds.get(u.village) ?? null) : null,
          failed_logins: 0,
          locked_until: null,
          is_demo: 1,
          created_at: createdAt,
        })
        .execute();
      for (const code of u.windows ?? []) {
        const windowId = windowIds.get(code);
        if (windowId) await trx.insertInto('user_windows').values({ user_id: userId, window_id: windowId }).execute();
      }
    }
  });
  return true;
}
