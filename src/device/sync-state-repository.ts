/**
 * What the sync screen and the home read about syncing: the agent's stored sync state and the
 * decisions pulled from the township (notices). Reads and small writes only — the network is the
 * sync engine's business (sync-run.ts).
 */
import { getDatabase, observeQuery, type CaseRecord, type StoredNotice, type SyncStateRow } from './db';
import type { Subscribable } from './subscribable';

export type { StoredNotice, SyncError, SyncStateRow } from './db';

/** A notice with what the screen shows of its case. */
export type NoticeSummary = StoredNotice & {
  itemName: string;
  /** The resident's name as typed (unmasked; the screen masks it). */
  applicantName: string;
  caseNumber: string | null;
};

/** The agent's cursor, last attempt, last success and last error (null before the first run), live. */
export function observeSyncState(agentId: string): Subscribable<SyncStateRow | null> {
  return observeQuery(async () => (await getDatabase().syncState.get(agentId)) ?? null);
}

async function withCases(notices: StoredNotice[]): Promise<NoticeSummary[]> {
  const db = getDatabase();
  const cases = await db.cases.bulkGet(notices.map((n) => n.caseId));
  const items = await db.itemVersions.bulkGet(
    cases.map((c): [string, number] => (c ? [c.itemCode, c.itemVersion] : ['', 0])),
  );
  return notices.map((notice, i) => {
    const record: CaseRecord | undefined = cases[i];
    return {
      ...notice,
      itemName: items[i]?.name ?? record?.itemCode ?? '',
      applicantName: record?.applicant.name?.trim() ?? '',
      caseNumber: record?.remote?.caseNumber ?? null,
    };
  });
}

/** The agent's unread notices, newest first, with their cases' item and 办件编号, live. */
export function observeNotices(agentId: string): Subscribable<NoticeSummary[]> {
  return observeQuery(async () => {
    const mine = await getDatabase().notices.where('agentId').equals(agentId).toArray();
    return withCases(mine.filter((n) => n.readAt === null).sort((a, b) => b.seq - a.seq));
  });
}

/** Marks a notice read (the agent opened it). Unknown seqs are ignored. */
export async function markNoticeRead(seq: StoredNotice['seq'], now: Date = new Date()): Promise<void> {
  await getDatabase().notices.update(seq, { readAt: now.toISOString() });
}

/**
 * Returns the agent's unread decisions no system notification was shown for yet, and marks every
 * unread notice notified in the same transaction, so two tabs never both notify the same decision.
 */
export async function claimNoticesToNotify(agentId: string, now: Date = new Date()): Promise<NoticeSummary[]> {
  const db = getDatabase();
  const claimed = await db.transaction('rw', db.notices, async () => {
    const mine = await db.notices.where('agentId').equals(agentId).toArray();
    const fresh = mine.filter((n) => n.readAt === null && !n.notifiedAt);
    for (const notice of fresh) await db.notices.update(notice.seq, { notifiedAt: now.toISOString() });
    // A resident's rating is news in the app, not a township decision worth a system notification.
    return fresh.filter((n) => n.type !== 'rated');
  });
  return claimed.length === 0 ? [] : withCases(claimed);
}
