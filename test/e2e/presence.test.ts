// "Who else is replying" (issue 12), with the built extension, two browsers and the team server: one
// moderator opening the site's reply composer for a tweet shows on the other's toolbar for that tweet
// at once, and goes away when they close it.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { ui } from './closed-roots';
import { describeE2E, signInOnOptionsPage, useE2E, useTeamServer, type BrowserSession } from './harness';
import { assign, clickInToolbar, decoratedKeys, statusOf, waitForStatus, waitForStatusText } from './toolbar-helpers';

const PASSWORD = 'a long demo password';
const X_HOME = 'https://x.com/home';
const X_TWEET = 'article[data-testid="tweet"]';
const DIALOG_COMPOSER = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
const FB_POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const FB_COMMENT = 'div[role="article"]';

/** Inserts a canned reply from the comment's toolbar (the picker opens the comment's composer). */
async function insertCannedReply(page: Page, key: string, query: string): Promise<void> {
  await clickInToolbar(page, key, 'button[data-action="reply"]');
  await ui(page).waitFor('samvad-canned-picker >>> input:focus');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('samvad-canned-picker'));
}

describeE2E('who else is replying', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'kabir@bis.example.in', name: 'Kabir Mehta', role: 'moderator', departmentId: null },
    ],
    PASSWORD,
  );

  let asha: BrowserSession;

  it("shows on the second moderator's toolbar that the first is replying, and not once they stop", async () => {
    const kabir = e2e.session;
    asha = await e2e.launchAnother();
    await signInOnOptionsPage(kabir, team().url, 'kabir@bis.example.in', PASSWORD);
    await signInOnOptionsPage(asha, team().url, 'asha@bis.example.in', PASSWORD);
    const kabirPage = await kabir.open(X_HOME);
    const ashaPage = await asha.open(X_HOME);
    const [key, other] = (await decoratedKeys(kabirPage, X_TWEET)).slice(1, 3);
    await ashaPage.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);

    // Both live connections are up: an assignment each way reaches the other page without a reload.
    await assign(kabirPage, key!, 'hallmarking');
    await waitForStatus(ashaPage, key!, 'data-department', 'hallmarking', 10_000);
    await clickInToolbar(ashaPage, key!, 'button[data-action="flag"]');
    await clickInToolbar(ashaPage, key!, '[data-flag="needs_escalation"]');
    await waitForStatus(kabirPage, key!, 'data-flags', 'needs_escalation', 10_000);
    expect((await statusOf(ashaPage, key!)).text).not.toContain('replying');

    // Kabir opens the site's own reply composer for the tweet, before typing anything.
    await kabirPage.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
    await kabirPage.waitForFunction((selector) => document.activeElement?.matches(selector), {}, DIALOG_COMPOSER);
    await waitForStatus(ashaPage, key!, 'data-presence', 'replying', 1_000);
    await waitForStatusText(ashaPage, key!, /Kabir Mehta is replying/, 1_000);
    // Only on that tweet's toolbar; and Kabir is not told about himself.
    await waitForStatus(ashaPage, other!, 'data-presence', '');
    expect((await statusOf(kabirPage, key!)).text).not.toContain('replying');
    // The name lives in the closed shadow root only: nothing on the site's own page says it.
    expect(await ashaPage.evaluate(() => document.body.innerText.includes('Kabir'))).toBe(false);

    // He closes the composer without posting: the presence goes.
    await kabirPage.click('div[role="dialog"] [data-testid="app-bar-close"]');
    await waitForStatus(ashaPage, key!, 'data-presence', '', 5_000);
    expect((await statusOf(ashaPage, key!)).text).not.toContain('replying');

    expect(kabir.errors(kabirPage)).toEqual([]);
    expect(asha.errors(ashaPage)).toEqual([]);
  });

  it('on Facebook: a canned reply inserted into a comment’s composer shows as replying until the draft is cleared and left', async () => {
    const kabir = e2e.session; // both signed in by the test above
    const kabirPage = await kabir.open(FB_POST);
    const ashaPage = await asha.open(FB_POST);
    const key = (await decoratedKeys(kabirPage, FB_COMMENT))[2]!;
    await ashaPage.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);
    // Asha's live connection is up once a change of Kabir's reaches her page.
    await assign(kabirPage, key, 'certification');
    await waitForStatus(ashaPage, key, 'data-department', 'certification', 10_000);

    await insertCannedReply(kabirPage, key, 'ack');
    await waitForStatus(ashaPage, key, 'data-presence', 'replying', 1_000);
    await waitForStatusText(ashaPage, key, /Kabir Mehta is replying/, 1_000);

    // He empties the draft and clicks away: no longer replying.
    await kabirPage.keyboard.down('Control');
    await kabirPage.keyboard.press('a');
    await kabirPage.keyboard.up('Control');
    await kabirPage.keyboard.press('Backspace');
    await kabirPage.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await waitForStatus(ashaPage, key, 'data-presence', '', 5_000);

    expect(kabir.errors(kabirPage)).toEqual([]);
    expect(asha.errors(ashaPage)).toEqual([]);
  });
});
