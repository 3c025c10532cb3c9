// The fixture sites themselves, in Chromium without the extension: if these fail, extension e2e failures
// mean nothing. Real editors take typing and post; X cells recycle; SPA navigation keeps the page alive.
import type { Page } from 'puppeteer-core';
import { afterEach, expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness';

const tweet = 'article[data-testid="tweet"]';
const composer = '[data-testid="tweetTextarea_0"]';

describeE2E('fixture sites', () => {
  const e2e = useE2E({ extension: false });
  let pages: Page[] = [];
  const open = async (url: string, waitFor: string) => {
    const page = await e2e.open(url, { waitFor });
    pages.push(page);
    return page;
  };
  afterEach(async () => {
    for (const page of pages) expect(e2e.errors(page)).toEqual([]);
    await Promise.all(pages.map((page) => page.close()));
    pages = [];
  });

  const visibleStatusIds = (page: Page) =>
    page.$$eval(`${tweet} [data-testid="User-Name"] a[href*="/status/"]`, (links) =>
      links.filter((link) => !link.closest('[role="link"][tabindex="0"]')).map((link) => link.getAttribute('href')),
    );

  it('X home shows tweets in English and Hindi, a promoted tweet and a quote', async () => {
    const page = await open('https://x.com/home', tweet);
    const summary = await page.evaluate(() => ({
      title: document.title,
      langs: [...document.querySelectorAll('[data-testid="tweetText"]')].map((text) => text.getAttribute('lang')),
      promoted: document.querySelectorAll('[data-testid="placementTracking"] article[data-testid="tweet"]').length,
      quotes: document.querySelectorAll('article[data-testid="tweet"] [role="link"][tabindex="0"] [data-testid="User-Name"]').length,
    }));
    expect(summary.title).toBe('Home / X');
    expect(summary.langs).toContain('hi');
    expect(summary.langs).toContain('en');
    expect(summary.promoted).toBeGreaterThanOrEqual(1);
    expect(summary.quotes).toBeGreaterThanOrEqual(1);
  });

  it('twitter.com serves the same app', async () => {
    const page = await open('https://twitter.com/home', tweet);
    expect(await page.$$(tweet)).not.toHaveLength(0);
  });

  it('X timeline loads more on scroll and re-uses cell nodes for other tweets', async () => {
    const page = await open('https://x.com/home', tweet);
    const firstIds = await visibleStatusIds(page);
    // Mark every cell node, scroll far, and find a marked node showing a tweet it did not show before.
    await page.evaluate(() => {
      for (const cell of document.querySelectorAll<HTMLElement>('[data-testid="cellInnerDiv"]')) {
        const link = cell.querySelector('[data-testid="User-Name"] a[href*="/status/"]');
        (cell as HTMLElement & { __shownBefore?: string | null }).__shownBefore = link?.getAttribute('href');
      }
    });
    const loadedBefore = await page.evaluate(() => window.__fixture.loadedCount());
    for (let step = 0; step < 12; step++) {
      await page.evaluate(() => window.scrollBy(0, 800));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await page.waitForFunction((before) => window.__fixture.loadedCount() > before, {}, loadedBefore);
    const recycled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="cellInnerDiv"]')].filter((cell) => {
        const before = (cell as HTMLElement & { __shownBefore?: string | null }).__shownBefore;
        const now = cell.querySelector('[data-testid="User-Name"] a[href*="/status/"]')?.getAttribute('href');
        return before !== undefined && now !== undefined && before !== now;
      }).length,
    );
    expect(recycled).toBeGreaterThan(0);
    const laterIds = await visibleStatusIds(page);
    expect(laterIds.some((id) => !firstIds.includes(id))).toBe(true);
  });

  it('X draft-js composer enables Post only when its state has text, posts on click and clears', async () => {
    const page = await open('https://x.com/home', composer);
    const button = '[data-testid="tweetButtonInline"]';
    expect(await page.$eval(button, (element) => [element.hasAttribute('disabled'), element.getAttribute('aria-disabled')])).toEqual([true, 'true']);
    await page.click(composer);
    await page.keyboard.type('नमस्ते, hello');
    await page.waitForSelector(`${button}:not([disabled])`);
    expect(await page.$eval(button, (element) => element.getAttribute('aria-disabled'))).toBe('false');
    expect(await page.$eval(composer, (element) => window.__fixture.editorText(element))).toBe('नमस्ते, hello');
    await page.click(button);
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([{ text: 'नमस्ते, hello', inReplyTo: null }]);
    expect(await page.$eval(composer, (element) => window.__fixture.editorText(element))).toBe('');
    await page.waitForSelector(`${button}[disabled]`);
    expect(await page.$eval('[data-fixture="posted"] li', (item) => item.textContent)).toBe('नमस्ते, hello');
  });

  it('X posts on Ctrl+Enter', async () => {
    const page = await open('https://x.com/home', composer);
    await page.click(composer);
    await page.keyboard.type('Line one');
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([{ text: 'Line one', inReplyTo: null }]);
  });

  it('X reply action opens a dialog whose composer posts a reply to that tweet', async () => {
    const page = await open('https://x.com/home', tweet);
    const statusHref = await page.$eval(`${tweet} [data-testid="User-Name"] a[href*="/status/"]`, (link) => link.getAttribute('href'));
    await page.click(`${tweet} [data-testid="reply"]`);
    const dialogComposer = `div[role="dialog"] ${composer}`;
    await page.waitForSelector(dialogComposer);
    await page.keyboard.type('We will look into it.');
    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await page.waitForSelector('div[role="dialog"]', { hidden: true });
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([
      { text: 'We will look into it.', inReplyTo: statusHref?.split('/').pop() },
    ]);
  });

  it('X permalink click navigates in-app to the status page and back', async () => {
    const page = await open('https://x.com/home', tweet);
    await page.evaluate(() => ((window as Window & { __samePage?: boolean }).__samePage = true));
    const href = await page.$eval(`${tweet} [data-testid="User-Name"] a[href*="/status/"]`, (link) => link.getAttribute('href'));
    await page.click(`${tweet} [data-testid="User-Name"] a[href*="/status/"]`);
    await page.waitForSelector(`${tweet}[tabindex="-1"]`);
    expect(new URL(page.url()).pathname).toBe(href);
    await page.waitForFunction(() => document.querySelectorAll('article[data-testid="tweet"][tabindex="0"]').length >= 5);
    const status = await page.evaluate(() => ({
      samePage: (window as Window & { __samePage?: boolean }).__samePage,
      focusedLink: document
        .querySelector('article[data-testid="tweet"][tabindex="-1"] a[href*="/status/"] > time')
        ?.parentElement?.getAttribute('href'),
      inlineComposer: document.querySelectorAll('[data-testid="tweetButtonInline"]').length,
    }));
    expect(status).toEqual({ samePage: true, focusedLink: href, inlineComposer: 1 });
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.type('Reply on the status page');
    await page.click('[data-testid="tweetButtonInline"]');
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([
      { text: 'Reply on the status page', inReplyTo: href?.split('/').pop() },
    ]);
    await page.goBack();
    await page.waitForFunction(() => location.pathname === '/home' && !document.querySelector('article[tabindex="-1"]'));
    expect(await page.evaluate(() => (window as Window & { __samePage?: boolean }).__samePage)).toBe(true);
  });

  const fbPost = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
  const fbComment = 'div[role="article"]';
  const lexical = 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';

  it('Facebook lexical composer posts its state text on Enter, keeps Shift+Enter as a line break, and clears', async () => {
    const page = await open(fbPost, fbComment);
    const mainComposer = `${lexical}[aria-label="Write a comment…"]`;
    await page.click(mainComposer);
    await page.keyboard.type('पहली पंक्ति');
    await page.keyboard.down('Shift');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Shift');
    await page.keyboard.type('second line');
    expect(await page.$eval(mainComposer, (element) => window.__fixture.editorText(element))).toBe('पहली पंक्ति\nsecond line');
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([]);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([
      { text: 'पहली पंक्ति\nsecond line', inReplyTo: '1029384756000001' },
    ]);
    expect(await page.$eval(mainComposer, (element) => window.__fixture.editorText(element))).toBe('');
    expect(await page.$eval('[data-fixture="posted"] li', (item) => item.textContent)).toBe('पहली पंक्ति\nsecond line');
  });

  it('Facebook Reply opens a focused reply composer under the comment that posts a reply to it', async () => {
    const page = await open(fbPost, fbComment);
    const commentId = await page.$eval(`${fbComment} a[href*="comment_id="] > span`, (span) =>
      new URL((span.parentElement as HTMLAnchorElement).href).searchParams.get('comment_id'),
    );
    await page.click(`${fbComment} ul > li:nth-child(2) > div[role="button"]`);
    const replyComposer = `${lexical}[aria-label^="Reply to "]`;
    await page.waitForSelector(replyComposer);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Reply to /);
    await page.keyboard.type('Please share your complaint number.');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([{ text: 'Please share your complaint number.', inReplyTo: commentId }]);
  });

  it('Facebook loads more comments and collapsed replies on request', async () => {
    const page = await open(fbPost, fbComment);
    const countComments = () => page.$$eval(fbComment, (articles) => articles.length);
    const before = await countComments();
    const loadedBefore = await page.evaluate(() => window.__fixture.loadedCount());
    const viewMore = await page.waitForSelector('::-p-text(View more comments)');
    await viewMore!.click();
    await page.waitForFunction((count) => document.querySelectorAll('div[role="article"]').length > count, {}, before);
    expect(await page.evaluate(() => window.__fixture.loadedCount())).toBeGreaterThan(loadedBefore);
    const afterMore = await countComments();
    await page.click('[data-fixture-replies-toggle]');
    await page.waitForFunction((count) => document.querySelectorAll('div[role="article"]').length > count, {}, afterMore);
  });

  it('Facebook grows to as many comments as a benchmark asks for, a page per loadMore()', async () => {
    const page = await open(`${fbPost}?comments=60&pageSize=20`, fbComment);
    const topLevel = () => page.evaluate(() => document.querySelectorAll('ul > li > div > div[role="article"]').length);
    expect(await topLevel()).toBe(20);
    for (const expected of [40, 60]) {
      await page.evaluate(() => window.__fixture.loadMore());
      await page.waitForFunction((count) => document.querySelectorAll('ul > li > div > div[role="article"]').length === count, {}, expected);
    }
    expect(await page.$('::-p-text(View more comments)')).toBeNull();
  });

  it('Facebook navigates to the Page’s other post without reloading', async () => {
    const page = await open(fbPost, fbComment);
    await page.evaluate(() => ((window as Window & { __samePage?: boolean }).__samePage = true));
    const firstComments = await page.$$eval(`${fbComment} a[href*="comment_id="]`, (links) => links.map((link) => link.getAttribute('href')));
    await page.click('div[role="complementary"] a[href$="/posts/1029384756000002"]');
    await page.waitForFunction(() => location.pathname.endsWith('/posts/1029384756000002'));
    await page.waitForSelector(fbComment);
    const secondComments = await page.$$eval(`${fbComment} a[href*="comment_id="]`, (links) => links.map((link) => link.getAttribute('href')));
    expect(secondComments.some((href) => firstComments.includes(href))).toBe(false);
    expect(await page.evaluate(() => (window as Window & { __samePage?: boolean }).__samePage)).toBe(true);
    await page.goBack();
    await page.waitForFunction(() => location.pathname.endsWith('/posts/1029384756000001'));
    await page.waitForSelector(fbComment);
  });
});
