// The adapters against real saved pages of X and Facebook that nobody on the project wrote (third-party
// captures, 2022–2026, in ../shared/real-pages; see its README). They are read from there, never copied
// into the repository. Each page's own markup is the oracle: its time permalinks name each tweet, its
// "Comment by" / "Reply by" labels (English captures) say which articles are comments and replies.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommentItem } from '../../../lib/contract/item';
import { facebookPlatform } from '../../../lib/platforms/facebook/index';
import type { Platform } from '../../../lib/platforms/types';
import { xPlatform } from '../../../lib/platforms/x/index';

const realPages = join(import.meta.dirname, '../../../../shared/real-pages');

function load(name: string): Document {
  const path = join(realPages, `${name}.html`);
  // Never skipped: a checkout without ../shared fails here, saying where the pages should be.
  if (!existsSync(path)) throw new Error(`${path} is missing: the real pages live in ../shared/real-pages beside the repository`);
  // Stylesheet links would make happy-dom try to fetch them; the markup is what the adapters read.
  return new DOMParser().parseFromString(readFileSync(path, 'utf8').replace(/<link\b[^>]*>/gi, ''), 'text/html');
}

function decorations(document: Document, platform: Platform) {
  return [...document.querySelectorAll(platform.commentSelector)].map((element) => ({ element, identification: platform.identify(element) }));
}

describe('Facebook adapter on real pages', () => {
  for (const name of ['fb-post-1', 'fb-page-1']) {
    describe(name, () => {
      const document = load(name);
      const found = decorations(document, facebookPlatform);

      it('decorates every comment and reply, each with its own id, and nothing else', () => {
        const labelled = found.filter(({ element }) => /^(Comment|Reply) by /.test(element.getAttribute('aria-label') ?? ''));
        expect(labelled.length).toBeGreaterThan(name === 'fb-page-1' ? 30 : 8);
        for (const { element, identification } of found) {
          const label = element.getAttribute('aria-label') ?? '';
          if (!/^(Comment|Reply) by /.test(label)) {
            // Posts and other articles are not comments.
            expect(identification.ok).toBe(false);
            continue;
          }
          expect(identification.ok, label).toBe(true);
          if (!identification.ok) continue;
          // The page's own permalinks for this article: a reply is named by reply_comment_id, a comment by comment_id.
          const hrefs = [...element.querySelectorAll('a[href*="comment_id="]')]
            .filter((link) => link.closest('div[role="article"]') === element)
            .map((link) => new URL(link.getAttribute('href')!, 'https://www.facebook.com'));
          const own = label.startsWith('Reply by ')
            ? hrefs.map((url) => url.searchParams.get('reply_comment_id')).filter(Boolean)
            : hrefs.map((url) => url.searchParams.get('comment_id'));
          expect(own).toContain(identification.id);
        }
        const ids = labelled.flatMap(({ identification }) => (identification.ok ? [identification.id] : []));
        expect(new Set(ids).size).toBe(ids.length);
      });

      it('reads every comment’s time from the page (English relative labels), none approximate', () => {
        for (const { identification } of found) {
          if (identification.ok) expect(identification.approximate).toBeUndefined();
        }
      });

      it('extracts every decorated comment into a valid item, replies with their parent comment', () => {
        for (const { element, identification } of found) {
          if (!identification.ok) continue;
          const extraction = facebookPlatform.extract(element);
          expect(extraction.ok).toBe(true);
          if (!extraction.ok) continue;
          expect(CommentItem.safeParse(extraction.item).success).toBe(true);
          expect(extraction.item.id).toBe(identification.id);
          expect(extraction.item.author.name, element.getAttribute('aria-label') ?? '').not.toBe('');
          if (element.getAttribute('aria-label')?.startsWith('Reply by ')) expect(extraction.item.parent?.kind).toBe('comment');
          else expect(extraction.item.parent?.kind).toBe('post');
        }
      });
    });
  }
});

describe('X adapter on real pages', () => {
  for (const name of ['x-status-1', 'x-status-2', 'x-home-1', 'x-profile-1']) {
    it(`${name}: decorates every tweet with its own status id, and nothing else`, () => {
      const document = load(name);
      const found = decorations(document, xPlatform);
      expect(found.length).toBeGreaterThan(3);
      for (const { element, identification } of found) {
        const promoted = Boolean(element.closest('[data-testid="placementTracking"]') ?? element.querySelector('[data-testid="placementTracking"]'));
        if (promoted) {
          expect(identification).toEqual({ ok: false, reason: 'promoted' });
          continue;
        }
        // The tweet's own time permalink (outside any quoted tweet) names it.
        const times = [...element.querySelectorAll('a[href*="/status/"] > time[datetime]')].filter(
          (time) => !time.closest('div[role="link"]') || !element.contains(time.closest('div[role="link"]')),
        );
        const id = /\/status\/(\d+)/.exec(times[0]!.parentElement!.getAttribute('href')!)![1];
        expect(identification).toMatchObject({ ok: true, id });
        // The display name, for salutations: every build names the author.
        const extraction = xPlatform.extract(element);
        expect(extraction.ok && extraction.item.author.name !== '', id).toBe(true);
      }
      const ids = found.flatMap(({ identification }) => (identification.ok ? [identification.id] : []));
      expect(new Set(ids).size).toBe(ids.length);
    });
  }
});

describe('X adapter on real pages: what each reply answers', () => {
  /** Each decorated tweet's id, author and parent, in page order. */
  const parents = (name: string) =>
    decorations(load(name), xPlatform).flatMap(({ element }) => {
      const extraction = xPlatform.extract(element);
      return extraction.ok ? [{ id: extraction.item.id, handle: extraction.item.author.handle, parent: extraction.item.parent?.id }] : [];
    });

  it('x-status-2: the account’s answer threaded under a citizen’s reply answers that reply; the other replies answer the focused post', () => {
    const found = parents('x-status-2');
    const focused = '934482867480121345';
    expect(found.find((t) => t.id === focused)?.parent).toBeUndefined();
    // @patoroco replied to the post; @k4rliky answered him in the cell below ("Replying to @patoroco").
    expect(found.find((t) => t.id === '934490729832964099')).toMatchObject({ handle: 'patoroco', parent: focused });
    expect(found.find((t) => t.id === '934496299143049217')).toMatchObject({ handle: 'k4rliky', parent: '934490729832964099' });
    // Replies opening a thread of their own (after a divider cell) answer the focused post.
    expect(found.find((t) => t.id === '934489913818525696')?.parent).toBe(focused);
    expect(found.find((t) => t.id === '934824560301629441')?.parent).toBe(focused);
  });

  it('x-status-1: replies threaded under replies answer them', () => {
    const found = parents('x-status-1');
    const focused = '1222907250383245320';
    expect(found.find((t) => t.id === '1222907557704097798')?.parent).toBe(focused);
    expect(found.find((t) => t.id === '1223006600887177216')).toMatchObject({ handle: 'morten', parent: '1222907557704097798' });
    expect(found.find((t) => t.id === '1222908555868745728')?.parent).toBe(focused);
    expect(found.find((t) => t.id === '1222915784546177024')).toMatchObject({ handle: 'jmatthews1065', parent: '1222908555868745728' });
    expect(found.find((t) => t.id === '1222907314199396352')?.parent).toBe(focused);
  });

  it('x-home-1 and x-profile-1: timeline tweets without a "Replying to" line under another answer nothing', () => {
    for (const name of ['x-home-1', 'x-profile-1']) expect(parents(name).every((t) => t.parent === undefined), name).toBe(true);
  });
});
