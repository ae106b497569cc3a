/**
 * Brings the township's decisions back to the phone: pages through the change feed after the stored
 * cursor, updates the local cases' status and 办件编号 (and the open 补正 notice, round, due date and
 * the resident's rating for the event types this build knows), and adds a notice per decision.
 *
 * Invariant: each page is applied and its cursor stored in one transaction, so the cursor never runs
 * ahead of what the phone has applied — a run cut between pages simply asks for the rest next time,
 * and a page delivered twice changes nothing (notices are keyed by the feed's seq). Order and times
 * are the server's; the phone's clock plays no part. Notices and the 补正 notice are sealed as they
 * are stored, even while locked (db-encryption).
 */
import { caseStatusSchema } from '../domain/case-submission';
import { changesResponseSchema, CHANGE_FEED_PAGE, type Change } from '../domain/change-feed';
import { parseCaseEvent } from './case-events';
import { applyLockRow, CURRENT_LOCK_KEY, getDatabase, type RemoteCase, type StoredNotice } from './db';
import { syncFetch } from './sync-fetch';
import { DEFAULT_RETRY_POLICY, retryOnNetworkError, type RetryPolicy } from './sync-retry';

/**
 * Change types that only echo what the phone itself did (its first submission, its 补正 answer);
 * they update the case but raise no notice.
 */
const ECHOES: ReadonlySet<string> = new Set(['received', 'resubmitted']);

export type PullResult = { applied: number; cursor: number };

function stringIn(payload: Change['payload'], key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The case as the server now describes it, or the stored one when the change says nothing new.
 * Known event types add what they carry (the 补正 notice, the round, the due date); any change,
 * known or not, that carries a valid `status` moves the status. The open 补正 notice is kept only
 * while the status is 'supplement'.
 */
function remoteAfter(previous: RemoteCase | null | undefined, change: Change): RemoteCase | null {
  const status = caseStatusSchema.safeParse(change.payload.status);
  if (!status.success) return previous ?? null;
  const caseNumber = stringIn(change.payload, 'caseNumber') ?? previous?.caseNumber;
  const receivedAt = stringIn(change.payload, 'receivedAt') ?? previous?.receivedAt ?? change.at;
  if (caseNumber === undefined) return previous ?? null;
  const next: RemoteCase = {
    ...previous,
    caseNumber,
    status: status.data,
    receivedAt,
    materials: previous?.materials ?? { verified: 0, total: 0 },
  };
  const event = parseCaseEvent(change.type, change.payload);
  switch (event?.type) {
    case 'received':
      next.round = previous?.round ?? 1;
      break;
    case 'supplement_requested': {
      const { round, items, note, noticeNumber } = event.payload;
      next.supplement = { round, items, note, noticeNumber };
      break;
    }
    case 'resubmitted':
      next.round = event.payload.round;
      break;
    case 'accepted':
    case 'resumed':
    case 'extended':
      next.dueDate = event.payload.dueDate;
      break;
    case 'rated':
      next.satisfaction = event.payload.satisfaction;
      break;
    default:
      break;
  }
  if (next.status !== 'supplement') next.supplement = null;
  return next;
}

/**
 * Pulls every change for `agentId`'s cases after the stored cursor and applies it.
 * @throws NetworkError, ApiRequestError (pages applied before the failure stay applied).
 */
export async function pullChanges(agentId: string, options: { retry?: RetryPolicy } = {}): Promise<PullResult> {
  const db = getDatabase();
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  let cursor = (await db.syncState.get(agentId))?.cursor ?? 0;
  let applied = 0;
  // What is pulled is sealed to the lock row's public key (db-encryption); read it afresh, as a
  // long-lived service worker may have opened the database before the PIN was set.
  applyLockRow(await db.lock.get(CURRENT_LOCK_KEY));
  for (;;) {
    const after = cursor;
    const page = await retryOnNetworkError(
      () =>
        syncFetch(`/api/sync/changes?after=${String(after)}&limit=${String(CHANGE_FEED_PAGE)}`, {
          response: changesResponseSchema,
        }),
      policy,
    );
    await db.transaction('rw', [db.cases, db.notices, db.syncState], async () => {
      for (const change of page.changes) {
        const local = await db.cases.get(change.caseId);
        if (local) {
          const remote = remoteAfter(local.remote, change);
          if (remote) await db.cases.update(change.caseId, { remote });
        }
        if (!ECHOES.has(change.type)) {
          const notice: StoredNotice = {
            seq: change.seq,
            caseId: change.caseId,
            agentId,
            type: change.type,
            payload: change.payload,
            at: change.at,
            readAt: null,
          };
          if (!(await db.notices.get(change.seq))) await db.notices.add(notice);
        }
      }
      const state = await db.syncState.get(agentId);
      await db.syncState.put({
        agentId,
        cursor: page.cursor,
        lastSuccessAt: state?.lastSuccessAt ?? null,
        lastAttemptAt: state?.lastAttemptAt ?? null,
        lastError: state?.lastError ?? null,
      });
    });
    applied += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore || page.changes.length === 0) return { applied, cursor };
  }
}
