import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDatabase } from './db';
import { pullChanges } from './sync-pull';
import { agentUser, sentCaseRecord } from './test-fixtures';
import { joinTownship, leaveTownship, type TestTownship } from './test-township';

const caseId = '0190f1a0-0000-7000-8000-000000000001';

describe("the township's decisions reaching the phone", () => {
  let township: TestTownship;

  beforeEach(async () => {
    township = await joinTownship();
    await getDatabase().cases.put(sentCaseRecord(caseId));
  });
  afterEach(leaveTownship);

  const remote = async () => (await getDatabase().cases.get(caseId))?.remote;

  it('each known decision adds what it carries: the 补正 notice, the due date, the round', async () => {
    const request = {
      round: 2,
      items: [{ materialKey: 'idCard', name: '申请人的身份证', note: '复印件不清晰' }],
      note: '',
      noticeNumber: 'BZ-1',
    };
    township.record(caseId, 'supplement_requested', { status: 'supplement', ...request });
    township.record(caseId, 'transferred', { status: 'supplement', fromWindow: 'SB', toWindow: 'MZ', note: '' });
    await pullChanges(agentUser.id, { retry: { delaysMs: [] } });
    // A transfer keeps the status, so the notice stays open.
    expect(await remote()).toMatchObject({ status: 'supplement', supplement: request });

    township.record(caseId, 'resubmitted', { status: 'received', round: 2, pages: 1 });
    township.record(caseId, 'accepted', {
      status: 'accepted',
      acceptedAt: '2026-03-04T02:00:00.000Z',
      dueDate: '2026-03-18',
      deemed: false,
      noticeNumber: 'SL-1',
      note: '',
    });
    await pullChanges(agentUser.id, { retry: { delaysMs: [] } });
    expect(await remote()).toMatchObject({ status: 'accepted', supplement: null, round: 2, dueDate: '2026-03-18' });

    township.record(caseId, 'extended', { status: 'accepted', dueDate: '2026-04-01', days: 10, reason: '需现场核查' });
    await pullChanges(agentUser.id, { retry: { delaysMs: [] } });
    expect(await remote()).toMatchObject({ dueDate: '2026-04-01', caseNumber: '999001-20260302-00001' });
    // Every decision but the echo of the phone's own answer is a notice.
    const notices = await getDatabase().notices.toArray();
    expect(notices.map((n) => n.type)).toEqual(['supplement_requested', 'transferred', 'accepted', 'extended']);
  });

  it('the resident’s rating stays with the case, and the agent hears of it', async () => {
    township.record(caseId, 'completed', {
      status: 'completed_approved',
      outcome: 'approved',
      resultName: '住房公积金提取（到账）',
      resultNumber: '',
      note: '',
    });
    township.record(caseId, 'rated', { status: 'completed_approved', satisfaction: 'dissatisfied', hasComment: true });
    await pullChanges(agentUser.id, { retry: { delaysMs: [] } });

    expect(await remote()).toMatchObject({ status: 'completed_approved', satisfaction: 'dissatisfied' });
    const notices = await getDatabase().notices.toArray();
    expect(notices.map((n) => n.type)).toEqual(['completed', 'rated']);
  });

  it('an event this build does not know, or a payload it cannot read, still moves the status', async () => {
    township.record(caseId, 'handed_over', { status: 'accepted', something: 'new' });
    await pullChanges(agentUser.id, { retry: { delaysMs: [] } });
    expect(await remote()).toMatchObject({ status: 'accepted' });

    township.record(caseId, 'supplement_requested', { status: 'supplement', round: 'two' });
    await pullChanges(agentUser.id, { retry: { delaysMs: [] } });
    expect(await remote()).toMatchObject({ status: 'supplement' });
    expect((await remote())?.supplement ?? null).toBeNull();

    township.record(caseId, 'note', { text: 'no status here' });
    await pullChanges(agentUser.id, { retry: { delaysMs: [] } });
    expect(await remote()).toMatchObject({ status: 'supplement' });
    expect(await getDatabase().notices.count()).toBe(3);
  });
});
