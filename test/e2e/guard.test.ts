// The guideline guard in the fixture sites' real editors (draft-js on X, lexical on Facebook), with the
// built extension: findings beside the composer while typing, posts with a `block` finding held back
// (click, Ctrl+Enter, Enter) until overridden with a reason, the reason recorded on the comment
// answered, and clean drafts posted untouched. The organisation here sends nothing to an approver, so a
// `block` finding is the moderator's to override (test/e2e/approvals.test.ts covers the approval check).
import type { Page } from 'puppeteer-core';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_POLICY } from '../../lib/contract/org';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { verhoeffCheckDigit } from '../../lib/rules';
import { ui } from './closed-roots';
import { describeE2E, useE2E } from './harness';
import { BLOCK_DIALOG, clickInToolbar, typeOverrideReason, waitForStatus } from './toolbar-helpers';

const AADHAAR_BASE = '23456789012';
/** A 12-digit number with a valid Verhoeff check digit: the default packs block it as an Aadhaar number. */
const AADHAAR = `${AADHAAR_BASE}${verhoeffCheckDigit(AADHAAR_BASE)}`;
const BLOCKING_DRAFT = `Your Aadhaar ${AADHAAR.slice(0, 4)} ${AADHAAR.slice(4, 8)} ${AADHAAR.slice(8)} is linked.`;
const CLEAN_DRAFT = 'Thank you for writing to us. We will look into it and reply soon.';

// Paths into the guard's closed shadow root (closed-roots.ts).
const FINDING_BLOCK = 'samvad-guard >>> [data-finding][data-severity="block"]';
const ANY_FINDING = 'samvad-guard >>> [data-finding]';
const OPEN_DIALOG = 'samvad-guard >>> dialog[open]';

const X_HOME = 'https://x.com/home';
const X_COMPOSER = '[data-testid="tweetTextarea_0"]';
const X_TWEET = 'article[data-testid="tweet"]';
const FB_POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const FB_COMMENT = 'div[role="article"]';
const FB_COMPOSER = 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';

/** The extension API on the extension's own pages, where the tests below evaluate code. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { set(items: Record<string, unknown>): Promise<void> } };
};

const posted = (page: Page) => page.evaluate(() => window.__fixture.posted);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function blockDialogOpen(page: Page): Promise<boolean> {
  return (await ui(page).count(BLOCK_DIALOG)) > 0;
}

async function clickInDialog(page: Page, action: 'override' | 'cancel'): Promise<void> {
  await ui(page).click(`${BLOCK_DIALOG} button[data-action="${action}"]`);
}

async function ctrlEnter(page: Page): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
}

describeE2E('guideline guard in the composers', () => {
  const e2e = useE2E();
  let pages: Page[] = [];

  beforeAll(async () => {
    const page = await e2e.session.browser.newPage();
    await page.goto(e2e.session.extensionUrl('options.html'));
    const org = { ...DEMO_ORG, approvals: { ...DEFAULT_APPROVAL_POLICY, flags: [], blockFindings: false } };
    await page.evaluate((value) => chrome.storage.local.set({ orgConfig: value }), org as never);
    await page.close();
  });

  afterEach(async () => {
    for (const page of pages) expect(e2e.errors(page)).toEqual([]);
    await Promise.all(pages.map((page) => page.close()));
    pages = [];
  });

  const open = async (url: string, waitFor: string) => {
    const page = await e2e.open(url, { waitFor });
    pages.push(page);
    return page;
  };

  /** Sends a message to the background as the extension's own pages do (@webext-core/messaging's format). */
  const askBackground = async <T,>(type: string, data: unknown): Promise<T> => {
    const page = await open(e2e.session.extensionUrl('options.html'), 'body');
    const answer = await page.evaluate(
      (messageType, messageData) => chrome.runtime.sendMessage({ id: 1, type: messageType, data: messageData, timestamp: Date.now() }),
      type,
      data as never,
    );
    return (answer as { res: T }).res;
  };

  const setUiLanguage = async (language: 'en' | 'hi') => {
    const page = await open(e2e.session.extensionUrl('options.html'), 'body');
    await page.evaluate((value) => chrome.storage.local.set({ uiLanguage: value }), language);
  };

  it('X: a blocking draft is flagged while typing and cannot be posted by click or Ctrl+Enter until overridden with a reason', async () => {
    const page = await open(X_HOME, X_COMPOSER);
    await page.click(X_COMPOSER);
    await page.keyboard.type(BLOCKING_DRAFT);
    await ui(page).waitFor(FINDING_BLOCK, { timeout: 1_000 });
    expect(await ui(page).attribute(FINDING_BLOCK, 'data-category')).toBe('personal_info');
    expect(await ui(page).text(FINDING_BLOCK)).toMatch(/Aadhaar/);
    // The number is highlighted without touching the editor's DOM, and the page cannot read what is marked.
    expect(await ui(page).count('samvad-highlights >>> [data-highlight="block"]')).toBeGreaterThan(0);
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
    expect(await page.$$eval(`${X_COMPOSER} mark, ${X_COMPOSER} samvad-guard`, (found) => found.length)).toBe(0);

    await e2e.screenshot(page, 'guard-x-finding');
    await page.click('[data-testid="tweetButtonInline"]');
    await ui(page).waitFor(BLOCK_DIALOG);
    expect(await blockDialogOpen(page)).toBe(true);
    await e2e.screenshot(page, 'guard-x-block-dialog');
    expect(await posted(page)).toEqual([]);

    await clickInDialog(page, 'cancel');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'tweetTextarea_0');
    expect(await blockDialogOpen(page)).toBe(false);
    await ctrlEnter(page);
    await ui(page).waitFor(OPEN_DIALOG);
    expect(await posted(page)).toEqual([]);

    // Override needs a written reason.
    await clickInDialog(page, 'override');
    await ui(page).waitFor(`${BLOCK_DIALOG} [data-error="reason"]`);
    expect(await posted(page)).toEqual([]);
    await typeOverrideReason(page, 'Citizen asked us to confirm this number publicly');
    await clickInDialog(page, 'override');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await posted(page)).toEqual([{ text: BLOCKING_DRAFT, inReplyTo: null }]);
    expect(await blockDialogOpen(page)).toBe(false);
    // The composer is empty again and so is the panel.
    await ui(page).waitForGone(ANY_FINDING);
    await pause(300);
    expect(await posted(page)).toHaveLength(1);
  });

  it('X: an override of a reply is recorded on the tweet answered', async () => {
    const page = await open(X_HOME, `${X_TWEET}[data-samvad-item]`);
    const key = (await page.$$eval(`${X_TWEET}[data-samvad-item]`, (tweets) => tweets.map((t) => t.getAttribute('data-samvad-item')!)))[1]!;
    await page.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
    const dialogComposer = `div[role="dialog"] ${X_COMPOSER}`;
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, dialogComposer);
    await page.keyboard.type(BLOCKING_DRAFT);
    await ui(page).waitFor(FINDING_BLOCK, { timeout: 1_000 });
    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await typeOverrideReason(page, 'Approved by the Activity Head');
    await clickInDialog(page, 'override');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await posted(page)).toEqual([{ text: BLOCKING_DRAFT, inReplyTo: key.slice(2) }]);

    const [triage] = await askBackground<{ overrides: { ruleIds: string[]; reason: string; text: string }[] }[]>('getTriage', [key]);
    expect(triage?.overrides).toEqual([
      expect.objectContaining({ ruleIds: ['en.personal_info.aadhaar'], reason: 'Approved by the Activity Head', text: BLOCKING_DRAFT }),
    ]);
  });

  it('X: a reply that goes into the substance of a tweet flagged sub judice is held back; a holding reply posts', async () => {
    const page = await open(X_HOME, `${X_TWEET}[data-samvad-item]`);
    const key = (await page.$$eval(`${X_TWEET}[data-samvad-item]`, (tweets) => tweets.map((t) => t.getAttribute('data-samvad-item')!)))[2]!;
    await clickInToolbar(page, key, 'button[data-action="flag"]');
    await clickInToolbar(page, key, '[data-flag="sub_judice"]');
    await waitForStatus(page, key, 'data-flags', 'sub_judice');
    await page.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
    const dialogComposer = `div[role="dialog"] ${X_COMPOSER}`;
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, dialogComposer);
    await page.keyboard.type('Our inquiry found that the dealer is guilty of fraud.');
    const contextFinding = 'samvad-guard >>> [data-finding][data-rule="context.sub_judice"][data-severity="block"]';
    await ui(page).waitFor(contextFinding, { timeout: 2_000 });
    expect(await ui(page).text(contextFinding)).toContain('flagged by the team');
    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await ui(page).waitFor(BLOCK_DIALOG);
    await clickInDialog(page, 'cancel');
    expect(await posted(page)).toEqual([]);

    // The same composer, now with a reply that only says the matter cannot be discussed.
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.type('As the matter is before the court, we are unable to comment.');
    // (This tweet is in Hindi, so the English reply keeps a language warning, which does not hold a post back.)
    await ui(page).waitForGone('samvad-guard >>> [data-finding][data-severity="block"], [data-finding][data-rule="context.sub_judice"]');
    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await posted(page)).toEqual([{ text: 'As the matter is before the court, we are unable to comment.', inReplyTo: key.slice(2) }]);
  });

  it('X: a clean draft posts untouched, even when posted before its check', async () => {
    const page = await open(X_HOME, X_COMPOSER);
    await page.click(X_COMPOSER);
    await page.keyboard.type(CLEAN_DRAFT);
    // At once, inside the typing pause: the guard checks first, then lets it through.
    await page.click('[data-testid="tweetButtonInline"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    await page.keyboard.type('Second reply, checked before posting.');
    await pause(500);
    expect(await ui(page).count(FINDING_BLOCK)).toBe(0);
    await ctrlEnter(page);
    expect(await posted(page)).toEqual([
      { text: CLEAN_DRAFT, inReplyTo: null },
      { text: 'Second reply, checked before posting.', inReplyTo: null },
    ]);
    expect(await blockDialogOpen(page)).toBe(false);
  });

  it('Facebook: a blocking reply cannot be posted with Enter until overridden; the reason is recorded on the comment', async () => {
    const page = await open(FB_POST, `${FB_COMMENT}[data-samvad-item]`);
    const key = (await page.$eval(`${FB_COMMENT}[data-samvad-item]`, (comment) => comment.getAttribute('data-samvad-item')))!;
    await page.click(`${FB_COMMENT}[data-samvad-item="${key}"] ul > li:nth-child(2) > div[role="button"]`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Reply to '));
    await page.keyboard.type(BLOCKING_DRAFT);
    await ui(page).waitFor(FINDING_BLOCK, { timeout: 1_000 });
    // The panel sits outside the lexical root, which would remove it.
    expect(await page.$$eval(`${FB_COMPOSER} samvad-guard`, (found) => found.length)).toBe(0);

    await page.keyboard.press('Enter');
    await ui(page).waitFor(BLOCK_DIALOG);
    expect(await posted(page)).toEqual([]);
    await clickInDialog(page, 'cancel');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Reply to '));
    await page.keyboard.press('Enter');
    await ui(page).waitFor(OPEN_DIALOG);
    await clickInDialog(page, 'override');
    await ui(page).waitFor(`${BLOCK_DIALOG} [data-error="reason"]`);
    expect(await posted(page)).toEqual([]);

    await typeOverrideReason(page, 'The citizen published it first; legal cleared the reply');
    await clickInDialog(page, 'override');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await posted(page)).toEqual([{ text: BLOCKING_DRAFT, inReplyTo: expect.any(String) }]);

    const [triage] = await askBackground<{ overrides: { ruleIds: string[]; reason: string; text: string }[] }[]>('getTriage', [key]);
    expect(triage?.overrides).toEqual([
      expect.objectContaining({ ruleIds: ['en.personal_info.aadhaar'], reason: 'The citizen published it first; legal cleared the reply', text: BLOCKING_DRAFT }),
    ]);
  });

  it('Facebook: a clean comment posts untouched with Enter', async () => {
    const page = await open(FB_POST, FB_COMPOSER);
    const composer = `${FB_COMPOSER}[aria-label="Write a comment…"]`;
    await page.click(composer);
    await page.keyboard.type(CLEAN_DRAFT);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await posted(page)).toEqual([{ text: CLEAN_DRAFT, inReplyTo: '1029384756000001' }]);
    expect(await blockDialogOpen(page)).toBe(false);
  });

  it('Facebook: a Hindi draft gets a Hindi message when the UI language is Hindi', async () => {
    await setUiLanguage('hi');
    try {
      const page = await open(FB_POST, FB_COMPOSER);
      await page.click(`${FB_COMPOSER}[aria-label="Write a comment…"]`);
      await page.keyboard.type(`आपका आधार नंबर ${AADHAAR} है`);
      await ui(page).waitFor(FINDING_BLOCK, { timeout: 1_000 });
      const text = (await ui(page).text(FINDING_BLOCK)) ?? '';
      expect(text).toContain('आधार संख्या');
      expect(text).toContain('पोस्ट न करें');
      // The source circular is cited in Hindi too, not only the message.
      expect(text).toContain('स्रोत: इलेक्ट्रॉनिकी और सूचना प्रौद्योगिकी मंत्रालय (MeitY)');
      await e2e.screenshot(page, 'guard-facebook-hindi');
      await page.keyboard.press('Enter');
      await ui(page).waitFor(BLOCK_DIALOG);
      expect(await ui(page).text(BLOCK_DIALOG)).toContain('पोस्टिंग रोकी गई है');
      expect(await posted(page)).toEqual([]);
    } finally {
      await setUiLanguage('en');
    }
  });

  it('Facebook: Enter pressed before the draft was checked is held, checked, then blocked', async () => {
    const page = await open(FB_POST, FB_COMPOSER);
    await page.click(`${FB_COMPOSER}[aria-label="Write a comment…"]`);
    await page.keyboard.type(BLOCKING_DRAFT);
    await page.keyboard.press('Enter');
    await ui(page).waitFor(BLOCK_DIALOG);
    expect(await blockDialogOpen(page)).toBe(true);
    await pause(300);
    expect(await posted(page)).toEqual([]);
  });

  it('an organisation pack saved on the options page applies in an open tab at once', async () => {
    const site = await open(X_HOME, X_COMPOSER);
    const options = await open(e2e.session.extensionUrl('options.html'), '#rule-pack-json');
    const fill = (text: string) =>
      options.$eval('#rule-pack-json', (textarea, value) => {
        (textarea as HTMLTextAreaElement).value = value;
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
      }, text);
    const pack = {
      id: 'bis-cases',
      name: 'BIS sub-judice cases',
      languages: ['en'],
      version: '1.0.0',
      rules: [
        {
          id: 'bis.case.sharma',
          kind: 'phrases',
          category: 'sub_judice',
          severity: 'block',
          message: { en: 'This case is before the court: do not comment.', hi: 'यह मामला न्यायालय में है: टिप्पणी न करें।' },
          source: 'BIS legal cell case list',
          phrases: ['Sharma Jewellers'],
        },
        {
          id: 'bis.context.helmets',
          kind: 'context',
          category: 'sub_judice',
          severity: 'warn',
          message: { en: 'Helmet seizures are before the court: reply with the holding text.', hi: 'हेलमेट ज़ब्ती का मामला न्यायालय में है: मानक उत्तर दें।' },
          source: 'BIS legal cell case list',
          phrases: ['fake helmets'],
        },
      ],
    };
    // A bad field is reported against its line and path, and nothing is saved.
    const badText = JSON.stringify({ ...pack, version: 'one' }, null, 2);
    await fill(badText);
    await options.click('[data-action="save-pack"]');
    const problem = await options.waitForSelector('[data-problem]');
    await e2e.screenshot(options, 'guard-options-rule-packs', { fullPage: true });
    const versionLine = badText.split('\n').findIndex((line) => line.includes('"version"')) + 1;
    expect(await problem!.evaluate((element) => [element.getAttribute('data-path'), element.getAttribute('data-line')])).toEqual(['version', String(versionLine)]);

    await fill(JSON.stringify(pack, null, 2));
    await options.click('[data-action="save-pack"]');
    await options.waitForSelector('[data-pack-id="bis-cases"]');

    await site.bringToFront();
    await site.click(X_COMPOSER);
    await site.keyboard.type('Sharma Jewellers will hear from the regional office.');
    const sharma = 'samvad-guard >>> [data-finding][data-rule="bis.case.sharma"]';
    await ui(site).waitFor(sharma, { timeout: 1_000 });
    expect(await ui(site).attribute(sharma, 'data-severity')).toBe('block');

    // A context rule reads the comment being answered (here a Facebook comment about fake helmets).
    const facebook = await open(FB_POST, FB_COMMENT);
    const replyAction = await facebook.evaluateHandle((selector) => {
      const comment = [...document.querySelectorAll(selector)].find((article) => article.textContent?.includes('Fake helmets'));
      return comment?.querySelector('ul > li:nth-child(2) > div[role="button"]');
    }, FB_COMMENT);
    await (replyAction as import('puppeteer-core').ElementHandle<Element>).click();
    await facebook.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Reply to '));
    await facebook.keyboard.type('We will look into it.');
    const helmets = 'samvad-guard >>> [data-finding][data-rule="bis.context.helmets"]';
    await ui(facebook).waitFor(helmets, { timeout: 1_000 });
    expect(await ui(facebook).text(helmets)).toContain('In the comment being answered: “Fake helmets”');

    // Removed again: the default packs alone apply.
    await options.bringToFront();
    await options.click('[data-pack-id="bis-cases"] [data-action="remove-pack"]');
    await options.waitForSelector('[data-pack-id="bis-cases"]', { hidden: true });
  });
});
