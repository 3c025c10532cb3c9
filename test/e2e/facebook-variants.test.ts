// Facebook as moderators meet it beyond the default fixture: the interface in Hindi, comments dated
// "4 December 2022", "Yesterday at 10:15" or showing no readable time, action rows that start with the
// timestamp (Comet since 2023), and the send arrow beside the comment box. Every comment and reply gets its
// own toolbar; a canned reply goes into any comment's reply box; a blocking draft is held on Enter and on Send.
import type { Page } from 'puppeteer-core';
import { afterEach, expect, it } from 'vitest';
import { verhoeffCheckDigit } from '../../lib/rules';
import { buildPosts } from '../fixtures/facebook/data';
import { describeE2E, useE2E } from './harness';
import { openPickerFromToolbar, postHeldBehindDialog, toolbarOf } from './toolbar-helpers';

const POST = 'https://www.facebook.com/IndianStandards/posts/1029384756000001';
const COMMENTS = 'div[role="article"]';
const MAIN_COMPOSER = 'form[role="presentation"] div[data-lexical-editor="true"]';
const AADHAAR_BASE = '23456789012';
const BLOCKING_DRAFT = `Your Aadhaar ${AADHAAR_BASE.slice(0, 4)} ${AADHAAR_BASE.slice(4, 8)} ${AADHAAR_BASE.slice(8)}${verhoeffCheckDigit(AADHAAR_BASE)} is linked.`;
const CLEAN_DRAFT = 'Thank you for writing to us. We will look into it and reply soon.';

/** Every comment and reply id of the fixture's posts, as its data defines them. */
const knownIds = new Set(buildPosts(24).flatMap((post) => post.comments.flatMap((comment) => [comment.id, ...comment.replies.map((reply) => reply.id)])));

const posted = (page: Page) => page.evaluate(() => window.__fixture.posted);

/** Opens every collapsed reply thread and scrolls the whole post past the viewport, as a moderator reads it. */
async function readWholeThread(page: Page): Promise<void> {
  await page.$$eval('[data-fixture-replies-toggle]', (toggles) => toggles.forEach((toggle) => (toggle as HTMLElement).click()));
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 300) {
      scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
    }
  });
}

describeE2E('Facebook in other languages, date formats and layouts', () => {
  const e2e = useE2E();
  let pages: Page[] = [];
  afterEach(async () => {
    for (const page of pages) expect(e2e.errors(page)).toEqual([]);
    await Promise.all(pages.map((page) => page.close()));
    pages = [];
  });
  const open = async (url: string) => {
    const page = await e2e.open(url, { waitFor: `${COMMENTS} samvad-toolbar` });
    pages.push(page);
    return page;
  };

  for (const variant of ['ui=hi', 'dates=absolute', 'actions=time-first', 'ui=hi&dates=absolute&actions=time-first']) {
    it(`decorates every comment and reply with its own id and nothing else (?${variant})`, async () => {
      const page = await open(`${POST}?${variant}`);
      await readWholeThread(page);
      const expected = await page.$$eval(COMMENTS, (articles) =>
        articles.map((article) => {
          // The id as the page's own timestamp link gives it, read here without the adapter.
          const link = [...article.querySelectorAll('a[href*="comment_id="]')].filter((a) => a.closest('div[role="article"]') === article).at(-1);
          const url = link ? new URL(link.getAttribute('href')!) : null;
          const raw = url?.searchParams.get('reply_comment_id') ?? url?.searchParams.get('comment_id') ?? null;
          const id = raw && !/^\d+$/.test(raw) ? /_(\d+)$/.exec(atob(raw))?.[1] ?? null : raw;
          return { id, text: link?.textContent ?? null };
        }),
      );
      const withIds = expected.filter((entry) => entry.id !== null);
      expect(withIds.length).toBeGreaterThan(10);
      for (const { id } of withIds) expect(knownIds.has(id!)).toBe(true);
      if (variant.includes('dates=absolute')) {
        // The variant really shows dates, day words and empty timestamps, not only "2h".
        expect(withIds.some((entry) => /\d{4}$/.test(entry.text ?? ''))).toBe(true);
        expect(withIds.some((entry) => /^(Yesterday|कल)/.test(entry.text ?? ''))).toBe(true);
        expect(withIds.some((entry) => entry.text === '')).toBe(true);
      }
      await page.waitForFunction(
        (count) => document.querySelectorAll('div[role="article"][data-samvad-item]').length >= count,
        { timeout: 10_000 },
        withIds.length,
      );
      const decorated = await page.$$eval(COMMENTS, (articles) =>
        articles.map((article) => ({
          key: article.getAttribute('data-samvad-item'),
          toolbars: [...article.querySelectorAll('samvad-toolbar')].filter((host) => host.closest('div[role="article"]') === article).length,
        })),
      );
      expect(decorated.map((entry) => entry.key)).toEqual(expected.map((entry) => (entry.id ? `facebook:${entry.id}` : null)));
      expect(decorated.map((entry) => entry.toolbars)).toEqual(expected.map((entry) => (entry.id ? 1 : 0)));
      // Nothing but comments carries the attribute.
      expect(await page.$$eval('[data-samvad-item]:not(div[role="article"])', (found) => found.length)).toBe(0);
    });
  }

  it('puts a canned reply into the reply box of a comment and of a nested reply, in Hindi with timestamp-first rows', async () => {
    const page = await open(`${POST}?ui=hi&actions=time-first`);
    const keys = await page.$$eval(`${COMMENTS}[data-samvad-item]`, (articles) =>
      articles.map((article) => ({ key: article.getAttribute('data-samvad-item')!, nested: Boolean(article.closest('li')?.parentElement?.closest('li')) })),
    );
    const targets = [keys.find((entry) => !entry.nested)!, keys.find((entry) => entry.nested)!];
    for (const [index, { key }] of targets.entries()) {
      await page.waitForSelector(toolbarOf(key));
      await openPickerFromToolbar(page, key);
      await page.keyboard.type('ack');
      await page.keyboard.press('Enter');
      const handle = await page.waitForFunction(
        () => {
          const editor = document.activeElement?.closest('[contenteditable="true"]');
          const text = editor ? window.__fixture.editorText(editor) : '';
          return text && text.length > 20 ? text : null;
        },
        { polling: 'mutation', timeout: 10_000 },
      );
      const inserted = (await handle.jsonValue()) as string;
      expect(inserted).not.toContain('{{');
      await page.keyboard.press('Enter');
      await page.waitForFunction((count) => window.__fixture.posted.length === count, {}, index + 1);
      expect((await posted(page))[index]).toEqual({ text: inserted, inReplyTo: key.slice('facebook:'.length) });
    }
  });

  it('holds a blocking draft on Enter and on the send arrow; a clean draft goes out by the send arrow', async () => {
    for (const post of ['enter', 'send'] as const) {
      const page = await open(`${POST}?ui=hi`);
      await page.click(MAIN_COMPOSER);
      await page.keyboard.type(BLOCKING_DRAFT);
      if (post === 'enter') await page.keyboard.press('Enter');
      else await page.click('[id="focused-state-composer-submit"] [role="button"]:not([aria-disabled="true"])');
      await page.waitForFunction(
        () => [...document.querySelectorAll('samvad-guard')].length > 0,
        { timeout: 5_000 },
      );
      // The demo policy sends a draft with a `block` finding to an approver: held behind the approval dialog.
      await expect.poll(() => postHeldBehindDialog(page), { timeout: 10_000 }).toBe(true);
      expect(await posted(page)).toEqual([]);
    }
    const page = await open(POST);
    await page.click(MAIN_COMPOSER);
    await page.keyboard.type(CLEAN_DRAFT);
    await page.click('[id="focused-state-composer-submit"] [role="button"]:not([aria-disabled="true"])');
    await page.waitForFunction(() => window.__fixture.posted.length === 1, { timeout: 10_000 });
    expect(await posted(page)).toEqual([{ text: CLEAN_DRAFT, inReplyTo: '1029384756000001' }]);
    expect(await postHeldBehindDialog(page)).toBe(false);
  });
});
