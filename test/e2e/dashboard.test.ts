import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DASHBOARD_DIR } from '../../server/app';
import { rowsOf } from '../../server/db/connect';
import { insertReportItems, NOVEMBER } from '../support/report-data';
import { describeE2E, useE2E, useTeamServer } from './harness';

const PASSWORD = 'dashboard password 1';
const admin = { email: 'head@bis.example.in', name: 'R. Head', role: 'admin' as const, departmentId: null };
const certification = { email: 'opc.cert@bis.example.in', name: 'P. Nair', role: 'department' as const, departmentId: 'certification' };
const moderator = { email: 'mod@bis.example.in', name: 'M. Moderator', role: 'moderator' as const, departmentId: null };

describeE2E('team dashboard', () => {
  const e2e = useE2E({ extension: false });
  const server = useTeamServer([admin, certification, moderator], PASSWORD);
  let downloads: string;
  const clientId = `dash-e2e-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) throw new Error(`no dashboard build in ${DASHBOARD_DIR}: run \`npm run build:dashboard\` first`);
    downloads = await mkdtemp(join(tmpdir(), 'samvad-downloads-'));
    await insertReportItems(server().database.db, NOVEMBER);
    // A citizen's answer to x:7002 in December (outside the month the tests filter): its thread.
    await insertReportItems(server().database.db, [{ id: '7009', department: 'hallmarking', commentAt: '2026-12-02T05:00:00.000Z', parent: { kind: 'comment', id: '7002' }, text: 'Still no answer on my ring' }]);
    // Two actions on x:7002 through the real push, so its history has events with an actor and an install.
    const login = await fetch(`${server().url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: moderator.email, password: PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const item = { platform: 'x', id: '7002', author: { name: 'Citizen', handle: '@citizen' }, text: 'Comment 7002 about a hallmark', permalink: 'https://x.com/citizen/status/7002', createdAt: NOVEMBER[1]!.commentAt };
    const mutation = (seq: number, op: unknown) => ({ id: randomUUID(), clientId, seq, at: new Date().toISOString(), item, op });
    const pushed = await fetch(`${server().url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId, mutations: [mutation(1, { type: 'note', text: 'asked the lab' }), mutation(2, { type: 'flag', flag: 'rumour', on: true })] }),
    });
    expect(pushed.status).toBe(200);
  });
  afterAll(() => rm(downloads, { recursive: true, force: true }));

  async function signIn(email: string): Promise<Page> {
    const page = await e2e.open(`${server().url}/`, { waitFor: 'input[name="email"]' });
    await page.type('input[name="email"]', email);
    await page.type('input[name="password"]', PASSWORD);
    await page.click('button[data-action="sign-in"]');
    await page.waitForSelector('[data-metric="received"]');
    return page;
  }

  /** Sets the filters as a user would and waits for the overview of them (`shownDepartment`: the one the server answers for). */
  async function setFilters(page: Page, filters: { department?: string; from: string; to: string }, shownDepartment = filters.department ?? '') {
    if (filters.department !== undefined) await page.select('select[name="department"]', filters.department);
    for (const name of ['from', 'to'] as const) {
      await page.$eval(
        `input[name="${name}"]`,
        (input, value) => {
          (input as HTMLInputElement).value = value;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        filters[name],
      );
    }
    await page.waitForSelector(`[data-overview="${filters.from}/${filters.to}/${shownDepartment}"]`);
  }

  const metric = (page: Page, name: string) => page.$eval(`[data-metric="${name}"]`, (el) => Number(el.getAttribute('data-value')));

  it('signs an admin in, filters by department and month, and shows the figures the database holds, chart table included', async () => {
    const page = await signIn(admin.email);
    await setFilters(page, { department: 'hallmarking', from: '2026-11-01', to: '2026-11-30' });
    expect(await metric(page, 'received')).toBe(5);
    expect(await metric(page, 'open')).toBe(1);
    expect(await metric(page, 'overdue')).toBe(1);
    expect(await metric(page, 'interim-met-rate')).toBe(0.5);
    expect(await metric(page, 'final-met-rate')).toBe(0.5);

    // The chart's per-day numbers (its table) against a count made here in SQL, independently of the server's report code.
    const expected = rowsOf<{ day: string; n: number }>(
      await server().database.db.execute(sql`
        SELECT to_char((comment_at AT TIME ZONE 'Asia/Kolkata')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n
        FROM items WHERE department_id = 'hallmarking' AND work IS NOT NULL
          AND (comment_at AT TIME ZONE 'Asia/Kolkata')::date BETWEEN '2026-11-01' AND '2026-11-30'
        GROUP BY 1 ORDER BY 1`),
    );
    const shown = await page.$$eval('table[data-table="per-day"] tbody tr', (rows) =>
      rows.map((row) => [row.getAttribute('data-day'), Number(row.querySelector('[data-col="received"]')!.textContent)] as const),
    );
    expect(shown).toHaveLength(30);
    expect(shown.filter(([, n]) => n > 0)).toEqual(expected.map((r) => [r.day, r.n]));
    expect(await page.$$eval('.chart canvas', (canvases) => canvases.length)).toBeGreaterThanOrEqual(2);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it("opens an item's history in order, with who and from which install, and its proof of posting", async () => {
    const page = await signIn(admin.email);
    await setFilters(page, { department: 'hallmarking', from: '2026-11-01', to: '2026-11-30' });
    await page.click('button[data-view="items"]');
    await page.waitForSelector('[data-item="x:7002"] button[data-action="open-item"]');
    await page.click('[data-item="x:7002"] button[data-action="open-item"]');
    await page.waitForSelector('[data-item-view="x:7002"] [data-history-event]');
    const history = await page.$$eval('[data-history-event]', (rows) => rows.map((row) => [row.getAttribute('data-kind'), ...[...row.querySelectorAll('td')].slice(1).map((td) => td.textContent)]));
    expect(history.map((h) => [h[0], h[1], h[3]])).toEqual([
      ['note', moderator.name, clientId],
      ['flag', moderator.name, clientId],
    ]);
    expect(history[0]![2]).toContain('asked the lab');
    expect(await page.$eval('[data-item-view] blockquote a[data-permalink]', (a) => (a as HTMLAnchorElement).href)).toBe('https://x.com/citizen/status/7002');
    expect(await page.$$eval('[data-thread-item]', (rows) => rows.map((r) => [r.getAttribute('data-thread-item'), r.getAttribute('data-relation'), r.querySelector('.comment-text')?.textContent]))).toEqual([
      ['x:7009', 'reply', 'Still no answer on my ring'],
    ]);
    expect(await page.$$eval('[data-reply]', (rows) => rows.map((r) => [r.getAttribute('data-reply'), r.getAttribute('data-source')]))).toEqual([
      ['interim', 'seen'],
      ['final', 'manual'],
    ]);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('downloads the items CSV of the filters, and the overview is pictured in the README', async () => {
    const page = await signIn(admin.email);
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await setFilters(page, { department: '', from: '2026-11-01', to: '2026-11-30' });
    if (process.env.SAMVAD_UPDATE_SCREENSHOTS) {
      await page.setViewport({ width: 1280, height: 1500 });
      const shot = await e2e.screenshot(page, 'dashboard-overview', { fullPage: false });
      await copyFile(shot, resolve(import.meta.dirname, '../../docs/dashboard-overview.png'));
    }
    await setFilters(page, { department: 'hallmarking', from: '2026-11-01', to: '2026-11-30' });
    await page.click('a[data-action="export-items-csv"]');
    const file = join(downloads, 'samvad-items-2026-11-01-2026-11-30.csv');
    let text = '';
    for (let i = 0; i < 100 && !text; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if ((await readdir(downloads)).includes('samvad-items-2026-11-01-2026-11-30.csv')) text = await readFile(file, 'utf8');
    }
    const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^key,platform,department/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['x:7001', 'x:7002', 'x:7003', 'x:7004', 'facebook:7006']);
    expect(text).toContain(`"'=HYPERLINK(`);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it("shows a department user their department's figures only, in Hindi and dark if they like", async () => {
    const page = await signIn(certification.email);
    expect(await page.$eval('select[name="department"]', (s) => [(s as HTMLSelectElement).disabled, (s as HTMLSelectElement).value, s.querySelectorAll('option').length])).toEqual([true, 'certification', 1]);
    await setFilters(page, { from: '2026-11-01', to: '2026-11-30' }, 'certification');
    expect(await metric(page, 'received')).toBe(1);
    expect(await metric(page, 'interim-met-rate')).toBe(1);
    expect(await metric(page, 'final-met-rate')).toBe(0);
    expect(await page.$('section#users')).toBeNull();

    await page.select('select[name="language"]', 'hi');
    await page.waitForFunction(() => document.documentElement.lang === 'hi');
    expect(await page.$eval('[data-metric="received"] .metric-label', (el) => el.textContent)).toBe('प्राप्त टिप्पणियाँ');
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.select('select[name="theme"]', 'dark');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(light);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(17, 24, 39)');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('lets an admin manage users and departments with the options page’s forms and messages', async () => {
    const page = await signIn(admin.email);
    await page.click('button[data-view="admin"]');
    await page.waitForSelector(`section#users tr[data-user="${certification.email}"]`);
    await page.click('button[data-action="add-department"]');
    const fields: Record<string, string> = { id: 'grievances', nameEn: 'Grievances', nameHi: 'शिकायतें', contactName: 'L. Das', designation: 'Deputy Director', mobile: '12', email: 'grievances.opc@bis.example.in' };
    for (const [field, value] of Object.entries(fields)) await page.type(`input[name="department-${field}"]`, value);
    await page.click('button[data-action="save-department"]');
    // The schema's own message, beside the field.
    expect(await page.$eval('[data-problem="contact.mobile"]', (el) => el.textContent?.trim())).toBe('a phone number of 8–16 digits');
    await page.$eval('input[name="department-mobile"]', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('input[name="department-mobile"]', '+91 99999 10010');
    await page.click('button[data-action="save-department"]');
    await page.waitForSelector('li[data-department-id="grievances"]');
    const stored = rowsOf<{ ids: string[] }>(await server().database.db.execute(sql`SELECT array(SELECT jsonb_array_elements(config->'departments')->>'id') AS ids FROM org_config`));
    expect(stored[0]!.ids).toContain('grievances');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });
});
