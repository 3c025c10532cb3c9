import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/contract/api';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

/** Deterministic pseudo-random numbers (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  'x'.repeat(70_000),
  '\u0000',
  '../../etc/passwd',
  "'; DROP TABLE items; --",
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
];

/** Replaces one randomly chosen leaf or branch of `value` with a nasty value. */
function mutate(value: unknown, next: () => number): unknown {
  const nasty = NASTY_VALUES[Math.floor(next() * NASTY_VALUES.length)];
  if (value === null || typeof value !== 'object' || next() < 0.25) return nasty;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return nasty;
  const key = keys[Math.floor(next() * keys.length)]!;
  (copy as Record<string, unknown>)[key] = mutate((copy as Record<string, unknown>)[key], next);
  return copy;
}

describe.each(DATABASE_KINDS)('server bad input on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  const issuesOf = (body: unknown) => ApiError.parse(body).issues ?? [];

  it('answers a malformed push with 400 naming the zod path of the bad field', async () => {
    const client = new TestClient();
    const good = client.assign('4001', 'hallmarking');
    const response = await client.push(server.app, server.users.moderator, [good, { ...good, id: 'not-a-uuid', seq: 0 }]);
    expect(response.statusCode).toBe(400);
    const issues = issuesOf(response.json());
    expect(issues).toContainEqual(expect.objectContaining({ in: 'body', path: ['mutations', 1, 'id'] }));
    expect(issues).toContainEqual(expect.objectContaining({ in: 'body', path: ['mutations', 1, 'seq'] }));
    expect(ApiError.parse(response.json()).message).toContain('body.mutations.1.id');
  });

  it('answers bad query parameters and login bodies with 400 and their path', async () => {
    const cases: Array<[string, string, object | undefined, string[]]> = [
      ['GET', '/sync/pull?cursor=-1', undefined, ['cursor']],
      ['GET', '/sync/pull?cursor=abc', undefined, ['cursor']],
      ['GET', '/sync/pull?cursor=1e400', undefined, ['cursor']],
      ['GET', '/audit?limit=0', undefined, ['limit']],
      ['GET', '/items?department=Not%20An%20Id', undefined, ['department']],
      ['POST', '/auth/login', { email: 'not an e-mail', password: 'x' }, ['email']],
    ];
    for (const [method, url, payload, path] of cases) {
      const response = await server.app.inject({ method: method as 'GET', url, payload, headers: bearer(server.users.admin) });
      expect(response.statusCode, url).toBe(400);
      expect(issuesOf(response.json()).map((i) => i.path), url).toContainEqual(path);
    }
  });

  it('answers broken JSON, a wrong content type and an oversized body with 4xx', async () => {
    const send = (payload: string, contentType: string) =>
      server.app.inject({
        method: 'POST',
        url: '/sync/push',
        headers: { ...bearer(server.users.moderator), 'content-type': contentType },
        payload,
      });
    expect((await send('{"clientId": ', 'application/json')).statusCode).toBe(400);
    expect((await send('clientId=1', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    expect((await send(JSON.stringify({ junk: 'x'.repeat(5 * 1024 * 1024) }), 'application/json')).statusCode).toBe(413);
    expect((await server.app.inject({ method: 'GET', url: '/no/such/route' })).statusCode).toBe(404);
  });

  it('never answers 500 to any mangled request on any route', async () => {
    const client = new TestClient();
    const validBodies: Array<['POST' | 'PUT', string, unknown]> = [
      ['POST', '/auth/login', { email: 'admin@bis.example.in', password: 'x' }],
      ['POST', '/users', { email: 'new@bis.example.in', name: 'N', role: 'department', departmentId: 'nits', password: 'long enough password' }],
      ['PUT', '/org/departments', { departments: DEMO_ORG.departments }],
      ['PUT', '/org/sla', { sla: DEMO_ORG.sla }],
      ['PUT', '/org/handles', { handles: DEMO_ORG.handles }],
      ['PUT', '/org/canned-replies', { cannedReplies: [] }],
      ['PUT', '/org/rule-packs', { rulePacks: [{ id: 'p', name: 'P', languages: ['en'], version: '1.0.0', rules: [] }] }],
      [
        'POST',
        '/sync/push',
        {
          clientId: client.clientId,
          mutations: [
            client.assign('5001', 'hallmarking'),
            client.mutation('5001', { type: 'override', ruleIds: ['r1'], reason: 'approved by head', text: 'reply' }),
          ],
        },
      ],
    ];
    const next = random(20261123);
    const failures: string[] = [];
    for (let round = 0; round < 40; round++) {
      for (const [method, url, body] of validBodies) {
        const payload = mutate(body, next);
        const response = await server.app.inject({
          method,
          url,
          headers: { ...bearer(server.users.admin), 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        if (response.statusCode >= 500) failures.push(`${method} ${url} ${JSON.stringify(payload).slice(0, 300)} → ${response.body}`);
      }
    }
    const queries = ['/sync/pull?cursor=', '/audit?after=', '/audit?itemKey=', '/items?limit=', '/items?department=', '/items?open='];
    const odd = ['', '-0', '0x10', '%00', '9'.repeat(400), 'null', '[]', 'x:1%00', '1&cursor=2', 'Infinity'];
    for (const q of queries) {
      for (const value of odd) {
        const response = await server.app.inject({ method: 'GET', url: q + value, headers: bearer(server.users.admin) });
        if (response.statusCode >= 500) failures.push(`GET ${q}${value} → ${response.body}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
