// Telling people (issue 11): a department's One-Point Contact, signed in, gets a browser notification when a
// moderator assigns a comment to their department — observed on the extension's service worker (the
// notifications it has up, and what each says), with the team server and a moderator pushing as her
// browser would.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeE2E, signInOnOptionsPage, useE2E, useTeamServer } from './harness';

const PASSWORD = 'a long demo password';

interface Shown {
  id: string;
  title?: string;
  message?: string;
}

describeE2E('notifications for a department’s contact', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'hallmarking.opc@bis.example.in', name: 'A. Sharma', role: 'department', departmentId: 'hallmarking' },
    ],
    PASSWORD,
  );

  it('a new assignment to the department shows a notification with the comment, once', async () => {
    const contact = e2e.session;
    await signInOnOptionsPage(contact, team().url, 'hallmarking.opc@bis.example.in', PASSWORD);
    // The contact's side panel is open (the live connection: the change arrives with the server's poke).
    const panel = await contact.browser.newPage();
    contact.watchErrors(panel);
    await panel.goto(contact.extensionUrl('sidepanel.html'));
    await panel.waitForSelector('button[data-queue-view="queue"]');

    // Record what the background asks the browser to show, as well as what the browser has up.
    const worker = await contact.serviceWorker();
    await worker.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { notifications: { create: (...args: unknown[]) => unknown } } }).chrome.notifications;
      const shown: unknown[] = [];
      (globalThis as unknown as { __shownNotifications: unknown[] }).__shownNotifications = shown;
      const create = api.create.bind(api);
      api.create = (...args: unknown[]) => {
        shown.push({ id: args[0], ...(args[1] as object) });
        return create(...args);
      };
    });

    // A moderator assigns a citizen's comment to Hallmarking (pushed as her browser's outbox does).
    const login = await fetch(`${team().url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'asha@bis.example.in', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const id = '1869000000000000042';
    const item = {
      platform: 'x',
      id,
      author: { name: 'Priya Sharma', handle: 'priya_sharma91' },
      text: 'The hallmark on my ring does not verify on the BIS CARE app.',
      permalink: `https://x.com/priya_sharma91/status/${id}`,
      createdAt: new Date().toISOString(),
    };
    const clientId = `client-${randomUUID()}`;
    const at = new Date().toISOString();
    const push = await fetch(`${team().url}/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        clientId,
        mutations: [
          { id: randomUUID(), clientId, seq: 1, at, item, op: { type: 'see', work: 'mention', firstSeenAt: at } },
          { id: randomUUID(), clientId, seq: 2, at, item, op: { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null } },
        ],
      }),
    });
    expect(push.status, await push.text()).toBe(200);

    const assigned = (shown: Shown[]) => shown.filter((n) => n.id.startsWith(`assigned:x:${id}:`));
    let shown: Shown[] = [];
    for (let i = 0; i < 100 && assigned(shown).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      shown = await worker.evaluate(() => (globalThis as unknown as { __shownNotifications: Shown[] }).__shownNotifications);
    }
    expect(assigned(shown)).toHaveLength(1);
    expect(assigned(shown)[0]).toMatchObject({
      title: 'New comment for Hallmarking',
      message: 'Priya Sharma: The hallmark on my ring does not verify on the BIS CARE app.',
    });
    // The browser has it up.
    const up = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } }).chrome.notifications.getAll(),
    );
    expect(Object.keys(up)).toContain(assigned(shown)[0]!.id);
    // The row is in the contact's queue; the notice is not shown again when the rows change again.
    await panel.waitForSelector(`[data-queue-item="x:${id}"]`, { timeout: 15_000 });
    await panel.click(`[data-queue-item="x:${id}"] button[data-action="accept"]`);
    await panel.waitForFunction((selector) => document.querySelector(selector)?.getAttribute('data-status') === 'accepted', { timeout: 15_000 }, `[data-queue-item="x:${id}"]`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    shown = await worker.evaluate(() => (globalThis as unknown as { __shownNotifications: Shown[] }).__shownNotifications);
    expect(assigned(shown)).toHaveLength(1);
    expect(contact.errors(panel)).toEqual([]);
  }, 120_000);
});
