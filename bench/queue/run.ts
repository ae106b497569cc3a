/**
 * The workbench at township scale: seeds CASES (default 100 000) cases into a fresh SQLite database,
 * starts the real server app on it and times, over HTTP with a clerk's cookie, each queue tab's first
 * page, a filtered page, a deep page, a search by 办件编号 and the statistics. Baseline in the same
 * run: GET /api/health through the same stack, so the ratio shows what the queue itself costs.
 * Reports p50/p95 per query; the target is p95 ≤ 100 ms for a queue page.
 *
 * Run: npx tsx bench/queue/run.ts   (CASES=100000 ROUNDS=60 ONLY=statistics)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workCalendar } from '../../src/domain/working-days';
import { statutorySchedules } from '../../src/domain/statutory-schedules';
import { buildApp } from '../../src/server/app';
import { seedCases } from './seed-cases';

const CASES = Number(process.env.CASES ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 60);
/** Time only the requests whose name contains this (the baseline always runs). */
const ONLY = process.env.ONLY;
const today = new Date('2026-11-25T03:00:00.000Z');

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daiban-bench-queue-'));
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
    const seeded = await seedCases(app.db.kysely, workCalendar(statutorySchedules), { count: CASES, today });
    console.log(
      `seeded ${String(seeded.cases)} cases, ${String(seeded.pages)} pages, ${String(seeded.events)} events in ${(seeded.ms / 1000).toFixed(1)} s`,
    );
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13900000001', password: 'daiban123', client: 'web' }),
    });
    if (!login.ok) throw new Error(`login failed: ${String(login.status)} ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const village = await app.db.kysely.selectFrom('villages').select('id').executeTakeFirstOrThrow();
    const someCase = await app.db.kysely
      .selectFrom('cases')
      .select('case_number')
      .where('window_code', '=', 'MZ')
      .offset(Math.floor(CASES / 3))
      .limit(1)
      .executeTakeFirstOrThrow();

    const queries: [string, string][] = [
      ['baseline: GET /api/health', '/api/health'],
      ['queue 待受理 page 1', '/api/workbench/queue?tab=received'],
      ['queue 办理中 page 1', '/api/workbench/queue?tab=handling'],
      ['queue 即将到期 page 1', '/api/workbench/queue?tab=due_soon'],
      ['queue 已超期 page 1', '/api/workbench/queue?tab=overdue'],
      ['queue 已办结 page 1', '/api/workbench/queue?tab=closed'],
      ['queue 已办结 page 100', '/api/workbench/queue?tab=closed&page=100'],
      ['queue 已办结, one village, window MZ', `/api/workbench/queue?tab=closed&window=MZ&village=${village.id}`],
      ['queue search by 办件编号', `/api/workbench/queue?tab=closed&q=${encodeURIComponent(someCase.case_number)}`],
      ['queue search by name 王', `/api/workbench/queue?tab=closed&q=${encodeURIComponent('王建')}`],
      ['statistics by window, one year', '/api/workbench/statistics?from=2025-11-26&to=2026-11-25&groupBy=window'],
      ['statistics by village, one year', '/api/workbench/statistics?from=2025-11-26&to=2026-11-25&groupBy=village'],
    ];
    const results: { name: string; p50: number; p95: number; rows: string }[] = [];
    const chosen = queries.filter(([name], i) => i === 0 || ONLY === undefined || name.includes(ONLY));
    for (const [name, url] of chosen) {
      const times: number[] = [];
      let rows = '';
      for (let i = 0; i < ROUNDS + 3; i++) {
        const started = performance.now();
        const res = await fetch(`${address}${url}`, { headers: { cookie } });
        const text = await res.text();
        const ms = performance.now() - started;
        if (!res.ok) throw new Error(`${name}: ${String(res.status)} ${text.slice(0, 300)}`);
        if (i >= 3) times.push(ms);
        if (i === 0) {
          const body: unknown = JSON.parse(text);
          if (typeof body === 'object' && body !== null && 'total' in body && typeof body.total === 'number') {
            rows = String(body.total);
          }
        }
      }
      times.sort((a, b) => a - b);
      results.push({ name, p50: percentile(times, 50), p95: percentile(times, 95), rows });
    }
    const base = results[0]?.p95 ?? 1;
    console.log(`\n${String(CASES)} cases, SQLite, ${String(ROUNDS)} timed requests each (3 warm-up)\n`);
    console.log('| request | matching rows | p50 ms | p95 ms | p95 ÷ baseline |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of results) {
      console.log(
        `| ${r.name} | ${r.rows} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ×${(r.p95 / base).toFixed(1)} |`,
      );
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
