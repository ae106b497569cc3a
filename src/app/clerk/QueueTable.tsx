import { Link } from 'wouter';
import type { QueueRow } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { chinaDate } from './china-time';
import { DeadlineText } from './DeadlineText';
import { StatusTag } from './StatusTag';

const t = zhCN.clerk.queue;
const columns = t.columns;

function Row({ row }: { row: QueueRow }) {
  const uploading = row.materials.stored < row.materials.total;
  return (
    <tr className="queue-row" data-case-id={row.id}>
      <td data-label={columns.caseNumber} className="queue-row__number">
        <span>
          <Link href={`/clerk/cases/${row.id}`} className="queue-row__link">
            {row.caseNumber}
          </Link>
          {row.round > 1 && <span className="tag tag--round">{t.round(row.round)}</span>}
        </span>
      </td>
      <td data-label={columns.item}>{row.itemName}</td>
      <td data-label={columns.applicant} className="queue-row__applicant">
        {row.applicantName}
      </td>
      <td data-label={columns.village}>{row.villageName ?? t.noVillage}</td>
      <td data-label={columns.agent}>{row.agentName}</td>
      <td data-label={columns.received}>{chinaDate(row.receivedAt)}</td>
      <td data-label={columns.deadline}>
        {row.deadline ? <DeadlineText deadline={row.deadline} /> : <span className="muted">{t.noDeadline}</span>}
      </td>
      <td data-label={columns.status}>
        <span className="queue-row__status">
          <StatusTag status={row.status} />
          {uploading && (
            <span className="tag tag--uploading">{t.uploading(row.materials.stored, row.materials.total)}</span>
          )}
        </span>
      </td>
    </tr>
  );
}

/** The queue's rows in the server's order; a table on a PC, stacked cards on a narrow screen. */
export function QueueTable({ rows, busy }: { rows: QueueRow[]; busy: boolean }) {
  return (
    <div className="queue-table-wrap" aria-busy={busy}>
      <table className={`queue-table${busy ? ' queue-table--busy' : ''}`}>
        <thead>
          <tr>
            <th scope="col">{columns.caseNumber}</th>
            <th scope="col">{columns.item}</th>
            <th scope="col">{columns.applicant}</th>
            <th scope="col">{columns.village}</th>
            <th scope="col">{columns.agent}</th>
            <th scope="col">{columns.received}</th>
            <th scope="col">{columns.deadline}</th>
            <th scope="col">{columns.status}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Row key={row.id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
