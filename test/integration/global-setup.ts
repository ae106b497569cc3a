/**
 * PostgreSQL schemas for one integration run. Each test gets a schema of its own, named after this
 * run; they are all dropped here once every test file is done — not by each test as it ends, because
 * Kysely's migrator lists the tables of every schema, and a schema dropped by one test file while
 * another file's migration is listing them fails that migration ("schema … does not exist").
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';

const POSTGRES_URL = process.env.DAIBAN_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

declare module 'vitest' {
  // Vitest's provide/inject registry is an interface: declaration merging is the only way to extend it.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    pgSchemaPrefix: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const prefix = `it_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}_`;
  project.provide('pgSchemaPrefix', prefix);
  return async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>(
        'select nspname from pg_namespace where starts_with(nspname, $1)',
        [prefix],
      );
      for (const { nspname } of rows) await client.query(`drop schema "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}
