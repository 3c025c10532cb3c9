// The post gate on an X conversation (status) page (issue 12: the one place that sees every post attempt,
// failing closed): a reply sent from the reply dialog opened on one of the conversation's replies is held
// for approval like one on the home timeline, whether Post is clicked or Ctrl+Enter pressed, in Chromium
// and in Firefox.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { officialAccount, timelineTweet } from '../fixtures/x/data';
import { ui } from './closed-roots';
import { describeE2E, useE2E, type LaunchOptions } from './harness';
import { clickInToolbar, decoratedKeys, waitForStatus } from './toolbar-helpers';

const APPROVAL_DIALOG = 'samvad-approval >>> dialog[data-samvad-approval][open]';
const X_TWEET = 'article[data-testid="tweet"]';
const X_DIALOG_COMPOSER = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
const X_DIALOG_POST = 'div[role="dialog"] [data-testid="tweetButton"]';
const DRAFT = 'As the matter is before the court, we are unable to comment on it.';
const posted = (page: Page) => page.evaluate(() => window.__fixture.posted);
/** A real mouse click at the element's centre (page.click waits on animation frames, which a background tab does not run). */
const clickAt = async (page: Page, selector: string) => {
  const box = await (await page.waitForSelector(selector))!.boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
};

for (const browser of ['chromium', 'firefox'] as const satisfies LaunchOptions['browser'][]) {
  describeE2E(`the post gate on a conversation page (${browser})`, () => {
    const e2e = useE2E({ browser });

    it.each([
      { how: 'the Post button', reply: 1, behind: false },
      { how: 'Ctrl+Enter', reply: 2, behind: false },
      // The moderator's page in a background tab (another tab, such as the queue, in front): the page gets no
      // focus events then, so the dialog's composer is never seen taking focus.
      { how: 'the Post button', reply: 3, behind: true },
      { how: 'Ctrl+Enter', reply: 4, behind: true },
    ] as const)('a reply from the reply dialog to a reply flagged sub judice is held for approval ($how, page behind another tab: $behind)', async ({ how, reply, behind }) => {
      const official = timelineTweet(5);
      expect(official.handle).toBe(officialAccount.handle);
      const page = await e2e.open(`https://x.com/${official.handle}/status/${official.id}`, { waitFor: `${X_TWEET}[data-samvad-item]` });
      // [0] is the focused tweet; [1] the first reply under it, a citizen's.
      const key = (await decoratedKeys(page, X_TWEET))[reply]!;
      await clickInToolbar(page, key, 'button[data-action="flag"]');
      await clickInToolbar(page, key, '[data-flag="sub_judice"]');
      await waitForStatus(page, key, 'data-approval', 'needed');

      const front = behind ? await e2e.session.browser.newPage() : null;
      await clickAt(page, `${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
      // Polled by timer: animation frames do not run in a background tab.
      await page.waitForFunction((selector) => document.activeElement?.matches(selector), { polling: 100 }, X_DIALOG_COMPOSER);
      await page.keyboard.type(DRAFT);
      await page.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('aria-disabled') === 'false', { polling: 100 }, X_DIALOG_POST);
      if (how === 'the Post button') {
        await clickAt(page, X_DIALOG_POST);
      } else {
        await page.keyboard.down('Control');
        await page.keyboard.press('Enter');
        await page.keyboard.up('Control');
      }
      await ui(page).waitFor(APPROVAL_DIALOG);
      expect(await ui(page).attribute(APPROVAL_DIALOG, 'data-state')).toBe('unassigned');
      expect(await ui(page).text(APPROVAL_DIALOG)).toContain('Sub judice');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await posted(page)).toEqual([]);
      expect(e2e.errors(page)).toEqual([]);
      await page.close();
      await front?.close();
    }, 90_000);
  });
}
