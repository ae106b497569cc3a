/**
 * One page of the audit trail as an administrator sees it, newest first, paged by seq (keyset:
 * `seq < before`, so a page costs the same at any depth and entries appended meanwhile never shift it).
 * A 办件编号 given as the subject is resolved to its case's id.
 *
 * Who sees what (the scope):
 * - a township administrator: the entries of their township only; a `township` filter naming any
 *   other township (or none) is 403;
 * - a county administrator: the entries of every township of their county, plus the entries of no
 *   township (their own sign-ins and exports, attempts on unknown numbers) — except those naming a
 *   user of another county, should one server host two; `township` narrows to one township of the
 *   county or to AUDIT_NO_TOWNSHIP, another id is 403.
 */
import type { Kysely } from 'kysely';
import {
  AUDIT_NO_TOWNSHIP,
  auditDetailSchema,
  type AuditPage,
  type AuditQuery,
  type AuditTownship,
  type AuditViewEntry,
} from '../../domain/audit';
import { chinaDayStart } from '../cases/china-time';
import type { Database } from '../db/schema';
import { HttpProblem } from '../http-problem';
import type { Principal } from '../plugins/auth';

/** Which entries the page may list: townships by id, and (for a county) the county's township-less ones. */
type Scope = {
  townships: AuditTownship[];
  /** The township ids whose entries are listed. */
  townshipIds: string[];
  /** The county whose township-less entries are listed; null: none of them. */
  noTownshipOf: string | null;
  /** Whose accounts the actor filter offers: these townships' users and, if set, the county's administrators. */
  countyUsersOf: string | null;
};

function forbidden(): HttpProblem {
  return new HttpProblem(403, 'FORBIDDEN', 'You may not see the entries of that township');
}

async function scopeOf(db: Kysely<Database>, principal: Principal, township: string | undefined): Promise<Scope> {
  if (principal.role !== 'county_admin') {
    if (township !== undefined && township !== principal.townshipId) throw forbidden();
    const own = await db
      .selectFrom('townships')
      .select(['id', 'name'])
      .where('id', '=', principal.townshipId)
      .execute();
    return { townships: own, townshipIds: [principal.townshipId], noTownshipOf: null, countyUsersOf: null };
  }
  const townships = await db
    .selectFrom('townships')
    .select(['id', 'name'])
    .where('county_id', '=', principal.countyId)
    .orderBy('code')
    .execute();
  const all = townships.map((t) => t.id);
  if (township === undefined) {
    return { townships, townshipIds: all, noTownshipOf: principal.countyId, countyUsersOf: principal.countyId };
  }
  if (township === AUDIT_NO_TOWNSHIP) {
    return { townships, townshipIds: [], noTownshipOf: principal.countyId, countyUsersOf: principal.countyId };
  }
  if (!all.includes(township)) throw forbidden();
  return { townships, townshipIds: [township], noTownshipOf: null, countyUsersOf: null };
}

/** The case id of a 办件编号 of the scope's townships, or the subject as given (already an id). */
async function subjectIdOf(db: Kysely<Database>, townshipIds: readonly string[], subject: string): Promise<string> {
  if (townshipIds.length === 0) return subject;
  const found = await db
    .selectFrom('cases')
    .select('id')
    .where('township_id', 'in', townshipIds)
    .where('case_number', '=', subject)
    .executeTakeFirst();
  return found?.id ?? subject;
}

function detailOf(text: string): AuditViewEntry['detail'] {
  const parsed = auditDetailSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : {};
}

export async function listAudit(db: Kysely<Database>, principal: Principal, query: AuditQuery): Promise<AuditPage> {
  const scope = await scopeOf(db, principal, query.township);
  const subjectId = query.subject === undefined ? undefined : await subjectIdOf(db, scope.townshipIds, query.subject);
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
    // The scope's townships, and the township-less entries that name nobody of another county.
    .where((eb) => {
      const county = scope.noTownshipOf;
      const parts = [];
      if (scope.townshipIds.length > 0) parts.push(eb('a.township_id', 'in', scope.townshipIds));
      if (county !== null) {
        parts.push(
          eb.and([
            eb('a.township_id', 'is', null),
            eb.or([eb('actor.county_id', 'is', null), eb('actor.county_id', '=', county)]),
            eb.or([eb('su.county_id', 'is', null), eb('su.county_id', '=', county)]),
          ]),
        );
      }
      return parts.length === 0 ? eb.lit(false) : eb.or(parts);
    });
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
    .select(['id', 'name', 'role', 'township_id as townshipId'])
    .where((eb) => {
      const parts = [];
      if (scope.townshipIds.length > 0) parts.push(eb('township_id', 'in', scope.townshipIds));
      if (scope.countyUsersOf !== null) parts.push(eb('county_id', '=', scope.countyUsersOf));
      return parts.length === 0 ? eb.lit(false) : eb.or(parts);
    })
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
    townships: scope.townships,
  };
}
