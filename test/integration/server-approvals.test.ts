import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApproversResponse, AuditResponse, MeResponse, OrgResponse, PushResponse, type Role } from '../../lib/contract/api';
import type { Mutation, Triage } from '../../lib/contract/triage';
import { isReleasable } from '../../lib/triage/approvals';
import * as schema from '../../server/db/schema';
import { hashPassword } from '../../server/services/passwords';
import { hashToken } from '../../server/services/users';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

const HASH = 'c'.repeat(64);
const OTHER_HASH = 'd'.repeat(64);
const DRAFT = 'Dear citizen, the matter is before the court; we will reply once it is decided.';

/** An account signed in with the e-mail the demo organisation names as a department's approver or delegate. */
async function addUser(server: TestServer, email: string, name: string, role: Role) {
  const id = `u_${randomUUID()}`;
  await server.database.db.insert(schema.users).values({ id, email, name, role, departmentId: null, passwordHash: await hashPassword('unused password 123') });
  const token = randomBytes(32).toString('base64url');
  await server.database.db.insert(schema.sessions).values({ tokenHash: hashToken(token), userId: id, expiresAt: new Date(Date.now() + 3600_000) });
  return { id, email, name, token };
}

describe.each(DATABASE_KINDS)('approvals on the server (%s)', (kind) => {
  let server: TestServer;
  let head: Awaited<ReturnType<typeof addUser>>;
  let deputy: Awaited<ReturnType<typeof addUser>>;
  let otherHead: Awaited<ReturnType<typeof addUser>>;
  const moderator = new TestClient();
  const approverClient = new TestClient();
  let itemSeq = 0;

  beforeAll(async () => {
    server = await startTestServer(kind);
    head = await addUser(server, 'hallmarking.head@bis.example.in', 'K. Head', 'approver');
    deputy = await addUser(server, 'hallmarking.deputy@bis.example.in', 'D. Deputy', 'approver');
    otherHead = await addUser(server, 'certification.head@bis.example.in', 'C. Head', 'approver');
  });
  afterAll(() => server?.close());

  async function push(client: TestClient, user: { token: string }, mutations: Mutation[]) {
    const response = await client.push(server.app, user, mutations);
    expect(response.statusCode).toBe(200);
    return PushResponse.parse(response.json()).results;
  }

  /** A sub judice item of Hallmarking with one approval requested by the moderator. */
  async function requested(options: { at?: string; departmentId?: string } = {}) {
    const itemId = `77${++itemSeq}`;
    const approvalId = randomUUID();
    const results = await push(moderator, server.users.moderator, [
      moderator.assign(itemId, options.departmentId ?? 'hallmarking'),
      moderator.mutation(itemId, { type: 'flag', flag: 'sub_judice', on: true }),
      moderator.mutation(
        itemId,
        { type: 'requestApproval', approvalId, textHash: HASH, text: DRAFT, findings: [{ ruleId: 'sub-judice', category: 'sub_judice', severity: 'block' }] },
        options.at,
      ),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    return { itemId, approvalId };
  }

  const decide = (itemId: string, approvalId: string, decision: 'approved' | 'rejected', textHash = HASH, note?: string) =>
    approverClient.mutation(itemId, { type: 'decideApproval', approvalId, decision, textHash, ...(note ? { note } : {}) });

  async function setAway(user: { token: string }, away: boolean) {
    const response = await server.app.inject({ method: 'POST', url: '/auth/away', headers: bearer(user), payload: { away } });
    expect(response.statusCode).toBe(200);
    return MeResponse.parse(response.json()).user;
  }

  it('stores a request, and the department’s approver approves exactly that text for the policy’s time', async () => {
    const { itemId, approvalId } = await requested();
    const before = Date.now();
    const [result] = await push(approverClient, head, [decide(itemId, approvalId, 'approved', HASH, 'Fine to post.')]);
    expect(result?.outcome).toBe('applied');
    const triage = (result as { triage: Triage }).triage;
    const approval = triage.approvals.find((a) => a.id === approvalId)!;
    expect(approval).toMatchObject({ state: 'approved', decidedBy: head.id, note: 'Fine to post.', text: DRAFT, requestedBy: server.users.moderator.id });
    // Demo policy: 24 hours from the server's clock.
    const expires = Date.parse(approval.expiresAt!);
    expect(expires).toBeGreaterThanOrEqual(before + 24 * 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 24 * 3600_000 + 1000);
    expect(isReleasable(triage, HASH, new Date())).toBe(true);
    expect(isReleasable(triage, OTHER_HASH, new Date())).toBe(false);
    expect(isReleasable(triage, HASH, new Date(expires + 1))).toBe(false);
  });

  it('refuses, with the reason and a 200, another text, another item, a decided request and the wrong people', async () => {
    const { itemId, approvalId } = await requested();
    const other = await requested();
    const cases: Array<[{ token: string }, Mutation, RegExp]> = [
      [head, decide(itemId, approvalId, 'approved', OTHER_HASH), /draft changed/],
      [head, decide(itemId, other.approvalId, 'approved'), /no such approval request on this item/],
      [otherHead, decide(itemId, approvalId, 'approved'), /not this department's approver or delegate/],
      [deputy, decide(itemId, approvalId, 'approved'), /approver is not away/],
      [server.users.approver, decide(itemId, approvalId, 'approved'), /not this department's approver or delegate/],
      [server.users.moderator, decide(itemId, approvalId, 'approved'), /only an approver/],
      [server.users.hallmarking, decide(itemId, approvalId, 'approved'), /only an approver/],
    ];
    for (const [user, mutation, reason] of cases) {
      const [result] = await push(approverClient, user, [mutation]);
      expect(result).toMatchObject({ outcome: 'rejected' });
      expect((result as { reason: string }).reason).toMatch(reason);
    }
    const [rejected] = await push(approverClient, head, [decide(itemId, approvalId, 'rejected', HASH, 'Too specific about the case.')]);
    expect(rejected?.outcome).toBe('applied');
    const approval = (rejected as { triage: Triage }).triage.approvals.find((a) => a.id === approvalId)!;
    expect(approval).toMatchObject({ state: 'rejected', note: 'Too specific about the case.' });
    expect(approval.expiresAt).toBeUndefined();
    const [again] = await push(approverClient, head, [decide(itemId, approvalId, 'approved')]);
    expect((again as { reason: string }).reason).toMatch(/already rejected/);
  });

  it('refuses a request older than the policy’s expiry, and a request on an item no department’s approver decides', async () => {
    const stale = await requested({ at: new Date(Date.now() - 25 * 3600_000).toISOString() });
    const [result] = await push(approverClient, head, [decide(stale.itemId, stale.approvalId, 'approved')]);
    expect((result as { reason: string }).reason).toMatch(/expired/);

    const [unassigned] = await push(moderator, server.users.moderator, [
      moderator.mutation('7799', { type: 'requestApproval', approvalId: randomUUID(), textHash: HASH, text: DRAFT, findings: [] }),
    ]);
    expect(unassigned).toMatchObject({ outcome: 'rejected' });
    expect((unassigned as { reason: string }).reason).toMatch(/assign the item to a department first/);
  });

  it('while the approver is away the delegate decides; once back, the approver again', async () => {
    const first = await requested();
    const me = await setAway(head, true);
    expect(me.away).toBe(true);
    const approvers = ApproversResponse.parse(
      (await server.app.inject({ method: 'GET', url: '/approvers', headers: bearer(deputy) })).json(),
    ).approvers;
    expect(approvers.find((a) => a.email === head.email)?.away).toBe(true);
    expect(approvers.find((a) => a.email === deputy.email)?.away).toBe(false);

    const [byHead] = await push(approverClient, head, [decide(first.itemId, first.approvalId, 'approved')]);
    expect(byHead?.outcome).toBe('rejected');
    const [byDeputy] = await push(approverClient, deputy, [decide(first.itemId, first.approvalId, 'approved')]);
    expect(byDeputy?.outcome).toBe('applied');

    expect((await setAway(head, false)).away).toBe(false);
    const second = await requested();
    const [deputyAgain] = await push(approverClient, deputy, [decide(second.itemId, second.approvalId, 'approved')]);
    expect((deputyAgain as { reason: string }).reason).toMatch(/approver is not away/);
    const [headAgain] = await push(approverClient, head, [decide(second.itemId, second.approvalId, 'approved')]);
    expect(headAgain?.outcome).toBe('applied');

    const me2 = MeResponse.parse((await server.app.inject({ method: 'GET', url: '/auth/me', headers: bearer(head) })).json());
    expect(me2.user.away).toBe(false);
    const audit = AuditResponse.parse(
      (await server.app.inject({ method: 'GET', url: '/audit?limit=500', headers: bearer(server.users.admin) })).json(),
    ).events;
    const marks = audit.filter((e) => e.kind === 'user_update' && e.detail.user === head.id).map((e) => e.detail.change);
    expect(marks).toEqual(expect.arrayContaining(['away', 'back']));
    // Only approvers mark themselves away.
    const byModerator = await server.app.inject({ method: 'POST', url: '/auth/away', headers: bearer(server.users.moderator), payload: { away: true } });
    expect(byModerator.statusCode).toBe(403);
  });

  it('PUT /org/approvals: admins edit the policy (audited), bad input is a 400 naming the field, and approvals expire by it', async () => {
    const put = (user: { token: string }, payload: object) =>
      server.app.inject({ method: 'PUT', url: '/org/approvals', headers: bearer(user), payload: payload as Record<string, unknown> });
    const policy = { all: false, flags: ['sub_judice'], departments: ['hallmarking'], blockFindings: false, expiresMinutes: 30 };
    const saved = await put(server.users.admin, { approvals: policy });
    expect(saved.statusCode).toBe(200);
    expect(OrgResponse.parse(saved.json()).org.approvals).toEqual(policy);
    expect((await put(server.users.moderator, { approvals: policy })).statusCode).toBe(403);

    const bad = await put(server.users.admin, { approvals: { ...policy, expiresMinutes: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0]).toMatchObject({ in: 'body', path: ['approvals', 'expiresMinutes'] });
    const unknown = await put(server.users.admin, { approvals: { ...policy, departments: ['nowhere'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/approvals\.departments\.0: unknown department "nowhere"/);

    const audit = AuditResponse.parse(
      (await server.app.inject({ method: 'GET', url: '/audit?limit=500', headers: bearer(server.users.admin) })).json(),
    ).events;
    expect(audit.some((e) => e.kind === 'org_update' && JSON.stringify(e.detail.sections) === '["approvals"]')).toBe(true);

    const { itemId, approvalId } = await requested();
    const [result] = await push(approverClient, head, [decide(itemId, approvalId, 'approved')]);
    const approval = (result as { triage: Triage }).triage.approvals.find((a) => a.id === approvalId)!;
    expect(Date.parse(approval.expiresAt!) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(Date.parse(approval.expiresAt!) - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('takes requests on rows stored before approvals existed (no approvals field), never a 5xx', async () => {
    await push(moderator, server.users.moderator, [moderator.assign('7790', 'hallmarking')]);
    // As an older server stored it: the triage JSON without the fields added since.
    await server.database.db.execute(sql`UPDATE items SET triage = triage - 'approvals' - 'notes' - 'followUps' WHERE key = 'x:7790'`);
    const approvalId = randomUUID();
    const [requestedResult] = await push(moderator, server.users.moderator, [
      moderator.mutation('7790', { type: 'requestApproval', approvalId, textHash: HASH, text: DRAFT, findings: [] }),
    ]);
    expect(requestedResult?.outcome).toBe('applied');
    const [decided] = await push(approverClient, head, [decide('7790', approvalId, 'approved')]);
    expect(decided?.outcome).toBe('applied');
    const pulled = await server.app.inject({ method: 'GET', url: '/sync/pull?cursor=0', headers: bearer(head) });
    expect(pulled.statusCode).toBe(200);
  });
});
