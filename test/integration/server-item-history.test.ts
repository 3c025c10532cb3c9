import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemHistoryResponse } from '../../lib/contract/api';
import { bearer, startTestServer, TestClient, type TestServer } from './server-harness';

// GET /items/:key/history, as the side panel needs it (the minimal route: the item's audit events).
describe('an item’s history', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite');
  });
  afterAll(() => server?.close());

  it('lists every change of the item, oldest first, with who made it, for whoever may see the item', async () => {
    const moderator = new TestClient();
    await moderator.push(server.app, server.users.moderator, [
      moderator.mutation('9101', { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null }),
      moderator.mutation('9101', { type: 'override', ruleIds: ['tone.polite'], reason: 'Quoting the citizen', text: 'draft' }),
    ]);
    const contact = new TestClient();
    await contact.push(server.app, server.users.hallmarking, [contact.mutation('9101', { type: 'note', text: 'Asked the lab' })]);

    const history = async (user: TestServer['users'][keyof TestServer['users']]) =>
      server.app.inject({ method: 'GET', url: '/items/x:9101/history', headers: bearer(user) });
    const answer = await history(server.users.hallmarking);
    expect(answer.statusCode).toBe(200);
    const { events } = ItemHistoryResponse.parse(answer.json());
    expect(events.map((e) => [(e.detail.op as { type: string }).type, e.actor?.name])).toEqual([
      ['assign', 'M. Moderator'],
      ['override', 'M. Moderator'],
      ['note', 'A. Sharma'],
    ]);
    expect((events[1]!.detail.op as { reason: string }).reason).toBe('Quoting the citizen');

    // Another department's contact learns nothing of it; an unknown key neither.
    expect((await history(server.users.certification)).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: '/items/x:0000/history', headers: bearer(server.users.moderator) })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: '/items/not-a-key/history', headers: bearer(server.users.moderator) })).statusCode).toBe(400);
  });
});
