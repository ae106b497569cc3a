/**
 * The sign-in check every request pays (plugins/auth.ts): one statement reads the session with its
 * user and phone, and nothing is written on the request's path; the phone's last_seen_at is still
 * kept, at most once a minute, written in batches and on close (plugins/last-seen-batcher.ts).
 * Runs on SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import {
  DeleteQueryNode,
  InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type RootOperationNode,
  SelectQueryNode,
  TableNode,
  UpdateQueryNode,
} from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/database';
import { dialects, startTestApp, type TestApp } from './harness';
import { AGENT, apiAs, tokenFor } from './workbench-fixtures';

const MINUTE_MS = 60_000;

/** A statement as `kind table`, e.g. 'select sessions' (the first table it reads from or writes to). */
function describeStatement(node: RootOperationNode): string {
  const name = (table: OperationNode | undefined) => (table && TableNode.is(table) ? table.table.identifier.name : '?');
  if (SelectQueryNode.is(node)) return `select ${name(node.from?.froms[0])}`;
  if (UpdateQueryNode.is(node)) return `update ${name(node.table)}`;
  if (InsertQueryNode.is(node)) return `insert ${name(node.into)}`;
  if (DeleteQueryNode.is(node)) return `delete ${name(node.from.froms[0])}`;
  return node.kind;
}

/** Records every statement run through `app.db.kysely` from now on. */
function recordStatements(app: FastifyInstance): string[] {
  const statements: string[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node }) => {
      statements.push(describeStatement(node));
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  app.db.kysely = app.db.kysely.withPlugin(recorder);
  return statements;
}

describe.each(dialects)('the sign-in check on every request, on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** The stored last_seen_at of the agent's phone, read through a connection of its own. */
  async function storedLastSeen(test: TestApp, deviceId: string): Promise<string | null> {
    const db = openDatabase(test.config);
    try {
      const row = await db.kysely
        .selectFrom('devices')
        .select('last_seen_at')
        .where('id', '=', deviceId)
        .executeTakeFirstOrThrow();
      return row.last_seen_at;
    } finally {
      await db.close();
    }
  }

  async function agentPhone(test: TestApp) {
    const token = await tokenFor(test.app, AGENT);
    const device = await test.app.db.kysely
      .selectFrom('sessions')
      .select('device_id')
      .where('kind', '=', 'device')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return { token, api: apiAs(test.app, token), deviceId: device.device_id ?? '' };
  }

  it('an authenticated request reads its session, user and phone in one statement and writes nothing', async () => {
    t = await startTestApp(dialect);
    const { api } = await agentPhone(t);
    const statements = recordStatements(t.app);

    // GET /api/auth/me: the sign-in check, then the handler's own reads of the user and their windows.
    expect((await api.get('/api/auth/me')).statusCode).toBe(200);
    expect(statements).toEqual(['select sessions', 'select users', 'select user_windows']);

    // Five minutes later the phone's last_seen_at is due, but it is not written on the request's path.
    statements.length = 0;
    t.clock.advance(5 * MINUTE_MS);
    expect((await api.get('/api/auth/me')).statusCode).toBe(200);
    expect(statements).toEqual(['select sessions', 'select users', 'select user_windows']);
    // It is written by the flush, one statement for the phone.
    statements.length = 0;
    await t.app.close();
    expect(statements).toEqual(['update devices']);
  });

  it("a phone's last_seen_at still moves, at most once a minute, and lands when the server closes", async () => {
    t = await startTestApp(dialect);
    const test = t;
    const { token, api, deviceId } = await agentPhone(test);
    const signedInAt = test.clock.now.toISOString();
    expect(await storedLastSeen(test, deviceId)).toBe(signedInAt);

    test.clock.advance(5 * MINUTE_MS);
    const seenAt = test.clock.now.toISOString();
    expect((await api.get('/api/auth/me')).statusCode).toBe(200);
    // Batched: not yet written.
    expect(await storedLastSeen(test, deviceId)).toBe(signedInAt);
    await test.app.close();
    expect(await storedLastSeen(test, deviceId)).toBe(seenAt);

    // Thirty seconds later (a restarted server): under a minute since the stored time, nothing to write.
    const second = await test.restart();
    test.clock.advance(30_000);
    expect((await apiAs(second, token).get('/api/auth/me')).statusCode).toBe(200);
    await second.close();
    expect(await storedLastSeen(test, deviceId)).toBe(seenAt);

    // A minute and a second after it: written again.
    const third = await test.restart();
    test.clock.advance(31_000);
    expect((await apiAs(third, token).get('/api/auth/me')).statusCode).toBe(200);
    await third.close();
    expect(await storedLastSeen(test, deviceId)).toBe(test.clock.now.toISOString());
  });
});
