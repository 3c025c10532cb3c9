// The Facebook adapter against a post page saved from the fixture site (test/fixtures/snapshots).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CommentItem } from '../../../lib/contract/item';
import { decodeCommentId, facebookPlatform, parseCommentTime, replyActionOf } from '../../../lib/platforms/facebook/index';
import { facebookSelectors } from '../../../lib/platforms/facebook/selectors';

const snapshotPath = join(import.meta.dirname, '../../fixtures/snapshots/facebook-post.html');
const postId = '1029384756000001';
const now = new Date('2026-03-10T12:00:30.000Z');

function loadPost(): Document {
  return new DOMParser().parseFromString(readFileSync(snapshotPath, 'utf8'), 'text/html');
}

function extractAll(document: Document): Array<{ label: string | null; item?: CommentItem; reason?: string }> {
  return [...document.querySelectorAll(facebookPlatform.commentSelector)].map((article) => {
    const extraction = facebookPlatform.extract(article);
    return {
      label: article.getAttribute('aria-label'),
      ...(extraction.ok ? { item: extraction.item } : { reason: extraction.reason }),
    };
  });
}

function byAuthorAndText(items: CommentItem[], author: string, text: string): CommentItem {
  const found = items.find((item) => item.author.name === author && item.text === text);
  if (!found) throw new Error(`no comment by ${author}: ${text}`);
  return found;
}

describe('Facebook adapter on a post page', () => {
  const post = loadPost();
  let extracted: ReturnType<typeof extractAll> = [];
  let items: CommentItem[] = [];
  beforeAll(() => {
    // Facebook shows relative times ("3m"): read them against a fixed clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    extracted = extractAll(post);
    items = extracted.flatMap((entry) => (entry.item ? [entry.item] : []));
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('identifies every comment as extraction does: same id and time, same reason when it cannot', () => {
    const articles = [...post.querySelectorAll(facebookPlatform.commentSelector)];
    expect(articles.length).toBeGreaterThan(10);
    for (const article of articles) {
      const identification = facebookPlatform.identify(article);
      const extraction = facebookPlatform.extract(article);
      if (extraction.ok) expect(identification).toEqual({ ok: true, id: extraction.item.id, createdAt: extraction.item.createdAt });
      else expect(identification).toEqual({ ok: false, reason: extraction.reason });
    }
  });

  it('builds only items that pass the full contract schema (adapters skip the per-comment parse)', () => {
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) expect(CommentItem.safeParse(item).success).toBe(true);
  });

  it('reads a comment with a numeric comment_id: id, author, profile handle, text, permalink, time, language, post', () => {
    const comment = byAuthorAndText(items, 'Mohammed Irfan', 'सोने की अंगूठी का HUID नंबर ऐप में नहीं मिल रहा है। कृपया सहायता करें।');
    expect(comment).toEqual({
      platform: 'facebook',
      id: '9000000000100001',
      author: { name: 'Mohammed Irfan', handle: 'irfan.kolkata' },
      text: 'सोने की अंगूठी का HUID नंबर ऐप में नहीं मिल रहा है। कृपया सहायता करें।',
      permalink: `https://www.facebook.com/IndianStandards/posts/${postId}?comment_id=9000000000100001`,
      // The page said "3m": rounded down to the minute.
      createdAt: '2026-03-10T11:57:00.000Z',
      lang: 'hi',
      parent: { kind: 'post', id: postId },
    });
  });

  it('decodes base64 comment ids ("comment:<post>_<comment>") to the same numeric ids and post', () => {
    const comment = byAuthorAndText(items, 'Sunita Rao', 'The lab has not sent our test report for three weeks. Application no. 4521.');
    expect(comment.id).toBe('9000000000100002');
    expect(comment.parent).toEqual({ kind: 'post', id: postId });
    expect(new URL(comment.permalink).searchParams.get('comment_id')).toBe(btoa(`comment:${postId}_9000000000100002`));
  });

  it('gives nested replies their parent comment, whether reply_comment_id is numeric or base64', () => {
    const numericReply = byAuthorAndText(items, 'Amit Patel', 'आप BIS CARE ऐप से शिकायत कर सकते हैं।');
    expect(numericReply).toMatchObject({ id: '9100000000100002', parent: { kind: 'comment', id: '9000000000100001' } });
    const base64Reply = items.find((item) => item.id === '9100000000100301');
    expect(base64Reply).toMatchObject({ author: { name: 'अनिता देवी', handle: '100089123456789' }, parent: { kind: 'comment', id: '9000000000100004' } });
  });

  it('relies on structure: English-labelled, Hindi-labelled and unlabelled comments are all read', () => {
    const labelled = (pattern: RegExp) => extracted.filter((entry) => entry.item && entry.label && pattern.test(entry.label));
    expect(labelled(/^(Comment|Reply) by /).length).toBeGreaterThan(0);
    expect(labelled(/द्वारा (टिप्पणी|जवाब)$/).length).toBeGreaterThan(0);
    expect(extracted.filter((entry) => entry.item && entry.label === null).length).toBeGreaterThan(0);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
  });

  it('reads Hindi relative times under Hindi-labelled comments', () => {
    const hindi = extracted.find((entry) => entry.item && entry.label === 'Sunita Rao द्वारा टिप्पणी');
    // "50 मि."
    expect(hindi?.item?.createdAt).toBe('2026-03-10T11:10:00.000Z');
  });

  it('leaves a comment whose id cannot be found undecorated', () => {
    const reasons = extracted.filter((entry) => entry.reason).map((entry) => entry.reason);
    expect(reasons).toEqual(['no-id']);
  });

  it('does not depend on class names', () => {
    const stripped = loadPost();
    for (const element of stripped.querySelectorAll('[class]')) element.removeAttribute('class');
    expect(extractAll(stripped).map((entry) => entry.item ?? entry.reason)).toEqual(extracted.map((entry) => entry.item ?? entry.reason));
  });

  it('keeps emoji drawn as images in the text', () => {
    expect(items.map((item) => item.text)).toContain('Fake helmets are sold openly near the Howrah bridge 😡');
  });

  it('places the toolbar right after the comment’s action row, inside the comment and above its replies', () => {
    const article = post.querySelector(facebookSelectors.comment)!;
    const slot = facebookPlatform.toolbarSlot(article);
    const actionRow = slot.before ? slot.before.previousSibling : slot.parent.lastElementChild;
    expect((actionRow as Element).matches(facebookSelectors.actionList)).toBe(true);
    expect((actionRow as Element).querySelector(facebookSelectors.commentLink)).not.toBeNull();
    expect(article.contains(slot.parent)).toBe(true);
  });

  it('finds the comment composer and each comment’s Reply action', () => {
    expect(post.querySelector(facebookSelectors.composer)?.getAttribute('aria-label')).toBe('Write a comment…');
    const replyActions = [...post.querySelectorAll(facebookSelectors.comment)].map((article) => replyActionOf(article)?.textContent);
    expect(new Set(replyActions)).toEqual(new Set(['Reply', 'जवाब दें']));
  });
});

describe('Facebook adapter details', () => {
  it('decodes comment ids in every form and rejects others', () => {
    expect(decodeCommentId('123')).toEqual({ commentId: '123' });
    expect(decodeCommentId(btoa('comment:11_22'))).toEqual({ postId: '11', commentId: '22' });
    expect(decodeCommentId(btoa('comment:11_22').replace(/=+$/, '').replace(/\+/g, '-'))).toEqual({ postId: '11', commentId: '22' });
    expect(decodeCommentId(btoa('story:11'))).toBeNull();
    expect(decodeCommentId('not base64!')).toBeNull();
    expect(decodeCommentId(null)).toBeNull();
  });

  it('parses English and Hindi relative times', () => {
    const at = Date.parse('2026-03-10T12:00:30.000Z');
    const read = (label: string, locales = ['en']) => parseCommentTime(label, at, locales);
    expect(read('Just now')).toBe('2026-03-10T12:00:00.000Z');
    expect(read('5m')).toBe('2026-03-10T11:55:00.000Z');
    expect(read('2 hours ago')).toBe('2026-03-10T10:00:00.000Z');
    expect(read('3d')).toBe('2026-03-07T12:00:00.000Z');
    expect(read('1w')).toBe('2026-03-03T12:00:00.000Z');
    expect(read('2 घं.', ['hi'])).toBe('2026-03-10T10:00:00.000Z');
    expect(read('2 घं', ['hi'])).toBe('2026-03-10T10:00:00.000Z');
    expect(read('1 स', ['hi'])).toBe('2026-03-03T12:00:00.000Z');
    expect(read('३ दि.', ['hi'])).toBe('2026-03-07T12:00:00.000Z');
    expect(read('2 घंटे पहले', ['hi'])).toBe('2026-03-10T10:00:00.000Z');
    expect(read('अभी-अभी', ['hi'])).toBe('2026-03-10T12:00:00.000Z');
    expect(read('Edited')).toBeNull();
    expect(read('Like')).toBeNull();
  });

  it('reads relative times in other interface languages from Intl’s own words', () => {
    const at = Date.parse('2026-03-10T12:00:30.000Z');
    expect(parseCommentTime('২ ঘণ্টা আগে', at, ['bn'])).toBe('2026-03-10T10:00:00.000Z');
    expect(parseCommentTime('vor 3 Std.', at, ['de'])).toBe('2026-03-10T09:00:00.000Z');
    expect(parseCommentTime('hace 2 h', at, ['es'])).toBe('2026-03-10T10:00:00.000Z');
  });

  it('reads absolute dates and day words, never a date in the future', () => {
    const at = new Date(2026, 2, 10, 17, 30).getTime();
    const local = (...parts: [number, number, number, number?, number?]) => new Date(parts[0], parts[1], parts[2], parts[3] ?? 0, parts[4] ?? 0).toISOString();
    expect(parseCommentTime('4 December 2022', at, ['en'])).toBe(local(2022, 11, 4));
    expect(parseCommentTime('December 4, 2022', at, ['en-US'])).toBe(local(2022, 11, 4));
    expect(parseCommentTime('4 दिसंबर 2022', at, ['hi'])).toBe(local(2022, 11, 4));
    expect(parseCommentTime('4 décembre 2022 à 10:15', at, ['fr'])).toBe(local(2022, 11, 4, 10, 15));
    expect(parseCommentTime('Edited 4', at, ['en'])).toBeNull();
    // No year: this year's, unless that is still to come.
    expect(parseCommentTime('4 दिसंबर', at, ['hi'])).toBe(local(2025, 11, 4));
    expect(parseCommentTime('2 March at 14:05', at, ['en'])).toBe(local(2026, 2, 2, 14, 5));
    expect(parseCommentTime('Yesterday at 10:15', at, ['en'])).toBe(local(2026, 2, 9, 10, 15));
    expect(parseCommentTime('Yesterday', at, ['en'])).toBe(local(2026, 2, 9));
    expect(parseCommentTime('कल', at, ['hi'])).toBe(local(2026, 2, 9));
    expect(parseCommentTime('Today at 9:05 AM', at, ['en'])).toBe(local(2026, 2, 10, 9, 5));
  });

  it('decorates a comment whose time cannot be read, its clock from when it was first seen, marked approximate', () => {
    const document = new DOMParser().parseFromString(
      `<div role="article" id="c"><a href="/a.b">A B</a><div dir="auto" style="text-align: start;">Help</div>
         <ul><li><a href="/Page/posts/77?comment_id=601"><span></span></a></li><li><div role="button">Like</div></li></ul></div>`,
      'text/html',
    );
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-10T12:00:30.000Z'));
      const first = facebookPlatform.identify(document.getElementById('c')!);
      expect(first).toEqual({ ok: true, id: '601', createdAt: '2026-03-10T12:00:00.000Z', approximate: true });
      vi.setSystemTime(new Date('2026-03-10T13:00:00.000Z'));
      expect(facebookPlatform.identify(document.getElementById('c')!)).toEqual(first);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never guesses: a comment whose own links name different comments is left alone', () => {
    const document = new DOMParser().parseFromString(
      `<div role="article" id="c"><a href="/a.b?comment_id=700">A B</a><div dir="auto" style="text-align: start;">Hi</div>
         <ul><li><a href="/Page/posts/77?comment_id=701">2h</a></li></ul></div>`,
      'text/html',
    );
    expect(facebookPlatform.identify(document.getElementById('c')!)).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it('finds a reply’s parent from the thread structure when its link has no reply_comment_id', () => {
    const document = new DOMParser().parseFromString(
      `<ul><li><div>
         <div role="article" id="parent"><a href="/p.one">P One</a><div dir="auto" style="text-align: start;">Question</div>
           <ul><li></li><li></li><li><a href="/Page/posts/77?comment_id=501">1h</a></li></ul></div>
         <div><ul><li><div role="article" id="reply"><a href="/r.two">R Two</a><div dir="auto" style="text-align: start;">Answer</div>
           <ul><li></li><li></li><li><a href="/Page/posts/77?comment_id=502">5m</a></li></ul></div></li></ul></div>
       </div></li></ul>`,
      'text/html',
    );
    const reply = facebookPlatform.extract(document.getElementById('reply')!);
    expect(reply).toMatchObject({ ok: true, item: { id: '502', author: { name: 'R Two', handle: 'r.two' }, parent: { kind: 'comment', id: '501' } } });
    expect(facebookPlatform.extract(document.getElementById('parent')!)).toMatchObject({ ok: true, item: { id: '501', parent: { kind: 'post', id: '77' } } });
  });

  it('finds the Reply action in either order of the action row and in an unknown language', () => {
    const row = (...entries: string[]) =>
      `<div role="article"><a href="/a.b">A B</a><div dir="auto" style="text-align: start;">Hi</div><ul>${entries.join('')}</ul></div>`;
    const time = '<li><a href="/P/posts/9?comment_id=1">2h</a></li>';
    const button = (text: string) => `<li><div role="button">${text}</div></li>`;
    const document = new DOMParser().parseFromString(
      row(time, button('Like'), button('Reply'), button('Edited')) +
        row(button('पसंद करें'), button('जवाब दें'), time) +
        row(time, button('Gefällt mir'), button('Svara'), button('Bearbeitet')) +
        row(time, button('Edited')),
      'text/html',
    );
    expect([...document.querySelectorAll('div[role="article"]')].map((article) => replyActionOf(article)?.textContent ?? null)).toEqual([
      'Reply',
      'जवाब दें',
      'Svara',
      null,
    ]);
  });

  it('ignores a post article that only contains comments', () => {
    const document = new DOMParser().parseFromString(
      `<div role="article" id="post"><div>Post text</div><ul><li><div role="article"><a href="/a">A</a><ul><li><a href="/P/posts/9?comment_id=1">1h</a></li></ul></div></li></ul></div>`,
      'text/html',
    );
    expect(facebookPlatform.extract(document.getElementById('post')!)).toEqual({ ok: false, reason: 'no-id' });
  });
});
