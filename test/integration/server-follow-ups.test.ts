// Follow-up queries (KMC circular 19): a later comment of the same author in the same thread links to their
// open item, and the server records the link on both items, so every moderator's and the department's queue
// shows it on both rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullResponse, PushResponse } from '../../lib/contract/api';
import type { Triage } from '../../lib/contract/triage';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

describe.each(DATABASE_KINDS)('follow-ups recorded on both items, on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  const push = async (client: TestClient, mutations: Parameters<TestClient['push']>[2], user = server.users.moderator) => {
    const response = await client.push(server.app, user, mutations);
    expect(response.statusCode, response.body).toBe(200);
    const answer = PushResponse.parse(response.json());
    expect(answer.results.map((r) => r.outcome)).toEqual(mutations.map(() => 'applied'));
    return answer;
  };
  const rows = async (user: { token: string } = server.users.moderator2): Promise<Map<string, Triage>> => {
    const found = new Map<string, Triage>();
    for (let cursor = 0, more = true; more; ) {
      const response = await server.app.inject({ method: 'GET', url: `/sync/pull?cursor=${cursor}`, headers: bearer(user) });
      const answer = PullResponse.parse(response.json());
      for (const row of answer.rows) found.set(row.key, row);
      cursor = answer.cursor;
      more = answer.more;
    }
    return found;
  };
  const see = (client: TestClient, id: string) => client.mutation(id, { type: 'see', work: 'reply_to_body', firstSeenAt: new Date().toISOString() });

  it('lists the follower on the item it follows up, once, and both reach every puller', async () => {
    const client = new TestClient();
    await push(client, [see(client, '8001'), see(client, '8002'), client.mutation('8002', { type: 'linkFollowUp', of: 'x:8001' })]);
    let pulled = await rows();
    expect(pulled.get('x:8002')?.followUpOf).toBe('x:8001');
    expect(pulled.get('x:8001')?.followUps).toEqual(['x:8002']);
    // In a later push, a second follow-up joins the first; a repeated link (another moderator's browser) adds nothing.
    const other = new TestClient();
    await push(other, [see(other, '8003'), other.mutation('8003', { type: 'linkFollowUp', of: 'x:8001' }), other.mutation('8002', { type: 'linkFollowUp', of: 'x:8001' })], server.users.moderator2);
    pulled = await rows();
    expect(pulled.get('x:8001')?.followUps).toEqual(['x:8002', 'x:8003']);
    expect(pulled.get('x:8003')?.followUpOf).toBe('x:8001');
  });

  it('shows the link to the department the followed item is assigned to, and moves it when a follower is relinked', async () => {
    const client = new TestClient();
    await push(client, [see(client, '8101'), client.assign('8101', 'hallmarking'), see(client, '8102'), see(client, '8103')]);
    await push(client, [client.mutation('8103', { type: 'linkFollowUp', of: 'x:8101' })]);
    // The department's contact pulls their item with its follow-up listed.
    const theirs = await rows(server.users.hallmarking);
    expect(theirs.get('x:8101')?.followUps).toEqual(['x:8103']);
    // Relinked to another item, the follower leaves the first one's list.
    await push(client, [client.mutation('8103', { type: 'linkFollowUp', of: 'x:8102' })]);
    const pulled = await rows();
    expect(pulled.get('x:8101')?.followUps).toEqual([]);
    expect(pulled.get('x:8102')?.followUps).toEqual(['x:8103']);
    expect(pulled.get('x:8103')?.followUpOf).toBe('x:8102');
  });
});
