// The site's own scripts, however hostile, learn nothing internal from the page (DESIGN.md, "What the site
// may see"). A moderator signed in to the team server assigns (losing a race to a colleague, whose name the
// toolbar then shows), flags a comment confidential, overrides a guideline block with a reason and posts a
// canned reply; meanwhile a script in the page's own world has listened to every window message since the
// page loaded, and at the end collects every string it can reach.
import { expect, it } from 'vitest';
import { verhoeffCheckDigit } from '../../lib/rules';
import { ui } from './closed-roots';
import { describeE2E, setBackgroundOffline, signInOnOptionsPage, useE2E, useTeamServer } from './harness';
import { assign, clickInToolbar, decoratedKeys, typeOverrideReason, waitForStatus, waitForStatusText } from './toolbar-helpers';

const PASSWORD = 'a long demo password';
const MODERATOR = { email: 'meera.iyer@bis.example.in', name: 'Meera Iyer' };
const COLLEAGUE = { email: 'kavita.menon@bis.example.in', name: 'Kavita Menon' };
const REASON = 'Cleared by the legal cell under RTI 7731';
const AADHAAR_BASE = '23456789012';
const BLOCKING_DRAFT = `Your Aadhaar ${AADHAAR_BASE}${verhoeffCheckDigit(AADHAAR_BASE)} is linked.`;
const TWEETS = 'article[data-testid="tweet"]';

/** The site's spy, in the page's world from before the page's own scripts: every message and Samvad event it hears. */
const SPY = `(() => {
  const heard = (window.__overheard = []);
  const note = (label, value) => { try { heard.push(label + ' ' + JSON.stringify(value)); } catch { heard.push(label + ' ' + String(value)); } };
  addEventListener('message', (event) => note('message', event.data), true);
  // Every key the page's listeners hear, wherever it is typed: a closed shadow root does not stop them.
  let typed = '';
  window.__typed = () => typed;
  for (const type of ['keydown', 'keypress', 'beforeinput', 'input']) {
    addEventListener(type, (event) => {
      if (type === 'keydown' && event.key.length === 1) typed += event.key;
      else if (type !== 'keydown' && type !== 'keypress' && typeof event.data === 'string') note(type, event.data);
    }, true);
  }
  for (const type of ['samvad:editor-insert', 'samvad:bridge-port', 'samvad:bridge-hello']) {
    addEventListener(type, (event) => note(type, event.detail ?? null), true);
  }
})();`;

/** Every string the page's world can reach: text, attributes, form values, open shadow roots, storage, what it overheard. */
function reachableStrings(): string[] {
  const strings: string[] = [];
  const visit = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (node instanceof Element) {
        for (const attribute of node.attributes) strings.push(`${attribute.name}=${attribute.value}`);
        if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) strings.push(node.value);
        // Open roots only: a closed one is null to the page.
        if (node.shadowRoot) visit(node.shadowRoot);
        if (node instanceof HTMLIFrameElement && node.contentDocument) visit(node.contentDocument);
      } else if (node.nodeValue) strings.push(node.nodeValue);
    }
  };
  visit(document);
  strings.push(document.title, document.cookie, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }));
  const spy = window as unknown as { __overheard: string[]; __typed: () => string };
  strings.push(...spy.__overheard, spy.__typed());
  return strings;
}

describeE2E('what the site can see', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [MODERATOR, COLLEAGUE].map((person) => ({ ...person, role: 'moderator' as const, departmentId: null })),
    PASSWORD,
  );

  /** The colleague assigns a comment from their own install, straight through the server's API. */
  async function colleagueAssigns(id: string, departmentId: string): Promise<void> {
    const login = await fetch(`${team().url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: COLLEAGUE.email, password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const clientId = `colleague-${crypto.randomUUID()}`;
    const item = { platform: 'x', id, author: { name: 'Citizen', handle: 'citizen' }, text: 'A comment', permalink: `https://x.com/citizen/status/${id}`, createdAt: new Date().toISOString() };
    const push = await fetch(`${team().url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId, mutations: [{ id: crypto.randomUUID(), clientId, seq: 1, at: new Date().toISOString(), item, op: { type: 'assign', departmentId, baseDepartmentId: null } }] }),
    });
    expect(((await push.json()) as { results: { outcome: string }[] }).results[0]?.outcome).toBe('applied');
  }

  it('learns no department, flag, colleague, e-mail, reason or token', async () => {
    const session = e2e.session;
    await signInOnOptionsPage(session, team().url, MODERATOR.email, PASSWORD);
    // This organisation lets a moderator override a `block` finding with their own reason (the demo's
    // policy sends such drafts to an approver instead: test/e2e/approvals.test.ts), so a reason is typed.
    const options = await session.browser.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.evaluate(async () => {
      const storage = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, { approvals: object }>>; set(items: object): Promise<void> } } } }).chrome.storage.local;
      const { orgConfig } = await storage.get('orgConfig');
      await storage.set({ orgConfig: { ...orgConfig, approvals: { ...orgConfig!.approvals, blockFindings: false } } });
    });
    await options.close();
    const page = await session.browser.newPage();
    session.watchErrors(page);
    await page.evaluateOnNewDocument(SPY);
    await page.goto('https://x.com/home', { waitUntil: 'load' });
    // The body's own posts have no toolbar: these are the tweets the list held before they were left out.
    const [lost, flagged, answered] = (await decoratedKeys(page, TWEETS)).slice(0, 3) as [string, string, string];
    // What the page holds before the moderator does anything (tweets may mention a department by name).
    const before = new Set(await page.evaluate(reachableStrings));

    // Assigns offline while a colleague assigns the same comment elsewhere: the toolbar names the colleague.
    await setBackgroundOffline(session, true);
    await assign(page, lost, 'hallmarking');
    await colleagueAssigns(lost.slice(2), 'laboratory');
    await setBackgroundOffline(session, false);
    await waitForStatus(page, lost, 'data-department', 'laboratory', 15_000);
    await waitForStatusText(page, lost, new RegExp(COLLEAGUE.name));

    await clickInToolbar(page, flagged, 'button[data-action="flag"]');
    await clickInToolbar(page, flagged, '[data-flag="confidential"]');
    await waitForStatus(page, flagged, 'data-flags', 'confidential');

    // A blocked draft, overridden with a reason. The moderator scrolls back up to the composer first: the
    // toolbar clicks scrolled the page, leaving the composer half under X's sticky header.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.type(BLOCKING_DRAFT);
    await ui(page).waitFor('samvad-guard >>> [data-finding][data-severity="block"]');
    await page.click('[data-testid="tweetButtonInline"]');
    await typeOverrideReason(page, REASON);
    await ui(page).click('samvad-guard >>> dialog[data-samvad-block][open] button[data-action="override"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);

    // A canned reply, posted.
    await clickInToolbar(page, answered, 'button[data-action="reply"]');
    await ui(page).waitFor('samvad-canned-picker >>> input');
    await page.keyboard.type('ack');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const editor = document.querySelector('div[role="dialog"] [contenteditable="true"]');
      return editor !== null && (window.__fixture.editorText(editor) ?? '').length > 20;
    });
    await page.click('div[role="dialog"] [data-testid="tweetButton"]');
    await waitForStatusText(page, answered, /Reply posted, not yet seen/);

    const worker = await session.serviceWorker();
    const token = await worker.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('samvad');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('meta').objectStore('meta').get('syncSession');
            request.onsuccess = () => resolve((request.result as { value: { token: string } }).value.token);
          };
        }),
    );
    const secrets = [COLLEAGUE.name, COLLEAGUE.email, MODERATOR.name, MODERATOR.email, REASON, token, 'confidential', 'Confidential', 'laboratory', 'Laboratory'];
    const after = await page.evaluate(reachableStrings);
    const found = secrets.flatMap((secret) => {
      const leaks = after.filter((text) => text.includes(secret) && !before.has(text));
      return leaks.length ? [{ secret, leaks: leaks.slice(0, 3) }] : [];
    });
    expect(found).toEqual([]);
    // None of them was there to begin with, so "new since" hides nothing.
    expect(secrets.filter((secret) => [...before].some((text) => text.includes(secret)))).toEqual([]);
    // Every Samvad host on the page is closed to it.
    expect(await page.$$eval('samvad-toolbar, samvad-guard, samvad-canned-picker, samvad-approval', (hosts) => hosts.filter((host) => host.shadowRoot).length)).toBe(0);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });
});
