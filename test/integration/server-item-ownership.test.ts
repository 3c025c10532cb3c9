import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse, PushResponse } from '../../lib/contract/api';
import { CommentItem } from '../../lib/contract/item';
import { Triage } from '../../lib/contract/triage';
import * as schema from '../../server/db/schema';
import { bearer, comment, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

describe.each(DATABASE_KINDS)('the stored comment belongs to the platform, on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  const storedItem = async (key: string): Promise<CommentItem | undefined> => {
    const response = await server.app.inject({ method: 'GET', url: '/sync/pull?cursor=0', headers: bearer(server.users.admin) });
    return PullResponse.parse(response.json()).rows.find((row) => row.key === key)?.item;
  };
  const outcomes = (response: { json(): unknown }) => PushResponse.parse(response.json()).results.map((r) => r.outcome);

  it('keeps the first reading against department users and older readings, and takes a moderator’s newer one', async () => {
    const moderator = new TestClient();
    const first = moderator.mutation('8001', { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }, '2026-11-20T10:00:00.000Z');
    expect(outcomes(await moderator.push(server.app, server.users.moderator, [first]))).toEqual(['applied']);
    const original = comment('8001');

    const department = new TestClient();
    const rewrite = department.mutation('8001', { type: 'flag', flag: 'spam', on: true }, '2026-11-20T11:00:00.000Z');
    rewrite.item = { ...rewrite.item, text: 'Rewritten by a department user', author: { name: 'Someone else' } };
    expect(outcomes(await department.push(server.app, server.users.hallmarking, [rewrite]))).toEqual(['applied']);
    expect(await storedItem('x:8001')).toEqual(original);

    const stale = new TestClient();
    const older = stale.mutation('8001', { type: 'flag', flag: 'rumour', on: true }, '2026-11-20T09:30:00.000Z');
    older.item = { ...older.item, text: 'An older reading' };
    expect(outcomes(await stale.push(server.app, server.users.moderator2, [older]))).toEqual(['applied']);
    expect(await storedItem('x:8001')).toEqual(original);

    const newer = stale.mutation('8001', { type: 'flag', flag: 'abusive', on: true }, '2026-11-20T12:00:00.000Z');
    newer.item = { ...newer.item, text: 'Edited on X since', permalink: 'https://twitter.com/citizen/status/8001' };
    expect(outcomes(await stale.push(server.app, server.users.moderator2, [newer]))).toEqual(['applied']);
    expect(await storedItem('x:8001')).toMatchObject({
      text: 'Edited on X since',
      permalink: 'https://twitter.com/citizen/status/8001',
      createdAt: original.createdAt,
    });
  });

  it('rejects permalinks that are not https:// links on the platform’s own hosts, naming the field', async () => {
    const client = new TestClient();
    const links = ['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'https://evil.example/x.com', 'http://x.com/a/status/1'];
    const batch = links.map((permalink, i) => {
      const m = client.assign(`810${i}`, 'hallmarking');
      m.item = { ...m.item, permalink };
      return m;
    });
    const facebook = client.assign('8110', 'hallmarking');
    facebook.item = { ...facebook.item, platform: 'facebook', permalink: 'https://m.facebook.com/story.php?id=1&comment_id=8110' };
    const response = await client.push(server.app, server.users.moderator, [...batch, facebook]);
    const results = PushResponse.parse(response.json()).results;
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'applied']);
    for (const result of results.slice(0, 4)) {
      expect(result.outcome === 'rejected' && result.reason).toContain("item.permalink: not an https:// link on the platform's own site");
    }
  });

  it('migration 0006 replaces permalinks stored before they were checked, so every client can parse the row', async () => {
    const bad = (id: string, platform: 'x' | 'facebook', permalink: string) => {
      const triage = { key: `${platform}:${id}`, item: { ...comment(id), platform, permalink }, departmentId: null, flags: [], cannedUsed: [], replies: [], overrides: [], updatedAt: '2026-11-20T10:00:00.000Z', version: 1 };
      return { key: triage.key, version: 1, triage: triage as unknown as Triage, updatedAt: new Date(triage.updatedAt) };
    };
    await server.database.db.insert(schema.items).values([
      bad('8201', 'x', 'javascript:alert(1)'),
      bad('8202', 'facebook', 'https://evil.example/'),
      bad('8203', 'x', 'https://x.com/ok/status/8203'),
    ]);
    const migration = readFileSync(new URL('../../server/db/migrations/0006_safe_permalinks.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await server.database.db.execute(sql.raw(statement));
    const stored = await server.database.db.select().from(schema.items);
    const permalinks = Object.fromEntries(stored.map((row) => [row.key, row.triage.item.permalink]));
    expect(permalinks['x:8201']).toBe('https://x.com/i/web/status/8201');
    expect(permalinks['facebook:8202']).toBe('https://www.facebook.com/');
    expect(permalinks['x:8203']).toBe('https://x.com/ok/status/8203');
    for (const row of stored) expect(CommentItem.safeParse(row.triage.item).success, row.key).toBe(true);
  });
});
