import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness';
import { ui } from './closed-roots';
import { clickInToolbar, focusedActionIn, inToolbar, statusOf, waitForStatus } from './toolbar-helpers';

const TWEETS = 'article[data-testid="tweet"]';

/** For each decorated tweet: its item key and how many toolbars it holds. */
async function decoratedTweets(page: Page) {
  return page.$$eval(TWEETS, (articles) =>
    articles.map((article) => ({
      // Toolbars come to comments as they near the viewport (400 px ahead).
      inView: article.getBoundingClientRect().top < innerHeight + 300 && article.getBoundingClientRect().bottom > -300,
      key: article.getAttribute('data-samvad-item'),
      toolbars: article.querySelectorAll('samvad-toolbar').length,
      promoted: Boolean(article.closest('[data-testid="placementTracking"]') ?? article.querySelector('[data-testid="placementTracking"]')),
      // The body's own posts are answers, never items (DESIGN.md, "Which comments are the team's work").
      official: article.querySelector('[data-testid="User-Name"] a[href="/IndianStandards"]') !== null,
    })),
  );
}

async function firstDecoratedKey(page: Page): Promise<string> {
  await page.waitForSelector(`${TWEETS}[data-samvad-item] samvad-toolbar`);
  const tweets = await decoratedTweets(page);
  return tweets.find((tweet) => tweet.key)!.key!;
}

describeE2E('triage toolbar on X', () => {
  const e2e = useE2E();

  it("gives every tweet exactly one toolbar and skips promoted tweets and the body's own", async () => {
    const page = await e2e.open('https://x.com/home', { waitFor: `${TWEETS} samvad-toolbar` });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const tweets = (await decoratedTweets(page)).filter((tweet) => tweet.inView);
    expect(tweets.length).toBeGreaterThan(3);
    for (const tweet of tweets) {
      if (tweet.promoted || tweet.official) expect(tweet).toMatchObject({ key: null, toolbars: 0 });
      else {
        expect(tweet.key).toMatch(/^x:\d+$/);
        expect(tweet.toolbars).toBe(1);
      }
    }
    await e2e.screenshot(page, 'x-toolbar');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('assigns and flags from the toolbar, and the state survives a reload', async () => {
    const page = await e2e.open('https://x.com/home');
    const key = await firstDecoratedKey(page);
    await clickInToolbar(page, key, 'button[data-action="assign"]');
    await clickInToolbar(page, key, '[data-department-id="hallmarking"]');
    await waitForStatus(page, key, 'data-department', 'hallmarking');

    await clickInToolbar(page, key, 'button[data-action="flag"]');
    await clickInToolbar(page, key, '[data-flag="sub_judice"]');
    await clickInToolbar(page, key, '[data-flag="rumour"]');
    await waitForStatus(page, key, 'data-flags', 'sub_judice rumour');
    expect((await statusOf(page, key)).text).toContain('Hallmarking');
    // The README's screenshot: a triaged tweet with its flag menu open.
    await e2e.screenshot(page, 'x-toolbar-triaged');
    // The click did not open the tweet (X navigates on clicks inside an article).
    expect(new URL(page.url()).pathname).toBe('/home');

    await e2e.reload(page, { waitFor: `[data-samvad-item="${key}"] samvad-toolbar` });
    await waitForStatus(page, key, 'data-department', 'hallmarking');
    expect(await statusOf(page, key)).toMatchObject({ department: 'hallmarking', flags: 'sub_judice rumour' });

    // Another tab shows the same state.
    const other = await e2e.open('https://x.com/home', { waitFor: `[data-samvad-item="${key}"] samvad-toolbar` });
    await waitForStatus(other, key, 'data-department', 'hallmarking');
    expect(e2e.errors(page)).toEqual([]);
    expect(e2e.errors(other)).toEqual([]);
    await other.close();
    await page.close();
  });

  it('triages by keyboard alone', async () => {
    const page = await e2e.open('https://x.com/home');
    const keys = (await decoratedTweets(page)).filter((t) => t.key).map((t) => t.key!);
    const key = keys[1] ?? keys[0]!;
    // Focus the Assign button the way Tab would reach it, then use only keys.
    await ui(page).focus(inToolbar(key, 'button[data-action="assign"]'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitForStatus(page, key, 'data-department', 'certification');
    // A screen reader hears it once, from the page's one live region; no toolbar is a live region itself.
    await ui(page).waitForFunction('samvad-live >>> [role="status"]', ([region]) => region?.textContent?.includes('Certification'), {});
    expect(await ui(page).count('samvad-live >>> [aria-live="polite"]')).toBe(1);
    expect(await ui(page).count('samvad-toolbar >>> [role="status"]')).toBe(0);

    // Focus came back to Assign; the arrow keys move along the toolbar (one tab stop) to Flag.
    expect(await focusedActionIn(page, key)).toBe('assign');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedActionIn(page, key)).toBe('flag');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await waitForStatus(page, key, 'data-flags', 'needs_escalation');
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('makes each toolbar one tab stop, with the arrow keys moving inside it', async () => {
    const page = await e2e.open('https://x.com/home');
    const keys = (await decoratedTweets(page)).filter((t) => t.key).map((t) => t.key!);
    const key = keys[1] ?? keys[0]!;
    await ui(page).focus(inToolbar(key, 'button[data-action="assign"]'));
    // From whatever comes before the toolbar, Tab lands on it once, on its first button…
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focusedActionIn(page, key)).toBeNull();
    await page.keyboard.press('Tab');
    expect(await focusedActionIn(page, key)).toBe('assign');
    // …and the next Tab leaves it: its other buttons are not tab stops.
    await page.keyboard.press('Tab');
    expect(await focusedActionIn(page, key)).toBeNull();
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focusedActionIn(page, key)).toBe('assign');
    // Right, Left (wrapping), End and Home move within; the tab stop stays where the moderator left it.
    // The last button is Track on a tweet that is not the team's work, else Flag.
    const last = (await ui(page).count(inToolbar(key, 'button[data-action="track"]:not([hidden])'))) ? 'track' : 'flag';
    await page.keyboard.press('ArrowRight');
    expect(await focusedActionIn(page, key)).toBe('reply');
    await page.keyboard.press('ArrowRight');
    expect(await focusedActionIn(page, key)).toBe('flag');
    await page.keyboard.press('End');
    expect(await focusedActionIn(page, key)).toBe(last);
    await page.keyboard.press('ArrowRight');
    expect(await focusedActionIn(page, key)).toBe('assign');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedActionIn(page, key)).toBe(last);
    await page.keyboard.press('Home');
    expect(await focusedActionIn(page, key)).toBe('assign');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedActionIn(page, key)).toBe('flag');
    await page.keyboard.press('Tab');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    expect(await focusedActionIn(page, key)).toBe('flag');
    // The arrows never reached the site: X's own keyboard shortcuts did nothing, the page did not move on.
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('opens a menu above its button when the button sits at the bottom of the window', async () => {
    const page = await e2e.open('https://x.com/home');
    const key = await firstDecoratedKey(page);
    const host = await page.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);
    await host!.evaluate((h) => h.scrollIntoView({ block: 'end' }));
    await ui(page).evaluate(inToolbar(key, 'button[data-action="flag"]'), ([button]) => (button as HTMLButtonElement).click());
    await ui(page).waitFor(inToolbar(key, '[role="menu"]'));
    const rect = await ui(page).evaluate(inToolbar(key, '[role="menu"]'), ([menu]) => {
      const r = menu!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height, viewport: innerHeight };
    });
    expect(rect.height).toBeGreaterThan(100);
    expect(rect.top).toBeGreaterThanOrEqual(0);
    expect(rect.bottom).toBeLessThanOrEqual(rect.viewport);
    await page.keyboard.press('Escape');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('shows the right item state in recycled cells while scrolling, and follows SPA navigation', async () => {
    const page = await e2e.open('https://x.com/home');
    await firstDecoratedKey(page);
    // A tweet no earlier test touched.
    const key = (await decoratedTweets(page)).filter((t) => t.key).map((t) => t.key!)[2]!;
    await clickInToolbar(page, key, 'button[data-action="flag"]');
    await clickInToolbar(page, key, '[data-flag="spam"]');
    await waitForStatus(page, key, 'data-flags', 'spam');

    // Scroll far: cells are re-used for other tweets; none may keep the flagged tweet's state.
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel({ deltaY: 1500 });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const flagsShown = new Map(
      await ui(page).evaluate(`${TWEETS}[data-samvad-item] samvad-toolbar >>> [data-samvad-status]`, (statuses) =>
        statuses.map((status) => {
          const article = (status.getRootNode() as ShadowRoot).host.closest('[data-samvad-item]')!;
          return [article.getAttribute('data-samvad-item'), status.getAttribute('data-flags')] as const;
        }),
      ),
    );
    const states = (
      await page.$$eval(`${TWEETS}[data-samvad-item]`, (articles) =>
        articles.map((article) => ({
          key: article.getAttribute('data-samvad-item'),
          href: article.querySelector('a[href*="/status/"] time')?.parentElement?.getAttribute('href') ?? '',
          toolbars: article.querySelectorAll('samvad-toolbar').length,
        })),
      )
    ).map((state) => ({ ...state, flags: flagsShown.get(state.key) }));
    expect(states.length).toBeGreaterThan(3);
    for (const state of states) {
      expect(state.toolbars).toBe(1);
      expect(state.href.endsWith(state.key!.slice(2))).toBe(true);
      if (state.key !== key) expect(state.flags).not.toContain('spam');
    }

    // Scroll back: the flagged tweet shows its flag again.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);
    await waitForStatus(page, key, 'data-flags', 'spam');

    // SPA navigation to a status page: its tweets get toolbars without a reload.
    const permalink = await page.$eval(`[data-samvad-item="${key}"] a[href*="/status/"] time`, (time) => time.parentElement!.getAttribute('href')!);
    await page.click(`[data-samvad-item="${key}"] a[href="${permalink}"]`);
    await page.waitForFunction((path) => location.pathname === path, {}, permalink);
    await page.waitForSelector(`article[tabindex="-1"][data-samvad-item="${key}"] samvad-toolbar`);
    await waitForStatus(page, key, 'data-flags', 'spam');
    const onStatusPage = await decoratedTweets(page);
    expect(onStatusPage.filter((t) => t.key).length).toBeGreaterThan(1);
    for (const tweet of onStatusPage) if (tweet.key) expect(tweet.toolbars).toBe(1);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });
});
