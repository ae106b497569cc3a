/**
 * The catalogue in the database. Items are immutable per (code, version): changing an item means a
 * new version, and the old one stays so that cases started under it can still be read against it.
 * The catalogue's version (its ETag) is a hash of the current (code, version) pairs.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Catalogue, type ServiceItem, type ServiceItemInput, serviceItemSchema } from '../../domain/catalogue';
import type { Database } from '../db/schema';

function catalogueVersion(items: readonly Pick<ServiceItem, 'code' | 'version'>[]): string {
  const keys = items.map((i) => `${i.code}@${String(i.version)}`).sort();
  return createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 16);
}

/**
 * Stores every given item version that is not yet stored and makes the newest version of each code
 * current. A stored version whose content differs is refused: a change needs a new version number.
 */
export async function upsertCatalogueItems(
  db: Kysely<Database>,
  inputs: readonly ServiceItemInput[],
  now: Date,
): Promise<number> {
  const items = inputs.map((input) => serviceItemSchema.parse(input));
  let added = 0;
  await db.transaction().execute(async (trx) => {
    for (const item of items) {
      const body = JSON.stringify(item);
      const existing = await trx
        .selectFrom('catalogue_items')
        .select('body')
        .where('code', '=', item.code)
        .where('version', '=', item.version)
        .executeTakeFirst();
      if (existing) {
        if (existing.body !== body) {
          throw new Error(`Catalogue item ${item.code} v${String(item.version)} changed without a new version number`);
        }
        continue;
      }
      const newest = await trx
        .selectFrom('catalogue_items')
        .select((eb) => eb.fn.max<number | null>('version').as('v'))
        .where('code', '=', item.code)
        .executeTakeFirst();
      const newestVersion = newest?.v ?? null;
      const isNewest = newestVersion === null || newestVersion < item.version;
      if (isNewest)
        await trx.updateTable('catalogue_items').set({ is_current: 0 }).where('code', '=', item.code).execute();
      await trx
        .insertInto('catalogue_items')
        .values({
          code: item.code,
          version: item.version,
          name: item.name,
          window_code: item.windowCode,
          body,
          is_current: isNewest ? 1 : 0,
          created_at: now.toISOString(),
        })
        .execute();
      added += 1;
    }
  });
  return added;
}

/** The catalogue's version without loading the items (answers If-None-Match cheaply). */
export async function currentCatalogueVersion(db: Kysely<Database>): Promise<string> {
  const rows = await db.selectFrom('catalogue_items').select(['code', 'version']).where('is_current', '=', 1).execute();
  return catalogueVersion(rows);
}

/** The current version of every item, ordered by code, with the catalogue's version. */
export async function loadCurrentCatalogue(db: Kysely<Database>): Promise<Catalogue> {
  const rows = await db
    .selectFrom('catalogue_items')
    .select(['body'])
    .where('is_current', '=', 1)
    .orderBy('code')
    .execute();
  const items = rows.map((r) => serviceItemSchema.parse(JSON.parse(r.body)));
  return { version: catalogueVersion(items), items };
}

/** One item at one version (current or not), for cases started under an older version. */
export async function loadItemVersion(
  db: Kysely<Database>,
  code: string,
  version: number,
): Promise<ServiceItem | undefined> {
  const row = await db
    .selectFrom('catalogue_items')
    .select('body')
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? serviceItemSchema.parse(JSON.parse(row.body)) : undefined;
}
