/**
 * Ingest benchmark (issue 11: a moderator scrolling 1,000 comments sends a handful of push requests, not
 * 1,000). The extension's own TriageStore (fake-indexeddb), SyncEngine and push coalescing, with the pace
 * of lib/sync/ingest-pace, against the team server (PGlite) over loopback. A moderator scrolls 1,000
 * comments that are work at 40 a second (20 per half second: a fast scroll); the page hands them over once
 * per flush, the background records each batch and pushes when the scrolling pauses. Time runs 10× faster
 * than real (every interval scaled alike, so the counts are those of real time).
 *
 *   npx tsx test/bench/ingest.ts [--strict]
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { coalesce } from '../../lib/background/coalesce';
import { TriageStore } from '../../lib/background/store';
import type { CommentItem } from '../../lib/contract/item';
import { SyncEngine } from '../../lib/sync/engine';
import { INGEST_PACE } from '../../lib/sync/ingest-pace';
import { startServer } from '../../server/listen';
import { createUser } from '../../server/services/users';

const COMMENTS = 1_000;
const PER_STEP = 20;
const STEP_MS = 500;
const SCALE = 0.1;
/** "A handful": the issue asks for a few requests per thousand comments, not one per comment. */
const BUDGET = 20;
const PASSWORD = 'benchmark password';

const { values: flags } = parseArgs({ options: { strict: { type: 'boolean', default: false } } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dataDir = mkdtempSync(join(tmpdir(), 'samvad-bench-ingest-'));
const server = await startServer({ host: '127.0.0.1', port: 0, dataDir });
const user = { email: 'bench@bis.example.in', name: 'Bench Moderator' };
await createUser(server.database.db, { ...user, role: 'moderator', departmentId: null, password: PASSWORD }, null);

let pushes = 0;
const store = await TriageStore.open(`samvad-bench-${crypto.randomUUID()}`);
const engine = new SyncEngine({
  store,
  events: { onTriage: () => undefined, onNotice: () => undefined, onOrg: () => undefined },
  fetch: (input, init) => {
    if (String(input instanceof Request ? input.url : input).endsWith('/sync/push')) pushes += 1;
    return fetch(input, init);
  },
});
const session = await engine.signIn(server.url, user.email, PASSWORD);
engine.disconnect();
const by = { id: session.user.id, name: session.user.name };
pushes = 0;

const comment = (index: number): CommentItem => {
  const id = `${1_900_000_000_000_000_000n + BigInt(index)}`;
  return {
    platform: 'x',
    id,
    author: { name: 'Citizen', handle: `citizen_${index % 50}` },
    text: `Comment ${index} about a hallmarking licence @IndianStandards`,
    permalink: `https://x.com/citizen_${index % 50}/status/${id}`,
    createdAt: new Date(Date.now() - index * 60_000).toISOString(),
  };
};

// The background: records each batch in one transaction, pushes once the scrolling pauses.
let messages = 0;
const syncing: Array<Promise<void>> = [];
const pushSoon = coalesce(() => syncing.push(engine.sync()), { quietMs: INGEST_PACE.quietMs * SCALE, maxWaitMs: INGEST_PACE.maxWaitMs * SCALE });
const receive = async (batch: CommentItem[]) => {
  messages += 1;
  const firstSeenAt = new Date().toISOString();
  await store.recordMany(batch.map((item) => ({ item, op: { type: 'see' as const, work: 'mention' as const, firstSeenAt } })), by.name, by);
  pushSoon();
};

// The page: collects what scrolls into view, hands it over once per flush.
let queue: CommentItem[] = [];
let flushing: ReturnType<typeof setTimeout> | null = null;
const received: Array<Promise<void>> = [];
for (let index = 0; index < COMMENTS; index += PER_STEP) {
  for (let offset = 0; offset < PER_STEP; offset++) queue.push(comment(index + offset));
  flushing ??= setTimeout(() => {
    flushing = null;
    received.push(receive(queue));
    queue = [];
  }, INGEST_PACE.flushMs * SCALE);
  await sleep(STEP_MS * SCALE);
}
while (flushing || queue.length) await sleep(10);
await Promise.all(received);
while ((await store.pendingCount(by.id)) > 0) await sleep(20);
await Promise.all(syncing);

console.log(
  `ingest push requests per ${COMMENTS.toLocaleString('en')} comments scrolled (${(PER_STEP * 1000) / STEP_MS} a second): ${pushes} ` +
    `(${messages} page-to-background messages; a handful, ≤ ${BUDGET}: ${pushes <= BUDGET ? 'ok' : 'OVER'})`,
);
store.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });
if (flags.strict && pushes > BUDGET) process.exitCode = 1;
