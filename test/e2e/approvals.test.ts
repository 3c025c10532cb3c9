// Approval before release at the site's own Post button (issue 12), with the team server and the built
// extension on both fixture sites: a reply to a flagged comment is held by the post gate, sent for
// approval through the outbox, approved (or rejected, with a note) by the department's approver, and
// then exactly the approved text posts; any edit is held again. Here the approver's decision goes straight
// to the server as a `decideApproval` push with the approver's own token (the approver's side panel, the
// delegate and the notifications: approvals-flow.test.ts). And the gate fails closed when the background
// does not answer.
import { createHash, randomUUID } from 'node:crypto';
import type { CDPSession, Page } from 'puppeteer-core';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Approval, Triage } from '../../lib/contract/triage';
import { verhoeffCheckDigit } from '../../lib/rules';
import { ui } from './closed-roots';
import { describeE2E, setBackgroundOffline, signInOnOptionsPage, useE2E, useTeamServer } from './harness';
import { assign, clickInToolbar, decoratedKeys, editorHolds, focusAtEnd, inToolbar, typeOverrideReason, waitForStatus, waitForStatusText } from './toolbar-helpers';

const PASSWORD = 'a long demo password';
const APPROVER = 'hallmarking.head@bis.example.in';

const APPROVAL_DIALOG = 'samvad-approval >>> dialog[data-samvad-approval][open]';
const X_TWEET = 'article[data-testid="tweet"]';
const X_DIALOG_COMPOSER = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
const X_DIALOG_POST = 'div[role="dialog"] [data-testid="tweetButton"]';
const FB_POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const FB_COMMENT = 'div[role="article"]';

const X_DRAFT = 'As the matter is before the court, we are unable to comment on it.';
const FB_DRAFT = 'Thank you for writing. Our Hallmarking office will reply to you here within a day.';

const AADHAAR_BASE = '23456789012';
const AADHAAR_DRAFT = `Your Aadhaar ${AADHAAR_BASE}${verhoeffCheckDigit(AADHAAR_BASE)} is linked to your licence.`;
const posted = (page: Page) => page.evaluate(() => window.__fixture.posted);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** lib/gate/hash.ts, written out again: the server and the test must agree with it independently. */
const hashOf = (text: string) => createHash('sha256').update(text.normalize('NFC').replace(/\s+/gu, ' ').trim(), 'utf8').digest('hex');

describeE2E('approval before release at the site’s own Post button', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      // The approver is named by e-mail in the department's data (DEMO_ORG: <dept>.head@bis.example.in).
      { email: APPROVER, name: 'H. Mehta', role: 'approver', departmentId: null },
    ],
    PASSWORD,
  );
  let approverToken = '';
  let approverSeq = 0;
  const approverClient = `e2e-approver-${randomUUID().slice(0, 8)}`;
  let pages: Page[] = [];

  beforeAll(async () => {
    await signInOnOptionsPage(e2e.session, team().url, 'asha@bis.example.in', PASSWORD);
    const login = await fetch(`${team().url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: APPROVER, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    approverToken = ((await login.json()) as { token: string }).token;
  });

  afterEach(async () => {
    // Closed whatever happened, so that one failing test leaves no page behind for the next.
    const opened = pages;
    pages = [];
    const errors = opened.flatMap((page) => e2e.errors(page));
    await Promise.all(opened.map((page) => page.close()));
    expect(errors).toEqual([]);
  });

  const open = async (url: string, waitFor: string) => {
    const page = await e2e.open(url, { waitFor });
    pages.push(page);
    return page;
  };

  /** The request for `text` on `key`, once the moderator's outbox has pushed it, as the approver's pull shows it. */
  const requestOnServer = async (key: string, text: string): Promise<{ row: Triage; approval: Approval }> => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await fetch(`${team().url}/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${approverToken}` } });
      expect(response.status).toBe(200);
      const { rows } = (await response.json()) as { rows: Triage[] };
      const row = rows.find((candidate) => candidate.key === key);
      const approval = row?.approvals.find((candidate) => candidate.text === text && candidate.state === 'requested');
      if (row && approval) return { row, approval };
      if (Date.now() > deadline) throw new Error(`no request for approval of “${text}” on ${key} reached the server`);
      await pause(200);
    }
  };

  /** The approver decides, as their side panel would: one `decideApproval` pushed with their own token. */
  const decide = async (key: string, text: string, decision: 'approved' | 'rejected', note?: string) => {
    const { row, approval } = await requestOnServer(key, text);
    const mutation = {
      id: randomUUID(),
      clientId: approverClient,
      seq: ++approverSeq,
      at: new Date().toISOString(),
      item: row.item,
      op: { type: 'decideApproval', approvalId: approval.id, decision, textHash: approval.textHash, ...(note ? { note } : {}) },
    };
    const response = await fetch(`${team().url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${approverToken}` },
      body: JSON.stringify({ clientId: approverClient, mutations: [mutation] }),
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { outcome: string; reason?: string }[] };
    // Needs the server's approver checks (the department's approver or delegate, by e-mail in its data).
    expect(results[0], `the server refused the approver's decision: ${results[0]?.reason}`).toMatchObject({ outcome: 'applied' });
    return approval;
  };

  const flag = async (page: Page, key: string, name: string) => {
    await clickInToolbar(page, key, 'button[data-action="flag"]');
    await clickInToolbar(page, key, `[data-flag="${name}"]`);
    await waitForStatus(page, key, 'data-flags', name);
  };

  const dialogState = (page: Page) => ui(page).attribute(APPROVAL_DIALOG, 'data-state');

  it('X: under the demo policy a `block` finding needs an approver, not the moderator’s own reason', async () => {
    const page = await open('https://x.com/home', `${X_TWEET}[data-samvad-item]`);
    const key = (await decoratedKeys(page, X_TWEET))[3]!;
    // The department's approver decides: the comment is assigned first.
    await assign(page, key, 'hallmarking');
    await page.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, X_DIALOG_COMPOSER);
    await page.keyboard.type(AADHAAR_DRAFT);
    await ui(page).waitFor('samvad-guard >>> [data-finding][data-severity="block"]');
    await page.click(X_DIALOG_POST);
    await ui(page).waitFor(APPROVAL_DIALOG);
    // The finding is shown in the approval dialog; there is no override dialog to type a reason into.
    expect(await ui(page).attribute(`${APPROVAL_DIALOG} [data-finding]`, 'data-rule')).toBe('en.personal_info.aadhaar');
    expect(await ui(page).count('samvad-guard >>> dialog[data-samvad-block]')).toBe(0);
    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="request-approval"]`);
    await waitForStatus(page, key, 'data-approval', 'requested');
    const { approval } = await requestOnServer(key, AADHAAR_DRAFT);
    // The request carries every finding for the approver to weigh: the comment is in Hindi, so the English reply also warns.
    expect(approval.findings).toEqual([
      { ruleId: 'en.personal_info.aadhaar', category: 'personal_info', severity: 'block' },
      { ruleId: 'en.language.reply_in_kind', category: 'language', severity: 'warn' },
    ]);
    expect(await posted(page)).toEqual([]);
  });

  it('X: a new post with a `block` finding cannot be sent for approval (there is no comment to ask on) and is held', async () => {
    const page = await open('https://x.com/home', '[data-testid="tweetTextarea_0"]');
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.type(AADHAAR_DRAFT);
    await ui(page).waitFor('samvad-guard >>> [data-finding][data-severity="block"]');
    await page.click('[data-testid="tweetButtonInline"]');
    await ui(page).waitFor(APPROVAL_DIALOG);
    expect(await dialogState(page)).toBe('new-post');
    expect(await ui(page).count(`${APPROVAL_DIALOG} button[data-action="request-approval"]`)).toBe(0);
    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="cancel"]`);
    expect(await posted(page)).toEqual([]);
  });

  it('where the policy lets a moderator override a block, the override and its reason go through the outbox to the server', async () => {
    const options = await open(e2e.session.extensionUrl('options.html'), 'body');
    const setBlockFindings = (value: boolean) =>
      options.evaluate(async (blockFindings) => {
        const storage = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, { approvals: object }>>; set(items: object): Promise<void> } } } }).chrome.storage.local;
        const { orgConfig } = await storage.get('orgConfig');
        await storage.set({ orgConfig: { ...orgConfig, approvals: { ...orgConfig!.approvals, blockFindings } } });
      }, value);
    await setBlockFindings(false);
    try {
      const page = await open('https://x.com/home', `${X_TWEET}[data-samvad-item]`);
      const key = (await decoratedKeys(page, X_TWEET))[4]!;
      // Assigned, so that it is in the team's queue, where its history is read.
      await assign(page, key, 'hallmarking');
      await page.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
      await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, X_DIALOG_COMPOSER);
      await page.keyboard.type(AADHAAR_DRAFT);
      await ui(page).waitFor('samvad-guard >>> [data-finding][data-severity="block"]');
      await page.click(X_DIALOG_POST);
      const block = 'samvad-guard >>> dialog[data-samvad-block][open]';
      await typeOverrideReason(page, 'The citizen asked us to confirm the number', block);
      await ui(page).click(`${block} button[data-action="override"]`);
      await page.waitForFunction(() => window.__fixture.posted.length === 1);
      expect(await posted(page)).toEqual([{ text: AADHAAR_DRAFT, inReplyTo: key.slice(2) }]);
      // On the server, on the item, with who and why: what the item's history shows everyone who sees it.
      const deadline = Date.now() + 15_000;
      let overrides: { reason: string; text: string; by?: string }[] = [];
      while (Date.now() < deadline && !overrides.length) {
        const response = await fetch(`${team().url}/sync/pull?cursor=0`, { headers: { authorization: `Bearer ${approverToken}` } });
        const { rows } = (await response.json()) as { rows: Triage[] };
        overrides = rows.find((row) => row.key === key)?.overrides ?? [];
        if (!overrides.length) await pause(200);
      }
      expect(overrides).toEqual([expect.objectContaining({ reason: 'The citizen asked us to confirm the number', text: AADHAAR_DRAFT, by: expect.any(String) })]);
      // In the open: the item's history in the side panel says who went past the check and why.
      const panel = await open(e2e.session.extensionUrl('sidepanel.html'), `[data-queue-item="${key}"]`);
      await panel.click(`[data-queue-item="${key}"] button[data-action="history"]`);
      const override = await panel.waitForSelector(`[data-queue-item="${key}"] [data-history-event][data-kind="override"]`);
      expect(await override!.evaluate((event) => event.textContent)).toContain(
        'Asha Rao: went past the guideline check (en.personal_info.aadhaar), reason: “The citizen asked us to confirm the number”',
      );
    } finally {
      await setBlockFindings(true);
    }
  });

  it('X: a reply to a comment flagged sub judice is held, sent for approval, approved, and then exactly that text posts; one character more is held again', async () => {
    const page = await open('https://x.com/home', `${X_TWEET}[data-samvad-item]`);
    const key = (await decoratedKeys(page, X_TWEET))[1]!;
    await assign(page, key, 'hallmarking');
    await flag(page, key, 'sub_judice');
    await waitForStatus(page, key, 'data-approval', 'needed');

    await page.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, X_DIALOG_COMPOSER);
    await page.keyboard.type(X_DRAFT);
    await page.click(X_DIALOG_POST);
    await ui(page).waitFor(APPROVAL_DIALOG);
    expect(await dialogState(page)).toBe('ask');
    expect(await ui(page).text(APPROVAL_DIALOG)).toContain('Sub judice');
    await e2e.screenshot(page, 'approval-x-held');
    expect(await posted(page)).toEqual([]);

    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="request-approval"]`);
    await ui(page).waitForGone(APPROVAL_DIALOG);
    await waitForStatus(page, key, 'data-approval', 'requested');
    // Posting again before the approver has decided: still held, and the dialog says it waits.
    await page.click(X_DIALOG_POST);
    await ui(page).waitFor(APPROVAL_DIALOG);
    expect(await dialogState(page)).toBe('pending');
    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="cancel"]`);
    await ui(page).waitForGone(APPROVAL_DIALOG);

    const approval = await decide(key, X_DRAFT, 'approved', 'Fine: it says only that the matter is before the court.');
    // Bound to the hash of the normalised draft.
    expect(approval.textHash).toBe(hashOf(X_DRAFT));
    await waitForStatus(page, key, 'data-approval', 'approved', 15_000);
    await waitForStatusText(page, key, /Approved: “Fine: it says only that the matter is before the court\.”/);

    // One character more is another text: held again, for a new approval.
    const composer = (await page.$(X_DIALOG_COMPOSER))!;
    await focusAtEnd(page, composer);
    await page.keyboard.type('!');
    await editorHolds(page, composer, `${X_DRAFT}!`);
    await page.click(X_DIALOG_POST);
    await ui(page).waitFor(APPROVAL_DIALOG);
    expect(await dialogState(page)).toBe('ask');
    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="cancel"]`);
    await ui(page).waitForGone(APPROVAL_DIALOG);
    expect(await posted(page)).toEqual([]);

    // Back to the approved text: it posts, exactly.
    await focusAtEnd(page, composer);
    await page.keyboard.press('Backspace');
    await editorHolds(page, composer, X_DRAFT);
    await page.click(X_DIALOG_POST);
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await posted(page)).toEqual([{ text: X_DRAFT, inReplyTo: key.slice(2) }]);
    expect(await ui(page).count(APPROVAL_DIALOG)).toBe(0);
  });

  it('X: a request made offline waits in the outbox; a rejection and the approver’s note reach the moderator’s toolbar, and the text stays held', async () => {
    const page = await open('https://x.com/home', `${X_TWEET}[data-samvad-item]`);
    const key = (await decoratedKeys(page, X_TWEET))[2]!;
    await assign(page, key, 'hallmarking');
    await flag(page, key, 'confidential');
    const draft = 'The inspection report on this jeweller will be shared with you shortly.';
    await page.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, X_DIALOG_COMPOSER);
    await page.keyboard.type(draft);
    // Ctrl+Enter goes through the same gate as the button.
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await ui(page).waitFor(APPROVAL_DIALOG);
    // Sent while the network is down: it waits in the outbox like any action, and goes out once it is back.
    await setBackgroundOffline(e2e.session, true);
    try {
      await ui(page).click(`${APPROVAL_DIALOG} button[data-action="request-approval"]`);
      await ui(page).waitForGone(APPROVAL_DIALOG);
      await waitForStatus(page, key, 'data-approval', 'requested');
    } finally {
      await setBackgroundOffline(e2e.session, false);
    }

    await decide(key, draft, 'rejected', 'Inspection reports are internal: do not promise them.');
    await waitForStatus(page, key, 'data-approval', 'rejected', 15_000);
    expect(await ui(page).text(inToolbar(key, '[data-samvad-status]'))).toContain('Rejected: “Inspection reports are internal: do not promise them.”');

    await page.click(X_DIALOG_POST);
    await ui(page).waitFor(APPROVAL_DIALOG);
    expect(await dialogState(page)).toBe('rejected');
    expect(await ui(page).text(APPROVAL_DIALOG)).toContain('Inspection reports are internal');
    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="cancel"]`);
    expect(await posted(page)).toEqual([]);
  });

  it('Facebook: a reply to a comment that needs escalation is held on Enter, approved, and posts exactly; an edit is held again', async () => {
    const page = await open(FB_POST, `${FB_COMMENT}[data-samvad-item]`);
    const key = (await decoratedKeys(page, FB_COMMENT))[0]!;
    await assign(page, key, 'hallmarking');
    await flag(page, key, 'needs_escalation');
    await page.click(`${FB_COMMENT}[data-samvad-item="${key}"] ul > li:nth-child(2) > div[role="button"]`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Reply to '));
    await page.keyboard.type(FB_DRAFT);
    await page.keyboard.press('Enter');
    await ui(page).waitFor(APPROVAL_DIALOG);
    expect(await posted(page)).toEqual([]);
    await e2e.screenshot(page, 'approval-facebook-held');
    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="request-approval"]`);
    await ui(page).waitForGone(APPROVAL_DIALOG);
    await waitForStatus(page, key, 'data-approval', 'requested');

    await decide(key, FB_DRAFT, 'approved');
    await waitForStatus(page, key, 'data-approval', 'approved', 15_000);

    // The send arrow and Enter both go through the gate: a changed text is held whichever is used.
    const replyBox = (await page.$('div[contenteditable="true"][aria-label^="Reply to "]'))!;
    await focusAtEnd(page, replyBox);
    await page.keyboard.type('.');
    await editorHolds(page, replyBox, `${FB_DRAFT}.`);
    await page.keyboard.press('Enter');
    await ui(page).waitFor(APPROVAL_DIALOG);
    expect(await dialogState(page)).toBe('ask');
    await ui(page).click(`${APPROVAL_DIALOG} button[data-action="cancel"]`);
    await ui(page).waitForGone(APPROVAL_DIALOG);
    await focusAtEnd(page, replyBox);
    await page.keyboard.press('Backspace');
    await editorHolds(page, replyBox, FB_DRAFT);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    expect(await posted(page)).toEqual([{ text: FB_DRAFT, inReplyTo: expect.any(String) }]);
  });

  it('fails closed: while the background does not answer, a post is held with the reason, and posts once it answers again', async () => {
    const page = await open('https://x.com/home', '[data-testid="tweetTextarea_0"]');
    const worker = await e2e.session.browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith(e2e.session.extensionUrl('')),
    );
    const cdp: CDPSession = await worker.createCDPSession();
    await cdp.send('Debugger.enable');
    await cdp.send('Debugger.pause');
    try {
      await page.click('[data-testid="tweetTextarea_0"]');
      await page.keyboard.type('Thank you for writing to us. We will look into it and reply soon.');
      await page.click('[data-testid="tweetButtonInline"]');
      const held = 'samvad-guard >>> [data-samvad-held]';
      await ui(page).waitFor(held, { timeout: 10_000 });
      expect(await ui(page).text(held)).toMatch(/^Not posted: the guideline check .*no answer within 3 s/);
      await pause(500);
      expect(await posted(page)).toEqual([]);
    } finally {
      await cdp.send('Debugger.resume');
      await cdp.send('Debugger.disable');
      await cdp.detach();
    }
    await page.click('[data-testid="tweetButtonInline"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1, { timeout: 10_000 });
    expect(await posted(page)).toEqual([{ text: 'Thank you for writing to us. We will look into it and reply soon.', inReplyTo: null }]);
  });
});
