/**
 * Dashboard benchmark (DESIGN.md budget): the overview for one month with 100,000 items (all in that
 * month) and 1,000,000 audit events, ≤ 300 ms on PostgreSQL (PGlite printed too); and the CSV export of
 * those 100,000 items over HTTP, streamed page by page: its peak heap growth is printed and held to a
 * bound far below what holding the items would take.
 *
 *   npx tsx test/bench/dashboard.ts [--only pglite|postgres] [--strict]
 *
 * The rows are made in SQL (generate_series), so setting up a million events takes seconds. PostgreSQL:
 * SAMVAD_BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432/test; a scratch database is created
 * and dropped, PGlite runs in memory: nothing is left behind.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { buildApp } from '../../server/app';
import { openPglite, openPostgres, seedOrganisation, type Database } from '../../server/db/connect';
import * as schema from '../../server/db/schema';
import { overview } from '../../server/services/reports';
import { hashToken } from '../../server/services/users';
import { createScratchPostgres } from '../support/scratch-postgres';

const POSTGRES = process.env.SAMVAD_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const ITEMS = 100_000;
const EVENTS = 1_000_000;
/** The live heap an export may add: holding 100,000 parsed items would take several hundred MB. */
const BUDGET = { overviewPostgresMs: 300, csvHeapGrowthMb: 64 };
const { values: flags } = parseArgs({ options: { only: { type: 'string' }, strict: { type: 'boolean', default: false } } });

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** November 2026 in Kolkata; items spread evenly over it, 9 departments, a realistic mix of outcomes. */
async function fill(database: Database): Promise<void> {
  const db = database.db;
  await seedOrganisation(db, DEMO_ORG);
  const departments = DEMO_ORG.departments.map((d) => d.id);
  await db.execute(sql`
    INSERT INTO items (key, department_id, version, triage, updated_at, status, work, comment_at, interim_due_at, final_due_at,
      clock_start_at, first_reply_at, final_reply_at, flags)
    SELECT 'x:' || g, d, 1,
      jsonb_build_object(
        'key', 'x:' || g,
        'item', jsonb_build_object('platform', 'x', 'id', g::text, 'author', jsonb_build_object('name', 'Citizen ' || g, 'handle', '@citizen' || g),
          'text', 'My hallmarked ring ' || g || ' does not verify on the BIS CARE app; the HUID shows another jeweller. Please help.',
          'permalink', 'https://x.com/citizen/status/' || g, 'createdAt', to_jsonb(c)),
        'work', 'reply_to_body', 'status', st, 'departmentId', d, 'assignedBy', 'u_bench', 'assignedAt', to_jsonb(c + interval '10 minutes'),
        'flags', CASE WHEN g % 17 = 0 THEN '["sub_judice"]'::jsonb WHEN g % 23 = 0 THEN '["rumour"]'::jsonb ELSE '[]'::jsonb END,
        'cannedUsed', '[]'::jsonb,
        'replies', CASE
          WHEN g % 10 < 6 THEN jsonb_build_array(
            jsonb_build_object('stage', 'interim', 'source', 'seen', 'text', 'We are looking into it.', 'at', to_jsonb(c + (g % 300) * interval '1 minute'), 'postedAt', to_jsonb(c + (g % 300) * interval '1 minute'), 'permalink', 'https://x.com/IndianStandards/status/9' || g),
            jsonb_build_object('stage', 'final', 'source', 'seen', 'text', 'The HUID was corrected.', 'at', to_jsonb(c + (g % 900) * interval '1 minute'), 'postedAt', to_jsonb(c + (g % 900) * interval '1 minute'), 'permalink', 'https://x.com/IndianStandards/status/8' || g))
          WHEN g % 10 < 8 THEN jsonb_build_array(
            jsonb_build_object('stage', 'interim', 'source', 'seen', 'text', 'We are looking into it.', 'at', to_jsonb(c + (g % 360) * interval '1 minute'), 'postedAt', to_jsonb(c + (g % 360) * interval '1 minute')))
          ELSE '[]'::jsonb END,
        'overrides', CASE WHEN g % 50 = 0 THEN jsonb_build_array(jsonb_build_object('ruleIds', '["tone-polite"]'::jsonb, 'reason', 'approved', 'text', 'reply', 'at', to_jsonb(c))) ELSE '[]'::jsonb END,
        'notes', '[]'::jsonb,
        'due', jsonb_build_object('clockStart', to_jsonb(c), 'interimAt', to_jsonb(c + interval '4 hours'), 'finalAt', to_jsonb(c + interval '12 hours')),
        'followUps', '[]'::jsonb,
        'approvals', CASE WHEN g % 40 = 0 THEN jsonb_build_array(jsonb_build_object('id', gen_random_uuid(), 'textHash', repeat('a', 64), 'text', 'Draft', 'findings', '[{"ruleId":"tone-polite","category":"tone","severity":"block"}]'::jsonb, 'requestedBy', 'u_bench', 'requestedAt', to_jsonb(c), 'state', CASE WHEN g % 80 = 0 THEN 'approved' ELSE 'rejected' END)) ELSE '[]'::jsonb END,
        'updatedAt', to_jsonb(c + interval '1 hour'), 'version', 1),
      c + interval '1 hour', st, 'reply_to_body', c, c + interval '4 hours', c + interval '12 hours',
      -- As the push stores them (clockColumns): the clock's start and the first seen replies above.
      c, CASE WHEN g % 10 < 6 THEN c + (g % 300) * interval '1 minute' WHEN g % 10 < 8 THEN c + (g % 360) * interval '1 minute' END,
      CASE WHEN g % 10 < 6 THEN c + (g % 900) * interval '1 minute' END,
      CASE WHEN g % 17 = 0 THEN '{sub_judice}'::text[] WHEN g % 23 = 0 THEN '{rumour}'::text[] ELSE '{}'::text[] END
    FROM (
      SELECT g, timestamptz '2026-10-31 18:30:00+00' + (g - 1) * (interval '30 days' / ${ITEMS}) AS c,
        (string_to_array(${departments.join(",")}, ','))[1 + g % ${departments.length}] AS d,
        CASE WHEN g % 10 < 6 THEN 'replied' WHEN g % 10 = 9 THEN 'closed' ELSE 'open' END AS st
      FROM generate_series(1, ${ITEMS}) g
    ) s`);
  await db.execute(sql`
    INSERT INTO audit_events (at, kind, user_id, client_id, item_key, mutation_id, detail)
    SELECT timestamptz '2026-10-31 18:30:00+00' + (g - 1) * (interval '30 days' / ${EVENTS}), 'mutation', 'u_bench', 'bench-client',
      'x:' || (1 + g % ${ITEMS}), md5(g::text), jsonb_build_object('op', jsonb_build_object('type', 'note', 'text', 'bench note ' || g), 'seq', g)
    FROM generate_series(1, ${EVENTS}) g`);
  // As autovacuum would have long since done on a real server: hint bits and statistics set, so the
  // timed runs measure the query, not the first reads after a bulk load.
  await db.execute(sql`VACUUM (ANALYZE) items`);
  await db.execute(sql`VACUUM (ANALYZE) audit_events`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measureOverview(database: Database) {
  const filter = { from: '2026-11-01', to: '2026-11-30', department: null, platform: null, timeZone: 'Asia/Kolkata' };
  const first = await overview(database.db, filter); // warm-up
  if (first.received !== ITEMS) throw new Error(`overview counted ${first.received} items, expected ${ITEMS}`);
  const all: number[] = [];
  const one: number[] = [];
  for (let i = 0; i < 5; i++) {
    let start = performance.now();
    await overview(database.db, filter);
    all.push(performance.now() - start);
    start = performance.now();
    await overview(database.db, { ...filter, department: 'hallmarking' });
    one.push(performance.now() - start);
  }
  return { allMs: median(all), departmentMs: median(one) };
}

/** The items CSV of the month over real HTTP, read as it arrives; the heap sampled on every chunk. */
async function measureCsv(database: Database) {
  const app = await buildApp({ database });
  const token = randomBytes(32).toString('base64url');
  await database.db.insert(schema.users).values({ id: 'u_bench', email: 'bench@bis.example.in', name: 'Bench', role: 'admin', passwordHash: 'x' }).onConflictDoNothing();
  await database.db.insert(schema.sessions).values({ tokenHash: hashToken(token), userId: 'u_bench', expiresAt: new Date(Date.now() + 3600_000) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as AddressInfo;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let peakLive = baseline;
    let chunks = 0;
    let bytes = 0;
    let lines = 0;
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/reports/items.csv?from=2026-11-01&to=2026-11-30', headers: { authorization: `Bearer ${token}` } }, (response) => {
          if (response.statusCode !== 200) reject(new Error(`items.csv answered ${response.statusCode}`));
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
            peak = Math.max(peak, process.memoryUsage().heapUsed);
            // Every 50th chunk, what is still held after a collection: the export's live memory.
            if (++chunks % 50 === 0) {
              gc();
              peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
            }
          });
          response.on('end', resolve);
          response.on('error', reject);
        })
        .on('error', reject);
    });
    const seconds = (performance.now() - start) / 1000;
    if (lines - 1 !== ITEMS) throw new Error(`the CSV had ${lines - 1} rows, expected ${ITEMS}`);
    return { seconds, megabytes: bytes / 1e6, rows: lines - 1, liveGrowthMb: (peakLive - baseline) / 1e6, peakHeapMb: peak / 1e6, baselineMb: baseline / 1e6 };
  } finally {
    await app.close();
  }
}

let missed = false;
async function run(kind: 'pglite' | 'postgres') {
  const scratch = kind === 'postgres' ? await createScratchPostgres(POSTGRES, 'samvad_bench') : null;
  const database = scratch ? await openPostgres(scratch.url, { poolSize: 4 }) : await openPglite();
  try {
    let start = performance.now();
    await fill(database);
    console.log(`${kind}: made ${ITEMS.toLocaleString('en')} items and ${EVENTS.toLocaleString('en')} audit events in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const o = await measureOverview(database);
    const over = kind === 'postgres' && o.allMs > BUDGET.overviewPostgresMs;
    missed ||= over;
    console.log(
      `${kind}: overview of the month, all departments ${o.allMs.toFixed(0)} ms median of 5${kind === 'postgres' ? ` (budget ≤ ${BUDGET.overviewPostgresMs} ms${over ? ', OVER' : ''})` : ''}; one department ${o.departmentMs.toFixed(0)} ms`,
    );
    start = performance.now();
    const csv = await measureCsv(database);
    const heapOver = csv.liveGrowthMb > BUDGET.csvHeapGrowthMb;
    missed ||= heapOver;
    console.log(
      `${kind}: items CSV ${csv.rows.toLocaleString('en')} rows, ${csv.megabytes.toFixed(1)} MB in ${csv.seconds.toFixed(1)} s; heap ${csv.baselineMb.toFixed(0)} MB before, peak ${csv.peakHeapMb.toFixed(0)} MB (garbage included); live heap grew ≤ ${csv.liveGrowthMb.toFixed(1)} MB while streaming (bound ≤ ${BUDGET.csvHeapGrowthMb} MB${heapOver ? ', OVER' : ''})`,
    );
  } finally {
    await database.close();
    await scratch?.drop();
  }
}

for (const kind of ['postgres', 'pglite'] as const) {
  if (flags.only && flags.only !== kind) continue;
  await run(kind);
}
if (missed && flags.strict) process.exitCode = 1;
