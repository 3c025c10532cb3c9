import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, OrgResponse, PushResponse } from '../../lib/contract/api';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

const HALF_EMOJI = 'cut mid-emoji \ud83d';
const LOW_HALF = '\ude00 starts with half an emoji';

describe.each(DATABASE_KINDS)('text PostgreSQL cannot store, on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  it('rejects just the mutation with a lone surrogate or NUL, naming the field, and applies the rest', async () => {
    const client = new TestClient();
    const poisoned = { ...client.assign('7001', 'hallmarking'), item: { ...client.assign('7001', null).item, text: HALF_EMOJI } };
    poisoned.seq = 1;
    const author = client.assign('7002', 'hallmarking');
    author.item = { ...author.item, author: { name: LOW_HALF } };
    const reply = client.mutation('7003', { type: 'recordReply', stage: 'interim', text: 'नमस्ते\u0000' });
    const good = client.assign('7004', 'hallmarking');
    const canned = client.mutation('7004', { type: 'useCanned', cannedId: 'x\udbff' });
    const response = await client.push(server.app, server.users.moderator, [poisoned, author, reply, good, canned]);
    expect(response.statusCode).toBe(200);
    const results = PushResponse.parse(response.json()).results;
    expect(results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'applied', 'rejected']);
    const reasons = results.map((r) => (r.outcome === 'rejected' ? r.reason : ''));
    expect(reasons[0]).toBe('item.text: contains a lone UTF-16 surrogate (half of an emoji or other character)');
    expect(reasons[1]).toContain('item.author.name');
    expect(reasons[2]).toContain('op.text: contains a NUL character');
    expect(reasons[4]).toContain('op.cannedId');

    // A repeat gets the same answer (the rejection was stored), and the queue behind it syncs.
    const again = await client.push(server.app, server.users.moderator, [poisoned, good]);
    expect(PushResponse.parse(again.json()).results.map((r) => r.outcome)).toEqual(['rejected', 'applied']);
  });

  it('answers 400 with the path for unstorable text on every other route, storing nothing', async () => {
    const departments = structuredClone(DEMO_ORG.departments);
    departments[0]!.name.hi = HALF_EMOJI;
    const cases: Array<['POST' | 'PUT', string, unknown, Array<string | number>]> = [
      ['PUT', '/org/departments', { departments }, ['departments', 0, 'name', 'hi']],
      ['PUT', '/org/handles', { handles: { x: [], facebook: [LOW_HALF] } }, ['handles', 'facebook', 0]],
      [
        'PUT',
        '/org/canned-replies',
        { cannedReplies: [{ id: 'r\ud800', title: { en: 'T' }, text: { en: 'Hello' } }] },
        ['cannedReplies', 0, 'id'],
      ],
      ['POST', '/users', { email: 'x@bis.example.in', name: HALF_EMOJI, role: 'moderator', password: 'long enough password' }, ['name']],
      ['POST', '/auth/login', { email: 'admin@bis.example.in', password: `pass${LOW_HALF}` }, ['password']],
      ['POST', '/auth/login', { email: 'admin@bis.example.in', password: 'a\u0000b' }, ['password']],
    ];
    for (const [method, url, payload, path] of cases) {
      const response = await server.app.inject({ method, url, payload: payload as object, headers: bearer(server.users.admin) });
      expect(response.statusCode, url).toBe(400);
      expect(ApiError.parse(response.json()).issues, url).toEqual([{ in: 'body', path, message: expect.stringMatching(/surrogate|NUL/) }]);
    }
    const query = await server.app.inject({ method: 'GET', url: '/items?department=%ED%A0%80', headers: bearer(server.users.admin) });
    expect(query.statusCode).toBe(400);
    const org = OrgResponse.parse((await server.app.inject({ method: 'GET', url: '/org', headers: bearer(server.users.admin) })).json());
    expect(org.orgVersion).toBe(1);
  });
});
