import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemHistoryResponse, ItemsResponse, PullResponse, PushResponse, type Role } from '../../lib/contract/api';
import { DEMO_ORG } from '../../lib/org/demo-org';
import * as schema from '../../server/db/schema';
import { hashPassword } from '../../server/services/passwords';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

/**
 * Every route × every role (and no sign-in) × the caller's own and a foreign department, as one table:
 * which answers each caller gets, and for the department-scoped routes, what they see or change.
 */
type Caller = Role | 'nobody';
type Scope = 'own' | 'foreign';
const CALLERS: Caller[] = ['nobody', 'admin', 'moderator', 'approver', 'department'];
const SCOPES: Scope[] = ['own', 'foreign'];
const SIGNED_IN: Role[] = ['admin', 'moderator', 'approver', 'department'];

// The department caller is Hallmarking's contact; "own" targets Hallmarking's item, "foreign" Certification's.
const DEPARTMENT_OF: Record<Scope, string> = { own: 'hallmarking', foreign: 'certification' };
const ITEM_OF: Record<Scope, string> = { own: '9901', foreign: '9902' };

interface Row {
  route: string;
  request: (scope: Scope) => InjectOptions;
  /** Who gets through (2xx); everyone else signed in gets 403, and nobody 401. */
  allowed: readonly Role[];
  /** For allowed callers: what they must see or change, by scope. */
  check?: (response: LightMyRequestResponse, caller: Role, scope: Scope) => void;
}

let throwaway = '';
const client = new TestClient();

const ROWS: Row[] = [
  { route: 'GET /auth/me', request: () => ({ method: 'GET', url: '/auth/me' }), allowed: SIGNED_IN },
  { route: 'GET /org', request: () => ({ method: 'GET', url: '/org' }), allowed: SIGNED_IN },
  { route: 'GET /users', request: () => ({ method: 'GET', url: '/users' }), allowed: ['admin'] },
  {
    route: 'POST /users',
    request: () => ({
      method: 'POST',
      url: '/users',
      payload: { email: `new-${randomUUID()}@bis.example.in`, name: 'N. New', role: 'moderator', password: 'long enough password' },
    }),
    allowed: ['admin'],
  },
  ...(['disable', 'enable', 'sign-out'] as const).map(
    (action): Row => ({ route: `POST /users/:id/${action}`, request: () => ({ method: 'POST', url: `/users/${throwaway}/${action}` }), allowed: ['admin'] }),
  ),
  {
    route: 'POST /users/:id/password',
    request: () => ({ method: 'POST', url: `/users/${throwaway}/password`, payload: { password: 'another long password' } }),
    allowed: ['admin'],
  },
  ...(
    [
      ['/org/departments', { departments: DEMO_ORG.departments }],
      ['/org/sla', { sla: DEMO_ORG.sla }],
      ['/org/approvals', { approvals: DEMO_ORG.approvals }],
      ['/org/handles', { handles: DEMO_ORG.handles }],
      ['/org/canned-replies', { cannedReplies: [] }],
      ['/org/rule-packs', { rulePacks: [] }],
      ['/org/retention', { retention: { removeAfterDays: 365 } }],
    ] as const
  ).map(([url, payload]): Row => ({ route: `PUT ${url}`, request: () => ({ method: 'PUT', url, payload }), allowed: ['admin'] })),
  { route: 'GET /audit', request: () => ({ method: 'GET', url: '/audit' }), allowed: ['admin', 'approver'] },
  { route: 'POST /auth/away', request: () => ({ method: 'POST', url: '/auth/away', payload: { away: false } }), allowed: ['approver'] },
  { route: 'GET /approvers', request: () => ({ method: 'GET', url: '/approvers' }), allowed: ['admin', 'moderator', 'approver'] },
  {
    route: 'POST /sync/push',
    request: (scope) => ({
      method: 'POST',
      url: '/sync/push',
      payload: { clientId: client.clientId, mutations: [client.mutation(ITEM_OF[scope], { type: 'flag', flag: 'needs_escalation', on: true })] },
    }),
    allowed: SIGNED_IN,
    check: (response, caller, scope) => {
      const [result] = PushResponse.parse(response.json()).results;
      const expected = caller === 'department' && scope === 'foreign' ? 'rejected' : 'applied';
      expect(result!.outcome).toBe(expected);
      if (expected === 'rejected') expect(response.body).not.toContain(DEPARTMENT_OF.foreign);
    },
  },
  {
    route: 'GET /sync/pull',
    request: () => ({ method: 'GET', url: '/sync/pull?cursor=0' }),
    allowed: SIGNED_IN,
    check: (response, caller, scope) => {
      const keys = PullResponse.parse(response.json()).rows.map((row) => row.key);
      const visible = !(caller === 'department' && scope === 'foreign');
      expect(keys.includes(`x:${ITEM_OF[scope]}`)).toBe(visible);
    },
  },
  {
    route: 'GET /items?department=',
    request: (scope) => ({ method: 'GET', url: `/items?department=${DEPARTMENT_OF[scope]}` }),
    allowed: SIGNED_IN,
    check: (response, _caller, scope) => {
      expect(ItemsResponse.parse(response.json()).items.map((item) => item.key)).toContain(`x:${ITEM_OF[scope]}`);
    },
  },
  {
    route: 'GET /items',
    request: () => ({ method: 'GET', url: '/items' }),
    allowed: SIGNED_IN,
    check: (response, caller, scope) => {
      const keys = ItemsResponse.parse(response.json()).items.map((item) => item.key);
      expect(keys.includes(`x:${ITEM_OF[scope]}`)).toBe(!(caller === 'department' && scope === 'foreign'));
    },
  },
  {
    route: 'GET /items/:key/history',
    request: (scope) => ({ method: 'GET', url: `/items/x:${ITEM_OF[scope]}/history` }),
    allowed: SIGNED_IN,
    check: (response, _caller, scope) => {
      const events = ItemHistoryResponse.parse(response.json()).events;
      expect(events[0]).toMatchObject({ kind: 'mutation', itemKey: `x:${ITEM_OF[scope]}`, actor: { name: 'M. Moderator' } });
    },
  },
  // The dashboard's reports: every role, a department contact for their own department only.
  ...(['overview', 'items', 'items.csv', 'audit.csv'] as const).map(
    (report): Row => ({
      route: `GET /reports/${report}?department=`,
      request: (scope) => ({ method: 'GET', url: `/reports/${report}?from=2026-11-01&to=2026-11-30&department=${DEPARTMENT_OF[scope]}` }),
      allowed: SIGNED_IN,
    }),
  ),
];

/** A department contact asking for a foreign department's queue or reports is refused outright. */
const refusedOutright = (row: Row, caller: Caller, scope: Scope) =>
  (row.route === 'GET /items?department=' || row.route.startsWith('GET /reports/')) && caller === 'department' && scope === 'foreign';
/** A foreign department's item does not exist for a department contact: 404, as for an unknown key. */
const hidden = (row: Row, caller: Caller, scope: Scope) => row.route === 'GET /items/:key/history' && caller === 'department' && scope === 'foreign';

describe.each(DATABASE_KINDS)('authorization matrix on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    throwaway = `u_${randomUUID()}`;
    await server.database.db.insert(schema.users).values({
      id: throwaway,
      email: 'throwaway@bis.example.in',
      name: 'T. Away',
      role: 'moderator',
      departmentId: null,
      passwordHash: await hashPassword('throwaway password'),
    });
    const setup = new TestClient();
    const pushed = await setup.push(server.app, server.users.moderator, [
      setup.assign(ITEM_OF.own, DEPARTMENT_OF.own),
      setup.assign(ITEM_OF.foreign, DEPARTMENT_OF.foreign),
    ]);
    expect(PushResponse.parse(pushed.json()).results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
  });
  afterAll(() => server?.close());

  const tokenOf = (caller: Caller) =>
    caller === 'nobody' ? {} : bearer(server.users[caller === 'department' ? 'hallmarking' : caller === 'admin' ? 'admin' : caller === 'moderator' ? 'moderator' : 'approver']);

  const cases = ROWS.flatMap((row) => CALLERS.flatMap((caller) => SCOPES.map((scope) => [row.route, caller, scope, row] as const)));
  it.each(cases)('%s as %s, %s department', async (_route, caller, scope, row) => {
    const request = row.request(scope);
    const response = await server.app.inject({ ...request, headers: { ...request.headers, ...tokenOf(caller) } });
    if (caller === 'nobody') {
      expect(response.statusCode).toBe(401);
    } else if (!row.allowed.includes(caller) || refusedOutright(row, caller, scope)) {
      expect(response.statusCode).toBe(403);
    } else if (hidden(row, caller, scope)) {
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(DEPARTMENT_OF.foreign);
    } else {
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
      expect(response.statusCode, response.body).toBeLessThan(300);
      row.check?.(response, caller, scope);
    }
  });
});
