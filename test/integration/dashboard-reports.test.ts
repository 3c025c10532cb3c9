import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemDetailResponse, ItemListResponse, OverviewResponse } from '../../lib/contract/reports';
import { insertReportItems, NOVEMBER } from '../support/report-data';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

const kolkataToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());

describe.each(DATABASE_KINDS)('dashboard reports on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    await insertReportItems(server.database.db, NOVEMBER);
  });
  afterAll(() => server?.close());

  const get = (url: string, user = server.users.admin) => server.app.inject({ method: 'GET', url, headers: bearer(user) });
  const overviewOf = async (query: string, user = server.users.admin) => {
    const response = await get(`/reports/overview?${query}`, user);
    expect(response.statusCode, response.body).toBe(200);
    return OverviewResponse.parse(response.json());
  };

  it('counts November for every department: received, triaged, deadlines met, times, open and overdue', async () => {
    const o = await overviewOf('from=2026-11-01&to=2026-11-30');
    expect(o.received).toBe(7);
    expect(o.triaged).toBe(6);
    expect(o.interim).toMatchObject({ met: 3, missed: 3, rate: 0.5 });
    expect(o.final.met).toBe(2);
    expect(o.final.missed).toBe(4);
    expect(o.final.rate).toBeCloseTo(1 / 3);
    // time to interim over 60, 100, 200, 300 minutes; to final over 600, 700, 800
    expect(o.interim.medianSeconds).toBe(150 * 60);
    expect(o.interim.p90Seconds).toBeCloseTo(270 * 60);
    expect(o.final.medianSeconds).toBe(700 * 60);
    expect(o.open).toBe(3);
    expect(o.overdue).toBe(3);
    expect(o.days).toHaveLength(30);
    expect(o.days[0]).toEqual({ day: '2026-11-01', received: 1, triaged: 0, interimMet: 0, finalMet: 0 });
    expect(o.days[2]).toEqual({ day: '2026-11-03', received: 2, triaged: 2, interimMet: 1, finalMet: 1 });
    expect(o.flags).toEqual([
      { flag: 'spam', count: 1 },
      { flag: 'sub_judice', count: 1 },
    ]);
    expect(o.rules).toEqual([
      { departmentId: 'certification', ruleId: 'tone-polite', overrides: 1, findings: 2 },
      { departmentId: 'certification', ruleId: 'tag-directorate', overrides: 1, findings: 0 },
    ]);
    expect(o.approvals).toEqual([{ departmentId: 'certification', requested: 2, approved: 1, rejected: 1 }]);
  });

  it('filters by department and platform', async () => {
    const hallmarking = await overviewOf('from=2026-11-01&to=2026-11-30&department=hallmarking');
    expect([hallmarking.received, hallmarking.interim.met, hallmarking.interim.missed, hallmarking.final.met, hallmarking.final.missed]).toEqual([5, 2, 2, 2, 2]);
    const facebook = await overviewOf('from=2026-11-01&to=2026-11-30&platform=facebook');
    expect([facebook.received, facebook.interim.rate, facebook.final.rate]).toEqual([1, 1, 1]);
    const none = await overviewOf('from=2026-12-05&to=2026-12-06');
    expect([none.received, none.interim.rate, none.interim.medianSeconds]).toEqual([0, null, null]);
  });

  it("gives a department user their own department's figures only", async () => {
    const own = await overviewOf('from=2026-11-01&to=2026-11-30', server.users.certification);
    expect(own.query.department).toBe('certification');
    expect(own.received).toBe(1);
    expect((await get('/reports/overview?from=2026-11-01&to=2026-11-30&department=hallmarking', server.users.certification)).statusCode).toBe(403);
    expect((await get('/reports/items/x:7001', server.users.certification)).statusCode).toBe(404);
    const list = ItemListResponse.parse((await get('/reports/items?from=2026-11-01&to=2026-11-30', server.users.certification)).json());
    expect(list.items.map((i) => i.key)).toEqual(['x:7005']);
  });

  it('refuses a bad range with the field named', async () => {
    const response = await get('/reports/overview?from=2026-11-30&to=2026-11-01');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('to');
    expect((await server.app.inject({ method: 'GET', url: '/reports/overview?from=2026-11-01&to=2026-11-30' })).statusCode).toBe(401);
  });

  it('lists items in comment order, page by page', async () => {
    const first = ItemListResponse.parse((await get('/reports/items?from=2026-11-01&to=2026-11-30&limit=4')).json());
    expect(first.items.map((i) => i.key)).toEqual(['x:7007', 'x:7001', 'x:7002', 'x:7003']);
    expect(first.items[1]).toMatchObject({ interimMet: true, finalMet: true, departmentId: 'hallmarking' });
    const second = ItemListResponse.parse((await get(`/reports/items?from=2026-11-01&to=2026-11-30&limit=4&after=${encodeURIComponent(first.next!)}`)).json());
    expect(second.items.map((i) => i.key)).toEqual(['x:7004', 'x:7005', 'facebook:7006']);
    expect(second.next).toBeNull();
  });

  it('exports the filtered items as CSV a spreadsheet cannot run', async () => {
    const response = await get('/reports/items.csv?from=2026-11-01&to=2026-11-30&department=hallmarking');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment');
    const lines = response.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^key,platform,department,status/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['x:7001', 'x:7002', 'x:7003', 'x:7004', 'facebook:7006']);
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(response.body).not.toMatch(/,=HYPERLINK/);
  });

  it("shows an item's thread: the comment it answers, the others in the thread, the answers to it; a department user only their department's", async () => {
    await insertReportItems(server.database.db, [
      { id: '7100', department: 'hallmarking', commentAt: '2026-11-12T05:00:00.000Z', parent: { kind: 'post', id: '500' } },
      { id: '7101', department: 'hallmarking', commentAt: '2026-11-12T06:00:00.000Z', parent: { kind: 'comment', id: '7100' }, text: 'Same problem with my chain' },
      { id: '7102', department: 'hallmarking', commentAt: '2026-11-12T07:00:00.000Z', parent: { kind: 'comment', id: '7100' } },
      { id: '7103', department: 'certification', commentAt: '2026-11-12T08:00:00.000Z', parent: { kind: 'comment', id: '7101' } },
      // Another platform's comment with the same parent id is another conversation.
      { id: '7104', platform: 'facebook', department: 'hallmarking', commentAt: '2026-11-12T09:00:00.000Z', parent: { kind: 'comment', id: '7100' } },
    ]);
    const thread = async (key: string, user = server.users.admin) => {
      const response = await get(`/reports/items/${key}`, user);
      expect(response.statusCode, response.body).toBe(200);
      return ItemDetailResponse.parse(response.json()).thread.map((t) => [t.key, t.relation]);
    };
    expect(await thread('x:7101')).toEqual([
      ['x:7100', 'parent'],
      ['x:7102', 'sibling'],
      ['x:7103', 'reply'],
    ]);
    expect(await thread('x:7100')).toEqual([
      ['x:7101', 'reply'],
      ['x:7102', 'reply'],
    ]);
    const detail = ItemDetailResponse.parse((await get('/reports/items/x:7101')).json());
    expect(detail.thread[0]).toMatchObject({ author: 'Citizen (@citizen)', text: 'Comment 7100 about a hallmark', permalink: 'https://x.com/citizen/status/7100' });
    // The certification contact sees their own item's thread without hallmarking's comments.
    expect(await thread('x:7103', server.users.certification)).toEqual([]);
    expect(await thread('x:7103')).toEqual([['x:7101', 'parent']]);
  });

  it("shows an item's history with actors and installs, and its approvals and proof of posting", async () => {
    const client = new TestClient();
    const pushed = await client.push(server.app, server.users.moderator, [
      client.mutation('7005', { type: 'note', text: 'called the citizen' }),
      client.mutation('7005', { type: 'flag', flag: 'rumour', on: true }),
    ]);
    expect(pushed.statusCode).toBe(200);
    const detail = ItemDetailResponse.parse((await get('/reports/items/x:7005', server.users.certification)).json());
    expect(detail.history.map((e) => [e.kind, (e.detail.op as { type: string }).type, e.actor?.name, e.clientId])).toEqual([
      ['mutation', 'note', 'M. Moderator', client.clientId],
      ['mutation', 'flag', 'M. Moderator', client.clientId],
    ]);
    expect(detail.triage.approvals.map((a) => [a.state, a.text])).toEqual([
      ['approved', 'हम जाँच कर रहे हैं'],
      ['rejected', 'Draft reply for approval'],
    ]);
    expect(detail.triage.replies[0]).toMatchObject({ source: 'seen', permalink: 'https://x.com/IndianStandards/status/97005' });

    const audit = await get(`/reports/audit.csv?from=2026-11-01&to=${kolkataToday()}&department=certification`, server.users.certification);
    expect(audit.statusCode).toBe(200);
    const rows = audit.body.trimEnd().split('\r\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('M. Moderator');
    expect(rows[0]).toContain('x:7005');
  });
});
