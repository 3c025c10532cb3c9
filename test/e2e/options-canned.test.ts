// The options page's canned-reply editor with the built extension: a reply added there is stored in
// the organisation config and expands in an X tab that was already open, without reloading it.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { describeE2E, useE2E } from './harness';

const tweet = 'article[data-testid="tweet"]';
const xComposer = '[data-testid="tweetTextarea_0"]';

describeE2E('canned replies on the options page', () => {
  const e2e = useE2E();

  const fill = async (page: Page, name: string, value: string) => {
    await page.click(`form [name="${name}"]`, { count: 3 });
    await page.keyboard.press('Backspace');
    await page.type(`form [name="${name}"]`, value);
  };

  it('a reply added on the options page expands in an open X tab at once', async () => {
    const x = await e2e.open('https://x.com/home', { waitFor: `${tweet}[data-samvad-item] samvad-toolbar` });
    const options = await e2e.open(e2e.session.extensionUrl('options.html'), { waitFor: '#canned-replies tr[data-canned-id]' });

    await options.click('[data-action="add-reply"]');
    await fill(options, 'id', 'water-supply');
    await fill(options, 'title.en', 'Water supply restored');
    await fill(options, 'title.hi', 'जल आपूर्ति बहाल');
    await options.select('form [name="category"]', 'final');
    await fill(options, 'shortcut', '/water');
    await fill(options, 'text.en', 'Dear {{author.name | "citizen"}}, water supply resumes by 6 pm.');
    await fill(options, 'text.hi', 'प्रिय {{author.name | "नागरिक"}}, जल आपूर्ति शाम 6 बजे तक बहाल होगी।');
    await options.click('[data-action="save-reply"]');
    await options.waitForSelector('#canned-replies tr[data-canned-id="water-supply"]');

    // Stored where every content script reads it: the organisation config in extension storage.
    const worker = await e2e.session.serviceWorker();
    const stored = (await worker.evaluate(`chrome.storage.local.get('orgConfig')`)) as { orgConfig: { cannedReplies: { id: string; shortcut?: string }[] } };
    const replies = stored.orgConfig.cannedReplies;
    expect(replies.at(-1)).toMatchObject({ id: 'water-supply', shortcut: '/water' });

    // The X tab, never reloaded, expands the new shortcut in a reply to a tweet.
    await x.bringToFront();
    await x.$$eval(tweet, (articles) => articles.filter((a) => !a.closest('[data-testid="placementTracking"]'))[2]!.setAttribute('data-e2e-chosen', ''));
    await x.click(`${tweet}[data-e2e-chosen] [data-testid="reply"]`);
    const composer = `div[role="dialog"] ${xComposer}`;
    await x.waitForSelector(composer);
    await x.keyboard.type('/water');
    await x.keyboard.press('Tab');
    const expected = /^(Dear [^{}]+, water supply resumes by 6 pm\.|प्रिय [^{}]+, जल आपूर्ति शाम 6 बजे तक बहाल होगी।)$/;
    await expect.poll(() => x.$eval(composer, (element) => window.__fixture.editorText(element))).toMatch(expected);

    expect(e2e.errors(options)).toEqual([]);
    expect(e2e.errors(x)).toEqual([]);
    await Promise.all([x.close(), options.close()]);
  });
});
