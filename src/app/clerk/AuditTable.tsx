import { Link } from 'wouter';
import type { AuditViewEntry } from '../../domain/audit';
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

function Subject({ entry }: { entry: AuditViewEntry }) {
  if (entry.subjectType === null || entry.subjectId === null) return <>{t.noSubject}</>;
  const label = entry.subjectLabel ?? entry.subjectId;
  return (
    <>
      <span className="audit-table__type">{t.subjectTypes[entry.subjectType]}</span>
      {entry.subjectType === 'case' ? (
        <Link href={`/clerk/cases/${encodeURIComponent(entry.subjectId)}`}>{label}</Link>
      ) : (
        label
      )}
    </>
  );
}

/** The entries of one page: time (China), actor, action, subject and what happened, newest first. */
export function AuditTable({ entries, busy }: { entries: readonly AuditViewEntry[]; busy: boolean }) {
  return (
    <div className="queue-table-wrap" aria-busy={busy}>
      <table className={`queue-table audit-table${busy ? ' queue-table--busy' : ''}`}>
        <thead>
          <tr>
            <th scope="col">{t.columns.at}</th>
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
              <td>
                <Actor entry={entry} />
              </td>
              <td>{t.actions[entry.action]}</td>
              <td>
                <Subject entry={entry} />
              </td>
              <td>{auditDetailText(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
