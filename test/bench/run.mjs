// `npm run bench`: every benchmark in its own process (each measures with a quiet heap), figures printed.
// Budgets are in DESIGN.md; a missed budget is printed as OVER. `npm run bench -- --check` exits non-zero
// when any budget is missed; other arguments name the benches to run (`npm run bench -- extension`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benches = ['extension', 'rules', 'server', 'outbox', 'sidepanel', 'ingest', 'dashboard'];
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((arg) => !arg.startsWith('--'));
let failed = false;
for (const bench of benches.filter((name) => only.length === 0 || only.includes(name))) {
  console.log(`\n# ${bench}`);
  const script = fileURLToPath(new URL(`./${bench}.ts`, import.meta.url));
  // Each bench exits 1 under --strict when one of its budgets is missed.
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...(check ? ['--strict'] : [])], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    console.error(`bench ${bench} ${check ? 'missed a budget or ' : ''}exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
