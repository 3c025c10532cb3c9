// `npm run bench`: every benchmark in its own process (each measures with a quiet heap), figures printed.
// Budgets are in DESIGN.md; a missed budget is printed as OVER, it does not fail the run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['extension', 'rules', 'server', 'outbox'];
const only = process.argv.slice(2);
let failed = false;
for (const bench of benches.filter((name) => only.length === 0 || only.includes(name))) {
  console.log(`\n# ${bench}`);
  const script = fileURLToPath(new URL(`./${bench}.ts`, import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    console.error(`bench ${bench} exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
