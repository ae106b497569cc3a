/**
 * A township on SQLite to time `npm run move-to-postgres` on (docs/operations.md): the demo township
 * with CASES benchmark cases (bench/queue/seed-cases.ts: 4 pages and 1–3 events each) and BLOBS photo
 * files of 300 KB in blobs/ with their rows, in a fresh DATA_DIR. The server is stopped cleanly at the
 * end, so the move accepts the directory.
 *
 * Run: npx tsx bench/move/seed-township.ts <DATA_DIR> [CASES=100000] [BLOBS=1000]
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { statutorySchedules } from '../../src/domain/statutory-schedules';
import { workCalendar } from '../../src/domain/working-days';
import { buildApp } from '../../src/server/app';
import { seedCases } from '../queue/seed-cases';

const today = new Date('2026-11-25T03:00:00.000Z');

async function main(): Promise<void> {
  const [dataDirArg, casesArg, blobsArg] = process.argv.slice(2);
  if (!dataDirArg) throw new Error('Usage: npx tsx bench/move/seed-township.ts <DATA_DIR> [CASES] [BLOBS]');
  const dataDir = path.resolve(dataDirArg);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty`);
  const app = await buildApp({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: undefined,
    seedDemo: true,
    staticDir: path.join(dataDir, 'no-static'),
    logLevel: 'silent',
    trustProxy: ['loopback'],
    now: () => today,
  });
  try {
    const seeded = await seedCases(app.db.kysely, workCalendar(statutorySchedules), {
      count: Number(casesArg ?? 100_000),
      today,
    });
    const rows = [];
    for (let i = 0; i < Number(blobsArg ?? 1000); i++) {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300_000 - 4)]);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      fs.mkdirSync(path.join(dataDir, 'blobs', sha256.slice(0, 2)), { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256), bytes);
      rows.push({ sha256, size: bytes.length, type: 'image/jpeg', created_at: today.toISOString() });
    }
    for (let i = 0; i < rows.length; i += 500)
      await app.db.kysely
        .insertInto('blobs')
        .values(rows.slice(i, i + 500))
        .execute();
    console.log(
      `seeded ${String(seeded.cases)} cases, ${String(seeded.pages)} pages, ${String(seeded.events)} events, ${String(rows.length)} blobs in ${dataDir}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
