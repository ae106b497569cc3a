/**
 * The audit trail as a township lives it: a clerk signs in, accepts a case, looks at the applicant's
 * full ID number, exports the queue and signs out; someone tries a wrong password and an unknown
 * number. Every act leaves its entry, in order, with its actor — and no resident's name, ID number or
 * phone anywhere in the trail. The administrator's viewer filters and pages it; a clerk may not open
 * it, and another township's administrator sees none of it; the county administrator sees both
 * townships of the county and the entries of no township. Parallel requests never fork the chain;
 * the real `npm run audit:verify` names an edited, a deleted and a reordered entry, and — against an
 * anchor written down earlier — a chain recomputed or a tail rewritten by someone with database access.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { auditDetailSchema, auditPageSchema, type AuditPage, type AuditViewEntry } from '../../src/domain/audit';
import type { AuditTable } from '../../src/server/db/schema';
import { loginResponseSchema, SESSION_COOKIE } from '../../src/domain/auth';
import { newId } from '../../src/domain/ids';
import { caseDetailSchema } from '../../src/domain/workbench';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { hashPassword } from '../../src/server/accounts/password';
import { auditHash } from '../../src/server/audit/audit-hash';
import { verifyAuditChain } from '../../src/server/audit/verify-audit-chain';
import { dialects, startTestApp, type TestApp } from './harness';
import {
  ADMIN,
  AGENT,
  CLERK_MZ,
  OTHER_CLERK,
  addOtherTownship,
  apiAs,
  chinaTime,
  completeCase,
  tokenFor,
} from './workbench-fixtures';

const ROOT = new URL('../..', import.meta.url).pathname;
const RESIDENT = { name: '欧阳秀英', idNumber: '11010519491231002X', phone: '13812345678' };
/** 青石镇's administrator, added by the test: the demo has none. */
const OTHER_ADMIN = '13900000098';
/** 郑伟, the demo county's administrator (示范镇 and 青石镇). */
const COUNTY_ADMIN = '13900000009';

type Session = {
  userId: string;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: object) => Promise<LightMyRequestResponse>;
};

/** Signs in at the workbench (cookie session) as the township's staff do. */
async function signIn(app: FastifyInstance, phone: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client: 'web' },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  const headers = { cookie: `${SESSION_COOKIE}=${cookie}`, 'x-daiban-csrf': '1' };
  return {
    userId: loginResponseSchema.parse(res.json()).user.id,
    get: (url) => app.inject({ method: 'GET', url, headers }),
    post: (url, payload) => app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) }),
  };
}

async function auditPage(session: Session, query: Record<string, string | number> = {}): Promise<AuditPage> {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const res = await session.get(`/api/admin/audit${search ? `?${search}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return auditPageSchema.parse(res.json());
}

/** Every page of a query, following nextBefore. */
async function allPages(session: Session, query: Record<string, string | number>): Promise<AuditViewEntry[][]> {
  const pages: AuditViewEntry[][] = [];
  let before: number | null | undefined;
  do {
    const page = await auditPage(session, { ...query, ...(before ? { before } : {}) });
    pages.push(page.entries);
    before = page.nextBefore;
  } while (before !== null);
  return pages;
}

async function addOtherTownshipAdmin(app: FastifyInstance): Promise<void> {
  const db = app.db.kysely;
  const township = await db.selectFrom('townships').select('id').where('code', '=', '999003').executeTakeFirstOrThrow();
  await db
    .insertInto('users')
    .values({
      id: newId(),
      role: 'admin',
      name: '韩冬',
      phone: OTHER_ADMIN,
      password_hash: await hashPassword(DEMO_PASSWORD),
      township_id: township.id,
      village_id: null,
      failed_logins: 0,
      locked_until: null,
      is_demo: 1,
      created_at: new Date().toISOString(),
    })
    .execute();
}

/** Every stored column of every entry, as one text: what a copy of the table would show. */
async function rawTrail(app: FastifyInstance): Promise<string> {
  return JSON.stringify(await app.db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute());
}

/**
 * What someone with write access to the database can do to hide an edit: write `rows` back over the
 * trail, every hash and prev_hash recomputed from the first of them on, so the chain holds again.
 */
async function recomputeChain(app: FastifyInstance, rows: readonly AuditTable[]): Promise<void> {
  const db = app.db.kysely;
  const first = rows[0];
  if (!first) return;
  let prev =
    first.seq === 1
      ? first.prev_hash
      : (
          await db
            .selectFrom('audit_log')
            .select('hash')
            .where('seq', '=', first.seq - 1)
            .executeTakeFirstOrThrow()
        ).hash;
  for (const row of rows) {
    // auditHash reads the hashed fields only: the stale hash riding along is ignored.
    const fields = { ...row, prev_hash: prev };
    const hash = auditHash(fields);
    await db.deleteFrom('audit_log').where('seq', '=', row.seq).execute();
    await db
      .insertInto('audit_log')
      .values({ ...fields, hash })
      .execute();
    prev = hash;
  }
}

type Run = { code: number | null; stdout: string; stderr: string };

/** `npm run audit:verify` as an operator runs it, against the test app's database (same variables as the server). */
function runVerify(t: TestApp, args: readonly string[] = []): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: t.config.dataDir };
  delete env.DATABASE_URL;
  delete env.DAIBAN_PG_SCHEMA;
  if (t.config.databaseUrl) {
    env.DATABASE_URL = t.config.databaseUrl;
    if (t.config.databaseSchema) env.DAIBAN_PG_SCHEMA = t.config.databaseSchema;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'audit:verify', ...(args.length > 0 ? ['--', ...args] : [])], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe.each(dialects)('the audit trail on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** An agent submits 欧阳秀英's case; 李娜 signs in, accepts it, reveals the ID number, exports, signs out. */
  async function clerkStory(app: TestApp) {
    const agent = apiAs(app.app, await tokenFor(app.app, AGENT));
    const { submission, photos } = completeCase(undefined, { name: RESIDENT.name });
    for (const bytes of photos.values()) await agent.upload(bytes);
    const receipt = await agent.submit(submission);

    app.clock.now = chinaTime('2026-03-02 10:30');
    const clerk = await signIn(app.app, CLERK_MZ);
    const detail = caseDetailSchema.parse((await clerk.get(`/api/workbench/cases/${receipt.id}`)).json());
    const accepted = await clerk.post(`/api/workbench/cases/${receipt.id}/actions`, {
      expectedVersion: detail.version,
      action: { type: 'accept', note: '材料齐全' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const revealed = await clerk.post(`/api/workbench/cases/${receipt.id}/reveal`, { field: 'idNumber' });
    expect(revealed.json()).toEqual({ field: 'idNumber', value: RESIDENT.idNumber });
    // The search text is the resident's name: the export's entry must not repeat it.
    const exported = await clerk.get(
      `/api/workbench/export/cases.csv?tab=handling&q=${encodeURIComponent(RESIDENT.name)}`,
    );
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toContain(RESIDENT.name);
    expect((await clerk.post('/api/auth/logout')).statusCode).toBe(204);
    return { receipt, clerk };
  }

  it('records each act in order with its actor and no personal data; the administrator filters and pages it', async () => {
    t = await startTestApp(dialect);
    const { receipt, clerk } = await clerkStory(t);
    // A wrong password for 李娜's account, and a number nobody has.
    for (const phone of [CLERK_MZ, '13700000000']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { phone, password: 'not-the-password', client: 'web' },
      });
      expect(res.statusCode).toBe(401);
    }

    const raw = await rawTrail(t.app);
    for (const secret of [
      RESIDENT.name,
      RESIDENT.idNumber,
      RESIDENT.phone,
      CLERK_MZ,
      '13700000000',
      'not-the-password',
    ])
      expect(raw).not.toContain(secret);

    const admin = await signIn(t.app, ADMIN);
    const mine = (await auditPage(admin, { actor: clerk.userId })).entries.reverse();
    expect(mine.map((e) => [e.action, e.detail.event ?? e.detail.field ?? e.detail.client ?? e.detail.format])).toEqual(
      [
        ['auth.sign_in', 'web'],
        ['case.event', 'accepted'],
        ['case.reveal', 'idNumber'],
        ['export.cases', 'csv'],
        ['auth.sign_out', 'web'],
      ],
    );
    expect(mine.every((e) => e.actorName === '李娜' && e.actorRole === 'clerk')).toBe(true);
    expect(mine.map((e) => e.seq)).toEqual([...mine.map((e) => e.seq)].sort((a, b) => a - b));
    const exportEntry = mine.find((e) => e.action === 'export.cases');
    expect(exportEntry?.detail).toEqual({ format: 'csv', rows: 1, tab: 'handling', search: true });
    const reveal = mine.find((e) => e.action === 'case.reveal');
    expect(reveal).toMatchObject({ subjectType: 'case', subjectId: receipt.id, subjectLabel: receipt.caseNumber });

    // The wrong password names the account (no actor: nobody proved who they were); the unknown number is nowhere here.
    const failed = (await auditPage(admin, { action: 'auth.sign_in_failed' })).entries;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      actorId: null,
      subjectId: clerk.userId,
      subjectLabel: '李娜',
      detail: { client: 'web', reason: 'wrong_password' },
    });
    const anonymous = await t.app.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.sign_in_failed')
      .where('subject_id', 'is', null)
      .execute();
    expect(anonymous.map((e) => [e.township_id, e.actor_id, auditDetailSchema.parse(JSON.parse(e.detail))])).toEqual([
      [null, null, { client: 'web', reason: 'unknown_account' }],
    ]);

    // By action; by case — its 办件编号 or its id — received, accepted and revealed.
    const reveals = (await auditPage(admin, { action: 'case.reveal' })).entries;
    expect(reveals.map((e) => e.subjectId)).toEqual([receipt.id]);
    const byNumber = (await auditPage(admin, { subject: receipt.caseNumber })).entries;
    expect(byNumber.map((e) => [e.action, e.detail.event ?? e.detail.field])).toEqual([
      ['case.reveal', 'idNumber'],
      ['case.event', 'accepted'],
      ['case.event', 'received'],
    ]);
    expect((await auditPage(admin, { subject: receipt.id })).entries).toEqual(byNumber);

    // China dates: everything happened on 2026-03-02; nothing the day after.
    const all = (await auditPage(admin, { pageSize: 200 })).entries;
    expect((await auditPage(admin, { from: '2026-03-02', to: '2026-03-02', pageSize: 200 })).entries).toEqual(all);
    expect((await auditPage(admin, { from: '2026-03-03' })).entries).toEqual([]);

    // Pages of 3, newest first, until nextBefore is null: the same entries, none twice.
    const pages = await allPages(admin, { pageSize: 3 });
    expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true);
    expect(pages.flat().map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => b - a));

    // A clerk may not open the viewer; another township's administrator sees none of this township.
    const clerkAgain = await signIn(t.app, CLERK_MZ);
    const refused = await clerkAgain.get('/api/admin/audit');
    expect(refused.statusCode).toBe(403);
    await addOtherTownshipAdmin(t.app);
    const other = await signIn(t.app, OTHER_ADMIN);
    const theirs = (await auditPage(other, { pageSize: 200 })).entries;
    expect(theirs.map((e) => [e.action, e.actorName])).toEqual([['auth.sign_in', '韩冬']]);
    expect((await auditPage(other, { subject: receipt.caseNumber })).entries).toEqual([]);
    expect((await auditPage(other, { actor: clerk.userId })).entries).toEqual([]);
    expect((await auditPage(other)).actors.map((a) => a.name)).toEqual(['韩冬', '吴德福', '周敏']);

    expect(await verifyAuditChain(t.app.db.kysely)).toMatchObject({ ok: true });
  }, 60_000);

  it('twenty reveals at once each take the next seq: the chain never forks', async () => {
    t = await startTestApp(dialect);
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const { submission, photos } = completeCase(undefined, { name: RESIDENT.name });
    for (const bytes of photos.values()) await agent.upload(bytes);
    const receipt = await agent.submit(submission);
    const [clerk, admin] = await Promise.all([signIn(t.app, CLERK_MZ), signIn(t.app, ADMIN)]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? clerk : admin).post(`/api/workbench/cases/${receipt.id}/reveal`, {
          field: i % 3 === 0 ? 'phone' : 'idNumber',
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 20 }, () => 200));
    const entries = await t.app.db.kysely
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'hash'])
      .orderBy('seq')
      .execute();
    expect(new Set(entries.map((e) => e.prev_hash)).size).toBe(entries.length);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    const report = await verifyAuditChain(t.app.db.kysely);
    expect(report).toMatchObject({ ok: true, entries: entries.length });
    const reveals = await t.app.db.kysely
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'case.reveal')
      .execute();
    expect(reveals).toHaveLength(20);
  }, 60_000);

  it('npm run audit:verify passes an untouched trail and names an edited, a deleted and a reordered entry', async () => {
    t = await startTestApp(dialect);
    await clerkStory(t);
    const db = t.app.db.kysely;
    const count = (await db.selectFrom('audit_log').select('seq').execute()).length;
    expect(count).toBeGreaterThanOrEqual(6);
    const last = await db.selectFrom('audit_log').select('hash').where('seq', '=', count).executeTakeFirstOrThrow();

    const intact = await runVerify(t);
    expect(intact.code, intact.stdout + intact.stderr).toBe(0);
    expect(intact.stdout).toContain(`audit chain intact: ${String(count)} entries, last hash ${last.hash}`);

    // (a) Edited: the reveal's field changed from the ID number to the phone.
    const reveal = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.reveal')
      .executeTakeFirstOrThrow();
    await db.updateTable('audit_log').set({ detail: '{"field":"phone"}' }).where('seq', '=', reveal.seq).execute();
    const edited = await runVerify(t);
    expect(edited.code, edited.stdout + edited.stderr).toBe(1);
    expect(edited.stdout).toContain(`BROKEN at seq ${String(reveal.seq)}: hash mismatch`);
    await db.updateTable('audit_log').set({ detail: reveal.detail }).where('seq', '=', reveal.seq).execute();
    expect((await runVerify(t)).code).toBe(0);

    // (b) Deleted: the reveal's entry is gone.
    await db.deleteFrom('audit_log').where('seq', '=', reveal.seq).execute();
    const deleted = await runVerify(t);
    expect(deleted.code, deleted.stdout + deleted.stderr).toBe(1);
    expect(deleted.stdout).toContain(`BROKEN at seq ${String(reveal.seq)}: entry ${String(reveal.seq)} is missing`);
    await db.insertInto('audit_log').values(reveal).execute();
    expect((await runVerify(t)).code).toBe(0);

    // (c) Reordered: the reveal and the entry after it swap places.
    const swap = async () => {
      await db.updateTable('audit_log').set({ seq: -1 }).where('seq', '=', reveal.seq).execute();
      await db
        .updateTable('audit_log')
        .set({ seq: reveal.seq })
        .where('seq', '=', reveal.seq + 1)
        .execute();
      await db
        .updateTable('audit_log')
        .set({ seq: reveal.seq + 1 })
        .where('seq', '=', -1)
        .execute();
    };
    await swap();
    const reordered = await runVerify(t);
    expect(reordered.code, reordered.stdout + reordered.stderr).toBe(1);
    expect(reordered.stdout).toContain(`BROKEN at seq ${String(reveal.seq)}: prev_hash link broken`);
    await swap();
    expect((await runVerify(t)).code).toBe(0);
  }, 240_000);

  it('an anchor written down from audit:verify catches a recomputed chain and a rewritten tail; growth after it passes', async () => {
    t = await startTestApp(dialect);
    await clerkStory(t);
    const db = t.app.db.kysely;
    const trail = () => db.selectFrom('audit_log').selectAll().orderBy('seq').execute();

    // The nightly check prints the head; the operator writes it down outside the database.
    const nightly = await runVerify(t);
    expect(nightly.code, nightly.stdout + nightly.stderr).toBe(0);
    const headText = nightly.stdout.split('\n').find((line) => line.startsWith('audit head '));
    const [, headSeq = '', headHash = ''] = /^audit head seq=(\d+) sha256=([0-9a-f]{64})$/.exec(headText ?? '') ?? [];
    expect(headHash, nightly.stdout).toHaveLength(64);
    const anchor = `${headSeq}:${headHash}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-anchors-'));
    const file = path.join(dir, 'audit-anchors.log');
    fs.writeFileSync(file, `# copied from the nightly audit:verify\n${headText ?? ''}\n`);

    try {
      // The trail grows after the anchor: still intact, and the new head is printed.
      await signIn(t.app, ADMIN);
      for (const args of [
        ['--anchor', anchor],
        ['--anchors', file],
      ]) {
        const grown = await runVerify(t, args);
        expect(grown.code, grown.stdout + grown.stderr).toBe(0);
        expect(grown.stdout).toContain('anchors hold: 1');
        expect(grown.stdout).toContain(`audit head seq=${String(Number(headSeq) + 1)} sha256=`);
      }
      const original = await trail();

      // (a) The reveal edited and every hash from it on recomputed: the chain alone holds, the anchor does not.
      const reveal = original.find((e) => e.action === 'case.reveal');
      if (!reveal) throw new Error('no reveal in the trail');
      await recomputeChain(
        t.app,
        original
          .filter((e) => e.seq >= reveal.seq)
          .map((e) => (e.seq === reveal.seq ? { ...e, detail: '{"field":"phone"}' } : e)),
      );
      expect((await runVerify(t)).code).toBe(0);
      for (const args of [
        ['--anchor', anchor],
        ['--anchors', file],
      ]) {
        const caught = await runVerify(t, args);
        expect(caught.code, caught.stdout + caught.stderr).toBe(1);
        expect(caught.stdout).toContain(`BROKEN at seq ${headSeq}: anchor ${anchor} does not match`);
      }
      await recomputeChain(
        t.app,
        original.filter((e) => e.seq >= reveal.seq),
      );
      expect((await runVerify(t, ['--anchor', anchor])).code).toBe(0);

      // (b) The tail behind the anchor replaced by a forged one of the same length (the counter untouched).
      const tail = original.filter((e) => e.seq >= Number(headSeq) - 1);
      await recomputeChain(
        t.app,
        tail.map((e) => ({ ...e, action: 'auth.sign_in' as const, detail: '{"client":"web"}' })),
      );
      expect((await runVerify(t)).code).toBe(0);
      const forged = await runVerify(t, ['--anchor', anchor]);
      expect(forged.code, forged.stdout + forged.stderr).toBe(1);
      expect(forged.stdout).toContain(`BROKEN at seq ${headSeq}: anchor ${anchor} does not match`);
      await recomputeChain(t.app, tail);

      // (c) The tail cut back behind the anchor and the 'audit' counter set back to match.
      const cut = Number(headSeq) - 2;
      await db.deleteFrom('audit_log').where('seq', '>', cut).execute();
      await db.updateTable('counters').set({ value: cut }).where('name', '=', 'audit').execute();
      expect((await runVerify(t)).code).toBe(0);
      const shortened = await runVerify(t, ['--anchors', file]);
      expect(shortened.code, shortened.stdout + shortened.stderr).toBe(1);
      expect(shortened.stdout).toContain(
        `BROKEN at seq ${headSeq}: anchor ${anchor} names entry ${headSeq}, but the chain ends at seq ${String(cut)}`,
      );

      // A wrong anchor is named; one that is not an anchor at all stops the check (exit 2).
      const wrong = `1:${'0'.repeat(64)}`;
      const mismatch = await runVerify(t, ['--anchor', wrong]);
      expect(mismatch.code).toBe(1);
      expect(mismatch.stdout).toContain(`BROKEN at seq 1: anchor ${wrong} does not match`);
      const unreadable = await runVerify(t, ['--anchor', `${headSeq}:nothex`]);
      expect(unreadable.code).toBe(2);
      expect(unreadable.stderr).toContain('expected N:<sha256 hex>');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('the county administrator sees both townships of the county and the entries of no township; a township admin does not', async () => {
    t = await startTestApp(dialect);
    const { receipt } = await clerkStory(t);
    await addOtherTownshipAdmin(t.app);
    await addOtherTownship(t.app);
    const qingshi = await signIn(t.app, OTHER_ADMIN);
    await signIn(t.app, OTHER_CLERK);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { phone: '13700000000', password: 'not-the-password', client: 'web' },
    });
    expect(unknown.statusCode).toBe(401);
    const county = await signIn(t.app, COUNTY_ADMIN);
    const townships = await t.app.db.kysely
      .selectFrom('townships')
      .select(['id', 'code', 'name'])
      .orderBy('code')
      .execute();
    const idOf = (code: string) => townships.find((tw) => tw.code === code)?.id ?? '';
    const [shifan, qingshiId, another] = [idOf('999001'), idOf('999003'), idOf('999002')];

    const all = (await auditPage(county, { pageSize: 200 })).entries;
    const inTownship = (id: string | null) => all.filter((e) => e.townshipId === id);
    expect(inTownship(shifan).map((e) => e.subjectLabel)).toContain(receipt.caseNumber);
    expect(inTownship(qingshiId).map((e) => [e.action, e.actorName])).toEqual([['auth.sign_in', '韩冬']]);
    expect(inTownship(another)).toEqual([]);
    // The township-less ones: the attempt on an unknown number and the county administrator's own sign-in.
    expect(inTownship(null).map((e) => [e.action, e.actorName, e.detail.reason ?? null])).toEqual([
      ['auth.sign_in', '郑伟', null],
      ['auth.sign_in_failed', null, 'unknown_account'],
    ]);
    expect(all.every((e) => e.townshipId === null || e.townshipId === shifan || e.townshipId === qingshiId)).toBe(true);

    const page = await auditPage(county, { township: 'none' });
    expect(page.entries).toEqual(inTownship(null));
    expect(page.townships.map((tw) => tw.name)).toEqual(['示范镇（演示数据）', '青石镇（演示数据）']);
    expect(page.actors.map((a) => [a.name, a.townshipId])).toEqual([['郑伟', null]]);
    const qingshiPage = await auditPage(county, { township: qingshiId, pageSize: 200 });
    expect(qingshiPage.entries).toEqual(inTownship(qingshiId));
    expect(qingshiPage.actors.every((a) => a.townshipId === qingshiId)).toBe(true);
    // A 办件编号 resolves across the county's townships.
    expect((await auditPage(county, { subject: receipt.caseNumber })).entries.map((e) => e.subjectId)).toEqual([
      receipt.id,
      receipt.id,
      receipt.id,
    ]);
    // A township outside the county is refused, as it is for a township administrator.
    expect((await county.get(`/api/admin/audit?township=${another}`)).statusCode).toBe(403);

    // 王强 (示范镇) sees none of 青石镇's, none of no township; asking for them is 403.
    const admin = await signIn(t.app, ADMIN);
    const his = (await auditPage(admin, { pageSize: 200 })).entries;
    expect(his.every((e) => e.townshipId === shifan)).toBe(true);
    expect((await auditPage(admin, { township: shifan, pageSize: 200 })).entries).toEqual(his);
    expect((await auditPage(admin)).townships.map((tw) => tw.id)).toEqual([shifan]);
    for (const township of [qingshiId, 'none']) {
      expect((await admin.get(`/api/admin/audit?township=${township}`)).statusCode, township).toBe(403);
    }
    expect((await qingshi.get(`/api/admin/audit?township=${shifan}`)).statusCode).toBe(403);
  }, 60_000);
});

it('the viewer refuses a bad filter with 400', async () => {
  const t = await startTestApp('sqlite');
  try {
    const admin = await signIn(t.app, ADMIN);
    for (const query of ['action=case.nothing', 'from=2026-03-05&to=2026-03-01', 'pageSize=0', 'before=x']) {
      expect((await admin.get(`/api/admin/audit?${query}`)).statusCode, query).toBe(400);
    }
  } finally {
    await t.close();
  }
});
