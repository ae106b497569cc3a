/** `npm run bench`: every benchmark in turn. Each prints its figures; docs/benchmarks.md records them. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const benches = ['bundle/run.ts', 'startup/run.ts', 'photo/run.ts', 'queue/run.ts', 'sync/run.ts', 'livequery/run.ts'];
for (const bench of benches) {
  console.log(`\n=== bench/${bench}`);
  const result = spawnSync(
    path.resolve(import.meta.dirname, '../node_modules/.bin/tsx'),
    [path.join(import.meta.dirname, bench)],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exitCode = 1;
}
