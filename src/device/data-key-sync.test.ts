import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addPage, createDraft, saveSignature, submitCase, updateDraft } from './case-repository';
import { lockDataKey, setEncryptionRequired, setKeySource } from './data-key';
import { closeDatabase, getDatabase } from './db';
import { setUpPin, unlockWithPin } from './pin-repository';
import { saveSession } from './session-repository';
import { runSync } from './sync-run';
import { agentUser, hashedPhoto, housingFundItem, residentZhang } from './test-fixtures';
import { TestTownship } from './test-township';

const PIN = '246810';

async function submittedCase(): Promise<string> {
  const draft = await createDraft(housingFundItem, agentUser);
  await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '银行贷款' } });
  await addPage(draft.id, 'idCard', await hashedPhoto(1));
  await addPage(draft.id, 'purchaseContract', await hashedPhoto(2));
  await saveSignature(draft.id, new Uint8Array([137, 80, 78, 71, 9]).buffer, residentZhang.name);
  const submitted = await submitCase(draft.id);
  if (!submitted.ok) throw new Error('the test case is incomplete');
  return draft.id;
}

describe('syncing sealed cases', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await saveSession({ token: 'device-token', user: agentUser, expiresAt: '2100-01-01T00:00:00.000Z' });
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    setKeySource(null);
    lockDataKey();
    await getDatabase().delete();
    closeDatabase();
    setEncryptionRequired(false);
  });

  it('while locked a run pushes nothing and pulls; after the unlock the township gets the plain case', async () => {
    const township = new TestTownship();
    vi.stubGlobal('fetch', township.handle);
    await setUpPin(PIN);
    const caseId = await submittedCase();
    lockDataKey();
    closeDatabase(); // like a service worker that opened the database on its own

    const locked = await runSync({ retry: { delaysMs: [] } });
    expect(locked).toMatchObject({ outcome: 'done', locked: true, sent: 0, waiting: 1 });
    expect(township.seen.filter((r) => r.method !== 'GET')).toEqual([]);

    // The next run after the unlock sends it, decrypted on the way out.
    expect(await unlockWithPin(PIN)).toEqual({ outcome: 'unlocked' });
    const sent = await runSync({ retry: { delaysMs: [] } });
    expect(sent).toMatchObject({ outcome: 'done', sent: 1, waiting: 0 });
    expect(sent.locked).toBeUndefined();
    const put = township.seen.find((r) => r.method === 'PUT' && r.path === `/api/cases/${caseId}`);
    expect(JSON.stringify(put?.body)).toContain(residentZhang.idNumber);
    expect((await getDatabase().cases.get(caseId))?.status).toBe('sent');
  });
});
