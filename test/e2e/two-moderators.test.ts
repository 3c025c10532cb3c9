import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { officialAccount, timelineTweet } from '../fixtures/x/data';
import { describeE2E, setBackgroundOffline as setOffline, signInOnOptionsPage, useE2E, useTeamServer } from './harness';
import { assign, clickInToolbar, decoratedKeys, statusOf, waitForStatus } from './toolbar-helpers';

const PASSWORD = 'a long demo password';
const signIn = (session: Parameters<typeof signInOnOptionsPage>[0], server: string, email: string) => signInOnOptionsPage(session, server, email, PASSWORD);

describeE2E('two moderators and the team server', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'vikram@bis.example.in', name: 'Vikram Das', role: 'moderator', departmentId: null },
      { email: 'hallmarking.opc@bis.example.in', name: 'A. Sharma', role: 'department', departmentId: 'hallmarking' },
    ],
    PASSWORD,
  );

  it("shows one moderator's assignment on the other's open page without a reload, and in the department's queue", async () => {
    const asha = e2e.session;
    const vikram = await e2e.launchAnother();
    const contact = await e2e.launchAnother();
    await signIn(asha, team().url, 'asha@bis.example.in');
    await signIn(vikram, team().url, 'vikram@bis.example.in');
    await signIn(contact, team().url, 'hallmarking.opc@bis.example.in');
    // The One-Point Contact keeps the queue open; it starts on their own department.
    const queue = await contact.browser.newPage();
    contact.watchErrors(queue);
    await queue.goto(contact.extensionUrl('sidepanel.html'));
    await queue.waitForFunction(() => (document.querySelector('#queue-scope') as HTMLSelectElement | null)?.value === 'department:hallmarking');

    // Both watch the conversation under one of the body's posts: its citizens' replies are the team's
    // work, with a reply clock (the post itself, the body's own, has no toolbar).
    const official = timelineTweet(5);
    expect(official.handle).toBe(officialAccount.handle);
    const conversation = `https://x.com/${official.handle}/status/${official.id}`;
    const ashaPage = await asha.open(conversation);
    const vikramPage: Page = await vikram.open(conversation);
    const key = (await decoratedKeys(ashaPage, 'article[data-testid="tweet"]'))[1]!;
    expect(key).not.toBe(`x:${official.id}`);
    await waitForStatus(ashaPage, key, 'data-stage', 'interim');
    await vikramPage.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);

    await assign(ashaPage, key, 'hallmarking');
    // Pushed by Asha's background, poked to Vikram's, pulled and shown on his page: no reload.
    await waitForStatus(vikramPage, key, 'data-department', 'hallmarking', 5_000);
    expect((await statusOf(vikramPage, key)).text).toContain('Hallmarking');

    // The department's contact sees it in their queue, with its clock, and can open the comment.
    // (The assignment may reach the server before Asha's browser has recorded the comment as the body's
    // work, which starts its clock: the row shows the clock once both have.)
    const row = await queue.waitForSelector(`[data-queue-item="${key}"]:is([data-sla="ok"], [data-sla="due-soon"], [data-sla="overdue"])`, { timeout: 40_000 });
    expect(await row!.evaluate((li) => li.textContent)).toMatch(/reply (due|overdue)/);

    // And back: Vikram flags it, Asha sees the flag.
    await clickInToolbar(vikramPage, key, 'button[data-action="flag"]');
    await clickInToolbar(vikramPage, key, '[data-flag="needs_escalation"]');
    await waitForStatus(ashaPage, key, 'data-flags', 'needs_escalation', 5_000);

    // The popup says who is signed in where, when it last synchronised, and that nothing waits unsent.
    const popup = await asha.browser.newPage();
    asha.watchErrors(popup);
    await popup.goto(asha.extensionUrl('popup.html'));
    const status = await popup.waitForSelector('.sync-status[data-signed-in="true"]');
    const text = await status!.evaluate((element) => element.textContent ?? '');
    expect(text).toContain('Asha Rao');
    expect(text).toContain(team().url);
    expect(text).not.toContain('never');
    expect(await status!.evaluate((element) => element.getAttribute('data-pending'))).toBe('0');

    expect(asha.errors(ashaPage)).toEqual([]);
    expect(asha.errors(popup)).toEqual([]);
    expect(vikram.errors(vikramPage)).toEqual([]);
    expect(contact.errors(queue)).toEqual([]);
  });

  it('shows the moderator who lost a race, offline, who assigned the comment first', async () => {
    const asha = e2e.session; // signed in by the test above
    const vikram = await e2e.launchAnother();
    await signIn(vikram, team().url, 'vikram@bis.example.in');
    const ashaPage = await asha.open('https://x.com/home');
    const vikramPage = await vikram.open('https://x.com/home');
    const key = (await decoratedKeys(vikramPage, 'article[data-testid="tweet"]'))[3];
    await ashaPage.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);

    // Vikram's cable is pulled: his assignment waits in his outbox, shown as done on his page.
    await setOffline(vikram, true);
    await assign(vikramPage, key!, 'laboratory');

    // Meanwhile Asha assigns the same comment elsewhere.
    await assign(ashaPage, key!, 'nits');
    await setOffline(vikram, false);

    // With the network back his outbox goes out by itself, within seconds (the 30 s alarm is not waited
    // for): the server keeps Asha's assignment and tells him so.
    await waitForStatus(vikramPage, key!, 'data-department', 'nits', 15_000);
    const text = (await statusOf(vikramPage, key!)).text ?? '';
    expect(text).toContain('Already assigned to NITS by Asha Rao');
    expect(asha.errors(ashaPage)).toEqual([]);
    expect(vikram.errors(vikramPage)).toEqual([]);
  });
});
