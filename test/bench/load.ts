/**
 * Load benchmark: 500 simulated moderators on loopback, each holding a poke socket (authenticated by its
 * first message) and, in a loop, pushing a few mutations and pulling from its cursor, as the extension
 * does after a burst of triage. Prints errors (must be 0), p50/p99 latency of pushes and pulls, and the
 * server's resident memory over time (must stay flat). Bounded in time.
 *
 *   npm run bench:load -- [--db pglite|postgres] [--moderators 500] [--seconds 30] [--check]
 *
 * --check exits 1 on any error, a push or pull p99 over budget, or memory growing more than 50% from the
 * first third of the run to the last. The server runs as `samvad serve` in its own process.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { PullResponse, PushResponse } from '../../lib/contract/api';
import type { Mutation } from '../../lib/contract/triage';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { openPglite, openPostgres, seedOrganisation, type Database } from '../../server/db/connect';
import * as schema from '../../server/db/schema';
import { hashToken } from '../../server/services/users';
import { createScratchPostgres } from '../support/scratch-postgres';
import { spawnServer } from '../support/serve';

const POSTGRES = process.env.SAMVAD_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const BUDGET = { pushP99Ms: 500, pullP99Ms: 250, memoryGrowth: 1.5 };
const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

const { values: flags } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    moderators: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '30' },
    check: { type: 'boolean', default: false },
  },
});
const MODERATORS = Number(flags.moderators);
const SECONDS = Number(flags.seconds);

async function seed(database: Database): Promise<string[]> {
  await seedOrganisation(database.db, DEMO_ORG);
  const tokens: string[] = [];
  const users = [];
  const sessions = [];
  for (let i = 0; i < MODERATORS; i++) {
    const id = `u_load_${i}`;
    users.push({ id, email: `load${i}@bis.example.in`, name: `Load ${i}`, role: 'moderator' as const, departmentId: null, passwordHash: 'x' });
    const token = randomBytes(32).toString('base64url');
    tokens.push(token);
    sessions.push({ tokenHash: hashToken(token), userId: id, expiresAt: new Date(Date.now() + 3600_000) });
  }
  await database.db.insert(schema.users).values(users);
  await database.db.insert(schema.sessions).values(sessions);
  return tokens;
}

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const temp = mkdtempSync(join(tmpdir(), 'samvad-load-'));
  const data = join(temp, 'data');
  const scratch = flags.db === 'postgres' ? await createScratchPostgres(POSTGRES, 'samvad_load') : null;
  let server: { child: ChildProcess; url: string } | undefined;
  try {
    const setup = scratch ? await openPostgres(scratch.url, { poolSize: 2 }) : await openPglite({ dataDir: data });
    const tokens = await seed(setup);
    await setup.close();
    server = await spawnServer(['--host', '127.0.0.1', '--data', data], { SAMVAD_EXTENSION_ORIGINS: ORIGIN, ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
    const { url } = server;
    const pid = server.child.pid!;

    const errors: string[] = [];
    const latency = { push: [] as number[], pull: [] as number[] };
    const memory: Array<[number, number]> = [];
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;

    // Sockets first, opened in slices as installs reconnecting after a restart would.
    const sockets: WebSocket[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const socket = new WebSocket(`${url.replace('http', 'ws')}/sync/poke`, { origin: ORIGIN });
      socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: tokens[i] })));
      socket.on('message', (raw) => {
        if (JSON.parse(raw.toString()).type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      });
      socket.on('error', (error) => errors.push(`socket ${i}: ${error.message}`));
      socket.on('close', (code) => {
        if (!stopping) errors.push(`socket ${i} closed ${code}`);
      });
      sockets.push(socket);
      if (i % 50 === 49) await sleep(20);
    }
    let stopping = false;
    const sampler = setInterval(() => memory.push([Math.round(elapsed()), rssMb(pid)]), 1000);

    const moderator = async (index: number) => {
      const token = tokens[index]!;
      const clientId = `load-client-${index}`;
      let seq = 0;
      let cursor = 0;
      await sleep(Math.random() * 2000); // spread the start
      while (!stopping) {
        const mutations: Mutation[] = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => {
          const item = `9${index % 100}${Math.floor(Math.random() * 50)}`;
          return {
            id: randomUUID(),
            clientId,
            seq: ++seq,
            at: new Date().toISOString(),
            item: { platform: 'x', id: item, author: { name: 'Citizen' }, text: 'Load test comment', permalink: `https://x.com/c/status/${item}`, createdAt: '2026-11-20T09:00:00.000Z' },
            op: { type: 'flag', flag: 'needs_escalation', on: seq % 2 === 0 },
          };
        });
        try {
          let t = performance.now();
          const pushed = await fetch(`${url}/sync/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId, mutations }),
          });
          latency.push.push(performance.now() - t);
          if (pushed.status !== 200) errors.push(`push ${pushed.status}`);
          else PushResponse.parse(await pushed.json());
          t = performance.now();
          const pulled = await fetch(`${url}/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
          latency.pull.push(performance.now() - t);
          if (pulled.status !== 200) errors.push(`pull ${pulled.status}`);
          else cursor = PullResponse.parse(await pulled.json()).cursor;
        } catch (error) {
          errors.push(String(error));
        }
        await sleep(1000 + Math.random() * 2000); // a moderator acts every 1–3 s
      }
    };
    const running = tokens.map((_, i) => moderator(i));
    await sleep(SECONDS * 1000);
    stopping = true;
    await Promise.all(running);
    clearInterval(sampler);
    const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
    for (const socket of sockets) socket.close();

    const third = Math.max(1, Math.floor(memory.length / 3));
    const early = Math.max(...memory.slice(0, third).map(([, mb]) => mb));
    const late = Math.max(...memory.slice(-third).map(([, mb]) => mb));
    const report = {
      database: flags.db,
      moderators: MODERATORS,
      seconds: SECONDS,
      socketsOpenAtEnd: open,
      pushes: latency.push.length,
      pulls: latency.pull.length,
      errors: errors.length,
      pushP50Ms: Math.round(percentile(latency.push, 50)),
      pushP99Ms: Math.round(percentile(latency.push, 99)),
      pullP50Ms: Math.round(percentile(latency.pull, 50)),
      pullP99Ms: Math.round(percentile(latency.pull, 99)),
      serverRssMb: memory.filter((_, i) => i % 5 === 0).map(([s, mb]) => `${s}s:${mb}`).join(' '),
      memoryGrowth: Number((late / early).toFixed(2)),
    };
    console.log(JSON.stringify(report, null, 2));
    if (errors.length) console.log(`first errors:\n  ${[...new Set(errors)].slice(0, 10).join('\n  ')}`);
    const missed = [
      errors.length > 0 && 'errors',
      open < MODERATORS && 'sockets dropped',
      report.pushP99Ms > BUDGET.pushP99Ms && `push p99 > ${BUDGET.pushP99Ms} ms`,
      report.pullP99Ms > BUDGET.pullP99Ms && `pull p99 > ${BUDGET.pullP99Ms} ms`,
      report.memoryGrowth > BUDGET.memoryGrowth && `memory grew ×${report.memoryGrowth}`,
    ].filter(Boolean);
    if (missed.length) console.log(`missed: ${missed.join(', ')}`);
    return flags.check && missed.length ? 1 : 0;
  } finally {
    server?.child.kill('SIGTERM');
    if (server) await new Promise((resolve) => server!.child.once('exit', resolve));
    await scratch?.drop();
    rmSync(temp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
