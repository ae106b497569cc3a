import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { JOB_INTERVAL_MS } from './jobs/job-runner';

describe('several processes on one PostgreSQL: DAIBAN_PG_SCHEMA and DAIBAN_JOB_INTERVAL_MS', () => {
  it('uses the default search path and runs the jobs every minute unless told otherwise', () => {
    const config = loadConfig({});
    expect(config.databaseSchema).toBeUndefined();
    expect(config.jobIntervalMs).toBe(JOB_INTERVAL_MS);
  });

  it('takes a lower-case schema name and an interval in milliseconds', () => {
    const config = loadConfig({ DAIBAN_PG_SCHEMA: 'county_01', DAIBAN_JOB_INTERVAL_MS: '250' });
    expect(config.databaseSchema).toBe('county_01');
    expect(config.jobIntervalMs).toBe(250);
  });

  it('refuses a schema name that is not a plain identifier, and an interval out of range, naming the variable', () => {
    expect(() => loadConfig({ DAIBAN_PG_SCHEMA: 'a b' })).toThrow(/DAIBAN_PG_SCHEMA/);
    expect(() => loadConfig({ DAIBAN_PG_SCHEMA: 'x;drop schema public' })).toThrow(/DAIBAN_PG_SCHEMA/);
    expect(() => loadConfig({ DAIBAN_PG_SCHEMA: 'Public' })).toThrow(/DAIBAN_PG_SCHEMA/);
    expect(() => loadConfig({ DAIBAN_JOB_INTERVAL_MS: '50' })).toThrow(/DAIBAN_JOB_INTERVAL_MS/);
    expect(() => loadConfig({ DAIBAN_JOB_INTERVAL_MS: 'soon' })).toThrow(/DAIBAN_JOB_INTERVAL_MS/);
  });
});
