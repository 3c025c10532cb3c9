import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, MeResponse, ROLES, type Role } from '../../lib/contract/api';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { buildApp } from '../../server/app';
import {
  bearer,
  DATABASE_KINDS,
  PASSWORD,
  signIn,
  startTestServer,
  TestClient,
  type TestServer,
} from './server-harness';

type Method = 'GET' | 'POST' | 'PUT';
const client = new TestClient();

/** Every route but /health and /auth/login, with who may call it and a request that passes validation when allowed. */
const ROUTES: Array<{ method: Method; url: string; roles: readonly Role[]; payload?: unknown }> = [
  { method: 'GET', url: '/auth/me', roles: ROLES },
  { method: 'GET', url: '/users', roles: ['admin'] },
  { method: 'POST', url: '/users', roles: ['admin'], payload: {} },
  { method: 'GET', url: '/org', roles: ROLES },
  { method: 'PUT', url: '/org/departments', roles: ['admin'], payload: { departments: DEMO_ORG.departments } },
  { method: 'PUT', url: '/org/sla', roles: ['admin'], payload: { sla: DEMO_ORG.sla } },
  { method: 'PUT', url: '/org/handles', roles: ['admin'], payload: { handles: DEMO_ORG.handles } },
  { method: 'PUT', url: '/org/approvals', roles: ['admin'], payload: { approvals: DEMO_ORG.approvals } },
  { method: 'POST', url: '/auth/away', roles: ['approver'], payload: { away: false } },
  { method: 'GET', url: '/approvers', roles: ['admin', 'moderator', 'approver'] },
  { method: 'PUT', url: '/org/canned-replies', roles: ['admin'], payload: { cannedReplies: [] } },
  { method: 'PUT', url: '/org/rule-packs', roles: ['admin'], payload: { rulePacks: [] } },
  { method: 'POST', url: '/sync/push', roles: ROLES, payload: { clientId: client.clientId, mutations: [client.assign('1', null)] } },
  { method: 'GET', url: '/sync/pull?cursor=0', roles: ROLES },
  { method: 'GET', url: '/items', roles: ['admin', 'moderator', 'approver', 'department'] },
  { method: 'GET', url: '/audit', roles: ['admin', 'approver'] },
];

const userOfRole: Record<Role, 'admin' | 'moderator' | 'hallmarking' | 'approver'> = {
  admin: 'admin',
  moderator: 'moderator',
  department: 'hallmarking',
  approver: 'approver',
};

describe.each(DATABASE_KINDS)('server auth and roles on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { loginRateLimit: { max: 4, timeWindowMs: 60_000 } });
  });
  afterAll(() => server?.close());

  it('answers /health without signing in, naming the database', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ version: expect.any(String), database: kind });
  });

  it('signs in with e-mail (any case) and password, and says who is signed in', async () => {
    const token = await signIn(server.app, 'Moderator@BIS.example.in');
    const me = await server.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(MeResponse.parse(me.json()).user).toMatchObject({ email: 'moderator@bis.example.in', role: 'moderator', departmentId: null });
  });

  it('refuses a wrong password or unknown e-mail with 401 and the same message', async () => {
    const wrong = await server.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'admin@bis.example.in', password: 'nope' } });
    const unknown = await server.app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'nobody@bis.example.in', password: PASSWORD } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(ApiError.parse(wrong.json()).message).toBe(ApiError.parse(unknown.json()).message);
  });

  it('limits login attempts per e-mail: 429 after the limit, even with the right password', async () => {
    const attempt = (email: string, password: string) =>
      server.app.inject({ method: 'POST', url: '/auth/login', payload: { email, password } });
    const email = 'guessed@bis.example.in';
    const added = await server.app.inject({
      method: 'POST',
      url: '/users',
      headers: bearer(server.users.admin),
      payload: { email, name: 'G. Uessed', role: 'moderator', password: PASSWORD },
    });
    expect(added.statusCode).toBe(201);
    for (let i = 0; i < 4; i++) expect((await attempt(email, `guess-${i}`)).statusCode).toBe(401);
    expect((await attempt(email, PASSWORD)).statusCode).toBe(429);
    // Another account from the same address is not locked out.
    expect((await attempt('moderator2@bis.example.in', PASSWORD)).statusCode).toBe(200);
  });

  it('answers 401 to a missing, malformed, unknown or revoked token on every route', async () => {
    const token = await signIn(server.app, 'moderator2@bis.example.in');
    const logout = await server.app.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(logout.statusCode).toBe(204);
    const headers = [
      {},
      { authorization: 'Basic abc' },
      { authorization: 'Bearer short' },
      { authorization: `Bearer ${'A'.repeat(43)}` },
      { authorization: `Bearer ${token}` },
    ];
    for (const route of ROUTES) {
      for (const h of headers) {
        const response = await server.app.inject({ method: route.method, url: route.url, headers: h, payload: route.payload as object });
        expect(response.statusCode, `${route.method} ${route.url} with ${JSON.stringify(h)}`).toBe(401);
      }
    }
  });

  it('answers 401 once a token has expired', async () => {
    const shortLived = await buildApp({ database: server.database, tokenTtlMs: 30 });
    try {
      const token = await signIn(shortLived, 'moderator@bis.example.in');
      await new Promise((resolve) => setTimeout(resolve, 60));
      const me = await shortLived.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode).toBe(401);
    } finally {
      await shortLived.close();
    }
  });

  it('answers 403 to every role a route does not admit, and lets admitted roles through', async () => {
    for (const route of ROUTES) {
      for (const role of ROLES) {
        const user = server.users[userOfRole[role]];
        const response = await server.app.inject({ method: route.method, url: route.url, headers: bearer(user), payload: route.payload as object });
        const label = `${role} ${route.method} ${route.url}`;
        if (route.roles.includes(role)) {
          expect([401, 403], label).not.toContain(response.statusCode);
          expect(response.statusCode, label).toBeLessThan(500);
        } else {
          expect(response.statusCode, label).toBe(403);
        }
      }
    }
  });

  it('lets a department contact read only its own queue', async () => {
    const own = await server.app.inject({ method: 'GET', url: '/items?department=hallmarking', headers: bearer(server.users.hallmarking) });
    const other = await server.app.inject({ method: 'GET', url: '/items?department=certification', headers: bearer(server.users.hallmarking) });
    expect(own.statusCode).toBe(200);
    expect(other.statusCode).toBe(403);
  });

  it('lets an admin add users, refusing duplicates and department users without a known department', async () => {
    const add = (payload: object) => server.app.inject({ method: 'POST', url: '/users', headers: bearer(server.users.admin), payload });
    const created = await add({ email: 'lab.opc@bis.example.in', name: 'M. Reddy', role: 'department', departmentId: 'laboratory', password: PASSWORD });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ role: 'department', departmentId: 'laboratory' });
    expect(await signIn(server.app, 'lab.opc@bis.example.in')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await add({ email: 'LAB.opc@bis.example.in', name: 'Again', role: 'moderator', password: PASSWORD })).statusCode).toBe(409);
    expect((await add({ email: 'x@bis.example.in', name: 'X', role: 'department', password: PASSWORD })).statusCode).toBe(400);
    expect((await add({ email: 'y@bis.example.in', name: 'Y', role: 'department', departmentId: 'no-such', password: PASSWORD })).statusCode).toBe(400);
    const list = await server.app.inject({ method: 'GET', url: '/users', headers: bearer(server.users.admin) });
    expect(list.json().users.map((u: { email: string }) => u.email)).toContain('lab.opc@bis.example.in');
    expect(JSON.stringify(list.json())).not.toMatch(/scrypt|password/i);
  });

  it('admits only extension origins through CORS', async () => {
    const preflight = (origin: string) =>
      server.app.inject({
        method: 'OPTIONS',
        url: '/sync/push',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const chrome = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const firefox = 'moz-extension://0b5f8e0e-3c4a-4b8e-9f1a-2d3c4b5a6f7e';
    expect((await preflight(chrome)).headers['access-control-allow-origin']).toBe(chrome);
    expect((await preflight(firefox)).headers['access-control-allow-origin']).toBe(firefox);
    expect((await preflight('https://x.com')).headers['access-control-allow-origin']).toBeUndefined();

    const pinned = await buildApp({ database: server.database, extensionOrigins: ['abcdefghijklmnopabcdefghijklmnop'] });
    try {
      const other = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';
      const ask = (origin: string) =>
        pinned.inject({ method: 'OPTIONS', url: '/org', headers: { origin, 'access-control-request-method': 'GET' } });
      expect((await ask(chrome)).headers['access-control-allow-origin']).toBe(chrome);
      expect((await ask(other)).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await pinned.close();
    }
  });
});
