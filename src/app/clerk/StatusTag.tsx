import type { CaseStatus } from '../../domain/case-submission';
import { zhCN } from '../messages/zh-cn';

/** A case's status as a coloured tag (names from zhCN.caseStatus). */
export function StatusTag({ status }: { status: CaseStatus }) {
  return <span className={`status status--${status}`}>{zhCN.caseStatus[status]}</span>;
}
