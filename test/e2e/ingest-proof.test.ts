// A moderator scrolls a thread on X and on Facebook: every comment addressed to the body reaches the team
// server, untouched, as a row of the shared queue; the body's own posts do not. A reply posted from the
// composer counts once it appears in the thread under the comment (the fixture sites show it there a
// moment after posting, as the real sites do): it is recorded as seen and stops the comment's clock.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import type { Triage } from '../../lib/contract/triage';
import { buildPosts } from '../fixtures/facebook/data';
import { repliesPerConversation, replyTweet, timelineTweet, timelineTweetId } from '../fixtures/x/data';
import { describeE2E, signInOnOptionsPage, useE2E, useTeamServer } from './harness';
import { ui } from './closed-roots';
import { clickInToolbar, inToolbar, statusOf, waitForStatus, waitForStatusText } from './toolbar-helpers';

const PASSWORD = 'a long demo password';

/** Every row on the team server, as an admin pulls them. */
const tokens = new Map<string, string>();
async function serverRows(url: string): Promise<Map<string, Triage>> {
  // Signed in once (sign-ins are rate limited), then pulled from scratch each time.
  let token = tokens.get(url);
  if (!token) {
    const login = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@bis.example.in', password: PASSWORD }),
    });
    if (!login.ok) throw new Error(`admin sign-in: ${login.status} ${await login.text()}`);
    token = ((await login.json()) as { token: string }).token;
    tokens.set(url, token);
  }
  const rows = new Map<string, Triage>();
  for (let cursor = 0, more = true; more; ) {
    const answer = (await (await fetch(`${url}/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      rows: Triage[];
      cursor: number;
      more: boolean;
    };
    for (const row of answer.rows) rows.set(row.key, row);
    cursor = answer.cursor;
    more = answer.more;
  }
  return rows;
}

async function waitForRows(url: string, done: (rows: Map<string, Triage>) => boolean, timeout = 30_000): Promise<Map<string, Triage>> {
  const until = Date.now() + timeout;
  for (;;) {
    const rows = await serverRows(url);
    if (done(rows) || Date.now() > until) return rows;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Scrolls to the end as a person would, until the page has loaded `count` items and the end stays put. */
async function scrollThrough(page: Page, count: number, { clickMore = false } = {}): Promise<void> {
  for (let step = 0; step < 400; step++) {
    const atEnd = await page.evaluate(async (more) => {
      window.scrollBy(0, 450);
      await new Promise((resolve) => setTimeout(resolve, 80));
      if (more) (document.querySelector('[data-fixture-action="view-more"]') as HTMLElement | null)?.click();
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4;
    }, clickMore);
    if (atEnd && (await page.evaluate(() => window.__fixture.loadedCount())) >= count) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      if (await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 4)) return;
    }
  }
  throw new Error(`the page did not load ${count} items`);
}

describeE2E('every comment addressed to the body reaches the queue; a reply counts once it is on the page', () => {
  const e2e = useE2E();
  const team = useTeamServer(
    [
      { email: 'asha@bis.example.in', name: 'Asha Rao', role: 'moderator', departmentId: null },
      { email: 'admin@bis.example.in', name: 'Admin', role: 'admin', departmentId: null },
      { email: 'hallmarking.opc@bis.example.in', name: 'A. Sharma', role: 'department', departmentId: 'hallmarking' },
    ],
    PASSWORD,
  );

  let signedIn = false;
  const signInAsModerator = async () => {
    if (!signedIn) await signInOnOptionsPage(e2e.session, team().url, 'asha@bis.example.in', PASSWORD);
    signedIn = true;
  };

  it('on X: scrolling the conversation under an official post records every citizen reply, untouched; the post itself is not an item', async () => {
    await signInAsModerator();
    const official = timelineTweet(5);
    expect(official.handle).toBe('IndianStandards');
    const page = await e2e.open(`https://x.com/IndianStandards/status/${official.id}`, { waitFor: 'article[data-testid="tweet"]' });
    await scrollThrough(page, repliesPerConversation + 1);
    const citizens = Array.from({ length: repliesPerConversation }, (_, index) => replyTweet(official.id, index)).filter((tweet) => !tweet.promoted);
    const wanted = citizens.map((tweet) => `x:${tweet.id}`);
    const rows = await waitForRows(team().url, (found) => wanted.every((key) => found.has(key)));
    expect(wanted.filter((key) => !rows.has(key))).toEqual([]);
    for (const key of wanted) {
      const row = rows.get(key)!;
      // Untouched: recorded with why it is work and when it was first seen, nothing else.
      expect(row).toMatchObject({ work: 'reply_to_body', departmentId: null, flags: [], replies: [], status: 'open' });
      expect(row.firstSeenAt).toEqual(expect.any(String));
    }
    // The body's own post is an answer, never an item; nothing else on the page was recorded either.
    expect(rows.has(`x:${official.id}`)).toBe(false);
    expect(await page.$(`[data-samvad-item="x:${official.id}"]`)).toBeNull();
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on X: a reply posted from the composer is "posted, not yet seen" until it appears under the comment, then seen and the clock stops', async () => {
    await signInAsModerator();
    const parent = timelineTweetId(10);
    const citizen = replyTweet(parent, 0);
    const key = `x:${citizen.id}`;
    const page = await e2e.open(`https://x.com/${citizen.handle}/status/${citizen.id}`);
    await waitForStatus(page, key, 'data-stage', 'interim');
    const text = 'Thank you for writing to us. Please share your complaint number so that we can look into it.';
    await page.click('[data-testid="tweetTextarea_0"]');
    await page.keyboard.type(text);
    await page.click('[data-testid="tweetButtonInline"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    // The official reply shows up under the comment; the moderator's browser records it as the proof.
    await waitForStatus(page, key, 'data-sla', 'done', 20_000);
    expect((await statusOf(page, key)).text).toMatch(/Reply seen on the page from @IndianStandards/);
    const rows = await waitForRows(team().url, (found) => found.get(key)?.replies.some((r) => r.source === 'seen') === true);
    const seen = rows.get(key)!.replies.filter((r) => r.source === 'seen');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ text, handle: 'IndianStandards', stage: 'final', replyId: expect.stringMatching(/^\d+$/) });
    expect(seen[0]!.permalink).toBe(`https://x.com/IndianStandards/status/${seen[0]!.replyId}`);
    expect(rows.get(key)!.status).toBe('replied');
    // The composer's own record was replaced by the proof, not kept beside it.
    expect(rows.get(key)!.replies.filter((r) => r.source === 'composer')).toEqual([]);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on X: the body’s answer threaded under a citizen’s reply in its post’s conversation is that reply’s proof', async () => {
    await signInAsModerator();
    const official = timelineTweet(5);
    const citizen = replyTweet(official.id, 2);
    const key = `x:${citizen.id}`;
    const page = await e2e.open(`https://x.com/IndianStandards/status/${official.id}`, { waitFor: 'article[data-testid="tweet"]' });
    await page.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);
    await page.$eval(`[data-samvad-item="${key}"]`, (element) => element.scrollIntoView({ block: 'center' }));
    await waitForStatus(page, key, 'data-stage', 'interim');
    // The moderator answers with the site's own Reply on the citizen's tweet, in X's reply dialog.
    await page.click(`[data-samvad-item="${key}"] [data-testid="reply"]`);
    await page.waitForFunction(() => document.activeElement?.matches('[role="dialog"] [data-testid="tweetTextarea_0"]'));
    const text = 'Thank you for writing to us. Our Kolkata branch will call you about the licence today.';
    await page.keyboard.type(text);
    await page.click('[role="dialog"] [data-testid="tweetButton"]');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    // X threads the answer right below the citizen's reply ("Replying to @…"); seen there, it stops the clock.
    await waitForStatus(page, key, 'data-sla', 'done', 20_000);
    const rows = await waitForRows(team().url, (found) => found.get(key)?.replies.some((r) => r.source === 'seen') === true);
    const seen = rows.get(key)!.replies.filter((r) => r.source === 'seen');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ text, handle: 'IndianStandards', replyId: expect.stringMatching(/^\d+$/) });
    expect(seen[0]!.permalink).toBe(`https://x.com/IndianStandards/status/${seen[0]!.replyId}`);
    // Not taken for an answer to the body's own post, which is never an item.
    expect(rows.has(`x:${official.id}`)).toBe(false);
    expect(rows.has(`x:${seen[0]!.replyId}`)).toBe(false);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on X: the home timeline’s unrelated tweets get a Track button and no clock; tracked, one gets a clock', async () => {
    await signInAsModerator();
    const page = await e2e.open('https://x.com/home', { waitFor: '[data-samvad-item] samvad-toolbar' });
    const unrelated = Array.from({ length: 10 }, (_, index) => timelineTweet(index)).find(
      (tweet) => tweet.handle !== 'IndianStandards' && !tweet.promoted && !tweet.text.includes('@IndianStandards'),
    )!;
    const key = `x:${unrelated.id}`;
    await page.waitForSelector(`[data-samvad-item="${key}"] samvad-toolbar`);
    await waitForStatus(page, key, 'data-sla', 'none');
    expect((await statusOf(page, key)).text).toContain('No reply clock');
    // Tracked by hand, it gets a clock (and the Track button goes).
    await clickInToolbar(page, key, 'button[data-action="track"]');
    await waitForStatus(page, key, 'data-stage', 'interim');
    expect((await statusOf(page, key)).sla).toMatch(/^(ok|due-soon|overdue)$/);
    expect(await ui(page).evaluate(inToolbar(key, 'button[data-action="track"]'), ([button]) => (button as HTMLElement).hidden)).toBe(true);
    const rows = await waitForRows(team().url, (found) => found.get(key)?.work === 'tracked');
    expect(rows.get(key)?.work).toBe('tracked');
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('on Facebook: scrolling the Page post’s comments records every citizen comment; a reply by the Page under one stops its clock', async () => {
    await signInAsModerator();
    const page = await e2e.open('https://www.facebook.com/IndianStandards/posts/1029384756000001', { waitFor: 'div[role="article"]' });
    const post = buildPosts()[0]!;
    await scrollThrough(page, post.comments.length, { clickMore: true });
    const onPage = await page.$$eval('div[role="article"][data-samvad-item]', (elements) => elements.map((e) => e.getAttribute('data-samvad-item')!));
    expect(onPage.length).toBeGreaterThan(20);
    const rows = await waitForRows(team().url, (found) => onPage.every((key) => found.has(key)));
    expect(onPage.filter((key) => !rows.has(key))).toEqual([]);
    for (const key of onPage) expect(rows.get(key)).toMatchObject({ work: 'page_comment', departmentId: null, replies: [] });

    // The moderator answers a comment with the site's own Reply, as the Page (a reply to a reply belongs to
    // the thread's comment on Facebook: a top-level comment is answered here).
    const key = post.comments.map((comment) => `facebook:${comment.id}`).filter((k) => onPage.includes(k))[2]!;
    const commentId = key.slice('facebook:'.length);
    await page.evaluate((id) => document.querySelector(`[data-samvad-item="facebook:${id}"]`)!.scrollIntoView({ block: 'center' }), commentId);
    await waitForStatus(page, key, 'data-stage', 'interim');
    const reply = await page.evaluateHandle((id) => {
      const article = document.querySelector(`[data-samvad-item="facebook:${id}"]`)!;
      return [...article.querySelectorAll('[role="button"]')].find((button) => /^(Reply|जवाब दें)$/.test(button.textContent ?? ''))!;
    }, commentId);
    await (reply as unknown as { click(): Promise<void> }).click();
    await page.waitForFunction(() => document.activeElement?.matches('[data-lexical-editor="true"]'));
    const text = 'We have passed your complaint to the Hallmarking department. Please share your HUID.';
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__fixture.posted.length === 1);
    await waitForStatus(page, key, 'data-sla', 'done', 20_000);
    await waitForStatusText(page, key, /Reply seen on the page from @IndianStandards/);
    const after = await waitForRows(team().url, (found) => found.get(key)?.replies.some((r) => r.source === 'seen') === true);
    const seen = after.get(key)!.replies.find((r) => r.source === 'seen')!;
    expect(seen).toMatchObject({ text, handle: 'IndianStandards', stage: 'final' });
    expect(seen.permalink).toContain(`reply_comment_id=${seen.replyId}`);
    // The Page's reply is an answer: never an item of its own.
    expect(after.has(`facebook:${seen.replyId}`)).toBe(false);
    expect(e2e.errors(page)).toEqual([]);
    await page.close();
  });

  it('a department user’s browser records nothing it sees and offers no action the server would refuse', async () => {
    const contact = await e2e.launchAnother();
    await signInOnOptionsPage(contact, team().url, 'hallmarking.opc@bis.example.in', PASSWORD);
    const other = buildPosts()[1]!;
    const page = await contact.open(`https://www.facebook.com/IndianStandards/posts/${other.id}`, { waitFor: '[data-samvad-item] samvad-toolbar' });
    const keys = await page.$$eval('div[role="article"][data-samvad-item]', (elements) => elements.map((e) => e.getAttribute('data-samvad-item')!));
    expect(keys.length).toBeGreaterThan(3);
    const key = keys[0]!;
    // Not their department's item: no Assign, Canned reply, Flag or Track (the server would refuse them all).
    await waitForStatus(page, key, 'data-stage', 'interim');
    const shown = await ui(page).evaluate(inToolbar(key, 'button[data-action]'), (buttons) =>
      buttons.filter((button) => !(button as HTMLElement).hidden).map((button) => button.getAttribute('data-action')),
    );
    expect(shown).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const rows = await serverRows(team().url);
    expect(keys.filter((k) => rows.has(k))).toEqual([]);
    expect(contact.errors(page)).toEqual([]);
    await page.close();
  });
});
