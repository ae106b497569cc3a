import { Link } from 'wouter';
import type { AuditTownship, AuditViewEntry } from '../../domain/audit';
import { zhCN } from '../messages/zh-cn';
import { auditDetailText } from './audit-view';
import { chinaDateTime } from './china-time';

const t = zhCN.clerk.audit;

function Actor({ entry }: { entry: AuditViewEntry }) {
  if (entry.actorId === null) {
    return <>{entry.action === 'auth.sign_in_failed' ? t.unknownActor : t.system}</>;
  }
  return (
    <>
      {entry.actorName ?? entry.actorId}
      {entry.actorRole && <span className="audit-table__role">{zhCN.roles[entry.actorRole]}</span>}
    </>
  );
}

function Subject({ entry, linkCases }: { entry: AuditViewEntry; linkCases: boolean }) {
  if (entry.subjectType === null || entry.subjectId === null) return <>{t.noSubject}</>;
  const label = entry.subjectLabel ?? entry.subjectId;
  return (
    <>
      <span className="audit-table__type">{t.subjectTypes[entry.subjectType]}</span>
      {entry.subjectType === 'case' && linkCases ? (
        <Link href={`/clerk/cases/${encodeURIComponent(entry.subjectId)}`}>{label}</Link>
      ) : (
        label
      )}
    </>
  );
}

type AuditTableProps = {
  entries: readonly AuditViewEntry[];
  busy: boolean;
  /** The county's townships: shows the 乡镇 column (a county administrator's view); null: no column. */
  townships: readonly AuditTownship[] | null;
};

/**
 * The entries of one page: time (China), township (county view), actor, action, subject and what
 * happened, newest first. A case links to its page for township staff; a county administrator, who
 * opens no case, gets its 办件编号 as text.
 */
export function AuditTable({ entries, busy, townships }: AuditTableProps) {
  const townshipName = new Map((townships ?? []).map((township) => [township.id, township.name]));
  return (
    <div className="queue-table-wrap" aria-busy={busy}>
      <table className={`queue-table audit-table${busy ? ' queue-table--busy' : ''}`}>
        <thead>
          <tr>
            <th scope="col">{t.columns.at}</th>
            {townships !== null && <th scope="col">{t.columns.township}</th>}
            <th scope="col">{t.columns.actor}</th>
            <th scope="col">{t.columns.action}</th>
            <th scope="col">{t.columns.subject}</th>
            <th scope="col">{t.columns.detail}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq} data-seq={entry.seq}>
              <td className="audit-table__at">{chinaDateTime(entry.at)}</td>
              {townships !== null && (
                <td className="audit-table__township">
                  {entry.townshipId === null
                    ? t.noTownshipCell
                    : (townshipName.get(entry.townshipId) ?? entry.townshipId)}
                </td>
              )}
              <td>
                <Actor entry={entry} />
              </td>
              <td>{t.actions[entry.action]}</td>
              <td>
                <Subject entry={entry} linkCases={townships === null} />
              </td>
              <td>{auditDetailText(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
