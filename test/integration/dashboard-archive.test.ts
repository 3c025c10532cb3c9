import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, rowsOf, seedOrganisation } from '../../server/db/connect';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { applyRetention, BACKED_UP_TABLES, backupTo, restoreFrom, tableRows } from '../../server/services/backup';
import { insertReportItems, NOVEMBER } from '../support/report-data';
import { bearer, DATABASE_KINDS, scratchDatabase, signIn, startTestServer, TestClient, type DatabaseKind, type TestServer } from './server-harness';

const temp = mkdtempSync(join(tmpdir(), 'samvad-archive-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let fileNo = 0;
const newFile = () => join(temp, `archive-${++fileNo}.jsonl`);

/** The dashboard's month of items, a history on two of them, an org change and a sign-in. */
async function populated(kind: DatabaseKind): Promise<TestServer> {
  const server = await startTestServer(kind);
  await insertReportItems(server.database.db, NOVEMBER);
  const client = new TestClient();
  const pushed = await client.push(server.app, server.users.moderator, [
    client.mutation('7001', { type: 'note', text: 'नोट: प्रयोगशाला से पूछा' }),
    client.mutation('7005', { type: 'flag', flag: 'rumour', on: true }),
    client.mutation('7005', { type: 'note', text: 'kept item note' }),
  ]);
  expect(pushed.statusCode).toBe(200);
  await server.app.inject({ method: 'PUT', url: '/org/retention', headers: bearer(server.users.admin), payload: { retention: { removeAfterDays: 30 } } });
  await signIn(server.app, 'moderator2@bis.example.in');
  return server;
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe.each(DATABASE_KINDS)('archive on %s', (kind) => {
  it('round-trips every table exactly, checked by the manifest, into an empty database', async () => {
    const source = await populated(kind);
    const target = await scratchDatabase(kind);
    try {
      const file = newFile();
      const counts = await backupTo(source.database.db, file);
      const all = lines(file);
      const manifest = JSON.parse(all.at(-1)!).manifest as { counts: Record<string, number>; sha256: Record<string, string> };
      expect(manifest.counts).toEqual(counts);
      expect(counts.items).toBe(NOVEMBER.length);
      expect(Object.keys(manifest.sha256)).toEqual(BACKED_UP_TABLES.map(([t]) => t));
      for (const sum of Object.values(manifest.sha256)) expect(sum).toMatch(/^[0-9a-f]{64}$/);
      const into = await target.open();
      expect(await restoreFrom(into.db, file)).toEqual(counts);
      for (const [table] of BACKED_UP_TABLES) expect(await tableRows(into.db, table), table).toEqual(await tableRows(source.database.db, table));
    } finally {
      await source.close();
      await target.drop();
    }
  });

  it('refuses an archive whose rows were changed, leaving the database empty', async () => {
    const source = await populated(kind);
    try {
      const file = newFile();
      await backupTo(source.database.db, file);
      const changed = newFile();
      writeFileSync(changed, readFileSync(file, 'utf8').replace('Comment 7003 about a hallmark', 'Comment 7003 about something else'));
      const empty = await openPglite();
      try {
        await expect(restoreFrom(empty.db, changed)).rejects.toThrow('items does not match its checksum');
        expect(await tableRows(empty.db, 'items')).toEqual([]);
        expect(await tableRows(empty.db, 'users')).toEqual([]);
      } finally {
        await empty.close();
      }
    } finally {
      await source.close();
    }
  });

  it('retention archives and removes old items with their events, never touching the trail of what is kept', async () => {
    const source = await populated(kind);
    try {
      const db = source.database.db;
      // x:7005 was changed recently (a year ahead of the run): it stays.
      await db.execute(sql`UPDATE items SET updated_at = now() + interval '1 year' WHERE key = 'x:7005'`);
      const kept = async () => rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM audit_events WHERE item_key = 'x:7005' OR item_key IS NULL ORDER BY id`)).map((r) => Number(r.id));
      const keptBefore = await kept();
      const itemsBefore = await tableRows(db, 'items');
      const eventsOf7001 = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE item_key = 'x:7001'`))[0]!.n;
      expect(eventsOf7001).toBe(1);

      const file = newFile();
      const counts = await applyRetention(db, file, 30, new Date(Date.now() + 31 * 86_400_000));
      expect(counts).toEqual({ items: NOVEMBER.length - 1, audit_events: 1 });
      const archived = lines(file).slice(1, -1).map((line) => JSON.parse(line) as { table: string; row: Record<string, unknown> });
      expect(archived.filter((e) => e.table === 'items').map((e) => e.row)).toEqual(itemsBefore.filter((row) => row.key !== 'x:7005'));
      expect(archived.filter((e) => e.table === 'audit_events').map((e) => e.row.item_key)).toEqual(['x:7001']);

      expect((await tableRows(db, 'items')).map((row) => row.key)).toEqual(['x:7005']);
      const after = await kept();
      expect(after.slice(0, keptBefore.length)).toEqual(keptBefore);
      const last = rowsOf<{ kind: string }>(await db.execute(sql`SELECT kind FROM audit_events ORDER BY id DESC LIMIT 1`))[0]!;
      expect(last.kind).toBe('retention');
      // The trail is append-only again.
      await expect(db.execute(sql`DELETE FROM audit_events WHERE item_key = 'x:7005'`)).rejects.toThrow();
      await expect(restoreFrom((await openPglite()).db, file)).rejects.toThrow('retention archive');
    } finally {
      await source.close();
    }
  });
});

describe('samvad archive and restore on the command line', () => {
  it('archives a PGlite data directory and restores it into an empty one', async () => {
    const BIN = fileURLToPath(new URL('../../bin/samvad.mjs', import.meta.url));
    const from = join(temp, 'cli-from');
    const to = join(temp, 'cli-to');
    const file = join(temp, 'cli.jsonl');
    const filled = await openPglite({ dataDir: from });
    await seedOrganisation(filled.db, DEMO_ORG);
    await insertReportItems(filled.db, NOVEMBER);
    await filled.close();
    const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8', timeout: 60_000 });
    const archived = cli(['archive', '--out', file, '--data', from]);
    expect(archived.stderr).toBe('');
    expect(archived.stdout).toMatch(/Archived to .*items 8/);
    const restored = cli(['restore', file, '--data', to]);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/Restored .*items 8/);
    const [a, b] = [await openPglite({ dataDir: from }), await openPglite({ dataDir: to })];
    try {
      for (const [table] of BACKED_UP_TABLES) expect(await tableRows(b.db, table), table).toEqual(await tableRows(a.db, table));
    } finally {
      await a.close();
      await b.close();
    }
  }, 120_000);
});
