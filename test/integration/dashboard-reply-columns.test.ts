import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../lib/contract/api';
import { OverviewResponse } from '../../lib/contract/reports';
import type { Triage } from '../../lib/contract/triage';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { provenReplyTimes } from '../../lib/triage/due';
import { rowsOf } from '../../server/db/connect';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

const MIGRATIONS = join(import.meta.dirname, '../../server/db/migrations');

/**
 * The reports read the clock's start and the first proven replies' times from columns of the items row
 * (migration 0008), not from the triage: every write that records a reply, and every restamping of the
 * due times, must keep them what the triage says, or the dashboard's figures drift from the items.
 */
describe.each(DATABASE_KINDS)('the reply times and flags stored for the reports, on %s', (kind) => {
  let server: TestServer;
  const now = new Date('2026-11-21T10:00:00.000Z');
  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => now });
  });
  afterAll(() => server?.close());

  const push = async (client: TestClient, mutations: Parameters<TestClient['push']>[2]) => {
    const response = await client.push(server.app, server.users.moderator, mutations);
    expect(response.statusCode, response.body).toBe(200);
    const answer = PushResponse.parse(response.json());
    expect(answer.results.map((r) => r.outcome)).toEqual(mutations.map(() => 'applied'));
    return answer;
  };
  const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());
  const stored = async (key: string) => {
    const [row] = rowsOf<{ clock_start_at: string | Date | null; first_reply_at: string | Date | null; final_reply_at: string | Date | null }>(
      await server.database.db.execute(sql`SELECT clock_start_at, first_reply_at, final_reply_at FROM items WHERE key = ${key}`),
    );
    return { clockStartAt: iso(row!.clock_start_at), firstReplyAt: iso(row!.first_reply_at), finalReplyAt: iso(row!.final_reply_at) };
  };
  /** Every row's columns against its triage, as lib/triage/due.ts reads it. */
  const everyRowAgrees = async () => {
    const rows = rowsOf<{ key: string; clock_start_at: string | Date | null; first_reply_at: string | Date | null; final_reply_at: string | Date | null; flags: string[]; triage: Triage | string }>(
      await server.database.db.execute(sql`SELECT key, clock_start_at, first_reply_at, final_reply_at, flags, triage FROM items ORDER BY key`),
    );
    for (const row of rows) {
      const triage = (typeof row.triage === 'string' ? JSON.parse(row.triage) : row.triage) as Triage;
      const times = provenReplyTimes(triage.replies);
      expect([row.key, iso(row.clock_start_at), iso(row.first_reply_at), iso(row.final_reply_at), row.flags]).toEqual([
        row.key,
        iso(triage.due?.clockStart ?? triage.item.createdAt),
        iso(times.firstReplyAt),
        iso(times.finalReplyAt),
        triage.flags,
      ]);
    }
    return rows.length;
  };
  const overview = async () => {
    const response = await server.app.inject({ method: 'GET', url: '/reports/overview?from=2026-11-20&to=2026-11-20', headers: bearer(server.users.admin) });
    expect(response.statusCode, response.body).toBe(200);
    return OverviewResponse.parse(response.json());
  };
  const see = (client: TestClient, id: string) => client.mutation(id, { type: 'see', work: 'reply_to_body', firstSeenAt: now.toISOString() });
  let replyIds = 0;
  const reply = (stage: 'interim' | 'final', source: 'composer' | 'seen' | 'manual', postedAt?: string) =>
    ({
      type: 'recordReply',
      stage,
      text: `${stage} reply`,
      source,
      ...(source === 'composer' ? {} : { permalink: `https://x.com/IndianStandards/status/9${++replyIds}`, replyId: `9${replyIds}` }),
      ...(postedAt ? { postedAt } : {}),
    }) as const;

  it('follows every reply recorded: a composer reply counts for nothing, the first seen or marked one of each stage counts', async () => {
    const client = new TestClient();
    await push(client, [see(client, '8001')]);
    // The harness's comments came at 09:00Z on 20 November; the demo policy's clock runs from the comment.
    expect(await stored('x:8001')).toEqual({ clockStartAt: '2026-11-20T09:00:00.000Z', firstReplyAt: null, finalReplyAt: null });

    await push(client, [client.mutation('8001', reply('interim', 'composer'))]);
    expect(await stored('x:8001')).toMatchObject({ firstReplyAt: null, finalReplyAt: null });

    // Seen on the page: the site's own time counts, not when the browser saw it.
    await push(client, [client.mutation('8001', reply('interim', 'seen', '2026-11-20T10:30:00.000Z'))]);
    expect(await stored('x:8001')).toMatchObject({ firstReplyAt: '2026-11-20T10:30:00.000Z', finalReplyAt: null });

    // A later interim reply does not move the first; a final marked by hand (no site time) counts when recorded.
    const markedAt = '2026-11-20T18:00:00.000Z';
    await push(client, [client.mutation('8001', reply('interim', 'seen', '2026-11-20T11:00:00.000Z')), client.mutation('8001', reply('final', 'manual'), markedAt)]);
    const after = await stored('x:8001');
    expect(after.firstReplyAt).toBe('2026-11-20T10:30:00.000Z');
    expect(after.finalReplyAt).toBe(markedAt);

    // Flags set and cleared are copied too.
    await push(client, [client.mutation('8001', { type: 'flag', flag: 'sub_judice', on: true }), client.mutation('8001', { type: 'flag', flag: 'rumour', on: true })]);
    await push(client, [client.mutation('8001', { type: 'flag', flag: 'rumour', on: false })]);

    // The figures read these columns: 1 h 30 to the interim reply.
    const figures = await overview();
    expect(figures.interim.medianSeconds).toBe(90 * 60);
    expect(figures.interim).toMatchObject({ met: 1, missed: 0 });
    expect(figures.flags).toEqual([{ flag: 'sub_judice', count: 1 }]);
    expect(await everyRowAgrees()).toBeGreaterThan(0);
  });

  it('follows the clock when a new policy restamps the open items', async () => {
    const client = new TestClient();
    await push(client, [see(client, '8002')]);
    await push(client, [client.mutation('8002', { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }, '2026-11-20T10:00:00.000Z')]);
    expect((await stored('x:8002')).clockStartAt).toBe('2026-11-20T09:00:00.000Z');

    const byAssignment = { ...DEMO_ORG.sla, clockStartsAt: 'assignment' as const };
    const put = await server.app.inject({ method: 'PUT', url: '/org/sla', headers: bearer(server.users.admin), payload: { sla: byAssignment } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await stored('x:8002')).clockStartAt).toBe('2026-11-20T10:00:00.000Z');
    // A seen reply at 11:00 is an hour after the clock's start now, not two.
    await push(client, [client.mutation('8002', reply('interim', 'seen', '2026-11-20T11:00:00.000Z'))]);
    expect(await stored('x:8002')).toMatchObject({ clockStartAt: '2026-11-20T10:00:00.000Z', firstReplyAt: '2026-11-20T11:00:00.000Z' });

    // Unassigned items lose their clock under this policy: the column falls back to the comment's time, as the figures always did.
    await push(client, [see(client, '8003')]);
    expect((await stored('x:8003')).clockStartAt).toBe('2026-11-20T09:00:00.000Z');
    await server.app.inject({ method: 'PUT', url: '/org/sla', headers: bearer(server.users.admin), payload: { sla: DEMO_ORG.sla } });
    expect(await everyRowAgrees()).toBeGreaterThanOrEqual(3);
  });

  it('are filled by the migration for the rows stored before it', async () => {
    const statements = readFileSync(join(MIGRATIONS, '0008_dash13_report_columns.sql'), 'utf8').split('--> statement-breakpoint');
    const fill = statements.find((statement) => statement.includes('UPDATE "items"'))!;
    await server.database.db.execute(sql`UPDATE items SET clock_start_at = NULL, first_reply_at = NULL, final_reply_at = NULL, flags = '{}'`);
    await server.database.db.execute(sql.raw(fill));
    expect(await everyRowAgrees()).toBeGreaterThanOrEqual(3);
  });
});
