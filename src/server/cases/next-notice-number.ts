/**
 * Numbers of the written notices (行政许可法 Art. 32): 受理通知书 受, 补正告知书 补, 不予受理决定书 不.
 * `${townshipCode}-受-2026-12`: one sequence per township, kind and year (China calendar), from a
 * counter, so numbers never repeat and follow the order of the decisions.
 */
import type { Kysely } from 'kysely';
import { todayInChina } from '../../domain/resident-id';
import { nextValue } from '../db/counters';
import type { Database, TownshipTable } from '../db/schema';

export type NoticeKind = '受' | '补' | '不';

/** The next notice number of `kind` in the township for the year of `now`. Call inside the deciding transaction. */
export async function nextNoticeNumber(
  trx: Kysely<Database>,
  township: Pick<TownshipTable, 'id' | 'code'>,
  kind: NoticeKind,
  now: Date,
): Promise<string> {
  const year = todayInChina(now).slice(0, 4);
  const seq = await nextValue(trx, `notice:${township.id}:${kind}:${year}`);
  return `${township.code}-${kind}-${year}-${String(seq)}`;
}
