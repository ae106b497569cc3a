import { maskName } from '../../domain/mask-name';
import type { FollowUp } from '../../domain/tracking';
import type { FollowUpRow } from './select-follow-ups';

/** The workbench's view of a follow-up task; late is judged against `today` (China date). */
export function followUpOf(row: FollowUpRow, today: string): FollowUp {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    caseId: row.case_id,
    caseNumber: row.case_number,
    itemName: row.item_name ?? row.item_code,
    applicantMasked: maskName(row.applicant_name),
    windowName: row.window_name ?? row.window_code,
    agentName: row.agent_name,
    satisfaction: row.satisfaction,
    text: row.text,
    followUpComment: row.kind === 'bad_rating' ? row.follow_up_comment : null,
    contactPhone: row.contact_phone,
    createdAt: row.created_at,
    callbackDue: row.callback_due,
    fixDue: row.fix_due,
    calledBackAt: row.called_back_at,
    calledBackBy: row.called_back_by,
    callbackNote: row.callback_note,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    outcome: row.outcome,
    callbackOverdue: row.status === 'open' && today > row.callback_due,
    fixOverdue: row.status !== 'closed' && today > row.fix_due,
  };
}
