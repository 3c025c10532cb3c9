// The Firefox build (.output/firefox-mv3) in Debian's Firefox ESR, installed as a temporary add-on over
// WebDriver BiDi: the same fixture sites, a moderator's main paths. Chromium runs everything else.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { verhoeffCheckDigit } from '../../lib/rules';
import { ui } from './closed-roots';
import { describeFirefox, useE2E } from './harness';
import { assign, clickInToolbar, decoratedKeys, statusOf, toolbarOf, waitForStatus } from './toolbar-helpers';

const POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const AADHAAR_BASE = '23456789012';
const AADHAAR = `${AADHAAR_BASE}${verhoeffCheckDigit(AADHAAR_BASE)}`;

/** How many toolbars each decorated comment holds as its own (not a nested reply's). */
const ownToolbars = (page: Page, selector: string) =>
  page.$$eval(`${selector}[data-samvad-item]`, (comments, commentSelector) =>
    comments.map((comment) => [...comment.querySelectorAll('samvad-toolbar')].filter((host) => host.closest(commentSelector) === comment).length),
    selector,
  );

describeFirefox('the Firefox build', () => {
  const e2e = useE2E({ browser: 'firefox' });

  it('on X: every tweet gets one toolbar; an assignment and a flag survive a reload', async () => {
    const page = await e2e.open('https://x.com/home');
    const keys = await decoratedKeys(page, 'article[data-testid="tweet"]');
    expect(keys.length).toBeGreaterThan(2);
    expect(await ownToolbars(page, 'article[data-testid="tweet"]')).toEqual(keys.map(() => 1));
    // The page's own scripts cannot open the toolbars (the test reaches in over WebDriver BiDi instead).
    expect(await page.$$eval('samvad-toolbar', (hosts) => hosts.filter((host) => host.shadowRoot !== null).length)).toBe(0);
    const key = keys[0]!;
    await assign(page, key, 'hallmarking');
    await clickInToolbar(page, key, 'button[data-action="flag"]');
    await clickInToolbar(page, key, '[data-flag="rumour"]');
    await waitForStatus(page, key, 'data-flags', 'rumour');

    await e2e.reload(page, { waitFor: toolbarOf(key) });
    await waitForStatus(page, key, 'data-department', 'hallmarking');
    expect(await statusOf(page, key)).toMatchObject({ department: 'hallmarking', flags: 'rumour' });
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on Facebook: a canned reply goes into the lexical reply box, Enter posts exactly it, and the clock stops', async () => {
    const page = await e2e.open(POST);
    // A top-level comment: Facebook shows the Page's reply in its thread, where it is seen as the proof.
    const key = (await decoratedKeys(page, 'div[role="article"]')).filter((k) => k.startsWith('facebook:90'))[1]!;
    // The insertion goes through the private port to the page-world bridge: the page sees only the
    // composer being named by a random id.
    await page.evaluate(() => {
      const named: unknown[] = [];
      (window as unknown as { __named: unknown[] }).__named = named;
      window.addEventListener('samvad:editor-insert', (event) => named.push((event as CustomEvent).detail), true);
    });
    await clickInToolbar(page, key, 'button[data-action="reply"]');
    await ui(page).waitFor('samvad-canned-picker >>> input');
    await page.keyboard.type('resolved');
    await page.keyboard.press('Enter');
    const handle = await page.waitForFunction(() => {
      const editor = document.activeElement?.closest('[contenteditable="true"]');
      const text = editor ? window.__fixture.editorText(editor) : '';
      return text && text.length > 20 ? text : null;
    });
    const inserted = (await handle.jsonValue()) as string;
    expect(inserted).not.toContain('{{');
    expect(await page.evaluate(() => (window as unknown as { __named: unknown[] }).__named)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect((await page.evaluate(() => window.__fixture.posted[0]))?.text).toBe(inserted);
    await waitForStatus(page, key, 'data-sla', 'done', 20_000);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on X: a draft with an Aadhaar number is flagged while typing and its post is held back', async () => {
    const page = await e2e.open('https://x.com/home', { waitFor: '[data-testid="tweetTextarea_0"]' });
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.type(`Your Aadhaar ${AADHAAR} is linked.`);
    const finding = 'samvad-guard >>> [data-finding][data-severity="block"]';
    await ui(page).waitFor(finding);
    expect(await ui(page).attribute(finding, 'data-category')).toBe('personal_info');
    await page.click('[data-testid="tweetButtonInline"]');
    // The demo policy sends a draft with a `block` finding to an approver; a new post has no comment to ask on.
    await ui(page).waitFor('samvad-approval >>> dialog[data-samvad-approval][open][data-state="new-post"]');
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([]);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });
});
