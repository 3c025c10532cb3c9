// The approver's side of approvals (issue 12), with the built extension, three browsers and the team
// server: a moderator's request (sent here through the background as the post gate sends it) reaches the
// department's approver, who approves it with a note; while the approver is marked away the delegate
// decides; a rejection and its note reach the moderator.
import { randomUUID } from 'node:crypto';
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import type { Triage } from '../../lib/contract/triage';
import { describeE2E, openApprovalsPanel, openExtensionPage, signInOnOptionsPage, useE2E, useTeamServer } from './harness';

const PASSWORD = 'a long demo password';
const HASH_1 = '1'.repeat(64);
const HASH_2 = '2'.repeat(64);
const DRAFT_1 = 'As the matter is before the court, we are unable to comment.';
const DRAFT_2 = 'We have asked the laboratory to re-test your sample.';

/** The extension API on the extension's own pages, where the tests evaluate code. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: { getBadgeText(details: object): Promise<string> };
};

/** The count on the extension's toolbar icon, as the approver sees it. */
const waitForBadge = (page: Page, text: string) =>
  page.waitForFunction(async (expected) => (await chrome.action.getBadgeText({})) === expected, { timeout: 10_000 }, text);

const item = (id: string) => ({
  platform: 'x',
  id,
  author: { name: 'Citizen', handle: '@citizen' },
  text: `Why is my hallmarking case ${id} still pending?`,
  permalink: `https://x.com/citizen/status/${id}`,
  createdAt: new Date().toISOString(),
});

/** Sends a message to the background as the extension's own pages do (@webext-core/messaging's format). */
async function ask<T>(page: Page, type: string, data: unknown): Promise<T> {
  const answer = await page.evaluate(
    (messageType, messageData) => chrome.runtime.sendMessage({ id: 1, type: messageType, data: messageData, timestamp: Date.now() }),
    type,
    data as never,
  );
  const { res, err } = answer as { res?: T; err?: { message: string } };
  if (err) throw new Error(err.message);
  return res as T;
}

/** Waits until the moderator's own store holds the approval in `state` (pulling meanwhile). */
async function waitForApproval(page: Page, key: string, approvalId: string, state: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await ask(page, 'syncNow', undefined);
    const [triage] = await ask<Triage[]>(page, 'getTriage', [key]);
    const approval = triage?.approvals.find((a) => a.id === approvalId);
    if (approval?.state === state) return approval;
    if (Date.now() > deadline) throw new Error(`approval ${approvalId} not ${state}: ${JSON.stringify(approval)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describeE2E('the approver decides in the side panel', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'hallmarking.head@bis.example.in', name: 'K. Head', role: 'approver', departmentId: null },
      { email: 'hallmarking.deputy@bis.example.in', name: 'D. Deputy', role: 'approver', departmentId: null },
    ],
    PASSWORD,
  );

  it('approves with a note; the delegate decides while the approver is away; a rejection’s note reaches the moderator', async () => {
    const asha = e2e.session;
    const head = await e2e.launchAnother();
    const deputy = await e2e.launchAnother();
    await signInOnOptionsPage(asha, team().url, 'asha@bis.example.in', PASSWORD);
    await signInOnOptionsPage(head, team().url, 'hallmarking.head@bis.example.in', PASSWORD);
    await signInOnOptionsPage(deputy, team().url, 'hallmarking.deputy@bis.example.in', PASSWORD);
    const moderator = await openExtensionPage(asha, 'options.html');

    // Asha assigns a sub judice comment to Hallmarking and asks for her reply to be released.
    const first = item('1900000000000000001');
    const key = `x:${first.id}`;
    const firstId = randomUUID();
    for (const op of [
      { type: 'assign', departmentId: 'hallmarking', baseDepartmentId: null },
      { type: 'flag', flag: 'sub_judice', on: true },
      { type: 'requestApproval', approvalId: firstId, textHash: HASH_1, text: DRAFT_1, findings: [{ ruleId: 'context.sub_judice', category: 'sub_judice', severity: 'block' }] },
    ]) {
      expect(await ask<{ outcome: string }>(moderator, 'mutate', { item: first, op })).toMatchObject({ outcome: 'applied' });
    }

    // The approver's panel lists it, with the comment, the exact draft and the finding.
    const panel = await openApprovalsPanel(head);
    const row = `[data-approval-id="${firstId}"]`;
    await panel.waitForSelector(row, { timeout: 20_000 });
    expect(await panel.$eval(`${row} [data-approval-part="draft"]`, (p) => p.textContent)).toBe(DRAFT_1);
    expect(await panel.$eval(`${row} [data-approval-part="comment"]`, (p) => p.textContent)).toBe(first.text);
    expect(await panel.$eval(`${row} [data-finding]`, (f) => f.getAttribute('data-severity'))).toBe('block');
    expect(await panel.$eval(row, (li) => li.textContent)).toContain('Asked by Asha Rao');
    await waitForBadge(panel, '1');
    await panel.type(`${row} textarea[name="note"]`, 'Fine to post as written.');
    await panel.click(`${row} button[data-action="approve"]`);
    await panel.waitForSelector(row, { hidden: true });
    await waitForBadge(panel, '');

    const approved = await waitForApproval(moderator, key, firstId, 'approved');
    expect(approved).toMatchObject({ note: 'Fine to post as written.', decidedBy: 'K. Head', textHash: HASH_1 });
    expect(Date.parse(approved.expiresAt!)).toBeGreaterThan(Date.now() + 23 * 3600_000);

    // The approver goes on leave: her deputy's panel takes over the department's requests.
    await panel.click('button[data-action="mark-away"]');
    await panel.waitForSelector('button[data-action="mark-back"]');
    const secondId = randomUUID();
    expect(
      await ask<{ outcome: string }>(moderator, 'mutate', {
        item: first,
        op: { type: 'requestApproval', approvalId: secondId, textHash: HASH_2, text: DRAFT_2, findings: [] },
      }),
    ).toMatchObject({ outcome: 'applied' });
    const deputyPanel = await openApprovalsPanel(deputy);
    const second = `[data-approval-id="${secondId}"]`;
    await deputyPanel.waitForSelector(second, { timeout: 30_000 });
    expect(await deputyPanel.$eval(second, (li) => li.textContent)).toContain('As delegate: K. Head is away.');
    await waitForBadge(deputyPanel, '1');
    // Rejecting needs a note.
    await deputyPanel.click(`${second} button[data-action="reject"]`);
    await deputyPanel.waitForSelector(`${second} [role="alert"]`);
    await deputyPanel.type(`${second} textarea[name="note"]`, 'Do not promise a re-test before the lab confirms.');
    await deputyPanel.click(`${second} button[data-action="reject"]`);
    await deputyPanel.waitForSelector(second, { hidden: true });
    const rejected = await waitForApproval(moderator, key, secondId, 'rejected');
    expect(rejected).toMatchObject({ note: 'Do not promise a re-test before the lab confirms.', decidedBy: 'D. Deputy' });

    // Back from leave: the approver decides again, and her panel no longer offers the deputy's requests.
    await panel.click('button[data-action="mark-back"]');
    await panel.waitForSelector('button[data-action="mark-away"]');
    expect(await panel.$eval('[data-away]', (p) => p.getAttribute('data-away'))).toBe('false');

    for (const [session, page] of [[asha, moderator], [head, panel], [deputy, deputyPanel]] as const) {
      expect(session.errors(page)).toEqual([]);
    }
  });
});
