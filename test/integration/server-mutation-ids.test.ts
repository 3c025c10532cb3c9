import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../lib/contract/api';
import { DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

describe.each(DATABASE_KINDS)('mutation ids are scoped to their user, on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  it("rejects another user's repeat of a mutation id without applying it or showing the stored row", async () => {
    const moderator = new TestClient();
    const original = moderator.assign('8501', 'certification');
    original.item = { ...original.item, text: 'Confidential: certification matter' };
    const first = PushResponse.parse((await moderator.push(server.app, server.users.moderator, [original])).json());
    expect(first.results[0]).toMatchObject({ outcome: 'applied' });

    // A department user from another department replays the id, from its own client, with its own op.
    const snooper = new TestClient();
    const replay = { ...snooper.mutation('8501', { type: 'flag', flag: 'spam', on: true }), id: original.id };
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await snooper.push(server.app, server.users.hallmarking, [replay]);
      expect(response.statusCode).toBe(200);
      const [result] = PushResponse.parse(response.json()).results;
      expect(result).toEqual({ id: original.id, seq: replay.seq, outcome: 'rejected', reason: 'this mutation id is already taken: make a new one' });
      expect(response.body).not.toMatch(/certification|Confidential/);
    }
    // The owner's repeat still answers its stored result, exactly once.
    const again = PushResponse.parse((await moderator.push(server.app, server.users.moderator, [original])).json());
    expect(again.results[0]).toEqual(first.results[0]);
  });
});
