// Issue 12's whole flow, on both fixture sites, with the team server and four browsers: the moderator
// (Asha), the department's approver (K. Head), its delegate (D. Deputy) and a second moderator (Kabir).
// A reply to a comment flagged sub judice is held at the site's own Post; the second moderator sees
// "replying" within a second of the composer opening; the request reaches the approver as a browser
// notification and in the side panel's approvals view, where she approves it; the moderator is told and
// exactly that text posts, while one changed character is held again; where the site shows the body's reply
// under the comment, the second moderator's toolbar says "answered by …". With the approver marked away, the
// delegate decides a second request and rejects it with a note, which reaches the moderator's toolbar,
// her notification and the dialog when she posts again.
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ui } from './closed-roots';
import { describeE2E, openApprovalsPanel, signInOnOptionsPage, useE2E, useTeamServer, type BrowserSession } from './harness';
import { assign, clickInToolbar, decoratedKeys, editorHolds, focusAtEnd, inToolbar, statusOf, waitForStatus, waitForStatusText } from './toolbar-helpers';

const PASSWORD = 'a long demo password';
const APPROVAL_DIALOG = 'samvad-approval >>> dialog[data-samvad-approval][open]';

/** The extension API in its service worker, where the tests watch the notifications it shows. */
declare const chrome: {
  notifications: {
    create(id: string, options: { title: string; message: string }): Promise<string>;
    getAll(): Promise<Record<string, boolean>>;
  };
};
declare const self: { __shownNotices?: Array<{ id: string; title: string; message: string }> };

/** One fixture site: where its comments are, and how a moderator replies to one. */
interface Site {
  name: string;
  url: string;
  comment: string;
  /** Which of the page's decorated comments the two requests answer. */
  keys: [number, number];
  /** Opens the site's own reply composer for the comment, as a moderator does: its editable root, once it has the focus. */
  openComposer(page: Page, key: string): Promise<ElementHandle<Element>>;
  /** Presses the site's Post for the open composer. */
  post(page: Page): Promise<void>;
  /**
   * Whether the page shows the body's posted reply under the comment (Facebook's post page does; X's home
   * timeline does not — its status page does, tested in ingest-proof.test.ts).
   */
  showsPostedReply: boolean;
}

const X_TWEET = 'article[data-testid="tweet"]';
const X_COMPOSER = 'div[role="dialog"] [data-testid="tweetTextarea_0"]';
const X: Site = {
  name: 'X',
  url: 'https://x.com/home',
  comment: X_TWEET,
  keys: [1, 2],
  async openComposer(page, key) {
    await page.click(`${X_TWEET}[data-samvad-item="${key}"] [data-testid="reply"]`);
    await page.waitForFunction((selector) => document.activeElement?.matches(selector), {}, X_COMPOSER);
    return (await page.$(X_COMPOSER))!;
  },
  post: (page) => page.click('div[role="dialog"] [data-testid="tweetButton"]'),
  showsPostedReply: false,
};

const FB_COMMENT = 'div[role="article"]';
const FACEBOOK: Site = {
  name: 'Facebook',
  url: 'https://www.facebook.com/IndianStandards/posts/1029384756000001',
  comment: FB_COMMENT,
  // Top-level comments: a reply to a reply is posted under (and proves the answer of) its thread's comment.
  keys: [3, 4],
  // Facebook opens the reply box under the comment's thread and puts the caret in it (labelled in the
  // comment's language: "Reply to …" or "… को जवाब दें").
  async openComposer(page, key) {
    await page.click(`${FB_COMMENT}[data-samvad-item="${key}"] ul > li:nth-child(2) > div[role="button"]`);
    const focused = await page.waitForFunction(() => {
      const active = document.activeElement;
      const label = active?.matches('div[contenteditable="true"]') ? (active.getAttribute('aria-label') ?? '') : '';
      return /^Reply to |को जवाब दें$/.test(label) ? active : null;
    });
    return focused as unknown as ElementHandle<Element>;
  },
  post: (page) => page.keyboard.press('Enter'),
  showsPostedReply: true,
};

const posted = (page: Page) => page.evaluate(() => window.__fixture.posted);

/** Records what the extension shows as browser notifications, from now on (the test's view of them). */
async function watchNotifications(session: BrowserSession): Promise<void> {
  const worker = await session.serviceWorker();
  await worker.evaluate(() => {
    if (self.__shownNotices) return;
    self.__shownNotices = [];
    const create = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (id, options) => {
      self.__shownNotices!.push({ id, title: options.title, message: options.message });
      return create(id, options);
    };
  });
}

/** Waits for a notification whose id starts with `prefix`, shown by the browser (getAll lists it). */
async function waitForNotification(session: BrowserSession, prefix: string): Promise<{ id: string; title: string; message: string }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    // Asked of the worker each time: a worker that slept and woke is another target.
    const worker = await session.serviceWorker();
    const found = await worker.evaluate(async (start) => {
      const shown = self.__shownNotices?.find((notice) => notice.id.startsWith(start));
      return shown && (await chrome.notifications.getAll())[shown.id] ? shown : null;
    }, prefix);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no notification ${prefix}… was shown`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The approval request listed in an approver's panel for `draft`: its id, once it is there. */
async function requestInPanel(panel: Page, draft: string): Promise<string> {
  const id = await panel.waitForFunction(
    (text) => {
      for (const row of document.querySelectorAll('[data-approval-id]')) {
        if (row.querySelector('[data-approval-part="draft"]')?.textContent === text) return row.getAttribute('data-approval-id');
      }
      return null;
    },
    { timeout: 30_000 },
    draft,
  );
  return (await id.jsonValue()) as string;
}

describeE2E('approval before release, the whole flow with four browsers', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'kabir@bis.example.in', name: 'Kabir Mehta', role: 'moderator', departmentId: null },
      // The demo organisation names Hallmarking's approver and delegate by e-mail.
      { email: 'hallmarking.head@bis.example.in', name: 'K. Head', role: 'approver', departmentId: null },
      { email: 'hallmarking.deputy@bis.example.in', name: 'D. Deputy', role: 'approver', departmentId: null },
    ],
    PASSWORD,
  );
  let asha: BrowserSession;
  let kabir: BrowserSession;
  let head: BrowserSession;
  let deputy: BrowserSession;
  let headPanel: Page;
  let deputyPanel: Page;

  beforeAll(async () => {
    asha = e2e.session;
    [kabir, head, deputy] = await Promise.all([e2e.launchAnother(), e2e.launchAnother(), e2e.launchAnother()]);
    await signInOnOptionsPage(asha, team().url, 'asha@bis.example.in', PASSWORD);
    await signInOnOptionsPage(kabir, team().url, 'kabir@bis.example.in', PASSWORD);
    await signInOnOptionsPage(head, team().url, 'hallmarking.head@bis.example.in', PASSWORD);
    await signInOnOptionsPage(deputy, team().url, 'hallmarking.deputy@bis.example.in', PASSWORD);
    headPanel = await openApprovalsPanel(head);
    deputyPanel = await openApprovalsPanel(deputy);
    await Promise.all([asha, head, deputy].map(watchNotifications));
  });

  afterAll(() => {
    expect(head.errors(headPanel)).toEqual([]);
    expect(deputy.errors(deputyPanel)).toEqual([]);
  });

  for (const site of [X, FACEBOOK]) {
    it(`${site.name}: held, sent for approval, approved in the side panel, posted exactly; the delegate rejects with a note while the approver is away`, async () => {
      const draft = `As the matter is before the court, we are unable to comment on it (${site.name}).`;
      const second = `The inspection report on this jeweller will be shared with you shortly (${site.name}).`;
      const page = await asha.open(site.url, { waitFor: `${site.comment}[data-samvad-item]` });
      const other = await kabir.open(site.url, { waitFor: `${site.comment}[data-samvad-item]` });
      const keys = await decoratedKeys(page, site.comment);
      const [key, key2] = [keys[site.keys[0]]!, keys[site.keys[1]]!];

      // Asha assigns the comments to Hallmarking and flags them (before replying: a posted reply moves the
      // thread under the toolbars); Kabir's page shows it live.
      for (const [comment, flag] of [[key, 'sub_judice'], [key2, 'confidential']] as const) {
        await assign(page, comment, 'hallmarking');
        await clickInToolbar(page, comment, 'button[data-action="flag"]');
        await clickInToolbar(page, comment, `[data-flag="${flag}"]`);
        await waitForStatus(page, comment, 'data-approval', 'needed');
        // The flags menu stays open for more: closed, so that it covers no other comment's toolbar.
        await page.keyboard.press('Escape');
        await ui(page).waitForGone(inToolbar(comment, '[data-flag]'));
      }
      await waitForStatus(other, key, 'data-flags', 'sub_judice', 10_000);
      expect((await statusOf(other, key)).text).not.toContain('replying');

      // She opens the site's reply composer: within a second Kabir's toolbar says she is replying.
      const box = await site.openComposer(page, key);
      await waitForStatus(other, key, 'data-presence', 'replying', 1_000);
      await waitForStatusText(other, key, /Asha Rao is replying/, 1_000);

      // Post is held: the reply needs the approver's release.
      await page.keyboard.type(draft);
      await editorHolds(page, box, draft);
      await site.post(page);
      await ui(page).waitFor(APPROVAL_DIALOG);
      expect(await ui(page).attribute(APPROVAL_DIALOG, 'data-state')).toBe('ask');
      expect(await ui(page).text(APPROVAL_DIALOG)).toContain('Sub judice');
      await ui(page).click(`${APPROVAL_DIALOG} button[data-action="request-approval"]`);
      await ui(page).waitForGone(APPROVAL_DIALOG);
      await waitForStatus(page, key, 'data-approval', 'requested');

      // The approver is told, and finds it in her side panel with the comment and the exact draft.
      const approvalId = await requestInPanel(headPanel, draft);
      const request = await waitForNotification(head, `approval-requested:${approvalId}`);
      expect(request).toMatchObject({ title: 'A reply waits for your approval (Hallmarking)', message: `Asha Rao asks to post: “${draft}”` });
      const row = `[data-approval-id="${approvalId}"]`;
      await headPanel.type(`${row} textarea[name="note"]`, 'Fine: it says only that the matter is before the court.');
      await headPanel.click(`${row} button[data-action="approve"]`);
      await headPanel.waitForSelector(row, { hidden: true });

      // Asha is told; her toolbar shows the approval and its note.
      await waitForStatus(page, key, 'data-approval', 'approved', 15_000);
      await waitForStatusText(page, key, /Approved: “Fine: it says only that the matter is before the court\.”/);
      expect(await waitForNotification(asha, `approval-decided:${approvalId}`)).toMatchObject({ title: 'Your reply was approved by K. Head' });

      // One character more is another text: held again.
      await focusAtEnd(page, box);
      await page.keyboard.type('!');
      await editorHolds(page, box, `${draft}!`);
      await site.post(page);
      await ui(page).waitFor(APPROVAL_DIALOG);
      expect(await ui(page).attribute(APPROVAL_DIALOG, 'data-state')).toBe('ask');
      await ui(page).click(`${APPROVAL_DIALOG} button[data-action="cancel"]`);
      await ui(page).waitForGone(APPROVAL_DIALOG);
      expect(await posted(page)).toEqual([]);

      // The approved text itself posts, exactly.
      await focusAtEnd(page, box);
      await page.keyboard.press('Backspace');
      await editorHolds(page, box, draft);
      await site.post(page);
      await page.waitForFunction(() => window.__fixture.posted.length === 1);
      expect(await posted(page)).toEqual([{ text: draft, inReplyTo: expect.any(String) }]);
      // The body's reply shows under the comment on Asha's page, which records it: Kabir's toolbar says it is answered.
      if (site.showsPostedReply) await waitForStatusText(other, key, /answered by IndianStandards just now/, 15_000);

      // The approver goes on leave: the delegate decides the next request.
      await headPanel.click('button[data-action="mark-away"]');
      await headPanel.waitForSelector('button[data-action="mark-back"]');
      try {
        const box2 = await site.openComposer(page, key2);
        await page.keyboard.type(second);
        await editorHolds(page, box2, second);
        await site.post(page);
        await ui(page).waitFor(APPROVAL_DIALOG);
        await ui(page).click(`${APPROVAL_DIALOG} button[data-action="request-approval"]`);
        await ui(page).waitForGone(APPROVAL_DIALOG);
        await waitForStatus(page, key2, 'data-approval', 'requested');

        const secondId = await requestInPanel(deputyPanel, second);
        const secondRow = `[data-approval-id="${secondId}"]`;
        expect(await deputyPanel.$eval(secondRow, (li) => li.textContent)).toContain('As delegate: K. Head is away.');
        await waitForNotification(deputy, `approval-requested:${secondId}`);
        await deputyPanel.type(`${secondRow} textarea[name="note"]`, 'Inspection reports are internal: do not promise them.');
        await deputyPanel.click(`${secondRow} button[data-action="reject"]`);
        await deputyPanel.waitForSelector(secondRow, { hidden: true });

        // The rejection and its note reach Asha: her toolbar, a notification, and the dialog on Post.
        await waitForStatus(page, key2, 'data-approval', 'rejected', 15_000);
        await waitForStatusText(page, key2, /Rejected: “Inspection reports are internal: do not promise them\.”/);
        expect(await waitForNotification(asha, `approval-decided:${secondId}`)).toMatchObject({
          title: 'Your reply was rejected by D. Deputy',
          message: `Note: “Inspection reports are internal: do not promise them.” — on “${second}”`,
        });
        await site.post(page);
        await ui(page).waitFor(APPROVAL_DIALOG);
        expect(await ui(page).attribute(APPROVAL_DIALOG, 'data-state')).toBe('rejected');
        expect(await ui(page).text(APPROVAL_DIALOG)).toContain('Inspection reports are internal');
        await ui(page).click(`${APPROVAL_DIALOG} button[data-action="cancel"]`);
        await ui(page).waitForGone(APPROVAL_DIALOG);
        expect(await posted(page)).toEqual([{ text: draft, inReplyTo: expect.any(String) }]);
      } finally {
        await headPanel.click('button[data-action="mark-back"]');
        await headPanel.waitForSelector('button[data-action="mark-away"]');
      }

      expect(asha.errors(page)).toEqual([]);
      expect(kabir.errors(other)).toEqual([]);
      await Promise.all([page.close(), other.close()]);
    });
  }
});
