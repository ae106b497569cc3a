/**
 * The audit entries of downloads (CSV / .xlsx): which export, in which format, under which filters,
 * how many rows. The filters are summarised without personal data: the queue's free-text search may
 * hold a resident's name, so the trail records only that a search was used, never its text.
 */
import type { CaseExportQuery, ExportFormat, StatisticsQuery } from '../../domain/statistics';
import type { Principal } from '../plugins/auth';
import type { AuditDraft } from './record-audit';

function actorOf(principal: Principal): Pick<AuditDraft, 'actor' | 'townshipId'> {
  return {
    actor: { id: principal.userId, role: principal.role },
    townshipId: principal.role === 'county_admin' ? null : principal.townshipId,
  };
}

/** Leaves out filters that were not given, so the entry shows only what narrowed the export. */
function given(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}

/** The case list (办件清单) exported as `format`, `rows` cases. */
export function casesExportDraft(
  principal: Principal,
  query: CaseExportQuery,
  format: ExportFormat,
  rows: number,
): AuditDraft {
  const { q, tab, window, village, item, agent, from, to } = query;
  return {
    action: 'export.cases',
    ...actorOf(principal),
    subject: null,
    detail: {
      format,
      rows,
      ...given({ tab, window, village, item, agent, from, to }),
      ...(q === undefined || q === '' ? {} : { search: true }),
    },
  };
}

/** The statistics table exported as `format`, `rows` groups. */
export function statisticsExportDraft(
  principal: Principal,
  query: StatisticsQuery,
  format: ExportFormat,
  rows: number,
): AuditDraft {
  const { groupBy, from, to, window } = query;
  return {
    action: 'export.statistics',
    ...actorOf(principal),
    subject: null,
    detail: {
      format,
      rows,
      ...given({ groupBy, from, to, window }),
      ...(principal.role === 'county_admin' ? { county: principal.countyId } : {}),
    },
  };
}
