/**
 * Every migration, keyed by its dated name (YYYYMMDD-NN-what). Kysely runs them in key order and
 * records each in kysely_migration; a name, once shipped, never changes.
 */
import type { Migration } from 'kysely';
import { foundation } from './20261125-01-foundation';
import { catalogue } from './20261125-02-catalogue';
import { blobs } from './20261125-03-blobs';
import { cases } from './20261125-04-cases';
import { workbench } from './20261125-05-workbench';
import { statisticsIndexes } from './20261125-06-statistics-indexes';
import { tracking } from './20261126-07-tracking';
import { jobRuns } from './20261126-08-job-runs';
import { counties } from './20261126-09-counties';
import { auditLog } from './20261126-10-audit-log';
import { devices } from './20261126-11-devices';
import { rateLimits } from './20261126-12-rate-limits';
import { blobSweep } from './20261126-13-blob-sweep';

export const migrations: Record<string, Migration> = {
  '20261125-01-foundation': foundation,
  '20261125-02-catalogue': catalogue,
  '20261125-03-blobs': blobs,
  '20261125-04-cases': cases,
  '20261125-05-workbench': workbench,
  '20261125-06-statistics-indexes': statisticsIndexes,
  '20261126-07-tracking': tracking,
  '20261126-08-job-runs': jobRuns,
  '20261126-09-counties': counties,
  '20261126-10-audit-log': auditLog,
  '20261126-11-devices': devices,
  '20261126-12-rate-limits': rateLimits,
  '20261126-13-blob-sweep': blobSweep,
};
