/**
 * Villages and windows of the admin's township: list, create, rename. Codes are unique within the
 * township (a second one is 409 CONFLICT on field `code`); a code never changes once cases carry it.
 * Names are unique too among the township's villages (and among its windows), since pickers, lists and
 * statistics show the name alone: a taken one is 409 CONFLICT on field `name`, on create and on rename.
 */
import type { Kysely } from 'kysely';
import type { Rename, ServiceWindow, Village, VillageCreate } from '../../domain/admin';
import { newId } from '../../domain/ids';
import { recordAudit } from '../audit/record-audit';
import { isUniqueViolation } from '../cases/is-unique-violation';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { TownshipPrincipal } from '../plugins/auth';

export type PlaceKind = 'village' | 'window';

export async function listVillages(db: Kysely<Database>, townshipId: string): Promise<Village[]> {
  const rows = await db
    .selectFrom('villages')
    .leftJoin('users', (join) =>
      join
        .onRef('users.village_id', '=', 'villages.id')
        .on('users.role', '=', 'agent')
        .on('users.disabled_at', 'is', null),
    )
    .select([
      'villages.id',
      'villages.code',
      'villages.name',
      (eb) => eb.fn.count<string | number>('users.id').as('agents'),
    ])
    .where('villages.township_id', '=', townshipId)
    .groupBy(['villages.id', 'villages.code', 'villages.name'])
    .orderBy('villages.code')
    .execute();
  return rows.map((r) => ({ ...r, agents: Number(r.agents) }));
}

export async function listWindows(db: Kysely<Database>, townshipId: string): Promise<ServiceWindow[]> {
  const rows = await db
    .selectFrom('windows')
    .leftJoin('user_windows', 'user_windows.window_id', 'windows.id')
    .leftJoin('users', (join) =>
      join.onRef('users.id', '=', 'user_windows.user_id').on('users.disabled_at', 'is', null),
    )
    .select([
      'windows.id',
      'windows.code',
      'windows.name',
      (eb) => eb.fn.count<string | number>('users.id').as('clerks'),
    ])
    .where('windows.township_id', '=', townshipId)
    .groupBy(['windows.id', 'windows.code', 'windows.name'])
    .orderBy('windows.code')
    .execute();
  return rows.map((r) => ({ ...r, clerks: Number(r.clerks) }));
}

const tableOf = { village: 'villages', window: 'windows' } as const;

/** Refuses `name` when another village (or window) of the township has it already. */
async function refuseTakenName(
  trx: Kysely<Database>,
  kind: PlaceKind,
  townshipId: string,
  name: string,
  exceptId: string | null,
): Promise<void> {
  let query = trx.selectFrom(tableOf[kind]).select('id').where('township_id', '=', townshipId).where('name', '=', name);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw new HttpProblem(409, 'CONFLICT', `The name is taken by another ${kind} in this township`, { field: 'name' });
  }
}

/** Creates a village or window; returns its id. */
export async function createPlace(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  kind: PlaceKind,
  input: VillageCreate,
  now: Date,
): Promise<string> {
  const id = newId();
  const code = input.code.toUpperCase();
  try {
    await db.transaction().execute(async (trx) => {
      await refuseTakenName(trx, kind, admin.townshipId, input.name, null);
      const values = { id, township_id: admin.townshipId, code, name: input.name };
      if (kind === 'village') await trx.insertInto('villages').values(values).execute();
      else
        await trx
          .insertInto('windows')
          .values({ ...values, phone: null })
          .execute();
      await recordAudit(
        trx,
        {
          action: kind === 'village' ? 'admin.village' : 'admin.window',
          actor: { id: admin.userId, role: admin.role },
          townshipId: admin.townshipId,
          subject: { type: kind, id },
          detail: { op: 'create', code, name: input.name },
        },
        now.toISOString(),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HttpProblem(409, 'CONFLICT', `The code ${code} is taken in this township`, { field: 'code' });
    }
    throw error;
  }
  return id;
}

/** Renames a village or window of the admin's township (404 for another township's, 409 for a taken name). */
export async function renamePlace(
  db: Kysely<Database>,
  admin: TownshipPrincipal,
  kind: PlaceKind,
  id: string,
  input: Rename,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const table = tableOf[kind];
    const result = await trx
      .updateTable(table)
      .set({ name: input.name })
      .where('id', '=', id)
      .where('township_id', '=', admin.townshipId)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n) throw new HttpProblem(404, 'NOT_FOUND', `No such ${kind} in your township`);
    await refuseTakenName(trx, kind, admin.townshipId, input.name, id);
    await recordAudit(
      trx,
      {
        action: kind === 'village' ? 'admin.village' : 'admin.window',
        actor: { id: admin.userId, role: admin.role },
        townshipId: admin.townshipId,
        subject: { type: kind, id },
        detail: { op: 'rename', name: input.name },
      },
      now.toISOString(),
    );
  });
}
