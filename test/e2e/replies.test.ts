import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness';
import { ui } from './closed-roots';
import { clickInToolbar, decoratedKeys, statusOf, waitForStatus, waitForStatusText } from './toolbar-helpers';

const PICKER_INPUT = 'samvad-canned-picker >>> input';

/** The moderator's whole flow: Reply on the toolbar, a few keys in the picker, post with the site's own button or key. */
async function replyFromToolbar(page: Page, key: string, query: string): Promise<string> {
  await clickInToolbar(page, key, 'button[data-action="reply"]');
  await ui(page).waitFor(PICKER_INPUT);
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('samvad-canned-picker'));
  // The text went into the composer's state (draft-js / lexical), not just its DOM.
  // Checked on every DOM change, so the caller can post as soon as a quick moderator could.
  const handle = await page.waitForFunction(
    () => {
      const editor = document.activeElement?.closest('[contenteditable="true"]');
      const text = editor ? window.__fixture.editorText(editor) : '';
      return text && text.length > 20 ? text : null;
    },
    { polling: 'mutation' },
  );
  return (await handle.jsonValue()) as string;
}

describeE2E('canned replies from the toolbar', () => {
  const e2e = useE2E();

  it('on X: picks a reply, the reply dialog opens with it, posting records it as "posted, not yet seen"', async () => {
    const page = await e2e.open('https://x.com/home');
    // The body's own posts have no toolbar: the first decorated tweet is the first citizen's.
    const [key] = (await decoratedKeys(page, 'article[data-testid="tweet"]')).slice(0);
    const inserted = await replyFromToolbar(page, key!, 'ack');
    expect(inserted).toMatch(/thank you for writing to us/i);
    expect(inserted).not.toContain('{{');

    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await page.evaluate(() => window.__fixture.posted[0])).toEqual({ text: inserted, inReplyTo: key!.slice(2) });

    // Recorded as the composer showed it; it counts (and moves a clock) only once seen on the page, which
    // a home timeline never shows (lib/content/proof.ts, test/e2e/ingest-proof.test.ts).
    await waitForStatusText(page, key!, /Reply posted, not yet seen/);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on X: an acknowledgement posted with Ctrl+Enter the moment it shows is recorded, once', async () => {
    const page = await e2e.open('https://x.com/home');
    const [key] = (await decoratedKeys(page, 'article[data-testid="tweet"]')).slice(1);
    // Animation frames come late (as in a busy tab): the insertion checks its work on its 50 ms timer
    // instead, so the moderator's keys land before that check, as a quick moderator's can.
    await page.evaluate(() => {
      const requestFrame = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (callback) => window.setTimeout(() => requestFrame(callback), 250);
    });
    const inserted = await replyFromToolbar(page, key!, 'ack');
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await page.evaluate(() => window.__fixture.posted[0]?.text)).toBe(inserted);
    await waitForStatusText(page, key!, /Reply posted, not yet seen/);
    // Nothing was put back into the composer after it was posted.
    expect(await page.evaluate(() => window.__fixture.posted.length)).toBe(1);
    expect(await page.$('div[role="dialog"] [contenteditable="true"]')).toBeNull();
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it("on X: a post the site's own script fakes (a synthetic click on Post, the composer then emptied) records nothing", async () => {
    const page = await e2e.open('https://x.com/home');
    const [forged, real] = (await decoratedKeys(page, 'article[data-testid="tweet"]')).slice(2, 4);
    await page.click(`[data-samvad-item="${forged}"] [data-testid="reply"]`);
    const dialogComposer = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, dialogComposer);
    await page.keyboard.type('A draft the moderator has not posted');
    // The site's script, not the moderator, "presses" Post (a click that never reaches the site's own
    // handler, so nothing is posted) and then closes the dialog, as a posted reply's dialog closes.
    await page.evaluate(() => {
      const post = document.querySelector('div[role="dialog"] [data-testid="tweetButton"]')!;
      post.addEventListener('click', (event) => event.stopPropagation());
      post.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
      // Later, once the guideline check (which may hold the click back) has let it through.
      setTimeout(() => (document.querySelector('div[role="dialog"] [data-testid="app-bar-close"]') as HTMLElement).click(), 1_000);
    });
    await page.waitForFunction(() => !document.querySelector('div[role="dialog"]'));
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([]);

    // The moderator's own post afterwards is recorded, and by then the fake one would have been too.
    await replyFromToolbar(page, real!, 'ack');
    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await waitForStatusText(page, real!, /Reply posted, not yet seen/);
    const status = await statusOf(page, forged!);
    expect(status.sla).not.toBe('done');
    expect(status.text).not.toMatch(/Reply posted|Replied/);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on Facebook: a final reply posted with Enter stops the clock', async () => {
    const page = await e2e.open('https://www.facebook.com/IndianStandards/posts/1029384756000001');
    // A top-level comment: Facebook shows the Page's reply in its thread, where it is seen as the proof.
    const keys = (await decoratedKeys(page, 'div[role="article"]')).filter((k) => k.startsWith('facebook:90'));
    const key = keys[1]!;
    const inserted = await replyFromToolbar(page, key, 'resolved');
    expect(inserted).not.toContain('{{');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect((await page.evaluate(() => window.__fixture.posted[0]))?.text).toBe(inserted);
    await waitForStatus(page, key, 'data-sla', 'done', 20_000);
    expect((await statusOf(page, key)).text).toContain('Replied');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });
});
