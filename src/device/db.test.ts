import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, DATABASE_NAME, getDatabase } from './db';

describe('the phone database across app updates', () => {
  afterEach(async () => {
    await getDatabase().delete();
    closeDatabase();
  });

  it('a case stored by the previous version opens unchanged after the 补正 update', async () => {
    // The schema as version 3 shipped it, with a sent case stored before 补正 existed.
    const old = new Dexie(DATABASE_NAME);
    old.version(1).stores({ session: 'key' });
    old.version(2).stores({
      catalogue: 'key',
      itemVersions: '[code+version]',
      cases: 'id, status, updatedAt',
      photos: 'id, caseId',
      thumbs: 'id, caseId',
    });
    old.version(3).stores({ syncState: 'agentId', notices: 'seq, caseId, agentId' });
    const stored = {
      id: 'case-1',
      status: 'sent',
      updatedAt: '2026-03-02T01:00:00.000Z',
      remote: { caseNumber: 'N-1', status: 'accepted', receivedAt: '2026-03-02T02:00:00.000Z', materials: {} },
    };
    await old.table('cases').add(stored);
    old.close();

    const db = getDatabase();
    expect(await db.cases.get('case-1')).toEqual(stored);
    expect(await db.cases.where('remote.status').equals('accepted').primaryKeys()).toEqual(['case-1']);
    expect(await db.cases.where('resubmission.status').equals('outbox').count()).toBe(0);
  });
});
