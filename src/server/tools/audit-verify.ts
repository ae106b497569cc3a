/**
 * npm run audit:verify [-- --anchor N:<hex>]… [--anchors <file>]… [--batch-size <n>]
 *
 * Checks the audit trail's hash chain (server/audit/verify-audit-chain.ts) in the database the server
 * is configured for — the same environment: DATA_DIR, or DATABASE_URL and DAIBAN_PG_SCHEMA — against
 * the anchors given (server/audit/audit-anchor.ts), and prints the head (`audit head seq=N sha256=…`)
 * to be written down as the next anchor. Read only; safe while the server runs. Exit status: 0 when
 * the chain is intact and every anchor holds; 1 naming the first broken entry or failed anchor; 2 when
 * the check could not run (bad configuration or anchor, no database, no audit_log table).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { anchorsBySeq, headLine, parseAnchor, parseAnchorFile, type AuditAnchor } from '../audit/audit-anchor';
import { verifyAuditChain } from '../audit/verify-audit-chain';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';

const USAGE = `Usage: npm run audit:verify [-- --anchor N:<hex>]... [--anchors <file>]... [--batch-size <n>]

Checks the audit chain of the database the server is configured for (DATA_DIR, or DATABASE_URL and
DAIBAN_PG_SCHEMA, as for npm run serve), and prints its head as "audit head seq=N sha256=<hex>".
  --anchor N:<hex>   entry N must still have this hash (a head written down earlier); repeatable
  --anchors <file>   one anchor per line (N:<hex>, or a head line as printed); # comments; repeatable
Exit 0: intact, every anchor holds; 1: broken (the first broken entry or failed anchor is named);
2: the check could not run.
`;

/** The anchors of the command line and of the files it names. */
function anchorsOf(given: readonly string[], files: readonly string[]): Map<number, string> {
  const anchors: AuditAnchor[] = [];
  for (const text of given) {
    const anchor = parseAnchor(text);
    if (!anchor) throw new Error(`--anchor ${text}: expected N:<sha256 hex>`);
    anchors.push(anchor);
  }
  for (const file of files) anchors.push(...parseAnchorFile(fs.readFileSync(file, 'utf8'), file));
  return anchorsBySeq(anchors);
}

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        anchor: { type: 'string', multiple: true, default: [] },
        anchors: { type: 'string', multiple: true, default: [] },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
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
  let anchors;
  try {
    anchors = anchorsOf(values.anchor, values.anchors);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
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
    const report = await verifyAuditChain(db.kysely, { batchSize, anchors });
    if (report.ok) {
      process.stdout.write(
        `audit chain intact: ${String(report.entries)} entries, last hash ${report.entries === 0 ? '(none)' : report.lastHash}\n` +
          (anchors.size === 0 ? '' : `anchors hold: ${String(report.anchorsMatched)}\n`) +
          `${headLine({ seq: report.lastSeq, hash: report.lastHash })}\n`,
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
