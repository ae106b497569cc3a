/**
 * The demo county 示范县 with its townships 示范镇 and 青石镇, seeded on first start with an empty
 * database unless DAIBAN_DEMO=0. County, townships and users are marked is_demo = 1 and named
 * …（演示数据）, so nobody mistakes them for real data. The logins are listed in the README.
 */
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../domain/ids';
import type { Role, TownshipRole } from '../../domain/roles';
import type { Database } from '../db/schema';
import { hashPassword } from './password';

export const DEMO_PASSWORD = 'daiban123';

export const DEMO_COUNTY = { code: '999000', name: '示范县（演示数据）' };

/** Contact numbers are made up, in the style of a county landline (area code 0833). */
export const DEMO_TOWNSHIP = { code: '999001', name: '示范镇（演示数据）', supervisionPhone: '0833-5120012' };

type DemoUser = { role: TownshipRole; name: string; phone: string; village?: string; windows?: string[] };

type DemoTownship = {
  code: string;
  name: string;
  supervisionPhone: string;
  villages: readonly { code: string; name: string }[];
  windows: readonly { code: string; name: string; phone: string }[];
  users: readonly DemoUser[];
};

export const DEMO_USERS: readonly DemoUser[] = [
  { role: 'admin', name: '王强', phone: '13900000000' },
  { role: 'clerk', name: '李娜', phone: '13900000001', windows: ['MZ', 'WJ'] },
  { role: 'clerk', name: '陈静', phone: '13900000002', windows: ['SB', 'ZR'] },
  { role: 'agent', name: '张建国', phone: '13900000011', village: '001' },
  { role: 'agent', name: '刘桂兰', phone: '13900000012', village: '002' },
  { role: 'agent', name: '赵志刚', phone: '13900000013', village: '003' },
];

const SHIFAN: DemoTownship = {
  ...DEMO_TOWNSHIP,
  villages: [
    { code: '001', name: '东坡村' },
    { code: '002', name: '西河村' },
    { code: '003', name: '南山村' },
  ],
  windows: [
    { code: 'MZ', name: '民政办', phone: '0833-5121101' },
    { code: 'SB', name: '社保所', phone: '0833-5121102' },
    { code: 'WJ', name: '卫健办', phone: '0833-5121103' },
    { code: 'ZR', name: '自然资源所', phone: '0833-5121104' },
  ],
  users: DEMO_USERS,
};

/** The county's second, smaller township: one village, one window, a clerk and an agent. */
export const DEMO_TOWNSHIP_2: DemoTownship = {
  code: '999003',
  name: '青石镇（演示数据）',
  supervisionPhone: '0833-5130012',
  villages: [{ code: '001', name: '石桥村' }],
  windows: [{ code: 'MZ', name: '民政办', phone: '0833-5131101' }],
  users: [
    { role: 'clerk', name: '周敏', phone: '13900000003', windows: ['MZ'] },
    { role: 'agent', name: '吴德福', phone: '13900000014', village: '001' },
  ],
};

/** The county administrator: statistics of both townships, no case data. */
export const DEMO_COUNTY_ADMIN = { role: 'county_admin', name: '郑伟', phone: '13900000009' } as const satisfies {
  role: Role;
  name: string;
  phone: string;
};

type Seeding = { trx: Transaction<Database>; countyId: string; passwordHash: string; createdAt: string };

async function seedTownship(s: Seeding, township: DemoTownship): Promise<void> {
  const { trx, createdAt } = s;
  const townshipId = newId();
  await trx
    .insertInto('townships')
    .values({
      id: townshipId,
      code: township.code,
      name: township.name,
      supervision_phone: township.supervisionPhone,
      county_id: s.countyId,
      is_demo: 1,
      created_at: createdAt,
    })
    .execute();
  const villageIds = new Map(township.villages.map((v) => [v.code, newId()]));
  const windowIds = new Map(township.windows.map((w) => [w.code, newId()]));
  await trx
    .insertInto('villages')
    .values(township.villages.map((v) => ({ id: villageIds.get(v.code) ?? newId(), township_id: townshipId, ...v })))
    .execute();
  await trx
    .insertInto('windows')
    .values(township.windows.map((w) => ({ id: windowIds.get(w.code) ?? newId(), township_id: townshipId, ...w })))
    .execute();
  for (const u of township.users) {
    const userId = newId();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        role: u.role,
        name: u.name,
        phone: u.phone,
        password_hash: s.passwordHash,
        township_id: townshipId,
        county_id: null,
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
}

/** Seeds the demo county if the database has no township yet; returns whether it seeded. */
export async function seedDemoTownship(db: Kysely<Database>, now: Date): Promise<boolean> {
  const existing = await db.selectFrom('townships').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAt = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const countyId = newId();
    await trx
      .insertInto('counties')
      .values({ id: countyId, code: DEMO_COUNTY.code, name: DEMO_COUNTY.name, is_demo: 1, created_at: createdAt })
      .execute();
    const seeding: Seeding = { trx, countyId, passwordHash, createdAt };
    await seedTownship(seeding, SHIFAN);
    await seedTownship(seeding, DEMO_TOWNSHIP_2);
    await trx
      .insertInto('users')
      .values({
        id: newId(),
        role: DEMO_COUNTY_ADMIN.role,
        name: DEMO_COUNTY_ADMIN.name,
        phone: DEMO_COUNTY_ADMIN.phone,
        password_hash: passwordHash,
        township_id: null,
        county_id: countyId,
        village_id: null,
        failed_logins: 0,
        locked_until: null,
        is_demo: 1,
        created_at: createdAt,
      })
      .execute();
  });
  return true;
}
