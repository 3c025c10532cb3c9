import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditQuery,
  CreateUserRequest,
  ItemsQuery,
  LoginRequest,
  MutationResult,
  PublicUser,
  PullQuery,
  PutCannedRepliesRequest,
  PutDepartmentsRequest,
  PutHandlesRequest,
  PutRulePacksRequest,
  PutSlaRequest,
} from '../../lib/contract/api';
import { OrgConfig } from '../../lib/contract/org';
import { findUnstorable } from '../../lib/contract/text';
import { Mutation, Triage } from '../../lib/contract/triage';
import * as schema from '../../server/db/schema';
import { toPublicUser } from '../../server/services/users';
import { arbitraryFor, hostile } from './support/zod-arbitrary';
import { bearer, comment, DATABASE_KINDS, startTestServer, type TestServer, type TestUser } from './server-harness';

/**
 * Property-based fuzzing of every route from the contract's own zod schemas: whatever a client sends,
 * the server answers below 500, and what it stores still satisfies the schemas (and is storable text).
 * Runs are bounded (and seeded, so a failure replays) to keep each route to a few seconds.
 */
const RUNS = 60;
const SEED = 20261201;

type Method = 'GET' | 'POST' | 'PUT';
type Who = keyof TestServer['users'] | 'nobody';

const BODY_ROUTES: Array<{ method: Method; url: string; schema: unknown; who: Who[]; runs?: number }> = [
  // Each login or user creation with a plausible password spends a scrypt hash: fewer runs.
  { method: 'POST', url: '/auth/login', schema: LoginRequest, who: ['nobody'], runs: 20 },
  { method: 'POST', url: '/users', schema: CreateUserRequest, who: ['admin', 'moderator'], runs: 20 },
  { method: 'PUT', url: '/org/departments', schema: PutDepartmentsRequest, who: ['admin'] },
  { method: 'PUT', url: '/org/sla', schema: PutSlaRequest, who: ['admin'] },
  { method: 'PUT', url: '/org/handles', schema: PutHandlesRequest, who: ['admin'] },
  { method: 'PUT', url: '/org/canned-replies', schema: PutCannedRepliesRequest, who: ['admin'] },
  { method: 'PUT', url: '/org/rule-packs', schema: PutRulePacksRequest, who: ['admin'] },
];

const QUERY_ROUTES: Array<{ url: string; schema: unknown }> = [
  { url: '/sync/pull', schema: PullQuery },
  { url: '/items', schema: ItemsQuery },
  { url: '/audit', schema: AuditQuery },
];

const WHO: Who[] = ['admin', 'moderator', 'moderator2', 'hallmarking', 'certification', 'approver'];

/** A query string from a fuzzed object: each value as text (arrays repeat the key, as a client could). */
function toQuery(value: unknown): string {
  if (value === null || typeof value !== 'object') return `?${encodeURIComponent(String(value))}`;
  const params = new URLSearchParams();
  for (const [key, v] of Object.entries(value)) {
    for (const one of Array.isArray(v) ? v : [v]) params.append(key, typeof one === 'string' ? one : JSON.stringify(one) ?? '');
  }
  return `?${params.toString()}`;
}

describe.each(DATABASE_KINDS)('fuzzing every route on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // A generous login limit, so fuzzed logins reach the password check.
    server = await startTestServer(kind, { loginRateLimit: { max: 1000, maxPerAddress: 1000, timeWindowMs: 60_000 } });
  });
  afterAll(() => server?.close());

  const headersOf = (who: Who) => (who === 'nobody' ? {} : bearer(server.users[who] as TestUser));
  const label = (method: string, url: string, payload: unknown) => `${method} ${url} ${JSON.stringify(payload)?.slice(0, 400)}`;

  for (const route of BODY_ROUTES) {
    it(`${route.method} ${route.url}: no 5xx for any body`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryFor(route.schema), fc.constantFrom(...route.who), async (payload, who) => {
          const response = await server.app.inject({
            method: route.method,
            url: route.url,
            headers: { ...headersOf(who), 'content-type': 'application/json' },
            payload: JSON.stringify(payload) ?? 'null',
          });
          expect(response.statusCode, `${label(route.method, route.url, payload)} → ${response.body}`).toBeLessThan(500);
        }),
        { numRuns: route.runs ?? RUNS, seed: SEED },
      );
    });
  }

  for (const route of QUERY_ROUTES) {
    it(`GET ${route.url}: no 5xx for any query`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryFor(route.schema), fc.constantFrom(...WHO), async (query, who) => {
          const url = `${route.url}${toQuery(query)}`;
          const response = await server.app.inject({ method: 'GET', url, headers: headersOf(who) });
          expect(response.statusCode, `GET ${url} → ${response.body}`).toBeLessThan(500);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }

  it('POST /sync/push: no 5xx for any batch, and one result per mutation', async () => {
    const clientId = `fuzz-${randomUUID()}`;
    let seq = 0;
    // Mostly envelopes that pass (ids and seqs valid) so the mutations reach the per-mutation checks;
    // half the items are real comments so some mutations apply and are stored.
    const mutation = fc
      .tuple(arbitraryFor(Mutation), fc.boolean(), fc.integer({ min: 1, max: 30 }))
      .map(([fuzzed, realItem, itemNo]) => {
        const base = fuzzed !== null && typeof fuzzed === 'object' && !Array.isArray(fuzzed) ? fuzzed : { op: fuzzed };
        return { ...base, id: randomUUID(), seq: ++seq, clientId, ...(realItem ? { item: comment(`9${itemNo}`) } : {}) };
      });
    const envelope = fc.oneof(
      { weight: 8, arbitrary: fc.record({ clientId: fc.constant(clientId), mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }) }) },
      { weight: 1, arbitrary: arbitraryFor(Mutation).map((m) => ({ clientId, mutations: [m] })) },
      { weight: 1, arbitrary: hostile },
    );
    await fc.assert(
      fc.asyncProperty(envelope, fc.constantFrom(...WHO), async (payload, who) => {
        const response = await server.app.inject({
          method: 'POST',
          url: '/sync/push',
          headers: { ...headersOf(who), 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'null',
        });
        expect(response.statusCode, `${label('POST', '/sync/push', payload)} → ${response.body}`).toBeLessThan(500);
        if (response.statusCode === 200) {
          expect(response.json().results).toHaveLength((payload as { mutations: unknown[] }).mutations.length);
        }
      }),
      { numRuns: RUNS * 2, seed: SEED },
    );
  });

  it('answers 400, not 500, to JSON nested 5,000 levels deep on every route, signed in or not', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const deepObject = `{"email":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)},"password":"x"}`;
    const routes: Array<[Method, string]> = [
      ['POST', '/auth/login'],
      ['POST', '/users'],
      ['PUT', '/org/departments'],
      ['PUT', '/org/canned-replies'],
      ['PUT', '/org/rule-packs'],
      ['POST', '/sync/push'],
    ];
    for (const [method, url] of routes) {
      for (const payload of [deep, deepObject]) {
        for (const headers of [{}, bearer(server.users.admin)]) {
          const response = await server.app.inject({ method, url, payload, headers: { ...headers, 'content-type': 'application/json' } });
          expect(response.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, `${method} ${url}`).toBeLessThan(500);
        }
      }
    }
  });

  it('stored only what the schemas allow, in storable text', async () => {
    const { db } = server.database;
    const stored: Array<[string, unknown, { safeParse(v: unknown): { success: boolean; error?: unknown } }]> = [];
    for (const row of await db.select().from(schema.items)) stored.push([`item ${row.key}`, row.triage, Triage]);
    for (const row of await db.select().from(schema.mutations)) stored.push([`mutation ${row.id}`, row.result, MutationResult]);
    for (const row of await db.select().from(schema.orgConfig)) stored.push(['org', row.config, OrgConfig]);
    for (const row of await db.select().from(schema.users)) stored.push([`user ${row.id}`, toPublicUser(row), PublicUser]);
    expect(stored.some(([what]) => what.startsWith('item'))).toBe(true);
    for (const [what, value, check] of stored) {
      const parsed = check.safeParse(value);
      expect(parsed.success, `${what}: ${JSON.stringify(parsed.error)}`).toBe(true);
      expect(findUnstorable(value), what).toBeNull();
    }
    for (const row of await db.select().from(schema.items)) expect(row.triage.key).toBe(row.key);
  });
});
