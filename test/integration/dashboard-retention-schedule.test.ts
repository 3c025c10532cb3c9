import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../server/db/connect';
import type { Scheduler } from '../../server/plugins/retention';
import { tableRows } from '../../server/services/backup';
import { insertReportItems, NOVEMBER } from '../support/report-data';
import { bearer, DATABASE_KINDS, startTestServer, TestClient } from './server-harness';

const temp = mkdtempSync(join(tmpdir(), 'samvad-retention-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe.each(DATABASE_KINDS)('the retention setting applied by the server itself, on %s', (kind) => {
  it('archives, then removes, what is older than the setting on start and every day, and keeps the trail of what stays', async () => {
    // A scheduler the test drives: each tick is a day of the server's.
    let tick: (() => void) | null = null;
    let every = 0;
    let stopped = false;
    const scheduler: Scheduler = (run, everyMs) => {
      tick = run;
      every = everyMs;
      return () => {
        stopped = true;
      };
    };
    let now = new Date('2026-11-30T00:00:00.000Z');
    const archiveDir = join(temp, kind, 'archives');
    const server = await startTestServer(kind, { clock: () => now, retention: { archiveDir, scheduler } });
    try {
      const db = server.database.db;
      await insertReportItems(db, NOVEMBER);
      await server.app.ready();
      expect(every).toBe(24 * 3600_000);
      const day = async () => {
        tick!();
        return server.app.applyRetentionNow(); // the run the tick started
      };

      // No setting: everything is kept, no file is written.
      expect(await day()).toBeNull();
      const put = await server.app.inject({ method: 'PUT', url: '/org/retention', headers: bearer(server.users.admin), payload: { retention: { removeAfterDays: 30 } } });
      expect(put.statusCode, put.body).toBe(200);
      // 30 November: nothing is 30 days unchanged yet (the oldest item changed at 20:00Z on 31 October).
      expect(await day()).toBeNull();
      expect(readdirSync(join(temp, kind)).includes('archives') ? readdirSync(archiveDir) : []).toEqual([]);

      // A moderator works on x:7005 on 20 December: it stays, with its history.
      const client = new TestClient();
      const item = { platform: 'x' as const, id: '7005', author: { name: 'Citizen', handle: '@citizen' }, text: 'Comment 7005 about a hallmark', permalink: 'https://x.com/citizen/status/7005', createdAt: NOVEMBER[4]!.commentAt };
      const pushed = await client.push(server.app, server.users.moderator, [{ ...client.mutation('7005', { type: 'note', text: 'called the citizen' }, '2026-12-20T06:00:00.000Z'), item }]);
      expect(pushed.statusCode, pushed.body).toBe(200);
      const trail = async () => rowsOf<{ id: number }>(await db.execute(sql`SELECT id FROM audit_events WHERE item_key = 'x:7005' OR item_key IS NULL ORDER BY id`)).map((r) => Number(r.id));
      const trailBefore = await trail();
      const removed = (await tableRows(db, 'items')).filter((row) => row.key !== 'x:7005');

      // 10 January 2027: November's other items are more than 30 days unchanged.
      now = new Date('2027-01-10T00:00:00.000Z');
      const run = await day();
      expect(run?.counts).toEqual({ items: NOVEMBER.length - 1, audit_events: 0 });
      expect(readdirSync(archiveDir)).toEqual(['samvad-retention-2027-01-10T00-00-00-000Z.jsonl']);
      const archived = readFileSync(run!.file, 'utf8').trimEnd().split('\n').slice(1, -1).map((line) => JSON.parse(line) as { table: string; row: Record<string, unknown> });
      expect(archived.map((entry) => entry.row)).toEqual(removed);
      expect((await tableRows(db, 'items')).map((row) => row.key)).toEqual(['x:7005']);
      const trailAfter = await trail();
      expect(trailAfter.slice(0, trailBefore.length)).toEqual(trailBefore);
      const [event] = rowsOf<{ kind: string; detail: { retention: { archive: string; removeAfterDays: number } } }>(
        await db.execute(sql`SELECT kind, detail FROM audit_events ORDER BY id DESC LIMIT 1`),
      );
      expect(event?.kind).toBe('retention');
      expect(event?.detail.retention).toMatchObject({ removeAfterDays: 30, archive: 'samvad-retention-2027-01-10T00-00-00-000Z.jsonl' });

      // The next day finds nothing more: no second file.
      now = new Date('2027-01-11T00:00:00.000Z');
      expect(await day()).toBeNull();
      expect(readdirSync(archiveDir)).toHaveLength(1);
    } finally {
      await server.close();
    }
    expect(stopped).toBe(true);
  });
});
