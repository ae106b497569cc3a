/**
 * The 审计日志 screen's state lives in the address (?township=…&action=…&actor=…&subject=…&from=…&to=…&before=…),
 * so a filtered view can be bookmarked and the back button works; and each entry's detail is told in
 * Chinese from its codes.
 */
import { auditQuerySchema, type AuditViewEntry } from '../../domain/audit';
import type { CaseEventType } from '../../domain/case-lifecycle';
import { auditSearch, type AuditRequest } from '../../device/sync-audit';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.audit;
const FILTER_KEYS = ['township', 'action', 'actor', 'subject', 'from', 'to', 'before'] as const;

/** The viewer's filters as the address gives them; a value the server would refuse is dropped. */
export function parseAuditSearch(search: string): AuditRequest {
  const params = new URLSearchParams(search);
  const shape = auditQuerySchema.shape;
  const view: AuditRequest = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === '') continue;
    const parsed = shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) Object.assign(view, { [key]: parsed.data });
  }
  if (view.from !== undefined && view.to !== undefined && view.from > view.to) delete view.to;
  return view;
}

export function auditHref(view: AuditRequest): string {
  const search = auditSearch(view);
  return search ? `/clerk/audit?${search}` : '/clerk/audit';
}

/** How many filters narrow the view (paging is not a filter). */
export function activeAuditFilters(view: AuditRequest): number {
  return FILTER_KEYS.filter((key) => key !== 'before' && view[key] !== undefined).length;
}

/** The Chinese name of a code, or the code itself when the catalogue does not know it. */
function labelOf(
  record: Readonly<Record<string, string>>,
  value: AuditViewEntry['detail'][string] | undefined,
): string {
  const code = String(value);
  return Object.hasOwn(record, code) ? (record[code] ?? code) : code;
}

const eventTypes: Record<CaseEventType, string> = zhCN.clerk.timeline.eventTypes;
const queueTabs: Record<string, string> = { ...zhCN.clerk.queue.tabs, all: '全部' };

/** An entry's detail as one line of Chinese: the known codes named, anything else as key: value. */
export function auditDetailText(entry: Pick<AuditViewEntry, 'action' | 'detail'>): string {
  const { detail } = entry;
  const known = new Set<string>();
  const parts: string[] = [];
  const add = (key: string, text: string): void => {
    known.add(key);
    parts.push(text);
  };
  if (entry.action === 'case.event') add('event', labelOf(eventTypes, detail.event));
  if ('seq' in detail && entry.action === 'case.event') known.add('seq');
  if ('field' in detail) add('field', labelOf(t.detail.field, detail.field));
  if ('client' in detail) add('client', labelOf(t.detail.client, detail.client));
  if ('reason' in detail) add('reason', labelOf(t.detail.reason, detail.reason));
  if (detail.locked === true) add('locked', t.detail.lockedNow);
  if ('format' in detail) add('format', labelOf(t.detail.format, detail.format));
  if ('tab' in detail) add('tab', labelOf(queueTabs, detail.tab));
  if (typeof detail.from === 'string' || typeof detail.to === 'string') {
    known.add('from');
    known.add('to');
    parts.push(t.detail.period(String(detail.from ?? '…'), String(detail.to ?? '…')));
  }
  if (detail.search === true) add('search', t.detail.search);
  if (typeof detail.rows === 'number') add('rows', t.detail.rows(detail.rows));
  for (const [key, value] of Object.entries(detail)) {
    if (known.has(key) || value === null) continue;
    parts.push(`${key}: ${String(value)}`);
  }
  return parts.join('，');
}
