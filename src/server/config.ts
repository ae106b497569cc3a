/**
 * Server configuration from the environment, validated once at start-up. A bad value stops the
 * server with a message naming the variable instead of failing later in a request.
 */
import path from 'node:path';
import { z } from 'zod';
import { JOB_INTERVAL_MS } from './jobs/job-runner';
import { trustProxySchema } from './trust-proxy';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres://' })
    .optional(),
  DAIBAN_PG_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      message: 'DAIBAN_PG_SCHEMA must be a lower-case PostgreSQL identifier (a-z, 0-9, _; at most 63)',
    })
    .optional(),
  DAIBAN_JOB_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(JOB_INTERVAL_MS),
  DAIBAN_DEMO: z.enum(['0', '1']).default('1'),
  DAIBAN_STATIC_DIR: z.string().default('./dist'),
  DAIBAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DAIBAN_TRUST_PROXY: trustProxySchema,
});

export type ServerConfig = {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… to run on PostgreSQL; absent means SQLite in dataDir. */
  databaseUrl: string | undefined;
  /**
   * Postgres schema to use instead of the default search path (DAIBAN_PG_SCHEMA; tests isolate
   * themselves in a schema of their own).
   */
  databaseSchema?: string;
  /** How often the scheduled rules run (DAIBAN_JOB_INTERVAL_MS); JOB_INTERVAL_MS when absent. */
  jobIntervalMs?: number;
  seedDemo: boolean;
  staticDir: string;
  logLevel: string;
  /**
   * The reverse proxies whose X-Forwarded-For sets the client address (trust-proxy.ts): proxy-addr range
   * names, IP addresses, CIDRs. Requests from anywhere else count under their own peer address.
   */
  trustProxy: readonly string[];
  /** The clock; tests control time through it. */
  now: () => Date;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DAIBAN_PG_SCHEMA,
    jobIntervalMs: e.DAIBAN_JOB_INTERVAL_MS,
    seedDemo: e.DAIBAN_DEMO === '1',
    staticDir: path.resolve(e.DAIBAN_STATIC_DIR),
    logLevel: e.DAIBAN_LOG_LEVEL,
    trustProxy: e.DAIBAN_TRUST_PROXY,
    now: () => new Date(),
  };
}
