// The Firefox build (.output/firefox-mv3) in Debian's Firefox ESR, installed as a temporary add-on over
// WebDriver BiDi: the same fixture sites and a moderator's main paths as in Chromium — triage on both
// sites, canned replies into Draft.js (X) and Lexical (Facebook), the post gate's guideline and approval
// checks, the queue, and sync with a moderator in Chromium through one team server. The queue is Firefox's
// sidebar_action page; puppeteer cannot open the sidebar itself, so the test opens the same page
// (moz-extension://…/sidepanel.html) in a tab. The office policy install in Firefox is policy-install.test.ts.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { verhoeffCheckDigit } from '../../lib/rules';
import { officialAccount, timelineTweet } from '../fixtures/x/data';
import { ui } from './closed-roots';
import { describeFirefox, signInOnOptionsPage, useE2E, useTeamServer } from './harness';
import { assign, clickInToolbar, decoratedKeys, statusOf, toolbarOf, waitForStatus } from './toolbar-helpers';

const POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const AADHAAR_BASE = '23456789012';
const AADHAAR = `${AADHAAR_BASE}${verhoeffCheckDigit(AADHAAR_BASE)}`;
const APPROVAL_DIALOG = 'samvad-approval >>> dialog[data-samvad-approval][open]';

/** How many toolbars each decorated comment holds as its own (not a nested reply's). */
const ownToolbars = (page: Page, selector: string) =>
  page.$$eval(`${selector}[data-samvad-item]`, (comments, commentSelector) =>
    comments.map((comment) => [...comment.querySelectorAll('samvad-toolbar')].filter((host) => host.closest(commentSelector) === comment).length),
    selector,
  );

describeFirefox('the Firefox build', () => {
  const e2e = useE2E({ browser: 'firefox' });

  it.each([
    { site: 'X', url: 'https://x.com/home', comments: 'article[data-testid="tweet"]', department: 'hallmarking', flag: 'rumour' },
    { site: 'Facebook', url: POST, comments: 'div[role="article"]', department: 'consumer-affairs', flag: 'about_individual' },
  ])('on $site: every comment gets one toolbar; an assignment and a flag survive a reload', async ({ url, comments, department, flag }) => {
    const page = await e2e.open(url);
    const keys = await decoratedKeys(page, comments);
    expect(keys.length).toBeGreaterThan(2);
    expect(await ownToolbars(page, comments)).toEqual(keys.map(() => 1));
    // The page's own scripts cannot open the toolbars (the test reaches in over WebDriver BiDi instead).
    expect(await page.$$eval('samvad-toolbar', (hosts) => hosts.filter((host) => host.shadowRoot !== null).length)).toBe(0);
    const key = keys[1]!;
    await assign(page, key, department);
    await clickInToolbar(page, key, 'button[data-action="flag"]');
    await clickInToolbar(page, key, `[data-flag="${flag}"]`);
    await waitForStatus(page, key, 'data-flags', flag);

    await e2e.reload(page, { waitFor: toolbarOf(key) });
    await waitForStatus(page, key, 'data-department', department);
    expect(await statusOf(page, key)).toMatchObject({ department, flags: flag });
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on X: a canned reply from the picker goes into the Draft.js reply dialog, and Reply posts exactly it', async () => {
    const page = await e2e.open('https://x.com/home');
    const key = (await decoratedKeys(page, 'article[data-testid="tweet"]'))[2]!;
    await clickInToolbar(page, key, 'button[data-action="reply"]');
    await ui(page).waitFor('samvad-canned-picker >>> input');
    await page.keyboard.type('rti');
    await page.keyboard.press('Enter');
    const composer = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
    const handle = await page.waitForFunction((selector) => {
      const editor = document.querySelector(selector);
      const text = editor ? window.__fixture.editorText(editor) : '';
      return text && text.length > 20 ? text : null;
    }, {}, composer);
    const inserted = (await handle.jsonValue()) as string;
    expect(inserted).toContain('Right to Information Act');
    expect(inserted).not.toContain('{{');
    // X enables its Reply button only once the editor's own state holds the text.
    await page.waitForSelector('div[role="dialog"] [data-testid="tweetButton"]:not([aria-disabled="true"])');
    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await page.evaluate(() => window.__fixture.posted[0])).toEqual({ text: inserted, inReplyTo: key.slice('x:'.length) });
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

describeFirefox('the Firefox build with a team server and a moderator in Chromium', () => {
  const PASSWORD = 'a long demo password';
  const e2e = useE2E({ browser: 'firefox' });
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'vikram@bis.example.in', name: 'Vikram Das', role: 'moderator', departmentId: null },
      { email: 'hallmarking.head@bis.example.in', name: 'H. Mehta', role: 'approver', departmentId: null },
    ],
    PASSWORD,
  );

  it("syncs both ways with Chromium; the comment is in Firefox's queue; a reply to an escalated comment is held for approval, and the request reaches Chromium", async () => {
    const asha = e2e.session; // Firefox
    const vikram = await e2e.launchAnother({ browser: 'chromium' });
    await signInOnOptionsPage(asha, team().url, 'asha@bis.example.in', PASSWORD);
    await signInOnOptionsPage(vikram, team().url, 'vikram@bis.example.in', PASSWORD);
    // A citizen's reply under one of the body's posts: the team's work, with a reply clock.
    const official = timelineTweet(5);
    expect(official.handle).toBe(officialAccount.handle);
    const conversation = `https://x.com/${official.handle}/status/${official.id}`;
    const ashaPage = await asha.open(conversation);
    const vikramPage = await vikram.open(conversation);
    const key = (await decoratedKeys(ashaPage, 'article[data-testid="tweet"]'))[1]!;
    await waitForStatus(ashaPage, key, 'data-stage', 'interim');
    await vikramPage.waitForSelector(toolbarOf(key));

    // Chromium → server → Firefox's open page (poked over Firefox's event-page socket), no reload; and back.
    await assign(vikramPage, key, 'hallmarking');
    await waitForStatus(ashaPage, key, 'data-department', 'hallmarking', 10_000);
    await clickInToolbar(ashaPage, key, 'button[data-action="flag"]');
    await clickInToolbar(ashaPage, key, '[data-flag="needs_escalation"]');
    await waitForStatus(vikramPage, key, 'data-flags', 'needs_escalation', 10_000);

    // The queue: Firefox's sidebar page, opened in a tab.
    const panel = await asha.browser.newPage();
    asha.watchErrors(panel);
    await asha.gotoExtensionPage(panel, 'sidepanel.html');
    const row = await panel.waitForSelector(`[data-queue-item="${key}"][data-department="hallmarking"]`, { timeout: 40_000 });
    expect(await row!.evaluate((li) => li.getAttribute('data-status'))).toBe('open');

    // The post gate in Firefox: the demo policy sends replies to escalated comments to the approver. The
    // conversation's page is behind the queue's tab, so it gets no focus events: the reply dialog's composer
    // is still matched to the reply it answers (it once posted unheld here).
    await waitForStatus(ashaPage, key, 'data-approval', 'needed');
    await ashaPage.click(`[data-samvad-item="${key}"] [data-testid="reply"]`);
    const composer = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
    await ashaPage.waitForFunction((selector) => document.activeElement?.matches(selector), { polling: 100 }, composer);
    await ashaPage.keyboard.type('Thank you. Our Hallmarking office is looking into it and will write to you here.');
    await ashaPage.click('div[role="dialog"] [data-testid="tweetButton"]');
    await ui(ashaPage).waitFor(APPROVAL_DIALOG);
    expect(await ashaPage.evaluate(() => window.__fixture.posted)).toEqual([]);
    await ui(ashaPage).click(`${APPROVAL_DIALOG} button[data-action="request-approval"]`);
    await waitForStatus(ashaPage, key, 'data-approval', 'requested');
    expect(await ashaPage.evaluate(() => window.__fixture.posted)).toEqual([]);
    // The request reaches the moderator in Chromium.
    await waitForStatus(vikramPage, key, 'data-approval', 'requested', 15_000);

    expect(asha.errors(ashaPage)).toEqual([]);
    expect(asha.errors(panel)).toEqual([]);
    expect(vikram.errors(vikramPage)).toEqual([]);
  }, 150_000);
});
