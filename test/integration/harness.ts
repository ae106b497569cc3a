/**
 * Builds the real server app on a real database for integration tests: SQLite in a fresh temporary
 * DATA_DIR, or PostgreSQL in a fresh schema of its own (dropped when the run ends), with a controllable
 * clock. `forEachDatabase` runs a suite once per dialect.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { ServerConfig } from '../../src/server/config';
import type { Dialect } from '../../src/server/db/database';

export const POSTGRES_URL = process.env.DAIBAN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

export type TestClock = { now: Date; advance: (ms: number) => void };

export type TestApp = {
  app: FastifyInstance;
  clock: TestClock;
  config: ServerConfig;
  /** Builds a second app on the same database (a restart). */
  restart: () => Promise<FastifyInstance>;
  close: () => Promise<void>;
};

async function withPg<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function startTestApp(
  dialect: Dialect,
  options: {
    seedDemo?: boolean;
    /** DAIBAN_TRUST_PROXY as loadConfig parses it; `['loopback']`, the default, unless given. */
    trustProxy?: readonly string[];
    prepare?: (app: FastifyInstance) => void;
  } = {},
): Promise<TestApp> {
  const clock: TestClock = {
    now: new Date('2026-03-02T02:00:00.000Z'),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-it-'));
  // Dropped by global-setup.ts when the run ends (see why there).
  const schema = `${inject('pgSchemaPrefix')}${Math.random().toString(36).slice(2, 10)}`;
  if (dialect === 'postgres') await withPg((c) => c.query(`create schema ${schema}`));
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: dialect === 'postgres' ? POSTGRES_URL : undefined,
    databaseSchema: dialect === 'postgres' ? schema : undefined,
    seedDemo: options.seedDemo ?? true,
    staticDir: path.join(dataDir, 'no-static'),
    logLevel: 'silent',
    trustProxy: options.trustProxy ?? ['loopback'],
    now: () => clock.now,
  };
  const apps: FastifyInstance[] = [];
  const build = async (): Promise<FastifyInstance> => {
    const app = await buildApp(config);
    options.prepare?.(app);
    await app.ready();
    // Let the start-up run of the scheduled rules finish now: otherwise it may still be under way when
    // a test moves the clock, and do the work the test's own runDue() is meant to report.
    await app.jobs.runDue();
    apps.push(app);
    return app;
  };
  const app = await build();
  return {
    app,
    clock,
    config,
    restart: build,
    async close() {
      for (const a of apps) await a.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
