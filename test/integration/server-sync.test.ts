import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditResponse, ItemsResponse, OrgResponse, PullResponse, PushResponse } from '../../lib/contract/api';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { bearer, comment, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

describe.each(DATABASE_KINDS)('server sync on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.close());

  const pull = async (user: { token: string }, cursor: number) => {
    const response = await server.app.inject({ method: 'GET', url: `/sync/pull?cursor=${cursor}`, headers: bearer(user) });
    expect(response.statusCode).toBe(200);
    return PullResponse.parse(response.json());
  };
  const pushed = async (response: { statusCode: number; json(): unknown }) => {
    expect(response.statusCode).toBe(200);
    return PushResponse.parse(response.json());
  };
  const auditFor = async (itemKey: string) => {
    const response = await server.app.inject({ method: 'GET', url: `/audit?itemKey=${itemKey}`, headers: bearer(server.users.admin) });
    return AuditResponse.parse(response.json()).events;
  };

  it('applies a push and shows the change to another moderator pulling from their cursor', async () => {
    const alice = new TestClient();
    await pushed(await alice.push(server.app, server.users.moderator, [alice.assign('1000', 'mscd')]));
    const before = await pull(server.users.moderator2, 0);
    const result = await pushed(
      await alice.push(server.app, server.users.moderator, [
        alice.assign('1001', 'hallmarking'),
        alice.mutation('1001', { type: 'flag', flag: 'needs_escalation', on: true }),
      ]),
    );
    expect(result.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    const after = await pull(server.users.moderator2, before.cursor);
    expect(after.snapshot).toBe(false);
    expect(after.cursor).toBe(result.version);
    const row = after.rows.find((r) => r.key === 'x:1001');
    expect(row).toMatchObject({ departmentId: 'hallmarking', flags: ['needs_escalation'], version: result.version });
    expect(after.actors).toContainEqual({ id: server.users.moderator.id, name: 'M. Moderator' });
    // Nothing new since: an empty pull at the same cursor.
    expect((await pull(server.users.moderator2, after.cursor)).rows).toEqual([]);
  });

  it('applies a mutation exactly once when the same push is retried, returning the stored result', async () => {
    const client = new TestClient();
    const batch = [
      client.mutation('1002', { type: 'useCanned', cannedId: 'ack-received' }),
      client.mutation('1002', { type: 'recordReply', stage: 'interim', text: 'We are looking into it.' }),
    ];
    const first = await pushed(await client.push(server.app, server.users.moderator, batch));
    const again = await pushed(await client.push(server.app, server.users.moderator, batch));
    expect(again.results).toEqual(first.results);
    const { rows } = await pull(server.users.admin, 0);
    const row = rows.find((r) => r.key === 'x:1002');
    expect(row?.cannedUsed).toHaveLength(1);
    expect(row?.replies).toHaveLength(1);
    expect((await auditFor('x:1002')).filter((e) => e.kind === 'mutation')).toHaveLength(2);
  });

  it('applies a mutation once when retries of a push race each other', async () => {
    const client = new TestClient();
    const batch = [
      client.mutation('1010', { type: 'useCanned', cannedId: 'ack-received' }),
      client.mutation('1010', { type: 'flag', flag: 'rumour', on: true }),
    ];
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.push(server.app, server.users.moderator, batch)));
    const results = await Promise.all(answers.map(async (a) => (await pushed(a)).results));
    for (const r of results) expect(r).toEqual(results[0]);
    const row = (await pull(server.users.admin, 0)).rows.find((r) => r.key === 'x:1010');
    expect(row?.cannedUsed).toHaveLength(1);
    expect((await auditFor('x:1010')).filter((e) => e.kind === 'mutation')).toHaveLength(2);
  });

  it('applies a batch in seq order whatever order it arrives in, and a duplicate within it once', async () => {
    const client = new TestClient();
    const assign = client.assign('1003', 'certification');
    const reassign = client.assign('1003', 'laboratory', 'certification');
    const canned = client.mutation('1003', { type: 'useCanned', cannedId: 'forwarded' });
    const result = await pushed(await client.push(server.app, server.users.moderator, [canned, reassign, assign, canned]));
    expect(result.results.map((r) => [r.id, r.outcome])).toEqual([
      [canned.id, 'applied'],
      [reassign.id, 'applied'],
      [assign.id, 'applied'],
      [canned.id, 'applied'],
    ]);
    const row = (await pull(server.users.admin, 0)).rows.find((r) => r.key === 'x:1003');
    expect(row?.departmentId).toBe('laboratory');
    expect(row?.cannedUsed).toHaveLength(1);
  });

  it('applies a later push that arrives before an earlier one, and the earlier one when it comes', async () => {
    const client = new TestClient();
    const first = client.assign('1004', 'nits');
    const second = client.mutation('1004', { type: 'flag', flag: 'rumour', on: true });
    const late = await pushed(await client.push(server.app, server.users.moderator, [second]));
    const early = await pushed(await client.push(server.app, server.users.moderator, [first]));
    expect(late.results[0]?.outcome).toBe('applied');
    expect(early.results[0]?.outcome).toBe('applied');
    const row = (await pull(server.users.admin, 0)).rows.find((r) => r.key === 'x:1004');
    expect(row).toMatchObject({ departmentId: 'nits', flags: ['rumour'] });
    // Retrying both (a lost response) changes nothing and keeps the version.
    const retried = await pushed(await client.push(server.app, server.users.moderator, [first, second]));
    expect(retried.results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
    expect((await pull(server.users.admin, 0)).rows.find((r) => r.key === 'x:1004')?.version).toBe(row?.version);
  });

  it('reports a conflict with the current row, who assigned it and when, instead of overwriting', async () => {
    const alice = new TestClient();
    const bob = new TestClient();
    const aliceAssign = alice.assign('1005', 'hallmarking', null);
    await pushed(await alice.push(server.app, server.users.moderator, [aliceAssign]));
    // Bob, offline, saw the item unassigned and chose Certification.
    const result = await pushed(await bob.push(server.app, server.users.moderator2, [bob.assign('1005', 'certification', null)]));
    const [conflict] = result.results;
    expect(conflict).toMatchObject({
      outcome: 'conflict',
      triage: { key: 'x:1005', departmentId: 'hallmarking' },
      assignedBy: { id: server.users.moderator.id, name: 'M. Moderator' },
      assignedAt: aliceAssign.at,
    });
    const row = (await pull(server.users.admin, 0)).rows.find((r) => r.key === 'x:1005');
    expect(row?.departmentId).toBe('hallmarking');
  });

  it('rejects, with a reason and without blocking the rest, what cannot be applied', async () => {
    const client = new TestClient();
    const other = new TestClient();
    const result = await pushed(
      await client.push(server.app, server.users.moderator, [
        client.assign('1006', 'no-such-department'),
        { ...other.assign('1006', 'mscd'), seq: 99 }, // another client's mutation inside this push
        client.mutation('1006', { type: 'recordReply', stage: 'final', text: 'nul \u0000 byte' }),
        client.assign('1006', 'mscd'),
      ]),
    );
    expect(result.results.map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected', 'applied']);
    for (const r of result.results.slice(0, 3)) expect(r.outcome === 'rejected' && r.reason.length > 0).toBe(true);
  });

  it('rejects a mutation it cannot read (a newer op, a bad field) by itself, naming the field, without blocking the rest', async () => {
    const client = new TestClient();
    const good = client.assign('1007', 'mscd');
    const newerOp = { ...client.mutation('1007', { type: 'useCanned', cannedId: 'x' }), op: { type: 'approve', by: 'head' } };
    const badField = { ...client.mutation('1007', { type: 'useCanned', cannedId: 'y' }), item: { ...comment('1007'), permalink: 'not a url' } };
    const after = client.mutation('1007', { type: 'flag', flag: 'spam', on: true });
    const response = await client.push(server.app, server.users.moderator, [good, newerOp as never, badField, after]);
    const { results } = await pushed(response);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'rejected', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('op.type') });
    expect(results[2]).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('item.permalink') });
  });

  it('keeps a department contact to its own items: pushes elsewhere are rejected, pulls show only its own', async () => {
    const moderator = new TestClient();
    const contact = new TestClient();
    await pushed(
      await moderator.push(server.app, server.users.moderator, [moderator.assign('2001', 'hallmarking'), moderator.assign('2002', 'certification')]),
    );
    const start = await pull(server.users.hallmarking, 0);
    expect(start.snapshot).toBe(true);
    expect(start.rows.every((r) => r.departmentId === 'hallmarking')).toBe(true);
    expect(start.rows.map((r) => r.key)).toContain('x:2001');

    const result = await pushed(
      await contact.push(server.app, server.users.hallmarking, [
        contact.mutation('2001', { type: 'recordReply', stage: 'final', text: 'The hallmark is valid; see HUID 1A2B3C.' }),
        contact.mutation('2002', { type: 'flag', flag: 'spam', on: true }),
        contact.mutation('2999', { type: 'flag', flag: 'spam', on: true }),
      ]),
    );
    expect(result.results.map((r) => r.outcome)).toEqual(['applied', 'rejected', 'rejected']);

    const queue = await server.app.inject({ method: 'GET', url: '/items?open=true', headers: bearer(server.users.hallmarking) });
    expect(ItemsResponse.parse(queue.json()).items.map((i) => i.key)).not.toContain('x:2001'); // answered
    const certification = await server.app.inject({ method: 'GET', url: '/items', headers: bearer(server.users.certification) });
    expect(ItemsResponse.parse(certification.json()).items.map((i) => i.key)).toEqual(['x:2002']);

    // Reassigned away: the contact's next pull lists it as removed, without its content.
    await pushed(await moderator.push(server.app, server.users.moderator, [moderator.assign('2001', 'laboratory', 'hallmarking')]));
    const next = await pull(server.users.hallmarking, start.cursor);
    expect(next.removed).toEqual(['x:2001']);
    expect(next.rows.map((r) => r.key)).not.toContain('x:2001');
  });

  it('pages a long pull between versions, so a client far behind catches up in bounded answers', async () => {
    const start = (await pull(server.users.admin, 0)).cursor;
    const client = new TestClient();
    const versions: number[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const mutations = Array.from({ length: 250 }, (_, i) => client.assign(String(80_000 + batch * 1000 + i), 'nits'));
      versions.push((await pushed(await client.push(server.app, server.users.moderator, mutations))).version);
    }
    const page = async (cursor: number) => {
      const response = await server.app.inject({ method: 'GET', url: `/sync/pull?cursor=${cursor}&limit=500`, headers: bearer(server.users.admin) });
      return PullResponse.parse(response.json());
    };
    const first = await page(start);
    expect(first).toMatchObject({ more: true, cursor: versions[1] });
    expect(first.rows).toHaveLength(500);
    const second = await page(first.cursor);
    expect(second).toMatchObject({ more: false, cursor: versions[2] });
    expect(second.rows).toHaveLength(250);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.key)).size).toBe(750);
  });

  it('answers a cursor from another database (ahead of this one) with a full snapshot', async () => {
    const current = await pull(server.users.moderator, 0);
    const ahead = await pull(server.users.moderator, current.cursor + 1000);
    expect(ahead.snapshot).toBe(true);
    expect(ahead.cursor).toBe(current.cursor);
    expect(ahead.rows.map((r) => r.key).sort()).toEqual(current.rows.map((r) => r.key).sort());
  });

  it('records who did what, when and from which client, oldest first and paged', async () => {
    const client = new TestClient();
    const flag = client.mutation('3001', { type: 'flag', flag: 'sub_judice', on: true });
    await pushed(await client.push(server.app, server.users.moderator, [flag]));
    const [event] = await auditFor('x:3001');
    expect(event).toMatchObject({
      kind: 'mutation',
      actor: { id: server.users.moderator.id, name: 'M. Moderator' },
      clientId: client.clientId,
      mutationId: flag.id,
      detail: { op: flag.op },
    });
    const page = AuditResponse.parse(
      (await server.app.inject({ method: 'GET', url: '/audit?limit=2', headers: bearer(server.users.approver) })).json(),
    );
    expect(page.events).toHaveLength(2);
    const nextPage = AuditResponse.parse(
      (await server.app.inject({ method: 'GET', url: `/audit?limit=2&after=${page.next}`, headers: bearer(server.users.approver) })).json(),
    );
    expect(nextPage.events[0]!.id).toBeGreaterThan(page.events[1]!.id);
  });

  it('keeps the audit trail append-only at the database', async () => {
    const error = await server.database.db.execute(sql`DELETE FROM audit_events`).then(
      () => null,
      (e: Error) => e,
    );
    expect(String((error?.cause as Error | undefined)?.message)).toMatch(/append-only/);
  });

  it('serves the organisation to everyone and lets an admin change it, bumping its version for pulls', async () => {
    const org = OrgResponse.parse((await server.app.inject({ method: 'GET', url: '/org', headers: bearer(server.users.hallmarking) })).json());
    expect(org.org.departments.map((d) => d.id)).toEqual(DEMO_ORG.departments.map((d) => d.id));
    const sla = await server.app.inject({
      method: 'PUT',
      url: '/org/sla',
      headers: bearer(server.users.admin),
      payload: { sla: { interimHours: 2, finalHours: 12, dueSoonMinutes: 45 } },
    });
    expect(sla.statusCode).toBe(200);
    const updated = OrgResponse.parse(sla.json());
    expect(updated.orgVersion).toBe(org.orgVersion + 1);
    expect(updated.org.sla.interimHours).toBe(2);
    expect((await pull(server.users.moderator, 0)).orgVersion).toBe(updated.orgVersion);

    const pack = {
      id: 'bis-extra',
      name: 'BIS extra',
      languages: ['en'],
      version: '1.0.0',
      rules: [
        {
          id: 'forwarded-rumour',
          kind: 'phrases',
          category: 'unverified',
          severity: 'warn',
          message: { en: 'Unverified forwarded message', hi: 'असत्यापित अग्रेषित संदेश' },
          source: 'Chhattisgarh GAD guidelines',
          phrases: ['forwarded as received'],
        },
      ],
    };
    const putPacks = (rulePacks: unknown) =>
      server.app.inject({ method: 'PUT', url: '/org/rule-packs', headers: bearer(server.users.admin), payload: { rulePacks } });
    const packs = await putPacks([pack]);
    expect(packs.statusCode).toBe(200);
    expect(OrgResponse.parse(packs.json()).org.rulePacks).toEqual([expect.objectContaining({ id: 'bis-extra', version: '1.0.0' })]);
    // A pattern the linear-time engine cannot run (lookaround, back-references) never reaches the moderators' browsers.
    const unsafe = await putPacks([
      { ...pack, rules: [{ ...pack.rules[0], kind: 'regex', phrases: undefined, pattern: 'case(?! study)' }] },
    ]);
    expect(unsafe.statusCode).toBe(400);
    expect(unsafe.json().issues[0].path).toEqual(['rulePacks', 0, 'rules', 0, 'pattern']);

    const duplicate = await server.app.inject({
      method: 'PUT',
      url: '/org/departments',
      headers: bearer(server.users.admin),
      payload: { departments: [DEMO_ORG.departments[0], DEMO_ORG.departments[0]] },
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().message).toMatch(/duplicate department id/);
  });

  it('stores canned replies only when they pass their schema', async () => {
    const reply = {
      id: 'ack-hallmark',
      title: { en: 'Hallmark acknowledgement', hi: 'हॉलमार्क पावती' },
      category: 'acknowledgement',
      text: { en: 'Thank you, we are checking the hallmark.', hi: 'धन्यवाद, हम हॉलमार्क की जाँच कर रहे हैं।' },
    };
    const put = (cannedReplies: unknown) =>
      server.app.inject({ method: 'PUT', url: '/org/canned-replies', headers: bearer(server.users.admin), payload: { cannedReplies } });
    const ok = await put([reply]);
    expect(ok.statusCode).toBe(200);
    expect(OrgResponse.parse(ok.json()).org.cannedReplies).toEqual([expect.objectContaining({ id: 'ack-hallmark' })]);
    const bad = await put([{ ...reply, text: { en: 'no Hindi' } }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toEqual(['cannedReplies', 0, 'text', 'hi']);
  });
});
