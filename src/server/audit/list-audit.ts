/**
 * One page of the audit trail as a township administrator sees it: the entries of their township only,
 * newest first, paged by seq (keyset: `seq < before`, so a page costs the same at any depth and entries
 * appended meanwhile never shift it). A 办件编号 given as the subject is resolved to its case's id.
 */
import type { Kysely } from 'kysely';
import { auditDetailSchema, type AuditPage, type AuditQuery, type AuditViewEntry } from '../../domain/audit';
import { chinaDayStart } from '../cases/china-time';
import type { Database } from '../db/schema';
import type { TownshipPrincipal } from '../plugins/auth';

/** The case id of a 办件编号 of the township, or the subject as given (already an id). */
async function subjectIdOf(db: Kysely<Database>, townshipId: string, subject: string): Promise<string> {
  const found = await db
    .selectFrom('cases')
    .select('id')
    .where('township_id', '=', townshipId)
    .where('case_number', '=', subject)
    .executeTakeFirst();
  return found?.id ?? subject;
}

function detailOf(text: string): AuditViewEntry['detail'] {
  const parsed = auditDetailSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : {};
}

export async function listAudit(
  db: Kysely<Database>,
  principal: TownshipPrincipal,
  query: AuditQuery,
): Promise<AuditPage> {
  const subjectId =
    query.subject === undefined ? undefined : await subjectIdOf(db, principal.townshipId, query.subject);
  let select = db
    .selectFrom('audit_log as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_id')
    .leftJoin('cases as sc', (join) => join.onRef('sc.id', '=', 'a.subject_id').on('a.subject_type', '=', 'case'))
    .leftJoin('users as su', (join) => join.onRef('su.id', '=', 'a.subject_id').on('a.subject_type', '=', 'user'))
    .select([
      'a.seq',
      'a.at',
      'a.action',
      'a.actor_id',
      'a.actor_role',
      'a.township_id',
      'a.subject_type',
      'a.subject_id',
      'a.detail',
      'a.hash',
      'actor.name as actor_name',
      'sc.case_number as subject_case_number',
      'su.name as subject_user_name',
    ])
    .where('a.township_id', '=', principal.townshipId);
  if (query.action !== undefined) select = select.where('a.action', '=', query.action);
  if (query.actor !== undefined) select = select.where('a.actor_id', '=', query.actor);
  if (subjectId !== undefined) select = select.where('a.subject_id', '=', subjectId);
  if (query.from !== undefined) select = select.where('a.at', '>=', chinaDayStart(query.from));
  if (query.to !== undefined) select = select.where('a.at', '<', chinaDayStart(query.to, 1));
  if (query.before !== undefined) select = select.where('a.seq', '<', query.before);
  const rows = await select
    .orderBy('a.seq', 'desc')
    .limit(query.pageSize + 1)
    .execute();
  const shown = rows.slice(0, query.pageSize);
  const actors = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('township_id', '=', principal.townshipId)
    .orderBy('role')
    .orderBy('name')
    .execute();
  return {
    entries: shown.map((row) => ({
      seq: row.seq,
      at: row.at,
      action: row.action,
      actorId: row.actor_id,
      actorName: row.actor_name,
      actorRole: row.actor_role,
      townshipId: row.township_id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      subjectLabel: row.subject_case_number ?? row.subject_user_name,
      detail: detailOf(row.detail),
      hash: row.hash,
    })),
    nextBefore: rows.length > query.pageSize ? (shown.at(-1)?.seq ?? null) : null,
    actors,
  };
}
