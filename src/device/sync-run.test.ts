import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addPage, createDraft, saveSignature, submitCase, updateDraft } from './case-repository';
import { closeDatabase, getDatabase, type CaseRecord } from './db';
import { saveSession } from './session-repository';
import { PUSHES_AT_ONCE, runSync } from './sync-run';
import { agentUser, hashedPhoto, housingFundItem, residentZhang } from './test-fixtures';
import { TestTownship } from './test-township';

/** A 住房公积金 case with two photos and a signature, submitted `minute` minutes into the morning. */
async function submittedCase(minute: number): Promise<CaseRecord['id']> {
  const draft = await createDraft(housingFundItem, agentUser);
  await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '银行贷款' } });
  await addPage(draft.id, 'idCard', await hashedPhoto(2 * minute + 1));
  await addPage(draft.id, 'purchaseContract', await hashedPhoto(2 * minute + 2));
  await saveSignature(draft.id, new Uint8Array([137, 80, 78, 71, minute]).buffer, '张三');
  const submitted = await submitCase(draft.id, new Date(Date.UTC(2026, 2, 2, 1, minute)));
  if (!submitted.ok) throw new Error(`the test case is incomplete: ${JSON.stringify(submitted.problems)}`);
  return draft.id;
}

describe('a sync run on the phone', () => {
  beforeEach(async () => {
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: '2100-01-01T00:00:00.000Z' });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await getDatabase().delete();
    closeDatabase();
  });

  it('with no signal it reports offline and records the failure, without throwing', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

    const summary = await runSync({ retry: { delaysMs: [] } });

    expect(summary).toMatchObject({ outcome: 'offline', error: { code: 'NETWORK' } });
    const state = await getDatabase().syncState.get(agentUser.id);
    expect(state).toMatchObject({ cursor: 0, lastSuccessAt: null, lastError: { code: 'NETWORK' } });
  });

  it('a second run asked for while one is going answers busy instead of running twice', async () => {
    let calls = 0;
    vi.stubGlobal('fetch', async () => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return new Response(
        JSON.stringify({ changes: [], cursor: 0, hasMore: false, serverTime: '2026-03-02T02:00:00.000Z' }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    });

    const [first, second] = await Promise.all([runSync(), runSync()]);

    expect([first.outcome, second.outcome].sort()).toEqual(['busy', 'done']);
    expect(calls).toBe(1);
  });

  it('a phone with nobody signed in does not call the server', async () => {
    await getDatabase().session.clear();
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);

    expect((await runSync()).outcome).toBe('signed-out');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('five queued cases go up three at a time, each sent once with every photo', async () => {
    const township = new TestTownship();
    let inFlight = 0;
    let most = 0;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return township.handle(input, init);
    });
    const ids = [];
    for (let minute = 0; minute < 5; minute += 1) ids.push(await submittedCase(minute));

    const summary = await runSync({ retry: { delaysMs: [] } });

    expect(summary).toMatchObject({ outcome: 'done', sent: 5, waiting: 0 });
    expect(most).toBe(PUSHES_AT_ONCE);
    const puts = township.seen.filter((r) => r.method === 'PUT').map((r) => r.path);
    // Once each, and oldest first: the first three go together, the last two as places free up.
    const path = (id: string) => `/api/cases/${id}`;
    expect([...puts].sort()).toEqual(ids.map(path).sort());
    expect(puts.slice(0, PUSHES_AT_ONCE).sort()).toEqual(ids.slice(0, PUSHES_AT_ONCE).map(path).sort());
    expect(township.seen.filter((r) => r.method === 'POST' && r.path === '/api/blobs')).toHaveLength(5 * 3);
    const sent = await getDatabase().cases.bulkGet(ids);
    expect(sent.map((c) => c?.remote?.materials)).toEqual(ids.map(() => ({ verified: 3, total: 3 })));
    expect(await getDatabase().photos.count()).toBe(0);
  });

  it('a server error under one case lets the cases going beside it finish, and starts no further one', async () => {
    const township = new TestTownship();
    vi.stubGlobal('fetch', township.handle);
    const ids = [];
    for (let minute = 0; minute < PUSHES_AT_ONCE + 2; minute += 1) ids.push(await submittedCase(minute));
    const [first, ...rest] = ids;
    township.refuse((r) => r.method === 'PUT' && r.path === `/api/cases/${String(first)}`, 503, 'INTERNAL');

    const summary = await runSync({ retry: { delaysMs: [] } });

    expect(summary).toMatchObject({ outcome: 'failed', sent: PUSHES_AT_ONCE - 1, error: { code: 'INTERNAL' } });
    const going = rest.slice(0, PUSHES_AT_ONCE - 1);
    const notStarted = rest.slice(PUSHES_AT_ONCE - 1);
    const status = async (id: string) => (await getDatabase().cases.get(id))?.status;
    for (const id of going) expect(await status(id)).toBe('sent');
    for (const id of [first, ...notStarted]) expect(await status(String(id))).toBe('outbox');
    expect(township.seen.filter((r) => notStarted.some((id) => r.path.includes(id)))).toEqual([]);
    expect(summary.waiting).toBe(1 + notStarted.length);
  });
});
