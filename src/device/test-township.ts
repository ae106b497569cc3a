/**
 * A township server in memory, for device tests only: stub `fetch` with `township.handle` and the
 * real sync engine talks to it. It keeps what the real one promises the phone — first submissions
 * and 补正 rounds idempotent by id / round, blobs complete at once (a hash it already has), and an
 * ordered change feed — and records every request; `refuse` makes a route answer an API error.
 */
import { vi } from 'vitest';
import { createBlobRequestSchema } from '../domain/blob';
import { caseResubmissionSchema, type SupplementItem } from '../domain/case-lifecycle';
import { caseSubmissionSchema, type CaseReceipt } from '../domain/case-submission';
import type { Change } from '../domain/change-feed';
import { addPage, createDraft, saveSignature, submitCase, updateDraft } from './case-repository';
import { closeDatabase, getDatabase, type CaseRecord } from './db';
import { saveSession } from './session-repository';
import { runSync } from './sync-run';
import { agentUser, hashedPhoto, housingFundItem, residentZhang } from './test-fixtures';

export type SeenRequest = { method: string; path: string; body: unknown };

type StoredCase = { receipt: CaseReceipt; rounds: Map<number, string> };

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function bodyOf(init: RequestInit | undefined): unknown {
  const body = init?.body;
  if (typeof body !== 'string') return body === undefined || body === null ? undefined : '<bytes>';
  const value: unknown = JSON.parse(body);
  return value;
}

/** The in-memory township; see the module comment. */
export class TestTownship {
  readonly seen: SeenRequest[] = [];
  readonly changes: Change[] = [];
  readonly cases = new Map<string, StoredCase>();
  private refusals: { match: (r: SeenRequest) => boolean; status: number; body: Record<string, unknown> }[] = [];
  private at = Date.parse('2026-03-02T02:00:00.000Z');

  /**
   * From now on, requests matching `match` are answered with this API error (plus `extra` fields such
   * as `problems`), until the returned function is called.
   */
  refuse(
    match: (request: SeenRequest) => boolean,
    status: number,
    code: string,
    extra: Record<string, unknown> = {},
  ): () => void {
    const refusal = { match, status, body: { code, message: code, ...extra } };
    this.refusals.push(refusal);
    return () => {
      this.refusals = this.refusals.filter((r) => r !== refusal);
    };
  }

  /** Appends an event (a CaseEventType, or one this build does not know) to the change feed. */
  record(caseId: string, type: string, payload: Record<string, unknown>): Change {
    this.at += 60_000;
    const change: Change = {
      seq: this.changes.length + 1,
      caseId,
      type,
      payload,
      at: new Date(this.at).toISOString(),
    };
    this.changes.push(change);
    return change;
  }

  /** Sets the case's status on the server (what the change feed's next event says). */
  setStatus(caseId: string, status: CaseReceipt['status']): void {
    const stored = this.cases.get(caseId);
    if (stored) stored.receipt = { ...stored.receipt, status };
  }

  /** The stand-in for `fetch`. */
  readonly handle = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://x');
    const request: SeenRequest = { method: init?.method ?? 'GET', path: url.pathname + url.search, body: bodyOf(init) };
    this.seen.push(request);
    const refusal = this.refusals.find((r) => r.match(request));
    if (refusal) return Promise.resolve(json(refusal.status, refusal.body));
    return Promise.resolve(this.answer(request, url));
  };

  private answer(request: SeenRequest, url: URL): Response {
    const caseMatch = /^\/api\/cases\/([^/]+)$/.exec(url.pathname);
    const roundMatch = /^\/api\/cases\/([^/]+)\/rounds\/(\d+)$/.exec(url.pathname);
    if (request.method === 'PUT' && caseMatch?.[1]) return this.putCase(caseMatch[1], request.body);
    if (request.method === 'PUT' && roundMatch?.[1] && roundMatch[2])
      return this.putRound(roundMatch[1], Number(roundMatch[2]), request.body);
    if (request.method === 'POST' && url.pathname === '/api/blobs') {
      const { id, size, sha256 } = createBlobRequestSchema.parse(request.body);
      return json(200, { id, size, sha256, offset: size, complete: true });
    }
    if (request.method === 'GET' && url.pathname === '/api/sync/changes') {
      const after = Number(url.searchParams.get('after') ?? '0');
      const changes = this.changes.filter((c) => c.seq > after);
      return json(200, {
        changes,
        cursor: changes.at(-1)?.seq ?? after,
        hasMore: false,
        serverTime: new Date(this.at).toISOString(),
      });
    }
    return json(404, { code: 'NOT_FOUND', message: request.path });
  }

  private putCase(id: string, body: unknown): Response {
    const submission = caseSubmissionSchema.parse(body);
    const total = submission.pages.length + (submission.signature ? 1 : 0);
    let stored = this.cases.get(id);
    if (!stored) {
      const caseNumber = `999001-20260302-${String(this.cases.size + 1).padStart(5, '0')}`;
      const receivedAt = new Date(this.at).toISOString();
      stored = {
        receipt: { id, caseNumber, status: 'received', receivedAt, materials: { verified: total, total } },
        rounds: new Map(),
      };
      this.cases.set(id, stored);
      this.record(id, 'received', { status: 'received', caseNumber, receivedAt });
    }
    return json(200, stored.receipt);
  }

  private putRound(id: string, round: number, body: unknown): Response {
    const stored = this.cases.get(id);
    if (!stored) return json(404, { code: 'NOT_FOUND', message: id });
    const resubmission = caseResubmissionSchema.parse(body);
    const text = JSON.stringify(resubmission);
    const earlier = stored.rounds.get(round);
    if (earlier !== undefined)
      return earlier === text ? json(200, stored.receipt) : json(409, { code: 'CONFLICT', message: 'another body' });
    if (stored.receipt.status !== 'supplement') return json(409, { code: 'ACTION_NOT_ALLOWED', message: 'no' });
    stored.rounds.set(round, text);
    stored.receipt = { ...stored.receipt, status: 'received' };
    this.record(id, 'resubmitted', { status: 'received', round, pages: resubmission.pages.length });
    return json(200, stored.receipt);
  }
}

/**
 * A 住房公积金 case captured on the phone (ID card, purchase contract, signature), sent to `township`
 * by a real sync run, after which the clerk asks for 补正 of `items` (round 2): the state in which the
 * agent's phone shows the notice. The 补正 notice is not pulled yet. Needs `fetch` stubbed with
 * `township.handle` and an agent session saved.
 */
export async function sentCaseAwaitingSupplement(
  township: TestTownship,
  items: (SupplementItem & { name: string })[],
  fill = 1,
): Promise<CaseRecord> {
  const draft = await createDraft(housingFundItem, agentUser);
  await updateDraft(draft.id, { applicant: residentZhang, answers: { loanType: '银行贷款' } });
  await addPage(draft.id, 'idCard', await hashedPhoto(fill));
  await addPage(draft.id, 'purchaseContract', await hashedPhoto(fill + 1));
  await saveSignature(draft.id, new Uint8Array([137, 80, 78, 71, fill]).buffer, '张三');
  const submitted = await submitCase(draft.id);
  if (!submitted.ok) throw new Error(`the test case is incomplete: ${JSON.stringify(submitted.problems)}`);
  const run = await runSync({ retry: { delaysMs: [] } });
  if (run.outcome !== 'done') throw new Error(`the first sync failed: ${JSON.stringify(run)}`);
  township.setStatus(draft.id, 'supplement');
  township.record(draft.id, 'supplement_requested', {
    status: 'supplement',
    round: 2,
    items,
    note: '请补齐后重新提交',
    noticeNumber: 'BZ-999001-2026-0001',
  });
  return submitted.record;
}

/**
 * A fresh township answering `fetch`, with agentUser signed in on the phone: a device test's
 * beforeEach. leaveTownship undoes it.
 */
export async function joinTownship(): Promise<TestTownship> {
  const township = new TestTownship();
  vi.stubGlobal('fetch', township.handle);
  await saveSession({ token: 'device-token', user: agentUser, expiresAt: '2100-01-01T00:00:00.000Z' });
  return township;
}

/** A device test's afterEach after joinTownship: the real `fetch` again, and the phone's database deleted. */
export async function leaveTownship(): Promise<void> {
  vi.unstubAllGlobals();
  await getDatabase().delete();
  closeDatabase();
}
