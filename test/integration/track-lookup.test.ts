import { afterEach, describe, expect, it } from 'vitest';
import { RECEIPT_ALPHABET, newReceiptCode } from '../../src/domain/receipt-code';
import {
  CASE_NUMBER_PATTERN,
  TRACK_ACCESS_MINUTES,
  TRACK_LOCK_MINUTES,
  trackLookupResponseSchema,
} from '../../src/domain/tracking';
import { dialects, startTestApp, type TestApp } from './harness';
import { APPLICANT, PHONE_LAST4, bodiesOf, closeCase, submitTrackable, trackApi } from './track-fixtures';
import { AGENT, CLERK_MZ, apiAs, chinaTime, pageOf, problemOf, tokenFor } from './workbench-fixtures';

const MINUTE_MS = 60_000;

/** The code one letter of the alphabet after `code`'s last one: what someone counting upwards tries. */
function nextCode(code: string, step: number): string {
  const last = code.at(-1) ?? '2';
  const next = RECEIPT_ALPHABET[(RECEIPT_ALPHABET.indexOf(last) + step) % RECEIPT_ALPHABET.length] ?? '2';
  return `${code.slice(0, -1)}${next}`;
}

/** The 办件编号 `step` further on in the same township's sequence that day. */
function nextCaseNumber(caseNumber: string, step: number): string {
  const [township = '', day = '', sequence = ''] = caseNumber.split('-');
  return `${township}-${day}-${String(Number(sequence) + step).padStart(sequence.length, '0')}`;
}

describe.each(dialects)('residents following their case on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** 示范镇 on Monday 2026-03-02, 10:00: 张建国 has submitted one case for 欧阳秀英 at 民政办. */
  async function setup() {
    t = await startTestApp(dialect);
    t.clock.now = chinaTime('2026-03-02 10:00');
    const agent = apiAs(t.app, await tokenFor(t.app, AGENT));
    const li = apiAs(t.app, await tokenFor(t.app, CLERK_MZ));
    const trackable = await submitTrackable(agent);
    return { t, agent, li, track: trackApi(t.app), ...trackable };
  }

  it("a resident finds the case by the receipt code and the last 4 digits of the applicant's phone", async () => {
    const { track, code, receipt } = await setup();
    // Typed as people type it: lower case, no dash.
    const found = await track.lookup({ code: code.toLowerCase().replace('-', ''), phoneLast4: PHONE_LAST4 });
    expect(found.accessToken.length).toBeGreaterThanOrEqual(40);
    expect(found.view).toEqual({
      caseNumber: receipt.caseNumber,
      receiptCode: code,
      applicantMasked: '欧**英',
      itemName: '高龄津贴（补贴）申领',
      status: 'received',
      timeline: [
        { step: 'with_agent', at: '2026-03-02T01:06:00.000Z', detail: [] },
        { step: 'reached_township', at: receipt.receivedAt, detail: [] },
      ],
      expectedDate: '2026-03-09',
      suspended: false,
      agent: { name: '张建国', phone: '13900000011' },
      window: { name: '民政办', phone: '0833-5121101' },
      township: { name: '示范镇（演示数据）', supervisionPhone: '0833-5120012' },
      canRate: false,
      rating: null,
    });
    expect(await track.view(found.accessToken)).toEqual(found.view);
    expect((await track.caseRes('not-a-token')).statusCode).toBe(401);
    expect(problemOf(await track.caseRes('')).code).toBe('UNAUTHENTICATED');
  });

  it('a resident finds the case by its 办件编号 and the last 4 digits', async () => {
    const { agent, track, code, receipt } = await setup();
    const other = await submitTrackable(agent);
    expect(receipt.caseNumber).toMatch(CASE_NUMBER_PATTERN);
    // Copied from the township's notice with a stray space around it.
    const found = await track.lookup({ code: ` ${receipt.caseNumber} `, phoneLast4: PHONE_LAST4 });
    expect(found.view).toMatchObject({ caseNumber: receipt.caseNumber, receiptCode: code, applicantMasked: '欧**英' });
    expect(await track.view(found.accessToken)).toEqual(found.view);
    // The next number in the sequence is the other case, not this one.
    const next = await track.lookup({ code: other.receipt.caseNumber, phoneLast4: PHONE_LAST4 });
    expect(other.receipt.caseNumber).toBe(nextCaseNumber(receipt.caseNumber, 1));
    expect(next.view).toMatchObject({ caseNumber: other.receipt.caseNumber, receiptCode: other.code });
    // The receipt code still works as before.
    expect((await track.lookup({ code, phoneLast4: PHONE_LAST4 })).view.caseNumber).toBe(receipt.caseNumber);
  });

  it('sequential 办件编号 with wrong digits get the identical answer, then the lock', async () => {
    const { t, track, code, receipt } = await setup();
    const attacker = '192.0.2.70';
    const answers = [];
    // Counting upwards from a known number, plus the real one with wrong digits.
    for (let i = 0; i < 5; i += 1) {
      answers.push(
        await track.lookupRes({ code: nextCaseNumber(receipt.caseNumber, i), phoneLast4: '1234' }, attacker),
      );
    }
    const receiptMiss = await track.lookupRes({ code: newReceiptCode(), phoneLast4: '1234' }, '203.0.113.71');
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(receiptMiss.body);
      expect(answer.headers['content-length']).toBe(receiptMiss.headers['content-length']);
    }
    // The address is locked now, for the 办件编号 and the receipt code alike, even with the right digits.
    for (const body of [
      { code: receipt.caseNumber, phoneLast4: PHONE_LAST4 },
      { code, phoneLast4: PHONE_LAST4 },
    ]) {
      const locked = await track.lookupRes(body, attacker);
      expect(locked.statusCode).toBe(429);
      expect(problemOf(locked)).toMatchObject({ code: 'TRACK_LOCKED', retryAfterSeconds: TRACK_LOCK_MINUTES * 60 });
    }
    const locks = await t.app.db.kysely.selectFrom('track_locks').select('key').execute();
    expect(locks.map((l) => l.key)).toEqual([`ip:${attacker}`]);

    // Many addresses trying one 办件编号 (it has 1 failure already): the number itself locks.
    for (let i = 0; i < 4; i += 1) {
      const res = await track.lookupRes(
        { code: receipt.caseNumber, phoneLast4: String(2000 + i) },
        `198.51.100.${String(30 + i)}`,
      );
      expect(res.statusCode).toBe(404);
    }
    const byNumber = await track.lookupRes({ code: receipt.caseNumber, phoneLast4: PHONE_LAST4 }, '198.51.100.60');
    expect(problemOf(byNumber).code).toBe('TRACK_LOCKED');
  });

  it('a malformed code is 400 VALIDATION_FAILED and not counted; the QR form takes a receipt code only', async () => {
    const { t, track, secret, receipt } = await setup();
    const from = '192.0.2.80';
    const malformed: Record<string, unknown>[] = [
      { code: '999001-2026030-00001', phoneLast4: PHONE_LAST4 },
      { code: '999001-20260302-0001', phoneLast4: PHONE_LAST4 },
      { code: '999001_20260302_00001', phoneLast4: PHONE_LAST4 },
      { code: `${receipt.caseNumber}X`, phoneLast4: PHONE_LAST4 },
      { code: 'ABC', phoneLast4: PHONE_LAST4 },
      { code: '', phoneLast4: PHONE_LAST4 },
      { code: receipt.caseNumber, secret },
    ];
    for (const body of malformed) {
      const res = await track.lookupRes(body, from);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(problemOf(res).code).toBe('VALIDATION_FAILED');
    }
    const failures = await t.app.db.kysely.selectFrom('track_failures').select('key').execute();
    expect(failures).toEqual([]);
    expect((await track.lookupRes({ code: receipt.caseNumber, phoneLast4: PHONE_LAST4 }, from)).statusCode).toBe(200);
  });

  it('the OpenAPI document lists the resident and follow-up routes', async () => {
    const { t } = await setup();
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    for (const [path, method] of [
      ['/api/track/lookup', 'post'],
      ['/api/track/case', 'get'],
      ['/api/track/rating', 'post'],
      ['/api/track/rating/follow-up', 'post'],
      ['/api/track/complaints', 'post'],
      ['/api/workbench/follow-ups', 'get'],
      ['/api/workbench/follow-ups/{id}', 'get'],
      ['/api/workbench/follow-ups/{id}', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });

  it('the QR secret opens the case directly; the access token is for that case and expires', async () => {
    const { t, agent, track, code, secret, receipt } = await setup();
    const other = await submitTrackable(agent);
    const found = await track.lookup({ code, secret });
    expect(found.view.caseNumber).toBe(receipt.caseNumber);
    // The other case's secret does not open this one.
    expect(problemOf(await track.lookupRes({ code, secret: other.secret })).code).toBe('TRACK_NOT_FOUND');

    t.clock.advance(TRACK_ACCESS_MINUTES * MINUTE_MS - 1000);
    expect((await track.view(found.accessToken)).caseNumber).toBe(receipt.caseNumber);
    t.clock.advance(1000);
    const expired = await track.caseRes(found.accessToken);
    expect(expired.statusCode).toBe(401);
    expect(problemOf(expired).code).toBe('UNAUTHENTICATED');
  });

  it('the timeline tells the case in plain steps: 补正 with the materials asked for, 已受理, 办理中, 已办结', async () => {
    const { t, agent, li, track, code, receipt } = await setup();
    await li.act(receipt.id, {
      type: 'request_supplement',
      items: [{ materialKey: 'idCard', note: '反面不清晰' }],
      note: '',
    });
    // Days pass between the steps: the resident looks the case up again each time.
    const look = async () => (await track.lookup({ code, phoneLast4: PHONE_LAST4 })).view;
    let view = await look();
    expect(view.status).toBe('supplement');
    expect(view.expectedDate).toBeNull();
    expect(view.timeline.at(-1)).toMatchObject({ step: 'supplement', detail: ['申请人居民身份证'] });

    t.clock.now = chinaTime('2026-03-03 09:00');
    const photos = new Map<string, Buffer>();
    const res = await agent.resubmit(receipt.id, 2, {
      pages: [pageOf('idCard', photos)],
      signature: null,
      submittedAt: '2026-03-03T00:50:00.000Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    t.clock.now = chinaTime('2026-03-04 09:00');
    await li.act(receipt.id, { type: 'accept', note: '' });
    view = await look();
    expect(view).toMatchObject({ status: 'accepted', expectedDate: '2026-04-01', canRate: false });
    await li.act(receipt.id, { type: 'suspend', kind: 'special_procedure', reason: '公示七天' });
    expect(await look()).toMatchObject({ status: 'suspended', suspended: true });
    await li.act(receipt.id, { type: 'resume', note: '' });
    await li.act(receipt.id, {
      type: 'complete',
      outcome: 'approved',
      resultName: '高龄津贴',
      resultNumber: '',
      note: '',
    });
    view = await look();
    expect(view.timeline.map((s) => s.step)).toEqual([
      'with_agent',
      'reached_township',
      'supplement',
      'reached_township',
      'accepted',
      'in_progress',
      'completed',
    ]);
    expect(view).toMatchObject({ status: 'completed_approved', expectedDate: null, suspended: false, canRate: true });
    expect(view.timeline[4]?.at).toBe(chinaTime('2026-03-04 09:00').toISOString());
  });

  it('unknown, sequential and random codes, wrong digits and a wrong secret all get the identical answer', async () => {
    const { track, code, receipt } = await setup();
    const attempts = [
      { code: nextCaseNumber(receipt.caseNumber, 1), phoneLast4: PHONE_LAST4 },
      { code: nextCaseNumber(receipt.caseNumber, 2), phoneLast4: PHONE_LAST4 },
      { code: receipt.caseNumber.replace('-20260302-', '-20260303-'), phoneLast4: PHONE_LAST4 },
      { code: receipt.caseNumber.replace(/^\d+-/, '999002-'), phoneLast4: PHONE_LAST4 },
      { code: receipt.caseNumber, phoneLast4: '5679' },
      { code: receipt.caseNumber, phoneLast4: '0000' },
      { code: nextCode(code, 1), phoneLast4: PHONE_LAST4 },
      { code: nextCode(code, 2), phoneLast4: PHONE_LAST4 },
      { code: nextCode(code, 3), phoneLast4: PHONE_LAST4 },
      { code: newReceiptCode(), phoneLast4: PHONE_LAST4 },
      { code: newReceiptCode(), phoneLast4: '0000' },
      { code, phoneLast4: '5679' },
      { code, phoneLast4: '8765' },
      { code, secret: 'A'.repeat(43) },
      { code: newReceiptCode(), secret: 'B'.repeat(43) },
    ];
    const answers = [];
    for (const [i, body] of attempts.entries()) {
      // A fresh address each time: this is about the answer, not the lock.
      answers.push(await track.lookupRes(body, `198.51.100.${String(i + 1)}`));
    }
    const first = answers[0];
    expect(first?.statusCode).toBe(404);
    expect(first?.json()).toEqual({ code: 'TRACK_NOT_FOUND', message: expect.any(String) as unknown });
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(first?.body);
      expect(answer.headers['content-length']).toBe(first?.headers['content-length']);
      expect(answer.headers['content-type']).toBe(first?.headers['content-type']);
    }
  });

  it('after 5 failures the address is locked, even with the right digits, with Retry-After; it opens again after the lock', async () => {
    const { t, track, code } = await setup();
    const attacker = '192.0.2.50';
    for (let i = 0; i < 5; i += 1) {
      // Different codes each time, so only the address reaches the limit.
      expect((await track.lookupRes({ code: newReceiptCode(), phoneLast4: '1234' }, attacker)).statusCode).toBe(404);
    }
    const locked = await track.lookupRes({ code, phoneLast4: PHONE_LAST4 }, attacker);
    expect(locked.statusCode).toBe(429);
    expect(problemOf(locked)).toEqual({
      code: 'TRACK_LOCKED',
      message: expect.any(String) as unknown,
      retryAfterSeconds: TRACK_LOCK_MINUTES * 60,
    });
    expect(locked.headers['retry-after']).toBe(String(TRACK_LOCK_MINUTES * 60));
    // The code itself is not locked: the resident at home still gets in.
    expect((await track.lookupRes({ code, phoneLast4: PHONE_LAST4 }, '203.0.113.77')).statusCode).toBe(200);

    // A restart (or a second server process) does not forget the lock.
    const restarted = trackApi(await t.restart());
    t.clock.advance((TRACK_LOCK_MINUTES - 1) * MINUTE_MS);
    const still = await restarted.lookupRes({ code, phoneLast4: PHONE_LAST4 }, attacker);
    expect(still.statusCode).toBe(429);
    expect(problemOf(still).retryAfterSeconds).toBe(60);
    t.clock.advance(MINUTE_MS);
    const open = await restarted.lookupRes({ code, phoneLast4: PHONE_LAST4 }, attacker);
    expect(open.statusCode, open.body).toBe(200);
    trackLookupResponseSchema.parse(open.json());
  });

  it('the per-code lock catches an attacker rotating addresses', async () => {
    const { agent, track, code } = await setup();
    for (let i = 0; i < 5; i += 1) {
      const res = await track.lookupRes({ code, phoneLast4: String(1000 + i) }, `198.51.100.${String(10 + i)}`);
      expect(res.statusCode).toBe(404);
    }
    // From yet another address, even the right digits and the QR secret are refused now.
    const locked = await track.lookupRes({ code, phoneLast4: PHONE_LAST4 }, '198.51.100.99');
    expect(locked.statusCode).toBe(429);
    expect(problemOf(locked).code).toBe('TRACK_LOCKED');
    // The code is normalised before counting: another spelling is the same code.
    const spelled = await track.lookupRes(
      { code: code.toLowerCase().replace('-', ' '), phoneLast4: PHONE_LAST4 },
      '198.51.100.98',
    );
    expect(spelled.statusCode).toBe(429);
    // That last address is not locked for other cases.
    const other = await submitTrackable(agent);
    expect((await track.lookupRes({ code: other.code, phoneLast4: PHONE_LAST4 }, '198.51.100.99')).statusCode).toBe(
      200,
    );
  });

  it('failures older than 10 minutes no longer count, and the scheduled run prunes them', async () => {
    const { t, track, code } = await setup();
    const from = '192.0.2.60';
    for (let i = 0; i < 4; i += 1) {
      await track.lookupRes({ code: newReceiptCode(), phoneLast4: '1234' }, from);
    }
    t.clock.advance(10 * MINUTE_MS + 1000);
    for (let i = 0; i < 4; i += 1) {
      expect((await track.lookupRes({ code: newReceiptCode(), phoneLast4: '1234' }, from)).statusCode).toBe(404);
    }
    expect((await track.lookupRes({ code, phoneLast4: PHONE_LAST4 }, from)).statusCode).toBe(200);
    const report = await t.app.jobs.runDue();
    expect(report.trackingPruned).toBe(8);
    const left = await t.app.db.kysely
      .selectFrom('track_failures')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(8);
  });

  it('no response carries the ID number, the phone, the full name or the answers', async () => {
    const { agent, li, track, code, secret, receipt } = await setup();
    const responses = [];
    const found = await track.lookupRes({ code, phoneLast4: PHONE_LAST4 });
    responses.push(found, await track.lookupRes({ code, secret }));
    responses.push(await track.lookupRes({ code, phoneLast4: '0000' }));
    const token = trackLookupResponseSchema.parse(found.json()).accessToken;
    responses.push(await track.caseRes(token), await track.rateRes(token, { satisfaction: 'satisfied' }));
    await closeCase(li, receipt.id);
    responses.push(await track.rateRes(token, { satisfaction: 'very_dissatisfied', comment: '等太久' }));
    responses.push(await track.commentRes(token, '电话一直没人接'));
    responses.push(await track.complainRes(token, { text: '窗口态度不好，请处理', contactPhone: '13700001111' }));
    responses.push(await track.caseRes(token));
    const other = await submitTrackable(agent);
    responses.push(await track.lookupRes({ code: other.code, secret: other.secret }));

    const text = bodiesOf(responses);
    expect(responses.every((r) => r.statusCode < 500)).toBe(true);
    for (const secretText of [
      APPLICANT.idNumber,
      APPLICANT.phone,
      APPLICANT.name,
      '13700001111',
      '东坡村三组12号',
      '社会保障卡',
      secret,
    ]) {
      expect(text).not.toContain(secretText);
    }
    expect(text).toContain('欧**英');
  });
});
