/**
 * Property-based fuzzing of the API (fast-check): every registered /api route gets malformed bodies
 * (wrong types, huge strings, deep nesting, unicode junk, invalid JSON, wrong content types), junk
 * path parameters, query strings and headers, as each kind of caller. However bad the input, the
 * server answers with a 4xx (or a 2xx where the input happens not to matter) — never a 5xx — and
 * stores nothing: every table's row count and the blob directories are the same afterwards.
 *
 * Seeded, so a failure reproduces; FUZZ_RUNS and FUZZ_SEED override the runs per route and the seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, loginResponseSchema } from '../../src/domain/auth';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { dialects, startTestApp, type TestApp } from './harness';
import { submitTrackable, trackApi } from './track-fixtures';
import { ADMIN, AGENT, CLERK_MZ, apiAs, completeCase } from './workbench-fixtures';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const COUNTY_ADMIN = '13900000009';

type Caller = { headers: Record<string, string>; cookies?: Record<string, string> };

/** Field names the schemas know, so junk often lands on a real field with the wrong type. */
const KNOWN_KEYS = [
  'id',
  'phone',
  'password',
  'client',
  'code',
  'secret',
  'phoneLast4',
  'size',
  'sha256',
  'type',
  'pages',
  'applicant',
  'idNumber',
  'signature',
  'answers',
  'itemCode',
  'itemVersion',
  'receiptCode',
  'field',
  'expectedVersion',
  'action',
  'note',
  'satisfaction',
  'comment',
  'text',
  'contactPhone',
  'year',
  'holidays',
  'workdays',
  'name',
  'role',
  'villageId',
  'windowIds',
  'label',
  'setAside',
  'status',
  'outcome',
  '__proto__',
  'constructor',
] as const;

const QUERY_KEYS = [
  'after',
  'limit',
  'tab',
  'window',
  'q',
  'page',
  'pageSize',
  'from',
  'to',
  'groupBy',
  'status',
  'year',
  'offset',
  'action',
  'actor',
  'subject',
  'before',
  'village',
  'item',
  'agent',
] as const;

/** Raw path or query text that is not even well-formed. */
const NASTY_RAW = ['%', '%zz', '%E0%A4%A', '..', '%2e%2e%2f', '%00', '\u0000', '%F0%9F', '\u202e', '🤯'.repeat(50)];

const junkText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', ' ', 'null', 'undefined', 'NaN', '-1', '1e999', '0x10', 'true', '<script>', "' OR 1=1 --"),
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'Ω'.repeat(n)),
);

const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.anything({ maxDepth: 3 }),
  junkText,
  fc.constantFrom(null, true, -1, 0, 1.5, Number.MAX_SAFE_INTEGER, [], {}),
);

const deepNesting = fc
  .tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
  );

/** A body and the content type it is sent with (or none). */
const junkBody: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> = fc
  .tuple(
    fc.oneof(
      fc.constant(undefined),
      fc.dictionary(fc.constantFrom(...KNOWN_KEYS), junkValue, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      deepNesting,
      fc.string().map((s) => `{${s}`),
      fc.constantFrom('{', '[1,', '{"a":}', 'nul', '\u0000', '{"__proto__":{"polluted":1}}', '"just a string"'),
      fc.integer({ min: 100_000, max: 1_500_000 }).map((n) => JSON.stringify({ text: 'x'.repeat(n) })),
      fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)),
    ),
    fc.constantFrom(
      undefined,
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'application/octet-stream',
      'image/jpeg',
      'application/json; charset=latin1',
      'junk/💥',
    ),
  )
  .map(([payload, contentType]) => ({ payload, contentType }));

const junkSegment = fc.oneof(
  fc.uuid(),
  junkText.map(encodeURIComponent),
  fc.constantFrom(...NASTY_RAW),
  fc.integer({ min: 1_000, max: 10_000 }).map((n) => 'a'.repeat(n)),
);

const junkQuery = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), junkText), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')),
  fc.constantFrom(...NASTY_RAW),
  fc.constantFrom('after=1&after=2', 'limit[]=1', 'a[b][c]=1', '&&&=', '=x'),
);

const junkHeaders = fc.record(
  {
    'if-none-match': junkText.map((s) => s.replace(/[^\t\x20-\x7e]/g, '')),
    origin: fc.constantFrom('null', 'https://evil.example', 'http://localhost:80', 'not a url'),
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1', ''),
    'sec-fetch-site': fc.constantFrom('cross-site', 'same-origin', 'junk'),
    'accept-language': fc.constantFrom('zh-CN', '*;q=x'),
  },
  { requiredKeys: [] },
);

async function signIn(app: FastifyInstance, phone: string, client: 'web' | 'device'): Promise<Caller> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client },
    remoteAddress: `10.44.0.${phone.slice(-2)}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  if (client === 'device') {
    return { headers: { authorization: `Bearer ${loginResponseSchema.parse(res.json()).token ?? ''}` } };
  }
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  return { headers: { 'x-daiban-csrf': '1' }, cookies: { [SESSION_COOKIE]: cookie } };
}

/** Row counts of every table, and the files of the blob store: what "nothing stored" compares. */
async function snapshot(t: TestApp): Promise<{ rows: Record<string, number>; files: string[] }> {
  const db = t.app.db.kysely;
  // Rate-limit counts are not stored data: every request to a capped route counts, malformed or not.
  const tables = (await db.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => name !== 'rate_limit_hits')
    .sort();
  const rows: Record<string, number> = {};
  for (const table of tables) {
    // A GET of the case export with junk in its query string is still an export, and is audited as one.
    const where = table === 'audit_log' ? sql` where action not like 'export.%'` : sql``;
    const { count } = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(table)}${where}`
      .execute(db)
      .then((r) => r.rows[0] ?? { count: -1 });
    rows[table] = Number(count);
  }
  const files: string[] = [];
  for (const dir of ['blobs', 'uploads']) {
    const root = path.join(t.config.dataDir, dir);
    if (!fs.existsSync(root)) continue;
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) {
        const file = path.join(entry.parentPath, entry.name);
        files.push(`${path.relative(t.config.dataDir, file)}:${String(fs.statSync(file).size)}`);
      }
    }
  }
  return { rows, files: files.sort() };
}

describe.each(dialects)('the API under malformed input on %s', (dialect) => {
  let t: TestApp;
  let callers: Caller[];
  let routes: string[];
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const app = t.app;
    const agent = await signIn(app, AGENT, 'device');
    const agentApi = apiAs(app, (agent.headers.authorization ?? '').slice('Bearer '.length));
    caseId = (await agentApi.submit(completeCase().submission)).id;
    const trackable = await submitTrackable(agentApi);
    const resident = await trackApi(app, '10.44.1.1').lookup({ code: trackable.code, secret: trackable.secret });
    callers = [
      { headers: {} },
      agent,
      await signIn(app, CLERK_MZ, 'web'),
      await signIn(app, ADMIN, 'web'),
      await signIn(app, COUNTY_ADMIN, 'web'),
      { headers: { authorization: `Bearer ${resident.accessToken}` } },
      { headers: { authorization: 'Bearer \u0001junk' } },
      { headers: { 'x-daiban-csrf': '1' }, cookies: { [SESSION_COOKIE]: 'x'.repeat(5_000) } },
    ];
    routes = app.routeList.filter((r) => r.includes(' /api') && !r.includes('/api/docs'));
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers every malformed request to every route without a 5xx, and stores nothing', async () => {
    const before = await snapshot(t);
    const failures: string[] = [];
    for (const route of routes) {
      const [method = 'GET', template = '/'] = route.split(' ');
      // Signing out is the one request that works with any body; it would end the callers' sessions.
      const callerPool = route === 'POST /api/auth/logout' ? [0] : callers.map((_, i) => i);
      await fc
        .assert(
          fc.asyncProperty(
            fc.constantFrom(...callerPool),
            fc.array(fc.oneof(junkSegment, fc.constant(caseId)), { minLength: 3, maxLength: 3 }),
            junkQuery,
            junkBody,
            junkHeaders,
            fc.ipV4(),
            async (callerIndex, segments, query, body, headers, remoteAddress) => {
              let n = 0;
              const url = template
                .replace(/:[A-Za-z]+|\*/g, () => segments[n++ % segments.length] ?? '')
                .concat(query === '' ? '' : `?${query}`);
              const caller = callers[callerIndex] ?? { headers: {} };
              const options: InjectOptions = {
                method,
                url,
                headers: {
                  ...headers,
                  ...caller.headers,
                  ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }),
                },
                ...(caller.cookies ? { cookies: caller.cookies } : {}),
                ...(body.payload === undefined || method === 'GET' ? {} : { payload: body.payload }),
                remoteAddress,
              };
              const res = await t.app.inject(options);
              if (res.statusCode >= 500) {
                failures.push(
                  `${route} → ${String(res.statusCode)} for ${url.slice(0, 200)} ${res.body.slice(0, 200)}`,
                );
              }
              return res.statusCode < 500;
            },
          ),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        )
        .catch((error: unknown) => {
          failures.push(`${route}: ${error instanceof Error ? error.message.slice(0, 1_500) : String(error)}`);
        });
    }
    expect(failures).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  }, 600_000);
});
