/**
 * Server benchmark (DESIGN.md budgets): push throughput with unique mutation ids, and pull latency
 * while 1,000 WebSocket clients are connected, on PGlite and on PostgreSQL, over loopback; and the
 * due-time computation for 100,000 items (issue 11: no budget in DESIGN.md; this bench holds the pure
 * computation to ≤ 2 s, and prints the restamp of 100,000 stored items after a policy change).
 *
 *   npx tsx test/bench/server.ts [--only pglite|postgres|due] [--seconds 8] [--sockets 1000] [--strict]
 *
 * The server runs as `samvad serve` in its own process (as in production); this process is the load
 * generator (autocannon for pushes, an evenly paced open loop for pulls) and holds the poke sockets. PostgreSQL: SAMVAD_BENCH_POSTGRES, default
 * postgres://postgres@127.0.0.1:5432/test (a scratch database is created and dropped).
 * --strict exits 1 when a budget is missed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import WebSocket from 'ws';
import { LoginResponse, PushResponse } from '../../lib/contract/api';
import { createScratchPostgres } from '../support/scratch-postgres';
import { FLAGS, type Mutation, type MutationOp } from '../../lib/contract/triage';
import { SlaPolicy } from '../../lib/contract/org';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { dueTimes, type ClockInputs } from '../../lib/triage/due';
import { openPglite, openPostgres, seedOrganisation, type Database } from '../../server/db/connect';
import { restampDueTimes } from '../../server/services/org';

const BIN = fileURLToPath(new URL('../../bin/samvad.mjs', import.meta.url));
const POSTGRES = process.env.SAMVAD_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'benchmark password';
const BUDGET = { pushPglite: 1000, pushPostgres: 3000, pullP99Ms: 50, dueComputeMs: 2000 };
const DUE_ITEMS = 100_000;
/** Mutations per push: an outbox flushing after a burst of triage. */
const BATCH = 50;
const ITEMS = 10_000;

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '8' },
    sockets: { type: 'string', default: '1000' },
    /** Measure a server already running (e.g. under --cpu-prof) with user bench@bis.example.in. */
    server: { type: 'string' },
    strict: { type: 'boolean', default: false },
  },
});
const seconds = Number(flags.seconds);
const SOCKETS = Number(flags.sockets);
const PULLS_PER_SECOND = 200;

interface Figures {
  kind: string;
  pushPerSecond: number;
  pushErrors: number;
  pullP50: number;
  pullP99: number;
  pullPerSecond: number;
  pullErrors: number;
  socketsReady: number;
  pokesReceived: number;
}

function run(args: string[], env: NodeJS.ProcessEnv, input = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`samvad ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
}

function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

async function stop(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function connectSockets(url: string, token: string, onPoke: () => void): Promise<{ ready: number; close: () => void }> {
  const sockets: WebSocket[] = [];
  let ready = 0;
  const wsUrl = `${url.replace(/^http/, 'ws')}/sync/poke?token=${token}`;
  // In waves of 100, so the handshakes do not all compete at once.
  for (let wave = 0; wave < Math.ceil(SOCKETS / 100); wave++) {
    await Promise.all(
      Array.from({ length: Math.min(100, SOCKETS - wave * 100) }, () => {
        const socket = new WebSocket(wsUrl);
        sockets.push(socket);
        return new Promise<void>((resolve) => {
          // Like a client's service worker: note the poke (a real one would schedule a pull).
          socket.on('message', (data) => {
            const text = data.toString();
            if (text.startsWith('{"type":"poke"')) onPoke();
            else if (text === '{"type":"ready"}') {
              ready++;
              resolve();
            } else if (text === '{"type":"ping"}') socket.send('{"type":"pong"}');
          });
          socket.on('error', () => resolve());
          socket.on('close', () => resolve());
        });
      }),
    );
  }
  return { ready, close: () => sockets.forEach((s) => s.terminate()) };
}

const departments = DEMO_ORG.departments.map((d) => d.id);
const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

function randomOp(): MutationOp {
  const r = Math.random();
  if (r < 0.4) return { type: 'useCanned', cannedId: 'ack-received' };
  if (r < 0.7) return { type: 'flag', flag: pick(FLAGS), on: Math.random() < 0.5 };
  return { type: 'assign', departmentId: pick(departments), baseDepartmentId: null };
}

function pushBody(): string {
  const clientId = `bench-${randomBytes(6).toString('hex')}`;
  const at = new Date().toISOString();
  const mutations: Mutation[] = Array.from({ length: BATCH }, (_, i) => {
    const id = String(1_000_000 + Math.floor(Math.random() * ITEMS));
    return {
      id: randomUUID(),
      clientId,
      seq: i + 1,
      at,
      item: {
        platform: 'x',
        id,
        author: { name: 'Citizen', handle: '@citizen' },
        text: 'My gold ring hallmark HUID does not verify on the BIS CARE app, please help.',
        permalink: `https://x.com/citizen/status/${id}`,
        createdAt: '2026-11-20T09:00:00.000Z',
      },
      op: randomOp(),
    };
  });
  return JSON.stringify({ clientId, mutations });
}

async function benchPush(url: string, token: string): Promise<{ perSecond: number; errors: number }> {
  let mutationsDone = 0;
  let errors = 0;
  const result = await autocannon({
    url,
    connections: 8,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/sync/push',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: pushBody() }),
        onResponse: (status, body) => {
          if (status !== 200) {
            errors++;
            return;
          }
          mutationsDone += PushResponse.parse(JSON.parse(body)).results.length;
        },
      },
    ],
  });
  errors += result.errors + result.timeouts + result.non2xx;
  return { perSecond: mutationsDone / (result.duration || seconds), errors };
}

/**
 * Pulls as clients do after a poke: each from the newest cursor seen, while a trickle of pushes
 * (a busy team: 5 mutations every 250 ms) keeps new rows and pokes coming. Open loop with evenly
 * spaced requests (autocannon's rate limit sends each second's quota in a burst, which measures
 * the burst rather than a pull's latency); keep-alive connections as a browser would hold.
 */
async function benchPull(url: string, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const smallPush = async () => {
    const body = JSON.parse(pushBody()) as { clientId: string; mutations: Mutation[] };
    body.mutations = body.mutations.slice(0, 5);
    const response = await fetch(`${url}/sync/push`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return PushResponse.parse(await response.json()).version;
  };
  // Start from a recent cursor, as a client that has been syncing (not from a 10,000-row snapshot).
  let cursor = await smallPush();
  let trickling = true;
  const trickle = (async () => {
    while (trickling) {
      await smallPush();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const { hostname, port } = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  const pullOnce = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get({ hostname, port, path: `/sync/pull?cursor=${cursor}`, headers, agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          latencies.push(performance.now() - started);
          if (response.statusCode === 200) {
            // Trail the newest cursor a little, as clients do between pokes.
            cursor = Math.max(cursor, (JSON.parse(body) as { cursor: number }).cursor - 2);
          } else errors++;
          resolve();
        });
      });
      request.on('error', () => {
        errors++;
        resolve();
      });
    });
  const inFlight: Promise<void>[] = [];
  const interval = 1000 / PULLS_PER_SECOND;
  const begin = performance.now();
  for (let n = 0; performance.now() - begin < seconds * 1000; n++) {
    const due = begin + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(pullOnce());
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - begin) / 1000;
  trickling = false;
  await trickle;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p99: at(0.99), perSecond: latencies.length / elapsed, errors };
}

/**
 * Latency on a 2-core machine shared with other work is only meaningful with the load in view; the
 * benchmark itself (server and load generator) keeps about two processes busy.
 */
function loadNote(): string {
  const [oneMinute = 0] = loadavg();
  const cores = availableParallelism();
  const note = `load average ${oneMinute.toFixed(1)} on ${cores} cores`;
  return oneMinute > cores + 2 ? `${note}: other work is running, expect a long tail` : note;
}

async function benchKind(kind: 'pglite' | 'postgres'): Promise<Figures> {
  const env: NodeJS.ProcessEnv = { ...process.env, SAMVAD_LOG_LEVEL: 'error' };
  let cleanup = async () => {};
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'samvad-bench-'));
    env.SAMVAD_DATA = dir;
    env.DATABASE_URL = '';
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchPostgres(POSTGRES, 'samvad_bench');
    env.DATABASE_URL = scratch.url;
    cleanup = scratch.drop;
  }
  let server: { child: ChildProcess | null; url: string } | undefined;
  let sockets: { ready: number; close: () => void } | undefined;
  try {
    if (flags.server) server = { child: null, url: flags.server };
    else {
      run(['user', 'add', '--email', 'bench@bis.example.in', '--name', 'Bench', '--role', 'moderator'], env, PASSWORD);
      server = await serve(env);
    }
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@bis.example.in', password: PASSWORD }),
    });
    const { token } = LoginResponse.parse(await login.json());
    let pokesReceived = 0;
    sockets = await connectSockets(server.url, token, () => pokesReceived++);
    process.stdout.write(`${kind}: ${sockets.ready} poke sockets connected; pushing for ${seconds} s (${loadNote()})…\n`);
    const push = await benchPush(server.url, token);
    process.stdout.write(`${kind}: pulling for ${seconds} s (${loadNote()})…\n`);
    const pull = await benchPull(server.url, token);
    return {
      kind,
      pushPerSecond: push.perSecond,
      pushErrors: push.errors,
      pullP50: pull.p50,
      pullP99: pull.p99,
      pullPerSecond: pull.perSecond,
      pullErrors: pull.errors,
      socketsReady: sockets.ready,
      pokesReceived,
    };
  } finally {
    sockets?.close();
    if (server?.child) await stop(server.child);
    await cleanup();
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const kinds = (['pglite', 'postgres'] as const).filter((k) => !flags.only || flags.only === k);
const figures: Figures[] = [];
for (const kind of kinds) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    process.stdout.write(`postgres: SKIPPED, nothing answers at ${POSTGRES}\n`);
    continue;
  }
  figures.push(await benchKind(kind));
}

const WEEKDAYS = { start: '10:00', end: '18:00' };
/** Office hours Monday to Saturday, Sunday off, and a year's gazetted holidays: the slowest kind of policy. */
const OFFICE_POLICY = SlaPolicy.parse({
  ...DEMO_ORG.sla,
  officeHours: [WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, { start: '10:00', end: '14:00' }, null],
  holidays: ['2026-01-26', '2026-03-04', '2026-08-15', '2026-10-02', '2026-10-20', '2026-11-08', '2026-12-25'].map((date) => ({ date, name: 'Holiday' })),
});

interface DueFigures {
  computeAllDayMs: number;
  computeOfficeMs: number;
  restamp: Array<{ kind: string; ms: number; items: number }>;
}

/** 100,000 comments spread over six weeks (one every 37 s), as the server computes their due times. */
function benchDueCompute(policy: SlaPolicy): number {
  const start = Date.parse('2026-11-01T00:00:00.000Z');
  const inputs: ClockInputs[] = Array.from({ length: DUE_ITEMS }, (_, i) => ({
    work: 'reply_to_body',
    item: { createdAt: new Date(start + i * 37_000).toISOString() },
    replies: [],
    status: 'open',
    flags: [],
  }));
  // Warm the formatters and the JIT on a tenth first: the server computes all day long.
  for (const input of inputs.slice(0, DUE_ITEMS / 10)) dueTimes(input, policy);
  const began = performance.now();
  for (const input of inputs) dueTimes(input, policy);
  return performance.now() - began;
}

/** PUT /org/sla's work: 100,000 open items stored, each restamped under a new policy, in one transaction. */
async function benchRestamp(database: Database): Promise<{ ms: number; items: number }> {
  await seedOrganisation(database.db, DEMO_ORG);
  await database.db.execute(sql`
    INSERT INTO items (key, version, triage, updated_at, status, work, comment_at)
    SELECT 'x:' || g, 1, jsonb_build_object(
        'key', 'x:' || g, 'work', 'reply_to_body', 'status', 'open', 'departmentId', NULL, 'flags', '[]'::jsonb,
        'cannedUsed', '[]'::jsonb, 'replies', '[]'::jsonb, 'overrides', '[]'::jsonb, 'version', 1,
        'updatedAt', to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'item', jsonb_build_object('platform', 'x', 'id', g::text, 'author', jsonb_build_object('name', 'Citizen'), 'text', 'A comment',
          'permalink', 'https://x.com/c/status/' || g, 'createdAt', to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))),
      t.at, 'open', 'reply_to_body', t.at
    FROM generate_series(1, ${DUE_ITEMS}) AS g, LATERAL (SELECT timestamptz '2026-11-01 00:00Z' + g * interval '37 seconds' AS at) AS t`);
  const began = performance.now();
  const items = await database.db.transaction((tx) => restampDueTimes(tx, OFFICE_POLICY));
  return { ms: performance.now() - began, items };
}

async function benchDue(): Promise<DueFigures> {
  const figures: DueFigures = {
    computeAllDayMs: benchDueCompute(SlaPolicy.parse(DEMO_ORG.sla)),
    computeOfficeMs: benchDueCompute(OFFICE_POLICY),
    restamp: [],
  };
  const pglite = await openPglite();
  try {
    figures.restamp.push({ kind: 'pglite', ...(await benchRestamp(pglite)) });
  } finally {
    await pglite.close();
  }
  if (await postgresReachable()) {
    const scratch = await createScratchPostgres(POSTGRES, 'samvad_bench');
    const postgres = await openPostgres(scratch.url);
    try {
      figures.restamp.push({ kind: 'postgres', ...(await benchRestamp(postgres)) });
    } finally {
      await postgres.close();
      await scratch.drop();
    }
  }
  return figures;
}

const due = !flags.only || flags.only === 'due' ? await benchDue() : null;

let missed = 0;
const mark = (ok: boolean) => {
  if (!ok) missed++;
  return ok ? 'ok' : 'OVER BUDGET';
};
process.stdout.write(
  `\nServer benchmark (pushes of ${BATCH} mutations on 8 connections; pulls paced at ${PULLS_PER_SECOND}/s; ${SOCKETS} poke sockets; ${seconds} s per part)\n`,
);
for (const f of figures) {
  const pushBudget = f.kind === 'pglite' ? BUDGET.pushPglite : BUDGET.pushPostgres;
  process.stdout.write(
    `${f.kind.padEnd(8)} push ${Math.round(f.pushPerSecond)} mutations/s (budget ≥ ${pushBudget}: ${mark(f.pushPerSecond >= pushBudget && f.pushErrors === 0)}, errors ${f.pushErrors})\n` +
      `${''.padEnd(8)} pull p50 ${f.pullP50} ms, p99 ${f.pullP99} ms, ${Math.round(f.pullPerSecond)} req/s (budget p99 ≤ ${BUDGET.pullP99Ms} ms: ${mark(f.pullP99 <= BUDGET.pullP99Ms && f.pullErrors === 0)}, errors ${f.pullErrors})\n` +
      `${''.padEnd(8)} sockets ready ${f.socketsReady}/${SOCKETS}, pokes received ${f.pokesReceived}\n`,
  );
}
if (due) {
  process.stdout.write(
    `\nServer due-time computation for ${DUE_ITEMS.toLocaleString('en')} items\n` +
      `compute  24×7 ${Math.round(due.computeAllDayMs)} ms, office hours and holidays ${Math.round(due.computeOfficeMs)} ms ` +
      `(budget ≤ ${BUDGET.dueComputeMs} ms, set by this bench: ${mark(due.computeOfficeMs <= BUDGET.dueComputeMs && due.computeAllDayMs <= BUDGET.dueComputeMs)})\n` +
      due.restamp.map((r) => `${r.kind.padEnd(8)} restamp after a policy change ${Math.round(r.ms)} ms for ${r.items} items (no budget)\n`).join(''),
  );
}
process.exitCode = flags.strict && missed > 0 ? 1 : 0;
