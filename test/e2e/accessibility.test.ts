// Accessibility (issue 14, item 3), with the built extension, the team server and both fixture sites: axe-core
// finds no serious or critical violation on the extension's pages (options, popup, side panel queue and
// approvals), the dashboard (overview, items, an item, admin) and Samvad's UI on X and Facebook (toolbars,
// open menus, the canned-reply picker, the guard's findings, the block and approval dialogs) — the last inside
// their closed shadow roots (./axe.ts). And what a keyboard user notices: menus open with Enter, Space and
// ArrowDown, arrows move, Escape closes and gives the focus back to the button; the picker is driven by keys
// alone; focus is visible.
import type { AxeResults } from 'axe-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_DIR } from '../../server/app';
import { insertReportItems, NOVEMBER } from '../support/report-data';
import { DEFAULT_APPROVAL_POLICY } from '../../lib/contract/org';
import { hi } from '../../lib/i18n/messages/hi';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { verhoeffCheckDigit } from '../../lib/rules';
import { axeFrame, axeOurUi, axePage, seriousOrCritical, type Finding } from './axe';
import { ui } from './closed-roots';
import { describeE2E, signInOnOptionsPage, useE2E, useTeamServer } from './harness';
import { assign, decoratedKeys, inToolbar, waitForStatus } from './toolbar-helpers';

const PASSWORD = 'a long demo password';
const MODERATOR = 'asha@bis.example.in';
const APPROVER = 'hallmarking.head@bis.example.in';
const ADMIN = 'head@bis.example.in';

const X_TWEET = 'article[data-testid="tweet"]';
const X_DIALOG_COMPOSER = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
const X_DIALOG_POST = 'div[role="dialog"] [data-testid="tweetButton"]';
const FB_POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const FB_COMMENT = 'div[role="article"]';
const FB_COMPOSER = 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]';
const OUR_HOSTS = 'samvad-toolbar, samvad-canned-picker, samvad-guard, samvad-approval';
const PICKER_INPUT = 'samvad-canned-picker >>> input[role="combobox"]';
const APPROVAL_DIALOG = 'samvad-approval >>> dialog[data-samvad-approval][open]';
const BLOCK_DIALOG = 'samvad-guard >>> dialog[data-samvad-block][open]';

const AADHAAR_BASE = '23456789012';
const AADHAAR_DRAFT = `Your Aadhaar ${AADHAAR_BASE}${verhoeffCheckDigit(AADHAAR_BASE)} is linked to your licence.`;

/** The extension API on the extension's own pages, where the tests evaluate code. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};

/** Every violation seen, by view, for the report at the end (moderate and minor ones too). */
const seen: { view: string; rule: string; impact: string; nodes: number }[] = [];

function record(view: string, results: AxeResults): Finding[] {
  for (const violation of results.violations) seen.push({ view, rule: violation.id, impact: violation.impact ?? '?', nodes: violation.nodes.length });
  // What axe could not decide (e.g. a contrast over an image) is listed too, for a person to look at.
  for (const unsure of results.incomplete) {
    const why = [...new Set(unsure.nodes.flatMap((node) => [...node.any, ...node.all, ...node.none].map((check) => check.message)))].join(' / ');
    seen.push({ view, rule: unsure.id, impact: `incomplete, ${unsure.impact ?? '?'}: ${why}`, nodes: unsure.nodes.length });
  }
  return seriousOrCritical(results);
}

/** Expects axe to find nothing serious or critical; the findings are the failure's message. */
async function expectAccessible(view: string, check: Promise<AxeResults>): Promise<AxeResults> {
  const results = await check;
  expect(record(view, results), view).toEqual([]);
  return results;
}

/** Expects axe to have looked inside our closed roots (results name nodes through a shadow root). */
function expectSeenInside(results: AxeResults, selector: RegExp): void {
  const targets = [...results.passes, ...results.violations, ...results.incomplete].flatMap((rule) => rule.nodes.map((node) => node.target));
  expect(targets.some((target) => Array.isArray(target[0]) && selector.test(JSON.stringify(target))), JSON.stringify(targets.slice(0, 40))).toBe(true);
}

/** In the focused element's shadow root (or document): its data-action, role, and whether it shows focus. */
async function focusIn(page: Page, host: string): Promise<{ action: string | null; role: string | null; label: string; visible: boolean } | null> {
  return ui(page).evaluate(`${host} >>> :focus`, ([element]) => {
    if (!element) return null;
    const style = getComputedStyle(element);
    return {
      action: element.getAttribute('data-action'),
      role: element.getAttribute('role'),
      label: element.getAttribute('aria-label') ?? element.textContent ?? '',
      visible: element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    };
  });
}

/** Whether the page's own focused element (extension page, dashboard) is drawn with a visible focus ring. */
const focusVisibleOnPage = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return false;
    const style = getComputedStyle(element);
    return element.matches(':focus-visible') && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none');
  });

/**
 * The lowest WCAG contrast ratio of the text in the elements `path` matches (e.g. open menus in the top layer,
 * where axe cannot tell the background and reports "incomplete"): each text's colour against the first opaque
 * background among its ancestors, through shadow roots. Returns the worst, with what it was.
 */
async function worstContrast(page: Page, path: string): Promise<{ ratio: number; text: string; colour: string; background: string }> {
  const worst = await ui(page).evaluate(path, (elements) => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const backgroundOf = (element: Element | null): string => {
      for (let at: Element | null = element; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) {
        const background = getComputedStyle(at).backgroundColor;
        const alpha = rgba(background)[3];
        if (alpha === undefined || alpha >= 0.99) return background;
      }
      return 'rgb(255, 255, 255)';
    };
    let result = { ratio: Infinity, text: '', colour: '', background: '' };
    for (const root of elements) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || !node.textContent?.trim() || !element.checkVisibility()) continue;
        const colour = getComputedStyle(element).color;
        const background = backgroundOf(element);
        const [a, b] = [luminance(rgba(colour)), luminance(rgba(background))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < result.ratio) result = { ratio, text: node.textContent.trim(), colour, background };
      }
    }
    return result;
  });
  return worst;
}

/** Expects every text in `path` at 4.5:1 or better (WCAG AA for the small text our UI uses). */
async function expectContrast(page: Page, path: string): Promise<void> {
  const worst = await worstContrast(page, path);
  expect(worst.ratio, `${path}: ${JSON.stringify(worst)}`).toBeGreaterThanOrEqual(4.5);
  seen.push({ view: `contrast, ${path}`, rule: `lowest ${worst.ratio.toFixed(2)}:1 (${worst.colour} on ${worst.background})`, impact: 'measured', nodes: 1 });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeE2E('accessibility of every screen', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: MODERATOR, name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: APPROVER, name: 'H. Mehta', role: 'approver', departmentId: null },
      { email: ADMIN, name: 'R. Head', role: 'admin', departmentId: null },
    ],
    PASSWORD,
  );
  const pages: Page[] = [];
  const open = async (url: string, waitFor: string) => {
    const page = await e2e.open(url, { waitFor });
    pages.push(page);
    return page;
  };
  const closeAll = async () => {
    const opened = pages.splice(0);
    const errors = opened.flatMap((page) => e2e.errors(page));
    await Promise.all(opened.map((page) => page.close()));
    expect(errors).toEqual([]);
  };

  beforeAll(() => {
    if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) throw new Error(`no dashboard build in ${DASHBOARD_DIR}: run \`npm run build:dashboard\` first`);
  });
  afterAll(() => {
    // What axe reported, of any impact: the serious and critical ones fail the tests above.
    console.info(`axe violations by view:\n${seen.map((s) => `  ${s.view}: ${s.rule} (${s.impact}, ${s.nodes})`).join('\n') || '  none'}`);
  });

  it('the options page, signed out and signed in, and the popup', async () => {
    const options = await open(e2e.session.extensionUrl('options.html'), 'input[name="serverUrl"]');
    await expectAccessible('options, signed out', axePage(options));
    // The sign-in form by keyboard: a visible focus on its fields.
    await options.focus('input[name="email"]');
    await options.keyboard.press('Tab');
    expect(await options.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    expect(await focusVisibleOnPage(options)).toBe(true);
    await signInOnOptionsPage(e2e.session, team().url, MODERATOR, PASSWORD);
    await e2e.reload(options, { waitFor: 'button[data-action="sign-out"]' });
    await expectAccessible('options, signed in', axePage(options));
    const popup = await open(e2e.session.extensionUrl('popup.html'), 'body');
    await pause(500);
    await expectAccessible('popup', axePage(popup));
    await closeAll();
  });

  it('X: the toolbars, their menus by keyboard, the picker by keyboard, the guard and the approval dialog', async () => {
    const page = await open('https://x.com/home', `${X_TWEET}[data-samvad-item] samvad-toolbar`);
    const keys = await decoratedKeys(page, X_TWEET);
    const key = keys[1]!;
    const toolbars = await expectAccessible('X toolbars', axeOurUi(page, OUR_HOSTS));
    expectSeenInside(toolbars, /button/);
    // Only the test's own world was taught the closed roots: the site's scripts still get nothing.
    expect(await page.evaluate(() => document.querySelector('samvad-toolbar')!.shadowRoot)).toBeNull();

    // Assign: Enter opens the menu on the first entry, arrows move, Escape closes it and focus is back on the button.
    await ui(page).focus(inToolbar(key, 'button[data-action="assign"]'));
    await page.keyboard.press('Enter');
    await ui(page).waitFor(inToolbar(key, '[role="menu"]'));
    expect(await ui(page).attribute(inToolbar(key, 'button[data-action="assign"]'), 'aria-expanded')).toBe('true');
    const first = await focusIn(page, `${X_TWEET}[data-samvad-item="${key}"] samvad-toolbar`);
    expect(first).toMatchObject({ role: 'menuitemradio', visible: true });
    await expectAccessible('X assign menu', axeOurUi(page, OUR_HOSTS));
    // axe cannot tell the background of what is in the top layer: measured here.
    await expectContrast(page, inToolbar(key, '[role="menu"]'));
    await page.keyboard.press('ArrowDown');
    const second = await focusIn(page, `${X_TWEET}[data-samvad-item="${key}"] samvad-toolbar`);
    expect(second?.role).toBe('menuitemradio');
    expect(second?.label).not.toBe(first?.label);
    await page.keyboard.press('Escape');
    await ui(page).waitForGone(inToolbar(key, '[role="menu"]'));
    expect(await focusIn(page, `${X_TWEET}[data-samvad-item="${key}"] samvad-toolbar`)).toMatchObject({ action: 'assign', visible: true });
    expect(await ui(page).attribute(inToolbar(key, 'button[data-action="assign"]'), 'aria-expanded')).toBe('false');

    // ArrowDown opens it too; arrows reach Hallmarking (whose approver's side panel is checked below); Enter
    // chooses it, closes the menu and gives the focus back.
    await page.keyboard.press('ArrowDown');
    await ui(page).waitFor(inToolbar(key, '[role="menu"]'));
    await ui(page).waitFor(inToolbar(key, '[role="menuitemradio"][data-department-id]:focus'));
    const focusedDepartment = () => ui(page).attribute(inToolbar(key, '[role="menuitemradio"]:focus'), 'data-department-id');
    for (let step = 0; step < DEMO_ORG.departments.length && (await focusedDepartment()) !== 'hallmarking'; step++) await page.keyboard.press('ArrowDown');
    expect(await focusedDepartment()).toBe('hallmarking');
    await page.keyboard.press('Enter');
    await waitForStatus(page, key, 'data-department', 'hallmarking');
    await ui(page).waitForGone(inToolbar(key, '[role="menu"]'));
    expect((await focusIn(page, `${X_TWEET}[data-samvad-item="${key}"] samvad-toolbar`))?.action).toBe('assign');

    // Flag: Space opens it; Space toggles an entry and the menu stays open; the state is read as checked.
    await ui(page).focus(inToolbar(key, 'button[data-action="flag"]'));
    await page.keyboard.press('Space');
    await ui(page).waitFor(inToolbar(key, '[role="menuitemcheckbox"]:focus'));
    await expectAccessible('X flag menu', axeOurUi(page, OUR_HOSTS));
    const flag = await ui(page).attribute(inToolbar(key, '[role="menuitemcheckbox"]:focus'), 'data-flag');
    await page.keyboard.press('Space');
    await waitForStatus(page, key, 'data-flags', flag!);
    await ui(page).waitFor(inToolbar(key, `[role="menuitemcheckbox"][data-flag="${flag}"][aria-checked="true"]:focus`));
    // The flag is shown as text, not only as a colour.
    expect(await ui(page).text(inToolbar(key, '[data-samvad-status] .flag'))).not.toBe('');
    await page.keyboard.press('Escape');
    await ui(page).waitForGone(inToolbar(key, '[role="menu"]'));
    expect((await focusIn(page, `${X_TWEET}[data-samvad-item="${key}"] samvad-toolbar`))?.action).toBe('flag');

    // The picker, by keyboard alone: Enter on Reply opens it with the search focused; arrows move the choice;
    // Escape closes it and gives the focus back; again, and Enter inserts the chosen reply.
    await ui(page).focus(inToolbar(key, 'button[data-action="reply"]'));
    await page.keyboard.press('Enter');
    await ui(page).waitFor(`${PICKER_INPUT}:focus`);
    await expectAccessible('X canned picker', axeOurUi(page, OUR_HOSTS));
    await expectContrast(page, 'samvad-canned-picker >>> [role="dialog"]');
    const activeOption = () => ui(page).attribute(PICKER_INPUT, 'aria-activedescendant');
    const before = await activeOption();
    await page.keyboard.press('ArrowDown');
    expect(await activeOption()).not.toBe(before);
    expect(await ui(page).count('samvad-canned-picker >>> [role="option"][aria-selected="true"]')).toBe(1);
    await page.keyboard.press('Escape');
    await ui(page).waitForGone(PICKER_INPUT);
    expect((await focusIn(page, `${X_TWEET}[data-samvad-item="${key}"] samvad-toolbar`))?.action).toBe('reply');
    await page.keyboard.press('Enter');
    await ui(page).waitFor(`${PICKER_INPUT}:focus`);
    await page.keyboard.type('rti');
    await page.keyboard.press('Enter');
    await ui(page).waitForGone(PICKER_INPUT);
    await page.waitForFunction(
      (selector) => (window.__fixture.editorText(document.querySelector(selector)!) ?? '').length > 20,
      { timeout: 10_000 },
      X_DIALOG_COMPOSER,
    );

    // The guard's findings beside the composer, then the approval dialog the post gate opens.
    await page.click(X_DIALOG_COMPOSER);
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await page.keyboard.type(AADHAAR_DRAFT);
    await ui(page).waitFor('samvad-guard >>> [data-finding][data-severity="block"]');
    const guard = await expectAccessible('X guard panel', axeOurUi(page, OUR_HOSTS));
    expectSeenInside(guard, /samvad-guard/);
    await expectContrast(page, 'samvad-guard >>> .panel');
    // Severity is text, not only colour.
    expect(await ui(page).text('samvad-guard >>> [data-finding][data-severity="block"] .severity')).not.toBe('');
    await page.click(X_DIALOG_POST);
    await ui(page).waitFor(APPROVAL_DIALOG);
    await expectAccessible('X approval dialog', axeOurUi(page, OUR_HOSTS));
    await expectContrast(page, APPROVAL_DIALOG);
    // The dialog has the focus, on a named button; Tab reaches the request; Escape is a cancel.
    const focused = await focusIn(page, 'samvad-approval');
    expect(focused?.action).toBe('cancel');
    await page.keyboard.press('Tab');
    expect((await focusIn(page, 'samvad-approval'))?.action).toBe('request-approval');
    await page.keyboard.press('Enter');
    await waitForStatus(page, key, 'data-approval', 'requested');
    await closeAll();
  });

  it('Facebook: the toolbars, menus, picker, guard and the block dialog', async () => {
    // The block dialog is for an organisation that lets the moderator override a `block` finding.
    const options = await open(e2e.session.extensionUrl('options.html'), 'body');
    const { orgConfig } = await options.evaluate(() => chrome.storage.local.get('orgConfig'));
    await options.evaluate(
      (value) => chrome.storage.local.set({ orgConfig: value }),
      { ...DEMO_ORG, approvals: { ...DEFAULT_APPROVAL_POLICY, flags: [], blockFindings: false } } as never,
    );
    const page = await open(FB_POST, `${FB_COMMENT}[data-samvad-item] samvad-toolbar`);
    const key = (await decoratedKeys(page, FB_COMMENT))[1]!;
    const comment = `${FB_COMMENT}[data-samvad-item="${key}"] samvad-toolbar`;
    await expectAccessible('Facebook toolbars', axeOurUi(page, OUR_HOSTS));
    await assign(page, key, 'hallmarking');

    await ui(page).focus(inToolbar(key, 'button[data-action="flag"]'));
    await page.keyboard.press('Enter');
    await ui(page).waitFor(inToolbar(key, '[role="menuitemcheckbox"]:focus'));
    await expectAccessible('Facebook flag menu', axeOurUi(page, OUR_HOSTS));
    await expectContrast(page, inToolbar(key, '[role="menu"]'));
    await page.keyboard.press('End');
    expect((await focusIn(page, comment))?.role).toBe('menuitemcheckbox');
    await page.keyboard.press('Escape');
    await ui(page).waitForGone(inToolbar(key, '[role="menu"]'));
    expect((await focusIn(page, comment))?.action).toBe('flag');

    await ui(page).focus(inToolbar(key, 'button[data-action="assign"]'));
    await page.keyboard.press('Enter');
    await ui(page).waitFor(inToolbar(key, '[role="menuitemradio"][aria-checked="true"]:focus'));
    await expectAccessible('Facebook assign menu', axeOurUi(page, OUR_HOSTS));
    await page.keyboard.press('Escape');
    await ui(page).waitForGone(inToolbar(key, '[role="menu"]'));

    await ui(page).focus(inToolbar(key, 'button[data-action="reply"]'));
    await page.keyboard.press('Enter');
    await ui(page).waitFor(`${PICKER_INPUT}:focus`);
    await expectAccessible('Facebook canned picker', axeOurUi(page, OUR_HOSTS));
    await page.keyboard.press('Escape');
    await ui(page).waitForGone(PICKER_INPUT);

    await page.click(FB_COMPOSER);
    await page.keyboard.type(AADHAAR_DRAFT);
    await ui(page).waitFor('samvad-guard >>> [data-finding][data-severity="block"]');
    await expectAccessible('Facebook guard panel', axeOurUi(page, OUR_HOSTS));
    await page.keyboard.press('Enter');
    await ui(page).waitFor(BLOCK_DIALOG);
    await expectAccessible('Facebook block dialog', axeOurUi(page, OUR_HOSTS));
    await expectContrast(page, BLOCK_DIALOG);
    // Its reason field is a frame of the extension's own (the site cannot hear its keys): a page of its own for axe.
    const reasonFrame = page.frames().find((frame) => frame.name() === 'reason');
    expect(reasonFrame).toBeDefined();
    await reasonFrame!.waitForSelector('textarea');
    await expectAccessible('Facebook block dialog, reason field', axeFrame(reasonFrame!));
    expect((await focusIn(page, 'samvad-guard'))?.action).toBe('cancel');
    await page.keyboard.press('Escape');
    await ui(page).waitForGone(BLOCK_DIALOG);
    expect(await page.evaluate(() => window.__fixture.posted)).toEqual([]);

    await options.evaluate((value) => chrome.storage.local.set({ orgConfig: value }), orgConfig as never);
    await closeAll();
  });

  it("in the sites' dark themes: the toolbars, an open menu and the picker", async () => {
    for (const [url, comment] of [['https://x.com/home?theme=dark', X_TWEET], [`${FB_POST}?theme=dark`, FB_COMMENT]] as const) {
      const page = await open(url, `${comment}[data-samvad-item] samvad-toolbar`);
      const key = (await decoratedKeys(page, comment))[1]!;
      await ui(page).waitFor(`${comment}[data-samvad-item="${key}"] samvad-toolbar[data-theme="dark"]`);
      await expectAccessible(`${url}: toolbars`, axeOurUi(page, OUR_HOSTS));
      await ui(page).focus(inToolbar(key, 'button[data-action="flag"]'));
      await page.keyboard.press('Enter');
      await ui(page).waitFor(inToolbar(key, '[role="menuitemcheckbox"]:focus'));
      await expectAccessible(`${url}: flag menu`, axeOurUi(page, OUR_HOSTS));
      await expectContrast(page, inToolbar(key, '[role="menu"]'));
      await page.keyboard.press('Escape');
      await ui(page).focus(inToolbar(key, 'button[data-action="reply"]'));
      await page.keyboard.press('Enter');
      await ui(page).waitFor(`${PICKER_INPUT}:focus`);
      await expectAccessible(`${url}: picker`, axeOurUi(page, OUR_HOSTS));
      await expectContrast(page, 'samvad-canned-picker >>> [role="dialog"]');
      await page.keyboard.press('Escape');
    }
    await closeAll();
  });

  it('in Hindi: the toolbar, its menu, the options page and the side panel are named in Hindi, with nothing serious found', async () => {
    const options = await open(e2e.session.extensionUrl('options.html'), 'button[data-action="sign-out"]');
    await options.evaluate(() => chrome.storage.local.set({ uiLanguage: 'hi' }));
    await options.waitForFunction(() => document.documentElement.lang === 'hi');
    await expectAccessible('options, Hindi', axePage(options));
    const page = await open('https://x.com/home', `${X_TWEET}[data-samvad-item] samvad-toolbar`);
    const key = (await decoratedKeys(page, X_TWEET))[1]!;
    await ui(page).waitForFunction(inToolbar(key, '.bar'), ([bar], label) => bar?.getAttribute('aria-label') === label, {}, hi['toolbar.label']);
    await ui(page).focus(inToolbar(key, 'button[data-action="assign"]'));
    await page.keyboard.press('ArrowDown');
    await ui(page).waitFor(inToolbar(key, '[role="menuitemradio"]:focus'));
    expect(await ui(page).attribute(inToolbar(key, '[role="menu"]'), 'aria-label')).toBe(hi['toolbar.assignMenu']);
    await expectAccessible('X assign menu, Hindi', axeOurUi(page, OUR_HOSTS));
    await page.keyboard.press('Escape');
    const panel = await open(e2e.session.extensionUrl('sidepanel.html'), '[data-queue-item]');
    await panel.waitForFunction((title) => document.title === title, {}, hi['queue.title']);
    await expectAccessible('side panel queue, Hindi', axePage(panel));
    await options.evaluate(() => chrome.storage.local.set({ uiLanguage: 'auto' }));
    await closeAll();
  });

  it('the side panel: the queue, and the approvals an approver decides', async () => {
    const panel = await open(e2e.session.extensionUrl('sidepanel.html'), '[data-queue-item]');
    await expectAccessible('side panel queue', axePage(panel));
    // A row's actions by keyboard, with a visible focus: the note form takes the focus, Escape gives it back.
    await panel.focus('[data-queue-item] button[data-action]');
    await panel.keyboard.press('Tab');
    expect(await focusVisibleOnPage(panel)).toBe(true);
    await panel.focus('[data-queue-item] button[data-action="note"]');
    await panel.keyboard.press('Enter');
    await panel.waitForFunction(() => document.activeElement?.matches('[data-queue-item] textarea[name="note"]'));
    await expectAccessible('side panel queue, note form', axePage(panel));
    await panel.keyboard.press('Escape');
    await panel.waitForFunction(() => document.activeElement?.matches('[data-queue-item] button[data-action="note"]'));
    await closeAll();

    // The approver's panel (the same browser, signed in as the department's approver) opens on approvals.
    const options = await open(e2e.session.extensionUrl('options.html'), 'body');
    await options.waitForSelector('button[data-action="sign-out"]').catch(async (error: unknown) => {
      throw new Error(`no sign-out on the options page: ${await options.$eval('body', (body) => body.innerText)}`, { cause: error });
    });
    await options.click('button[data-action="sign-out"]');
    // Actions still unsent wait for this user's next sign-in.
    if (await options.waitForSelector('button[data-action="confirm-sign-out"]', { timeout: 1_000 }).catch(() => null)) {
      await options.click('button[data-action="confirm-sign-out"]');
    }
    await options.waitForSelector('button[data-action="sign-in"]');
    await closeAll();
    await signInOnOptionsPage(e2e.session, team().url, APPROVER, PASSWORD);
    const approvals = await open(e2e.session.extensionUrl('sidepanel.html'), 'button[data-queue-view="approvals"][aria-pressed="true"]');
    await approvals.waitForSelector('[data-approval-id]', { timeout: 20_000 });
    await expectAccessible('side panel approvals', axePage(approvals));
    await closeAll();
  });

  it('the dashboard: overview, items, an item, and admin', async () => {
    const page = await open(`${team().url}/`, 'input[name="email"]');
    await expectAccessible('dashboard sign-in', axePage(page));
    await page.type('input[name="email"]', ADMIN);
    await page.type('input[name="password"]', PASSWORD);
    await page.click('button[data-action="sign-in"]');
    await page.waitForSelector('[data-metric="received"]');
    await expectAccessible('dashboard overview', axePage(page));
    // A month of the team's work, as the dashboard's own test has it.
    await insertReportItems(team().database.db, NOVEMBER);
    for (const [name, value] of [['from', '2026-11-01'], ['to', '2026-11-30']] as const) {
      await page.$eval(
        `input[name="${name}"]`,
        (input, date) => {
          (input as HTMLInputElement).value = date;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        },
        value,
      );
    }
    await page.waitForSelector('[data-overview^="2026-11-01/2026-11-30"]');
    await expectAccessible('dashboard overview, a month', axePage(page));
    await page.click('button[data-view="items"]');
    await page.waitForSelector('button[data-action="open-item"]');
    await expectAccessible('dashboard items', axePage(page));
    await page.focus('button[data-action="open-item"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-item-view]');
    await expectAccessible('dashboard item', axePage(page));
    await page.click('button[data-view="admin"]');
    await page.waitForSelector('section#users');
    await expectAccessible('dashboard admin', axePage(page));
    await page.focus('button[data-view="overview"]');
    await page.keyboard.press('Tab');
    expect(await focusVisibleOnPage(page)).toBe(true);
    await closeAll();
  });
});
