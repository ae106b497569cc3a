import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, getDatabase, type StoredNotice } from './db';
import { claimNoticesToNotify, markNoticeRead, observeNotices } from './sync-state-repository';
import { firstValue } from './test-fixtures';

const notice = (seq: number, agentId = 'agent-1'): StoredNotice => ({
  seq,
  caseId: '0190f1a0-0000-7000-8000-000000000001',
  agentId,
  type: 'status-changed',
  payload: { status: 'accepted' },
  at: '2026-03-02T02:00:00.000Z',
  readAt: null,
});

describe('decisions pulled from the township', () => {
  beforeEach(async () => {
    await getDatabase().notices.clear();
  });
  afterEach(() => {
    closeDatabase();
  });

  it('the agent sees unread decisions newest first, and one opened is no longer listed', async () => {
    await getDatabase().notices.bulkAdd([notice(3), notice(5), notice(4, 'someone-else')]);
    expect((await firstValue(observeNotices('agent-1'))).map((n) => n.seq)).toEqual([5, 3]);
    await markNoticeRead(5);
    expect((await firstValue(observeNotices('agent-1'))).map((n) => n.seq)).toEqual([3]);
  });

  it('each decision raises a system notification once, however many tabs ask', async () => {
    await getDatabase().notices.bulkAdd([notice(1), notice(2)]);
    const [first, second] = await Promise.all([claimNoticesToNotify('agent-1'), claimNoticesToNotify('agent-1')]);
    expect([...first, ...second].map((n) => n.seq).sort()).toEqual([1, 2]);
    expect(await claimNoticesToNotify('agent-1')).toEqual([]);
  });

  it("a resident's rating shows in the app but raises no system notification", async () => {
    await getDatabase().notices.bulkAdd([{ ...notice(1), type: 'rated', payload: { status: 'completed_approved' } }]);
    expect(await claimNoticesToNotify('agent-1')).toEqual([]);
    expect((await firstValue(observeNotices('agent-1'))).map((n) => n.seq)).toEqual([1]);
  });
});
