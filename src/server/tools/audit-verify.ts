/**
 * npm run audit:verify [-- --batch-size <n>]
 *
 * Checks the audit trail's hash chain (server/audit/verify-audit-chain.ts) in the database the server
 * is configured for — the same environment: DATA_DIR, or DATABASE_URL and DAIBAN_PG_SCHEMA. Read only;
 * safe while the server runs. Exit status: 0 when the chain is intact; 1 naming the first broken entry;
 * 2 when the check could not run (bad configuration, no database, no audit_log table).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../audit/verify-audit-chain';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';

const USAGE = `Usage: npm run audit:verify [-- --batch-size <n>]

Checks the audit chain of the database the server is configured for (DATA_DIR, or DATABASE_URL and
DAIBAN_PG_SCHEMA, as for npm run serve). Exit 0: intact; 1: broken (the first broken entry is named);
2: the check could not run.
`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    process.stderr.write(`--batch-size must be a positive integer\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const file = path.join(config.dataDir, 'daiban.sqlite');
  if (!config.databaseUrl && !fs.existsSync(file)) {
    process.stderr.write(`No database at ${file}: set DATA_DIR (or DATABASE_URL) as for the server\n`);
    return 2;
  }
  const db = openDatabase(config);
  try {
    const report = await verifyAuditChain(db.kysely, { batchSize });
    if (report.ok) {
      process.stdout.write(
        `audit chain intact: ${String(report.entries)} entries, last hash ${report.entries === 0 ? '(none)' : report.lastHash}\n`,
      );
      return 0;
    }
    process.stdout.write(
      `audit chain BROKEN at seq ${String(report.broken.seq)}: ${report.broken.message}\n` +
        `(${String(report.checked)} entries before it are intact)\n`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`audit:verify could not run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
