/**
 * A timeline event as the clerk reads it: who acted, and the details of its payload (reasons,
 * requested materials, results, dates), each payload checked against the domain's schema for its
 * type — an event the workbench cannot read still shows its type and time.
 */
import { caseEventPayloadSchemas, type CaseEventType } from '../../domain/case-lifecycle';
import type { TimelineEntry } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import type { NoticeKind } from '../messages/zh-cn-clerk';

const t = zhCN.clerk.timeline;

export type EntryText = {
  title: string;
  actor: string;
  lines: string[];
  /** The printable notice this event issued, if any. */
  notice: { kind: NoticeKind; number: string } | null;
};

const noticeKinds: Partial<Record<CaseEventType, NoticeKind>> = {
  accepted: 'accept',
  supplement_requested: 'supplement',
  rejected: 'reject',
};

/** The event type a notice kind is issued by. */
export function noticeEventType(kind: NoticeKind): CaseEventType {
  return kind === 'accept' ? 'accepted' : kind === 'supplement' ? 'supplement_requested' : 'rejected';
}

const present = (line: string | false | null | undefined): line is string => typeof line === 'string' && line !== '';

function details(entry: TimelineEntry, windowName: (code: string) => string): { lines: string[]; deemed: boolean } {
  const none = { lines: [], deemed: false };
  switch (entry.type) {
    case 'received': {
      const p = caseEventPayloadSchemas.received.safeParse(entry.payload);
      return p.success ? { lines: [t.caseNumber(p.data.caseNumber)], deemed: false } : none;
    }
    case 'accepted': {
      const p = caseEventPayloadSchemas.accepted.safeParse(entry.payload);
      if (!p.success) return none;
      const { dueDate, deemed, noticeNumber, note } = p.data;
      const lines = [
        deemed && t.deemed,
        t.acceptedDue(dueDate),
        noticeNumber && t.noticeNumber(noticeNumber),
        note && t.note(note),
      ];
      return { lines: lines.filter(present), deemed };
    }
    case 'supplement_requested': {
      const p = caseEventPayloadSchemas.supplement_requested.safeParse(entry.payload);
      if (!p.success) return none;
      const { items, note, noticeNumber, round } = p.data;
      const lines = [
        ...items.map((item) => t.supplementItem(item.name, item.note)),
        note && t.note(note),
        t.supplementRound(round),
        noticeNumber && t.noticeNumber(noticeNumber),
      ];
      return { lines: lines.filter(present), deemed: false };
    }
    case 'resubmitted': {
      const p = caseEventPayloadSchemas.resubmitted.safeParse(entry.payload);
      return p.success ? { lines: [t.resubmitted(p.data.round, p.data.pages)], deemed: false } : none;
    }
    case 'rejected': {
      const p = caseEventPayloadSchemas.rejected.safeParse(entry.payload);
      if (!p.success) return none;
      const lines = [t.reason(p.data.reason), p.data.noticeNumber && t.noticeNumber(p.data.noticeNumber)];
      return { lines: lines.filter(present), deemed: false };
    }
    case 'completed': {
      const p = caseEventPayloadSchemas.completed.safeParse(entry.payload);
      if (!p.success) return none;
      const { outcome, resultName, resultNumber, note } = p.data;
      const lines = [t.result(t.outcome[outcome], resultName, resultNumber), note && t.note(note)];
      return { lines: lines.filter(present), deemed: false };
    }
    case 'transferred': {
      const p = caseEventPayloadSchemas.transferred.safeParse(entry.payload);
      if (!p.success) return none;
      const lines = [
        t.transferred(windowName(p.data.fromWindow), windowName(p.data.toWindow)),
        p.data.note && t.note(p.data.note),
      ];
      return { lines: lines.filter(present), deemed: false };
    }
    case 'suspended': {
      const p = caseEventPayloadSchemas.suspended.safeParse(entry.payload);
      return p.success ? { lines: [t.suspendKinds[p.data.kind], t.reason(p.data.reason)], deemed: false } : none;
    }
    case 'resumed': {
      const p = caseEventPayloadSchemas.resumed.safeParse(entry.payload);
      if (!p.success) return none;
      const lines = [t.resumed(p.data.pausedWorkingDays, p.data.dueDate), p.data.note && t.note(p.data.note)];
      return { lines: lines.filter(present), deemed: false };
    }
    case 'extended': {
      const p = caseEventPayloadSchemas.extended.safeParse(entry.payload);
      return p.success
        ? { lines: [t.extended(p.data.days, p.data.dueDate), t.reason(p.data.reason)], deemed: false }
        : none;
    }
    case 'rated': {
      const p = caseEventPayloadSchemas.rated.safeParse(entry.payload);
      return p.success
        ? { lines: [t.rated(zhCN.satisfaction[p.data.satisfaction], p.data.hasComment)], deemed: false }
        : none;
    }
  }
}

/** The words for one timeline entry. */
export function entryText(entry: TimelineEntry, windowName: (code: string) => string): EntryText {
  const { lines, deemed } = details(entry, windowName);
  const kind = noticeKinds[entry.type];
  const number = entry.payload.noticeNumber;
  const d = zhCN.clerk.detail;
  return {
    title: t.eventTypes[entry.type],
    actor: entry.actorName ?? (entry.type === 'rated' ? d.resident : deemed ? d.systemDeemed : d.system),
    lines,
    notice: kind && typeof number === 'string' && number !== '' ? { kind, number } : null,
  };
}
