/**
 * The authorization matrix: every route × every role × own / other resource, with the status each
 * must get — one table. Every request aims at township A's case (caseA, of agent 张建国, at the
 * 民政办 window) and its photos, follow-up, upload and accounts, so each actor's relation to it is
 * the "own / other" axis: the agent who made it, another agent, an agent of township B; the clerk of
 * its window, a clerk of another window, a clerk of township B; the admin of A and of B; the county
 * administrator; the resident who proved caseA and one who proved caseB.
 *
 * The table must name every route the server registers: a new route fails this test until its row
 * is written. Requests are chosen to have no lasting effect where they can (a stale version, an empty
 * body that fails validation after the access check), so the rows do not depend on each other.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, loginResponseSchema } from '../../src/domain/auth';
import { newId } from '../../src/domain/ids';
import { DEMO_PASSWORD } from '../../src/server/accounts/demo-seed';
import { hashPassword } from '../../src/server/accounts/password';
import { dialects, startTestApp, type TestApp } from './harness';
import { submitTrackable, trackApi } from './track-fixtures';
import {
  ADMIN,
  AGENT,
  AGENT_2,
  CLERK_MZ,
  CLERK_SB,
  OTHER_CLERK,
  addOtherTownship,
  apiAs,
  completeCase,
  elderlyAllowance,
} from './workbench-fixtures';

const actors = [
  'anonymous',
  'agent_own',
  'agent_other',
  'agent_other_township',
  'clerk_own_window',
  'clerk_other_window',
  'clerk_other_township',
  'admin_own',
  'admin_other_township',
  'county_admin',
  'resident_own',
  'resident_other',
] as const;
type Actor = (typeof actors)[number];
type Expected = number | readonly number[];

const AGENT_B = '13900000098';
const ADMIN_B = '13900000097';
const VICTIM = '13900000096';
const COUNTY_ADMIN = '13900000009';

/** What the requests of the table refer to. */
type Fixture = {
  caseA: string;
  caseRoundsBody: unknown;
  caseABody: unknown;
  pageA: string;
  followUpA: string;
  uploadA: string;
  villageA: { id: string; name: string };
  windowA: { id: string; name: string };
  victimA: string;
  trackProofA: { code: string; secret: string };
  itemCode: string;
  itemVersion: number;
};

type Row = {
  route: string;
  request: (f: Fixture) => Omit<InjectOptions, 'method'>;
  expect: Record<Actor, Expected>;
  /** For list routes: whether the actor's answer names caseA (or the township-A resource). */
  sees?: Partial<Record<Actor, boolean>>;
  /** Sign in afresh for this row (the request ends the session). */
  fresh?: boolean;
};

/** Everyone gets `status`. */
const all = (status: Expected): Record<Actor, Expected> =>
  Object.fromEntries(actors.map((a) => [a, status])) as Record<Actor, Expected>;

/** A route for signed-in users only: anonymous callers and residents' tracking tokens get 401. */
function signedIn(byRole: Partial<Record<Actor, Expected>>, otherwise: Expected = 403): Record<Actor, Expected> {
  return { ...all(otherwise), anonymous: 401, resident_own: 401, resident_other: 401, ...byRole };
}

/**
 * Township staff on caseA: the clerk of its window and A's admin in; a clerk of another window of
 * the same township is told it is not theirs (403); anyone of township B never learns it exists (404).
 */
function staffOnCaseA(inside: Expected, outside: Expected = 404): Record<Actor, Expected> {
  return signedIn({
    clerk_own_window: inside,
    clerk_other_window: 403,
    clerk_other_township: outside,
    admin_own: inside,
    admin_other_township: outside,
  });
}

const staffEverywhere = (status: Expected) =>
  signedIn({
    clerk_own_window: status,
    clerk_other_window: status,
    clerk_other_township: status,
    admin_own: status,
    admin_other_township: status,
  });

/** The township administrator's routes on township A's resources. */
const adminOnA = (inside: Expected) => signedIn({ admin_own: inside, admin_other_township: 404 });
const adminsAnywhere = (status: Expected) => signedIn({ admin_own: status, admin_other_township: status });

/** Agents on their own work. */
const agentsOnOwn = (own: Expected, other: Expected = 404) =>
  signedIn({ agent_own: own, agent_other: other, agent_other_township: other });

/** The resident's routes: only a tracking token opens them; each acts on the token's own case. */
const residents = (status: Expected) => ({ ...all(401), resident_own: status, resident_other: status });

let unknownPhones = 0;

const stats = { from: '2026-01-01', to: '2026-12-31', groupBy: 'item' };

const table: readonly Row[] = [
  { route: 'GET /api/health', request: () => ({ url: '/api/health' }), expect: all(200) },
  { route: 'GET /api/openapi.json', request: () => ({ url: '/api/openapi.json' }), expect: all(200) },
  { route: 'GET /api/docs', request: () => ({ url: '/api/docs' }), expect: all(200) },
  { route: 'GET /api/docs/json', request: () => ({ url: '/api/docs/json' }), expect: all(200) },
  { route: 'GET /api/docs/yaml', request: () => ({ url: '/api/docs/yaml' }), expect: all(200) },
  { route: 'GET /api/docs/static/*', request: () => ({ url: '/api/docs/static/swagger-ui.css' }), expect: all(200) },
  {
    route: 'GET /api/docs/static/index.html',
    request: () => ({ url: '/api/docs/static/index.html' }),
    expect: all(302),
  },
  {
    route: 'GET /api/docs/static/swagger-initializer.js',
    request: () => ({ url: '/api/docs/static/swagger-initializer.js' }),
    expect: all(200),
  },
  {
    route: 'POST /api/auth/login',
    // A number nobody has, a new one each time (the per-number cap is the security test's business).
    request: () => {
      unknownPhones += 1;
      return {
        url: '/api/auth/login',
        payload: { phone: `1370000${String(1000 + unknownPhones)}`, password: 'wrong' },
      };
    },
    expect: all(401),
  },
  {
    route: 'POST /api/auth/logout',
    request: () => ({ url: '/api/auth/logout' }),
    fresh: true,
    expect: signedIn({}, 204),
  },
  { route: 'GET /api/auth/me', request: () => ({ url: '/api/auth/me' }), expect: signedIn({}, 200) },
  {
    route: 'GET /api/township',
    request: () => ({ url: '/api/township' }),
    expect: staffEverywhere(200),
  },
  { route: 'GET /api/catalogue', request: () => ({ url: '/api/catalogue' }), expect: all(200) },
  {
    route: 'GET /api/catalogue/items/:code/versions/:version',
    request: (f) => ({ url: `/api/catalogue/items/${f.itemCode}/versions/${String(f.itemVersion)}` }),
    expect: all(200),
  },
  {
    route: 'POST /api/blobs',
    request: () => {
      const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { url: '/api/blobs', payload: { id: newId(), size: bytes.length, sha256, type: 'image/jpeg' } };
    },
    expect: agentsOnOwn(200, 200),
  },
  { route: 'GET /api/blobs/:id', request: (f) => ({ url: `/api/blobs/${f.uploadA}` }), expect: agentsOnOwn(200) },
  {
    route: 'PUT /api/blobs/:id/chunks',
    // The wrong offset: the owner hears where to continue, nobody else learns the upload exists.
    request: (f) => ({
      url: `/api/blobs/${f.uploadA}/chunks?offset=5`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from([1, 2, 3]),
    }),
    expect: agentsOnOwn(409),
  },
  {
    route: 'POST /api/blobs/:id/complete',
    request: (f) => ({ url: `/api/blobs/${f.uploadA}/complete` }),
    expect: agentsOnOwn(409),
  },
  {
    route: 'PUT /api/cases/:id',
    // The same body again: the maker gets the receipt back; another agent may not claim the id (409
    // CONFLICT, the answer to any reuse of an id — it shows nothing of the case).
    request: (f) => ({ url: `/api/cases/${f.caseA}`, payload: f.caseABody }),
    expect: agentsOnOwn(200, 409),
  },
  {
    route: 'PUT /api/cases/:id/rounds/:round',
    request: (f) => ({ url: `/api/cases/${f.caseA}/rounds/2`, payload: f.caseRoundsBody }),
    expect: agentsOnOwn(409),
  },
  {
    route: 'GET /api/sync/changes',
    request: () => ({ url: '/api/sync/changes?after=0' }),
    expect: agentsOnOwn(200, 200),
    sees: { agent_own: true, agent_other: false, agent_other_township: false },
  },
  {
    route: 'GET /api/workbench/queue',
    request: () => ({ url: '/api/workbench/queue?tab=received' }),
    expect: staffEverywhere(200),
    sees: {
      clerk_own_window: true,
      clerk_other_window: false,
      clerk_other_township: false,
      admin_own: true,
      admin_other_township: false,
    },
  },
  {
    route: 'GET /api/workbench/cases/:id',
    request: (f) => ({ url: `/api/workbench/cases/${f.caseA}` }),
    expect: staffOnCaseA(200),
  },
  {
    route: 'POST /api/workbench/cases/:id/actions',
    // A version long gone: whoever may act hears the case changed; no action is taken.
    request: (f) => ({
      url: `/api/workbench/cases/${f.caseA}/actions`,
      payload: { expectedVersion: 999, action: { type: 'accept', note: '' } },
    }),
    expect: staffOnCaseA(409),
  },
  {
    route: 'POST /api/workbench/cases/:id/reveal',
    request: (f) => ({ url: `/api/workbench/cases/${f.caseA}/reveal`, payload: { field: 'idNumber' } }),
    expect: staffOnCaseA(200),
  },
  {
    route: 'GET /api/workbench/cases/:id/reveals',
    request: (f) => ({ url: `/api/workbench/cases/${f.caseA}/reveals` }),
    expect: staffOnCaseA(200),
  },
  {
    route: 'GET /api/workbench/cases/:id/pages/:pageId',
    request: (f) => ({ url: `/api/workbench/cases/${f.caseA}/pages/${f.pageA}` }),
    expect: staffOnCaseA(200),
  },
  {
    route: 'POST /api/workbench/cases/:id/pages/:pageId/verify',
    request: (f) => ({ url: `/api/workbench/cases/${f.caseA}/pages/${f.pageA}/verify` }),
    expect: staffOnCaseA([200, 409]),
  },
  {
    route: 'GET /api/workbench/follow-ups',
    request: () => ({ url: '/api/workbench/follow-ups?status=all' }),
    expect: staffEverywhere(200),
    sees: {
      clerk_own_window: true,
      clerk_other_window: false,
      clerk_other_township: false,
      admin_own: true,
      admin_other_township: false,
    },
  },
  {
    route: 'GET /api/workbench/follow-ups/:id',
    request: (f) => ({ url: `/api/workbench/follow-ups/${f.followUpA}` }),
    expect: staffOnCaseA(200),
  },
  {
    route: 'POST /api/workbench/follow-ups/:id',
    // The first who may act records the call back; the next finds it done (409), never a stranger.
    request: (f) => ({
      url: `/api/workbench/follow-ups/${f.followUpA}`,
      payload: { type: 'called_back', note: '已回电说明' },
    }),
    expect: staffOnCaseA([200, 409]),
  },
  { route: 'GET /api/calendar', request: () => ({ url: '/api/calendar' }), expect: staffEverywhere(200) },
  {
    route: 'PUT /api/admin/calendar/:year',
    // The body's year differs from the path: refused after the access check, nothing saved.
    request: () => ({ url: '/api/admin/calendar/2030', payload: { year: 2031, holidays: [], workdays: [] } }),
    expect: adminsAnywhere(400),
  },
  {
    route: 'GET /api/workbench/statistics',
    request: () => ({ url: '/api/workbench/statistics', query: stats }),
    expect: { ...staffEverywhere(200), county_admin: 200 },
  },
  {
    route: 'GET /api/workbench/statistics.csv',
    request: () => ({ url: '/api/workbench/statistics.csv', query: stats }),
    expect: { ...staffEverywhere(200), county_admin: 200 },
  },
  {
    route: 'GET /api/workbench/statistics.xlsx',
    request: () => ({ url: '/api/workbench/statistics.xlsx', query: stats }),
    expect: { ...staffEverywhere(200), county_admin: 200 },
  },
  {
    route: 'GET /api/workbench/export/cases.csv',
    request: () => ({ url: '/api/workbench/export/cases.csv' }),
    expect: staffEverywhere(200),
    sees: {
      clerk_own_window: true,
      clerk_other_window: false,
      clerk_other_township: false,
      admin_own: true,
      admin_other_township: false,
    },
  },
  {
    route: 'GET /api/workbench/export/cases.xlsx',
    request: () => ({ url: '/api/workbench/export/cases.xlsx' }),
    expect: staffEverywhere(200),
  },
  {
    route: 'POST /api/track/lookup',
    request: (f) => ({ url: '/api/track/lookup', payload: f.trackProofA }),
    expect: all(200),
  },
  { route: 'GET /api/track/case', request: () => ({ url: '/api/track/case' }), expect: residents(200) },
  {
    route: 'POST /api/track/rating',
    // Both cases are still open: rating waits for the end, whoever holds a token.
    request: () => ({ url: '/api/track/rating', payload: { satisfaction: 'satisfied' } }),
    expect: residents(409),
  },
  {
    route: 'POST /api/track/rating/follow-up',
    request: () => ({ url: '/api/track/rating/follow-up', payload: { comment: '补充一句' } }),
    expect: residents(409),
  },
  {
    route: 'POST /api/track/complaints',
    request: () => ({ url: '/api/track/complaints', payload: { text: '窗口电话一直打不通。' } }),
    expect: residents(200),
  },
  {
    route: 'GET /api/admin/audit',
    request: () => ({ url: '/api/admin/audit' }),
    // The county administrator reads the trail of every township of the county (township A is one).
    expect: signedIn({ admin_own: 200, admin_other_township: 200, county_admin: 200 }),
    sees: { admin_own: true, admin_other_township: false, county_admin: true },
  },
  {
    route: 'GET /api/admin/villages',
    request: () => ({ url: '/api/admin/villages' }),
    expect: adminsAnywhere(200),
  },
  {
    route: 'POST /api/admin/villages',
    request: () => ({ url: '/api/admin/villages', payload: {} }),
    expect: adminsAnywhere(400),
  },
  {
    route: 'PATCH /api/admin/villages/:id',
    request: (f) => ({ url: `/api/admin/villages/${f.villageA.id}`, payload: { name: f.villageA.name } }),
    expect: adminOnA(204),
  },
  { route: 'GET /api/admin/windows', request: () => ({ url: '/api/admin/windows' }), expect: adminsAnywhere(200) },
  {
    route: 'POST /api/admin/windows',
    request: () => ({ url: '/api/admin/windows', payload: {} }),
    expect: adminsAnywhere(400),
  },
  {
    route: 'PATCH /api/admin/windows/:id',
    request: (f) => ({ url: `/api/admin/windows/${f.windowA.id}`, payload: { name: f.windowA.name } }),
    expect: adminOnA(204),
  },
  {
    route: 'GET /api/admin/users',
    request: () => ({ url: '/api/admin/users' }),
    expect: adminsAnywhere(200),
    sees: { admin_own: true, admin_other_township: false },
  },
  {
    route: 'POST /api/admin/users',
    request: () => ({ url: '/api/admin/users', payload: {} }),
    expect: adminsAnywhere(400),
  },
  {
    route: 'PATCH /api/admin/users/:id',
    request: (f) => ({ url: `/api/admin/users/${f.victimA}`, payload: {} }),
    expect: adminOnA(204),
  },
  {
    route: 'POST /api/admin/users/:id/password',
    request: (f) => ({ url: `/api/admin/users/${f.victimA}/password`, payload: { password: 'Another-Passw0rd' } }),
    expect: adminOnA(204),
  },
  {
    route: 'POST /api/admin/users/:id/enrolment-codes',
    request: (f) => ({ url: `/api/admin/users/${f.victimA}/enrolment-codes` }),
    expect: adminOnA(200),
  },
  {
    route: 'POST /api/admin/users/:id/disable',
    request: (f) => ({ url: `/api/admin/users/${f.victimA}/disable` }),
    expect: adminOnA([204, 409]),
  },
  { route: 'GET /api/admin/devices', request: () => ({ url: '/api/admin/devices' }), expect: adminsAnywhere(200) },
  {
    route: 'POST /api/admin/devices/:id/revoke',
    // No such device anywhere: 404 to both administrators (enrolled devices: see the device tests).
    request: () => ({ url: `/api/admin/devices/${newId()}/revoke` }),
    expect: adminsAnywhere(404),
  },
  {
    route: 'POST /api/devices/enrol',
    request: () => ({ url: '/api/devices/enrol', payload: { code: 'AAAA-BBBB-CCCC', label: '测试手机' } }),
    expect: all(400),
  },
  {
    route: 'POST /api/devices/me/wiped',
    // The device was never revoked: the report is refused, but only an agent gets that far.
    request: () => ({ url: '/api/devices/me/wiped', payload: { setAside: 0 } }),
    expect: agentsOnOwn(409, 409),
  },
];

/** How an actor authenticates: a bearer token (phones, residents) or the workbench's cookie + CSRF proof. */
type Credential = { headers: Record<string, string>; cookies?: Record<string, string> };

let addressCounter = 0;
/** Each sign-in from its own address, so the per-address sign-in cap does not shape the table. */
const nextAddress = () => {
  addressCounter += 1;
  return `10.77.${String(Math.floor(addressCounter / 200))}.${String((addressCounter % 200) + 1)}`;
};

async function signIn(app: FastifyInstance, phone: string, client: 'web' | 'device'): Promise<Credential> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { phone, password: DEMO_PASSWORD, client },
    remoteAddress: nextAddress(),
  });
  expect(res.statusCode, `${phone}: ${res.body}`).toBe(200);
  if (client === 'device') {
    return { headers: { authorization: `Bearer ${loginResponseSchema.parse(res.json()).token ?? ''}` } };
  }
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? '';
  return { headers: { 'x-daiban-csrf': '1' }, cookies: { [SESSION_COOKIE]: cookie } };
}

const STAFF_PHONES: Partial<Record<Actor, { phone: string; client: 'web' | 'device' }>> = {
  agent_own: { phone: AGENT, client: 'device' },
  agent_other: { phone: AGENT_2, client: 'device' },
  agent_other_township: { phone: AGENT_B, client: 'device' },
  clerk_own_window: { phone: CLERK_MZ, client: 'web' },
  clerk_other_window: { phone: CLERK_SB, client: 'web' },
  clerk_other_township: { phone: OTHER_CLERK, client: 'web' },
  admin_own: { phone: ADMIN, client: 'web' },
  admin_other_township: { phone: ADMIN_B, client: 'web' },
  county_admin: { phone: COUNTY_ADMIN, client: 'web' },
};

/** Township B gets a village, an agent and an admin besides addOtherTownship's clerk; A gets a spare agent. */
async function addPeople(app: FastifyInstance): Promise<void> {
  await addOtherTownship(app);
  const db = app.db.kysely;
  const townshipB = await db
    .selectFrom('townships')
    .select('id')
    .where('code', '=', '999002')
    .executeTakeFirstOrThrow();
  const townshipA = await db
    .selectFrom('users')
    .select('township_id')
    .where('phone', '=', ADMIN)
    .executeTakeFirstOrThrow();
  const villageA = await db
    .selectFrom('villages')
    .select('id')
    .where('township_id', '=', townshipA.township_id ?? '')
    .executeTakeFirstOrThrow();
  const villageB = newId();
  await db
    .insertInto('villages')
    .values({ id: villageB, township_id: townshipB.id, code: '901', name: '乙村' })
    .execute();
  const at = new Date().toISOString();
  const hash = await hashPassword(DEMO_PASSWORD);
  const person = (phone: string, role: 'agent' | 'admin', townshipId: string, villageId: string | null) => ({
    id: newId(),
    role,
    name: `测试${phone.slice(-2)}`,
    phone,
    password_hash: hash,
    township_id: townshipId,
    village_id: villageId,
    failed_logins: 0,
    locked_until: null,
    is_demo: 1,
    created_at: at,
  });
  await db
    .insertInto('users')
    .values([
      person(AGENT_B, 'agent', townshipB.id, villageB),
      person(ADMIN_B, 'admin', townshipB.id, null),
      person(VICTIM, 'agent', townshipA.township_id ?? '', villageA.id),
    ])
    .execute();
}

async function buildFixture(app: FastifyInstance): Promise<{ fixture: Fixture; credentials: Map<Actor, Credential> }> {
  await addPeople(app);
  const credentials = new Map<Actor, Credential>([['anonymous', { headers: {} }]]);
  for (const [actor, who] of Object.entries(STAFF_PHONES)) {
    credentials.set(actor as Actor, await signIn(app, who.phone, who.client));
  }
  const bearerOf = (actor: Actor) => (credentials.get(actor)?.headers.authorization ?? '').slice('Bearer '.length);
  const agentA = apiAs(app, bearerOf('agent_own'));
  const agentB = apiAs(app, bearerOf('agent_other_township'));

  // caseA: 张建国's, with its photos uploaded; caseB: township B's.
  const { submission, photos } = completeCase(elderlyAllowance);
  const caseA = newId();
  await agentA.submit(submission, caseA);
  for (const bytes of photos.values()) await agentA.upload(bytes);
  const trackA = await submitTrackable(agentA);
  const trackB = await submitTrackable(agentB);
  const residentA = await trackApi(app, '10.66.0.1').lookup({ code: trackA.code, secret: trackA.secret });
  const residentB = await trackApi(app, '10.66.0.2').lookup({ code: trackB.code, secret: trackB.secret });
  credentials.set('resident_own', { headers: { authorization: `Bearer ${residentA.accessToken}` } });
  credentials.set('resident_other', { headers: { authorization: `Bearer ${residentB.accessToken}` } });

  // A complaint on caseA's sibling opens a follow-up task at 民政办.
  const complained = await app.inject({
    method: 'POST',
    url: '/api/track/complaints',
    headers: { authorization: `Bearer ${residentA.accessToken}` },
    payload: { text: '代办员一直没有回复我。' },
  });
  expect(complained.statusCode, complained.body).toBe(200);
  // The only follow-up task there is.
  const followUp = await app.db.kysely.selectFrom('follow_ups').select('id').executeTakeFirstOrThrow();

  // An upload of 张建国 that stops after nothing: its offset is 0.
  const uploadA = newId();
  const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9, 9, 9, 9]);
  const announced = await app.inject({
    method: 'POST',
    url: '/api/blobs',
    headers: credentials.get('agent_own')?.headers,
    payload: {
      id: uploadA,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      type: 'image/jpeg',
    },
  });
  expect(announced.statusCode, announced.body).toBe(200);

  const db = app.db.kysely;
  const adminA = await db
    .selectFrom('users')
    .select('township_id')
    .where('phone', '=', ADMIN)
    .executeTakeFirstOrThrow();
  const township = adminA.township_id ?? '';
  const villageA = await db
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('township_id', '=', township)
    .executeTakeFirstOrThrow();
  const windowA = await db
    .selectFrom('windows')
    .select(['id', 'name'])
    .where('township_id', '=', township)
    .executeTakeFirstOrThrow();
  const victim = await db.selectFrom('users').select('id').where('phone', '=', VICTIM).executeTakeFirstOrThrow();
  const firstPage = submission.pages[0];
  if (!firstPage) throw new Error('the case has no page');

  return {
    credentials,
    fixture: {
      caseA,
      caseABody: submission,
      caseRoundsBody: { pages: [], signature: null, submittedAt: '2026-03-02T01:10:00.000Z' },
      pageA: firstPage.id,
      followUpA: followUp.id,
      uploadA,
      villageA,
      windowA,
      victimA: victim.id,
      trackProofA: { code: trackA.code, secret: trackA.secret },
      itemCode: elderlyAllowance.code,
      itemVersion: elderlyAllowance.version,
    },
  };
}

/** What an answer names, for the `sees` column: caseA's id or receipt name, or township A's accounts. */
function names(res: LightMyRequestResponse, fixture: Fixture, route: string): boolean {
  const body = res.body;
  if (route.includes('/api/admin/')) return body.includes(fixture.victimA) || body.includes(fixture.caseA);
  if (route.includes('follow-ups')) return body.includes(fixture.followUpA);
  if (route.includes('export')) return body.includes('张建国');
  return body.includes(fixture.caseA);
}

describe.each(dialects)('the authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let fixture: Fixture;
  let credentials: Map<Actor, Credential>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    ({ fixture, credentials } = await buildFixture(t.app));
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('names every route the server registers, and nothing it does not', () => {
    const registered = t.app.routeList.filter((r) => r.split(' ')[1]?.startsWith('/api'));
    const inTable = table.map((row) => row.route);
    expect(
      registered.filter((r) => !inTable.includes(r)),
      'routes without a row in the matrix',
    ).toEqual([]);
    expect(
      inTable.filter((r) => !registered.includes(r)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  it('every route answers every role, own and other, with the expected status', async () => {
    const failures: string[] = [];
    for (const row of table) {
      const [method = 'GET'] = row.route.split(' ');
      for (const actor of actors) {
        let credential = credentials.get(actor) ?? { headers: {} };
        const who = STAFF_PHONES[actor];
        if (row.fresh && who) credential = await signIn(t.app, who.phone, who.client);
        const request = row.request(fixture);
        const res = await t.app.inject({
          ...request,
          method: method as InjectOptions['method'],
          headers: { ...request.headers, ...credential.headers },
          ...(credential.cookies ? { cookies: credential.cookies } : {}),
          remoteAddress: `10.55.${String(actors.indexOf(actor))}.${String(table.indexOf(row) + 1)}`,
        });
        const expected = row.expect[actor];
        const allowed = typeof expected === 'number' ? [expected] : expected;
        if (!allowed.includes(res.statusCode)) {
          failures.push(
            `${row.route} as ${actor}: ${String(res.statusCode)} (expected ${allowed.join('|')}) ${res.body.slice(0, 160)}`,
          );
        }
        const sees = row.sees?.[actor];
        if (sees !== undefined && res.statusCode < 300 && names(res, fixture, row.route) !== sees) {
          failures.push(`${row.route} as ${actor}: ${sees ? 'does not show' : 'shows'} township A's resource`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a resident sees only the case they proved', async () => {
    const seen = async (actor: Actor) =>
      (await t.app.inject({ method: 'GET', url: '/api/track/case', headers: credentials.get(actor)?.headers })).body;
    expect(await seen('resident_own')).toContain(fixture.trackProofA.code);
    expect(await seen('resident_other')).not.toContain(fixture.trackProofA.code);
  });
});
