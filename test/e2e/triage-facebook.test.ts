import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness';
import { assign, clickInToolbar, decoratedKeys, statusOf, toolbarOf, waitForStatus } from './toolbar-helpers';

const POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const COMMENTS = 'div[role="article"]';

describeE2E('triage toolbar on Facebook', () => {
  const e2e = useE2E();

  it('gives every comment and nested reply exactly one toolbar, whatever the label language', async () => {
    const page = await e2e.open(POST, { waitFor: `${COMMENTS} samvad-toolbar` });
    // Toolbars come to comments as they near the viewport: read the whole thread first.
    await page.evaluate(async () => {
      for (let y = 0; y < document.documentElement.scrollHeight; y += 400) {
        scrollTo(0, y);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const comments = await page.$$eval(COMMENTS, (articles) =>
      articles.map((article) => ({
        key: article.getAttribute('data-samvad-item'),
        label: article.getAttribute('aria-label'),
        // The fixture has a comment whose timestamp link lost its comment_id: never decorate it with a wrong id.
        hasId: Boolean(article.querySelector('a[href*="comment_id="]')),
        // Toolbars of nested replies sit inside the reply, not in the parent comment's own content.
        own: [...article.querySelectorAll('samvad-toolbar')].filter((host) => host.closest('div[role="article"]') === article).length,
      })),
    );
    expect(comments.length).toBeGreaterThan(4);
    expect(comments.some((c) => c.label && !c.label.startsWith('Comment by') && !c.label.startsWith('Reply by'))).toBe(true);
    const withId = comments.filter((c) => c.hasId);
    expect(withId.length).toBeGreaterThan(4);
    for (const comment of withId) {
      expect(comment.key).toMatch(/^facebook:[0-9_]+$/);
      expect(comment.own).toBe(1);
    }
    for (const comment of comments.filter((c) => !c.hasId)) expect(comment).toMatchObject({ key: null, own: 0 });
    expect(new Set(withId.map((c) => c.key)).size).toBe(withId.length);
    await e2e.screenshot(page, 'facebook-toolbar');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('assigns and flags a reply; the state survives a reload and shows in another tab', async () => {
    const page = await e2e.open(POST);
    const keys = await decoratedKeys(page, COMMENTS);
    const key = keys[1]!;
    await assign(page, key, 'consumer-affairs');
    await clickInToolbar(page, key, 'button[data-action="flag"]');
    await clickInToolbar(page, key, '[data-flag="about_individual"]');
    await waitForStatus(page, key, 'data-flags', 'about_individual');

    await e2e.reload(page, { waitFor: toolbarOf(key) });
    await waitForStatus(page, key, 'data-department', 'consumer-affairs');
    expect(await statusOf(page, key)).toMatchObject({ department: 'consumer-affairs', flags: 'about_individual' });
    const other = await e2e.open(POST, { waitFor: toolbarOf(key) });
    await waitForStatus(other, key, 'data-flags', 'about_individual');
    expect(e2e.errors(page)).toEqual([]);
    expect(e2e.errors(other)).toEqual([]);
    await other.close();
    await page.close();
  });

  it('decorates comments loaded later and after SPA navigation to another post', async () => {
    const page = await e2e.open(POST);
    const before = (await decoratedKeys(page, COMMENTS)).length;
    await (await page.waitForSelector('::-p-text(View more comments)'))!.click();
    await page.waitForFunction(
      (count) => document.querySelectorAll('div[role="article"][data-samvad-item] samvad-toolbar').length > count,
      {},
      before,
    );
    const otherPost = await page.$eval('a[href*="/posts/"]:not([href*="1029384756000001"])', (a) => a.getAttribute('href'));
    expect(otherPost).toBeTruthy();
    if (otherPost) {
      await page.click(`a[href="${otherPost}"]`);
      await page.waitForFunction((path) => location.href.includes(path), {}, new URL(otherPost, POST).pathname);
      await page.waitForSelector(`${COMMENTS}[data-samvad-item] samvad-toolbar`);
      const keys = await decoratedKeys(page, COMMENTS);
      expect(keys.length).toBeGreaterThan(0);
    }
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });
});
