// The X adapter against pages saved from the fixture site (test/fixtures/snapshots, rendered in Chromium).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommentItem } from '../../../lib/contract/item';
import { xPlatform } from '../../../lib/platforms/x/index';
import { xSelectors } from '../../../lib/platforms/x/selectors';

const snapshotDir = join(import.meta.dirname, '../../fixtures/snapshots');

function loadSnapshot(name: string): Document {
  return new DOMParser().parseFromString(readFileSync(join(snapshotDir, `${name}.html`), 'utf8'), 'text/html');
}

function tweets(document: Document): Element[] {
  return [...document.querySelectorAll(xPlatform.commentSelector)];
}

function items(document: Document): CommentItem[] {
  return tweets(document).flatMap((tweet) => {
    const extraction = xPlatform.extract(tweet);
    return extraction.ok ? [extraction.item] : [];
  });
}

/** The article whose own permalink (not a quote's) points at this status id. */
function articleOf(document: Document, id: string): Element {
  const article = tweets(document).find((tweet) =>
    tweet.querySelector(`[data-testid="User-Name"] a[href$="/status/${id}"], a[href$="/status/${id}"] > time`),
  );
  if (!article) throw new Error(`no article for ${id}`);
  return article;
}

describe('X adapter on the home timeline', () => {
  const home = loadSnapshot('x-home');

  it('identifies every tweet as extraction does: same id and time, same reason when it cannot', () => {
    for (const name of ['x-home', 'x-status', 'x-reply-status']) {
      for (const tweet of tweets(loadSnapshot(name))) {
        const identification = xPlatform.identify(tweet);
        const extraction = xPlatform.extract(tweet);
        if (extraction.ok) expect(identification).toEqual({ ok: true, id: extraction.item.id, createdAt: extraction.item.createdAt });
        else expect(identification).toEqual({ ok: false, reason: extraction.reason });
      }
    }
  });

  it('builds only items that pass the full contract schema (adapters skip the per-comment parse)', () => {
    const all = ['x-home', 'x-status', 'x-reply-status'].flatMap((name) => items(loadSnapshot(name)));
    expect(all.length).toBeGreaterThan(10);
    for (const item of all) expect(CommentItem.safeParse(item).success).toBe(true);
  });

  it('reads every organic tweet with its id, author, handle, text, permalink, time and language', () => {
    const official = items(home).find((item) => item.id === '1860000000000000000');
    const timeAttribute = articleOf(home, '1860000000000000000').querySelector('time')?.getAttribute('datetime');
    expect(official).toEqual({
      platform: 'x',
      id: '1860000000000000000',
      author: { name: 'Bureau of Indian Standards', handle: 'IndianStandards' },
      text: 'Consumers can verify the ISI mark and licence number using the BIS CARE app. Report misuse through the app. #BIS #ConsumerAwareness',
      permalink: 'https://x.com/IndianStandards/status/1860000000000000000',
      createdAt: new Date(timeAttribute!).toISOString(),
      lang: 'en',
    });
  });

  it('reads Hindi tweets, Devanagari names and emoji drawn as images', () => {
    const hindi = items(home).find((item) => item.id === '1860000000000002000');
    expect(hindi).toMatchObject({
      author: { name: 'अनिता देवी', handle: 'anita_devi_up' },
      text: 'हमारे गाँव में नकली हेलमेट बिक रहे हैं, कोई कार्रवाई नहीं हुई।',
      lang: 'hi',
    });
    const emoji = items(home).find((item) => item.id === '1860000000000004000');
    expect(emoji?.author.name).toBe('Sunita Rao 🇮🇳');
    expect(emoji?.text).toBe('Great session on standards for toys at our school today. Thank you BIS! 🙏');
  });

  it('skips promoted tweets', () => {
    const promoted = home.querySelector(`${xSelectors.promoted} ${xSelectors.tweet}`);
    expect(promoted).not.toBeNull();
    expect(xPlatform.extract(promoted!)).toEqual({ ok: false, reason: 'promoted' });
    expect(items(home).map((item) => item.author.handle)).not.toContain('shopkart_in');
  });

  it('takes a quoting tweet’s own id, author and text, never the quoted tweet’s', () => {
    const quoting = articleOf(home, '1860000000000001000');
    expect(quoting.querySelector(`${xSelectors.quoteCard} a[href$="/status/1860000000000000000"]`)).not.toBeNull();
    const extraction = xPlatform.extract(quoting);
    expect(extraction).toMatchObject({
      ok: true,
      item: {
        id: '1860000000000001000',
        author: { name: 'Rahul Verma', handle: 'rahulv_blr' },
        text: 'This does not answer my question at all. Which office do I visit?',
      },
    });
  });

  it('decorates each tweet once: every extracted id is distinct and timeline tweets have no parent', () => {
    const all = items(home);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    expect(all.every((item) => item.parent === undefined)).toBe(true);
  });

  it('places the toolbar right after the tweet’s own action row, outside any quote', () => {
    const quoting = articleOf(home, '1860000000000001000');
    const slot = xPlatform.toolbarSlot(quoting);
    const group = slot.before ? slot.before.previousSibling : slot.parent.lastElementChild;
    expect((group as Element).matches(xSelectors.actionGroup)).toBe(true);
    expect((group as Element).closest(xSelectors.quoteCard)).toBeNull();
    expect(quoting.contains(slot.parent)).toBe(true);
  });

  it('follows a recycled cell: the same article rewritten for another tweet yields the new tweet', () => {
    const document = loadSnapshot('x-home');
    const article = articleOf(document, '1860000000000008000');
    // What React does when the cell is reused: attributes and text change in place, the nodes stay.
    const link = article.querySelector('[data-testid="User-Name"] a[href*="/status/"]')!;
    link.setAttribute('href', '/deepanair_kochi/status/1860000000000042000');
    link.querySelector('time')!.setAttribute('datetime', '2026-01-05T10:00:00.000Z');
    article.querySelector('[data-testid="tweetText"]')!.textContent = 'A different tweet';
    expect(xPlatform.extract(article)).toMatchObject({
      ok: true,
      item: { id: '1860000000000042000', text: 'A different tweet', createdAt: '2026-01-05T10:00:00.000Z' },
    });
  });
});

describe('X adapter on a status page', () => {
  const status = loadSnapshot('x-status');
  const focusedId = '1860000000000005000';

  it('reads the focused tweet, whose time link sits below its text', () => {
    const focused = status.querySelector(xSelectors.focusedTweet)!;
    expect(focused.querySelector(`${xSelectors.userName} a[href*="/status/"]`)).toBeNull();
    expect(xPlatform.extract(focused)).toMatchObject({
      ok: true,
      item: { id: focusedId, author: { handle: 'IndianStandards' }, permalink: `https://x.com/IndianStandards/status/${focusedId}` },
    });
    const extraction = xPlatform.extract(focused);
    expect(extraction.ok && extraction.item.parent).toBeUndefined();
  });

  it('gives every reply the focused tweet as its parent, wherever its recycled cell sits in the DOM', () => {
    const replies = items(status).filter((item) => item.id !== focusedId);
    expect(replies.length).toBeGreaterThanOrEqual(5);
    for (const reply of replies) expect(reply.parent).toEqual({ kind: 'post', id: focusedId });
    expect(replies.some((reply) => reply.lang === 'hi')).toBe(true);
  });

  it('skips the promoted reply', () => {
    const promoted = status.querySelector(`${xSelectors.promoted} ${xSelectors.tweet}`);
    expect(promoted && xPlatform.extract(promoted)).toEqual({ ok: false, reason: 'promoted' });
  });

  it('exposes the inline reply composer and its post button', () => {
    const composer = status.querySelector(xSelectors.composer);
    expect(composer?.getAttribute('role')).toBe('textbox');
    expect(composer?.closest(xSelectors.composerContainer)).not.toBeNull();
    expect(status.querySelector(xSelectors.postButton)?.getAttribute('aria-disabled')).toBe('true');
  });
});

describe('X adapter on a reply’s status page', () => {
  const replyPage = loadSnapshot('x-reply-status');

  it('gives the focused reply the tweet shown above it as parent, and that tweet none', () => {
    const focused = replyPage.querySelector(xSelectors.focusedTweet)!;
    expect(xPlatform.extract(focused)).toMatchObject({
      ok: true,
      item: { id: '1860000000000005001', parent: { kind: 'post', id: '1860000000000005000' } },
    });
    const ancestor = articleOf(replyPage, '1860000000000005000');
    const extraction = xPlatform.extract(ancestor);
    expect(extraction.ok && extraction.item.parent).toBeUndefined();
  });
});

describe('X adapter on odd markup', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('never decorates an article nested inside another tweet', () => {
    const document = parse(`
      <article data-testid="tweet"><div data-testid="User-Name"><a href="/a/status/1"><time datetime="2026-01-01T00:00:00Z">1h</time></a></div>
        <article data-testid="tweet" id="inner"><div data-testid="User-Name"><a href="/b/status/2"><time datetime="2026-01-01T00:00:00Z">1h</time></a></div></article>
      </article>`);
    expect(xPlatform.extract(document.getElementById('inner')!)).toEqual({ ok: false, reason: 'nested' });
  });

  it('leaves a tweet without a status link or without a time undecorated', () => {
    const noLink = parse(`<article data-testid="tweet"><div data-testid="User-Name"><a href="/a">A</a></div></article>`);
    expect(xPlatform.extract(noLink.querySelector('article')!)).toEqual({ ok: false, reason: 'no-id' });
    const noTime = parse(`<article data-testid="tweet"><a href="/a/status/12345/analytics">views</a></article>`);
    expect(xPlatform.extract(noTime.querySelector('article')!)).toEqual({ ok: false, reason: 'no-time' });
  });

  it('accepts absolute x.com and twitter.com permalinks and rejects other sites’', () => {
    const make = (href: string) =>
      parse(`<article data-testid="tweet"><a href="${href}"><time datetime="2026-01-01T00:00:00Z">1h</time></a></article>`).querySelector('article')!;
    expect(xPlatform.extract(make('https://twitter.com/a_b/status/77'))).toMatchObject({ ok: true, item: { id: '77', permalink: 'https://x.com/a_b/status/77' } });
    expect(xPlatform.extract(make('https://evil.example/a_b/status/77'))).toEqual({ ok: false, reason: 'no-id' });
  });

  it('does not borrow a quoted tweet’s id when the outer tweet has none', () => {
    const document = parse(`
      <article data-testid="tweet"><div data-testid="User-Name"><a href="/a">A</a></div>
        <div role="link" tabindex="0"><div data-testid="User-Name"><a href="/b/status/2"><time datetime="2026-01-01T00:00:00Z">1h</time></a></div></div>
      </article>`);
    expect(xPlatform.extract(document.querySelector('article')!)).toEqual({ ok: false, reason: 'no-id' });
  });
});
