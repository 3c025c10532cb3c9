import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemHistoryResponse, OrgResponse, PullResponse, PushResponse } from '../../lib/contract/api';
import type { SlaPolicyInput } from '../../lib/contract/org';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { rowsOf } from '../../server/db/connect';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

// The harness's comments were written on Friday 20 November 2026, 09:00Z (14:30 in Kolkata).
const WEEKDAYS = { start: '10:00', end: '18:00' };
const OFFICE_POLICY: SlaPolicyInput = {
  ...DEMO_ORG.sla,
  officeHours: [WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, WEEKDAYS, null, null],
  holidays: [{ date: '2026-11-23', name: 'A state holiday' }],
};

describe.each(DATABASE_KINDS)('due times on the server’s clock, on %s', (kind) => {
  let server: TestServer;
  let now = new Date('2026-11-20T10:00:00.000Z');
  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => now });
  });
  afterAll(() => server?.close());

  const push = async (client: TestClient, mutations: Parameters<TestClient['push']>[2], user = server.users.moderator) => {
    const response = await client.push(server.app, user, mutations);
    expect(response.statusCode, response.body).toBe(200);
    return PushResponse.parse(response.json());
  };
  const pull = async (cursor: number, user: { token: string } = server.users.moderator2) => {
    const response = await server.app.inject({ method: 'GET', url: `/sync/pull?cursor=${cursor}`, headers: bearer(user) });
    expect(response.statusCode).toBe(200);
    return PullResponse.parse(response.json());
  };
  const columns = async (key: string) =>
    rowsOf<{ status: string; work: string | null; comment_at: string; interim_due_at: string | null; final_due_at: string | null; version: number }>(
      await server.database.db.execute(sql`
        SELECT status, work, to_char(comment_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS comment_at,
          to_char(interim_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS interim_due_at,
          to_char(final_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS final_due_at, version::float8 AS version
        FROM items WHERE key = ${key}`),
    )[0];
  const see = (client: TestClient, id: string) => client.mutation(id, { type: 'see', work: 'reply_to_body', firstSeenAt: now.toISOString() });

  it('stamps a seen comment with both due times and answers with the server’s time', async () => {
    const client = new TestClient();
    const answer = await push(client, [see(client, '7001')]);
    expect(answer.serverTime).toBe('2026-11-20T10:00:00.000Z');
    const [result] = answer.results;
    expect(result?.outcome === 'applied' && result.triage.due).toEqual({
      clockStart: '2026-11-20T09:00:00.000Z',
      interimAt: '2026-11-20T13:00:00.000Z',
      finalAt: '2026-11-20T21:00:00.000Z',
    });
    expect(await columns('x:7001')).toMatchObject({
      status: 'open',
      work: 'reply_to_body',
      comment_at: '2026-11-20T09:00',
      interim_due_at: '2026-11-20T13:00',
      final_due_at: '2026-11-20T21:00',
    });
    now = new Date('2026-11-20T10:05:00.000Z');
    expect((await pull(0)).serverTime).toBe('2026-11-20T10:05:00.000Z');
  });

  it('gives no clock to a comment that is not the team’s work', async () => {
    const client = new TestClient();
    const [result] = (await push(client, [client.mutation('7002', { type: 'flag', flag: 'rumour', on: true })])).results;
    expect(result?.outcome === 'applied' && result.triage.due).toBeUndefined();
    expect(await columns('x:7002')).toMatchObject({ work: null, interim_due_at: null, final_due_at: null });
  });

  it('changes nothing when 1,000 known comments are seen again: no version, no row, no history', async () => {
    const client = new TestClient();
    const ids = Array.from({ length: 1000 }, (_, i) => String(710_000 + i));
    for (let i = 0; i < ids.length; i += 500) await push(client, ids.slice(i, i + 500).map((id) => see(client, id)));
    const before = await pull(0);
    const historyBefore = await history('x:710000');
    const again = new TestClient();
    for (let i = 0; i < ids.length; i += 500) {
      const answer = await push(again, ids.slice(i, i + 500).map((id) => see(again, id)));
      expect(answer.version).toBe(before.cursor);
      expect(answer.results.every((r) => r.outcome === 'applied')).toBe(true);
    }
    const after = await pull(before.cursor);
    expect(after.rows).toEqual([]);
    expect(after.cursor).toBe(before.cursor);
    expect(await history('x:710000')).toEqual(historyBefore);
  });

  it('keeps both deadlines once the replies are seen and the item is closed: the reports count them', async () => {
    const client = new TestClient();
    await push(client, [see(client, '7003')]);
    const stamped = { interimAt: '2026-11-20T13:00:00.000Z', finalAt: '2026-11-20T21:00:00.000Z' };
    const posted = await push(client, [client.mutation('7003', { type: 'recordReply', stage: 'interim', text: 'We are looking into it.' })]);
    expect(posted.results[0]?.outcome === 'applied' && posted.results[0].triage.due).toMatchObject(stamped);
    const seen = await push(client, [
      client.mutation('7003', { type: 'recordReply', stage: 'interim', text: 'We are looking into it.', source: 'seen', replyId: '99001' }),
    ]);
    expect(seen.results[0]?.outcome === 'applied' && seen.results[0].triage.due).toMatchObject(stamped);
    expect(await columns('x:7003')).toMatchObject({ interim_due_at: '2026-11-20T13:00', final_due_at: '2026-11-20T21:00' });
    const closed = await push(client, [client.mutation('7003', { type: 'close', reason: 'answered_elsewhere' })]);
    expect(closed.results[0]?.outcome === 'applied' && closed.results[0].triage.due).toMatchObject(stamped);
    expect(await columns('x:7003')).toMatchObject({ status: 'closed', interim_due_at: '2026-11-20T13:00', final_due_at: '2026-11-20T21:00' });
  });

  it('restamps every open item when an admin changes the policy, with a new version for pulls', async () => {
    const client = new TestClient();
    await push(client, [see(client, '7004'), see(client, '7005'), client.mutation('7005', { type: 'close', reason: 'spam' })]);
    const before = await pull(0);
    const response = await server.app.inject({ method: 'PUT', url: '/org/sla', headers: bearer(server.users.admin), payload: { sla: OFFICE_POLICY } });
    expect(response.statusCode, response.body).toBe(200);
    expect(OrgResponse.parse(response.json()).org.sla.officeHours?.[0]).toEqual(WEEKDAYS);
    const after = await pull(before.cursor);
    const restamped = after.rows.find((row) => row.key === 'x:7004');
    // Friday 14:30 IST: 3½ h on Friday, Monday a holiday, the rest from Tuesday's opening.
    expect(restamped?.due).toEqual({
      clockStart: '2026-11-20T09:00:00.000Z',
      interimAt: '2026-11-24T05:00:00.000Z',
      finalAt: '2026-11-25T05:00:00.000Z',
    });
    expect(restamped?.version).toBe(after.cursor);
    expect(after.cursor).toBeGreaterThan(before.cursor);
    expect(await columns('x:7004')).toMatchObject({ interim_due_at: '2026-11-24T05:00', final_due_at: '2026-11-25T05:00' });
    // A closed item keeps the deadlines it was answered against: it is not rewritten.
    expect(after.rows.some((row) => row.key === 'x:7005')).toBe(false);
    // The next push stamps with the new policy.
    const [fresh] = (await push(client, [see(client, '7006')])).results;
    expect(fresh?.outcome === 'applied' && fresh.triage.due?.interimAt).toBe('2026-11-24T05:00:00.000Z');
    // The same policy again moves nothing.
    const version = (await pull(after.cursor)).cursor;
    await server.app.inject({ method: 'PUT', url: '/org/sla', headers: bearer(server.users.admin), payload: { sla: OFFICE_POLICY } });
    expect((await pull(version)).rows).toEqual([]);
  });

  it('clears the clock of unassigned items when it starts at assignment, and starts it when one is assigned', async () => {
    now = new Date('2026-11-20T12:00:00.000Z');
    const client = new TestClient();
    await push(client, [see(client, '7007')]);
    const byAssignment = { ...DEMO_ORG.sla, clockStartsAt: 'assignment' as const };
    const put = await server.app.inject({ method: 'PUT', url: '/org/sla', headers: bearer(server.users.admin), payload: { sla: byAssignment } });
    expect(put.statusCode).toBe(200);
    expect(await columns('x:7007')).toMatchObject({ interim_due_at: null, final_due_at: null });
    const assign = client.mutation('7007', { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }, '2026-11-20T11:00:00.000Z');
    const [result] = (await push(client, [assign])).results;
    expect(result?.outcome === 'applied' && result.triage.due).toEqual({
      clockStart: '2026-11-20T11:00:00.000Z',
      interimAt: '2026-11-20T15:00:00.000Z',
      finalAt: '2026-11-20T23:00:00.000Z',
    });
    // A client clock an hour ahead of the server's starts the clock at the server's time, not later.
    const seen = see(client, '7008');
    const ahead = client.mutation('7008', { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }, new Date(now.getTime() + 3600_000).toISOString());
    const [early] = (await push(client, [seen, ahead])).results.slice(1);
    expect(early?.outcome === 'applied' && early.triage.due?.clockStart).toBe(now.toISOString());
  });

  const history = async (key: string, user: { token: string } = server.users.moderator2) => {
    const response = await server.app.inject({ method: 'GET', url: `/items/${key}/history`, headers: bearer(user) });
    return { status: response.statusCode, body: response.body, events: response.statusCode === 200 ? ItemHistoryResponse.parse(response.json()).events : [] };
  };

  it('tells an item’s history oldest first, with who did what, to whoever may see the item', async () => {
    const client = new TestClient();
    await push(client, [see(client, '7010'), client.assign('7010', 'hallmarking')]);
    const contact = new TestClient();
    await push(contact, [contact.mutation('7010', { type: 'accept' }), contact.mutation('7010', { type: 'note', text: 'Asked the lab for the report.' })], server.users.hallmarking);
    const { status, events } = await history('x:7010');
    expect(status).toBe(200);
    expect(events.map((e) => [(e.detail.op as { type: string }).type, e.actor?.name])).toEqual([
      ['see', 'M. Moderator'],
      ['assign', 'M. Moderator'],
      ['accept', 'A. Sharma'],
      ['note', 'A. Sharma'],
    ]);
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    expect((await history('x:7010', server.users.hallmarking)).status).toBe(200);
    // Another department's contact, and anyone asking for a key that does not exist, learn nothing.
    const foreign = await history('x:7010', server.users.certification);
    const unknown = await history('x:7999', server.users.certification);
    expect([foreign.status, unknown.status]).toEqual([404, 404]);
    expect(foreign.body).toBe(unknown.body.replace('x:7999', 'x:7010'));
    expect(foreign.body).not.toContain('hallmarking');
    expect((await history('not-a-key')).status).toBe(400);
  });
});
