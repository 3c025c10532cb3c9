import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { timelineTweetId } from '../fixtures/x/data';
import { describeE2E, signInOnOptionsPage, useE2E, useTeamServer, type BrowserSession } from './harness';
import { assign, clickInToolbar, waitForStatus } from './toolbar-helpers';

const PASSWORD = 'a long demo password';

// The X fixture's home timeline: tweet `index` was posted 3 + 11 × index minutes before the page loaded.
// With the demo policy (interim reply within 4 h, "due soon" 30 min before): 22 is overdue (245 min),
// 21 due soon (234 min), 2 and 1 have hours left (25 and 14 min old).
const key = (index: number) => `x:${timelineTweetId(index)}`;
const OVERDUE = key(22);
const DUE_SOON = key(21);
const OLDER = key(2);
const NEWER = key(1);

async function openPanel(session: BrowserSession): Promise<Page> {
  const panel = await session.browser.newPage();
  session.watchErrors(panel);
  await panel.goto(session.extensionUrl('sidepanel.html'));
  await panel.waitForSelector('button[data-queue-view="queue"]');
  return panel;
}

const row = (itemKey: string) => `[data-queue-item="${itemKey}"]`;
const rowAttribute = (panel: Page, itemKey: string, name: string) =>
  panel.$eval(row(itemKey), (element, attribute) => element.getAttribute(attribute), name);
async function waitForRow(panel: Page, itemKey: string, attribute: string, value: string, timeout = 15_000) {
  await panel.waitForFunction(
    (selector, a, v) => document.querySelector(selector)?.getAttribute(a) === v,
    { timeout },
    row(itemKey),
    attribute,
    value,
  );
}

/** The toolbar icon's badge, as the background set it. */
async function badge(session: BrowserSession): Promise<string> {
  const worker = await session.serviceWorker();
  return worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));
}
async function waitForBadge(session: BrowserSession, text: string, timeout = 15_000) {
  const until = Date.now() + timeout;
  let last = '';
  while (Date.now() < until) {
    last = await badge(session);
    if (last === text) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`badge stayed "${last}", expected "${text}"`);
}

describeE2E('the side panel queue with the team server', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'hallmarking.opc@bis.example.in', name: 'A. Sharma', role: 'department', departmentId: 'hallmarking' },
    ],
    PASSWORD,
  );

  it("a department's contact accepts, notes and reassigns from the side panel; the moderator's panel and toolbar follow", async () => {
    const asha = e2e.session;
    const contact = await e2e.launchAnother();
    await signInOnOptionsPage(asha, team().url, 'asha@bis.example.in', PASSWORD);
    await signInOnOptionsPage(contact, team().url, 'hallmarking.opc@bis.example.in', PASSWORD);

    // The moderator tracks four comments of the X timeline and assigns them to Hallmarking (scrolling down to
    // the older ones).
    const page = await asha.open('https://x.com/home');
    await page.waitForSelector('article[data-testid="tweet"][data-samvad-item] samvad-toolbar');
    // Down until the timeline has fetched the overdue one (it fetches ten at a time as its end shows).
    for (let i = 0; i < 40 && !(await page.$(`[data-samvad-item="${OVERDUE}"] samvad-toolbar`)) && (await page.evaluate(() => window.__fixture.loadedCount())) <= 22; i++) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // The timeline keeps only the tweets near the viewport: the older ones first, then back up.
    for (const itemKey of [OVERDUE, DUE_SOON, OLDER, NEWER]) {
      for (let i = 0; i < 20 && !(await page.$(`[data-samvad-item="${itemKey}"] samvad-toolbar`)); i++) {
        await page.evaluate(() => window.scrollBy(0, -600));
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await page.$eval(`[data-samvad-item="${itemKey}"]`, (element) => element.scrollIntoView({ block: 'center' }));
      // None of them mentions the body: the moderator tracks each by hand, which starts its reply clock.
      await waitForStatus(page, itemKey, 'data-sla', 'none');
      await clickInToolbar(page, itemKey, 'button[data-action="track"]');
      await waitForStatus(page, itemKey, 'data-stage', 'interim');
      await assign(page, itemKey, 'hallmarking');
    }
    const moderatorPanel = await openPanel(asha);

    // The contact opens the side panel: their department's comments, most urgent first.
    const panel = await openPanel(contact);
    expect(await panel.$eval('#queue-scope', (select) => (select as HTMLSelectElement).value)).toBe('department:hallmarking');
    await panel.waitForFunction((n) => document.querySelectorAll('[data-queue-item]').length === n, { timeout: 40_000 }, 4);
    const order = await panel.$$eval('[data-queue-item]', (rows) =>
      rows.map((r) => [r.getAttribute('data-queue-item'), r.getAttribute('data-sla'), r.getAttribute('data-stage'), r.getAttribute('data-status')]),
    );
    expect(order).toEqual([
      [OVERDUE, 'overdue', 'interim', 'open'],
      [DUE_SOON, 'due-soon', 'interim', 'open'],
      [OLDER, 'ok', 'interim', 'open'],
      [NEWER, 'ok', 'interim', 'open'],
    ]);
    expect(await panel.$eval(row(OVERDUE), (r) => r.textContent)).toMatch(/Interim reply overdue by/);
    await waitForBadge(contact, '1');

    // Accept the overdue one.
    await panel.click(`${row(OVERDUE)} button[data-action="accept"]`);
    await waitForRow(panel, OVERDUE, 'data-status', 'accepted');

    // A note, by keyboard: focus the button, Enter opens the field (focused), Ctrl+Enter saves.
    await panel.focus(`${row(OVERDUE)} button[data-action="note"]`);
    await panel.keyboard.press('Enter');
    await panel.waitForSelector(`${row(OVERDUE)} textarea[name="note"]:focus`);
    await panel.keyboard.type('Asked the hallmarking centre in Kolkata');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('Enter');
    await panel.keyboard.up('Control');
    await panel.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Asked the hallmarking centre'), {}, row(OVERDUE));

    // Reassign another, with a note: it leaves the contact's queue.
    await panel.click(`${row(OLDER)} button[data-action="reassign"]`);
    await panel.select(`${row(OLDER)} select[name="department"]`, 'laboratory');
    await panel.type(`${row(OLDER)} textarea[name="note"]`, 'A laboratory test report, not hallmarking');
    await panel.click(`${row(OLDER)} button[data-action="confirm"]`);
    await panel.waitForFunction((selector) => !document.querySelector(selector), { timeout: 15_000 }, row(OLDER));

    // The moderator's page and panel follow, without a reload.
    await waitForRow(moderatorPanel, OLDER, 'data-department', 'laboratory');
    await waitForRow(moderatorPanel, OVERDUE, 'data-status', 'accepted');
    await moderatorPanel.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Asked the hallmarking centre'), {}, row(OVERDUE));
    await page.bringToFront();
    await waitForStatus(page, OLDER, 'data-department', 'laboratory', 15_000);
    // Every overdue item of the team counts on the moderator's badge, as their panel lists them (besides the
    // overdue one, the tweets mentioning the body that her browser recorded while scrolling, untouched);
    // the department's on the contact's.
    const overdueInPanel = () => moderatorPanel.$$eval('[data-queue-item][data-sla="overdue"]', (rows) => rows.map((r) => r.getAttribute('data-queue-item')));
    for (let i = 0; i < 50 && (await badge(asha)) !== String((await overdueInPanel()).length); i++) await new Promise((resolve) => setTimeout(resolve, 200));
    const overdueForTeam = await overdueInPanel();
    expect(overdueForTeam).toContain(OVERDUE);
    expect(await badge(asha)).toBe(String(overdueForTeam.length));
    await waitForBadge(contact, '1');

    // The reassigned item's history, with who and when, opened from its row.
    await moderatorPanel.bringToFront();
    await moderatorPanel.click(`${row(OLDER)} button[data-action="history"]`);
    await moderatorPanel.waitForSelector(`${row(OLDER)} [data-history-event]`);
    const history = await moderatorPanel.$$eval(`${row(OLDER)} [data-history-event]`, (events) =>
      events.map((e) => [e.getAttribute('data-kind'), e.textContent]),
    );
    expect(history.map(([kind]) => kind)).toEqual(['track', 'assign', 'assign']);
    expect(history[0]![1]).toContain('Asha Rao: tracked by hand');
    expect(history[1]![1]).toContain('Asha Rao: assigned to Hallmarking');
    expect(history[2]![1]).toContain('A. Sharma: assigned to Laboratory — “A laboratory test report, not hallmarking”');

    // The overdue one reassigned too: the contact's badge empties.
    await panel.bringToFront();
    await panel.click(`${row(OVERDUE)} button[data-action="reassign"]`);
    await panel.select(`${row(OVERDUE)} select[name="department"]`, 'nits');
    await panel.click(`${row(OVERDUE)} button[data-action="confirm"]`);
    await waitForBadge(contact, '');
    await waitForRow(moderatorPanel, OVERDUE, 'data-department', 'nits');
    // Reassigned elsewhere, it is no longer accepted: the new department has to take it on.
    expect(await rowAttribute(moderatorPanel, OVERDUE, 'data-status')).toBe('open');

    expect(asha.errors(page)).toEqual([]);
    expect(asha.errors(moderatorPanel)).toEqual([]);
    expect(contact.errors(panel)).toEqual([]);
  }, 150_000);
});
