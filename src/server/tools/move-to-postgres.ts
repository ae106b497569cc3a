/**
 * npm run move-to-postgres -- --from <DATA_DIR> --to postgres://… [--schema <name>] [--blobs-to <DATA_DIR>] [--live]
 *
 * Moves a township from SQLite to an empty PostgreSQL database and verifies the copy (see
 * move/move-township.ts and docs/operations.md). Exit status: 0 when everything matches and is
 * committed; 1 when the verification found a difference (rolled back); 2 when the move was refused or
 * failed (nothing copied).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MoveRefused, moveTownship } from './move/move-township';
import { formatReport } from './move/report';

const USAGE = `Usage: npm run move-to-postgres -- --from <DATA_DIR> --to postgres://user@host:5432/db [options]

  --from <DATA_DIR>      the township's DATA_DIR (daiban.sqlite, blobs/); stop its server first
  --to <url>             an empty PostgreSQL database (the migrations are run on it)
  --schema <name>        move into this existing schema instead of the connection's default one
  --blobs-to <DATA_DIR>  the PostgreSQL server's DATA_DIR: blobs are copied to <DATA_DIR>/blobs and verified
                         (leave out when the new server uses the same DATA_DIR)
  --live                 copy a snapshot although a server is running (a rehearsal: later changes are lost)
  --batch-size <n>       rows per INSERT (default 1000)
`;

const write = (text: string) => process.stdout.write(text);

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        schema: { type: 'string' },
        'blobs-to': { type: 'string' },
        live: { type: 'boolean', default: false },
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
    write(USAGE);
    return 0;
  }
  const batchSize = values['batch-size'] === undefined ? 1000 : Number(values['batch-size']);
  const problems = [
    ...(values.from ? [] : ['--from is required']),
    ...(values.to && /^postgres(ql)?:\/\//.test(values.to) ? [] : ['--to must be a postgres:// URL']),
    ...(values.schema === undefined || /^[a-z_][a-z0-9_]{0,62}$/.test(values.schema)
      ? []
      : ['--schema must be a lower-case PostgreSQL identifier (a-z, 0-9, _; at most 63), like DAIBAN_PG_SCHEMA']),
    ...(Number.isInteger(batchSize) && batchSize > 0 ? [] : ['--batch-size must be a positive integer']),
  ];
  const from = path.resolve(values.from ?? '.');
  const blobsTo = values['blobs-to'] === undefined ? undefined : path.resolve(values['blobs-to']);
  if (blobsTo === from) problems.push('--blobs-to is the same directory as --from: leave it out');
  if (problems.length > 0 || values.to === undefined) {
    process.stderr.write(`${problems.join('\n')}\n\n${USAGE}`);
    return 2;
  }
  try {
    const report = await moveTownship({
      from,
      to: values.to,
      schema: values.schema,
      blobsTo,
      live: values.live,
      batchSize,
      log: (line) => {
        write(`${line}\n`);
      },
    });
    write(`\n${formatReport(report)}`);
    return report.ok ? 0 : 1;
  } catch (error) {
    const refused = error instanceof MoveRefused;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      refused
        ? `Refused: ${message}\n`
        : `The move failed and was rolled back (PostgreSQL holds no data): ${message}\n`,
    );
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 2;
  },
);
