// Facebook adapter: recognises comments and replies by structure (labels are localised, classes obfuscated)
// and reads them into CommentItems. Pure DOM, no browser.* calls.
import type { CommentItem } from '../../contract/item';
import { queryOutside, visibleText } from '../dom-text';
import {
  extracted,
  type BodyHandles,
  type Extraction,
  type Identification,
  type Platform,
  type ToolbarSlot,
  type WorkVerdict,
} from '../types';
import { decodeCommentId, own, parseUrl, timestampLink, type DecodedCommentId } from './actions';
import { facebookOrigin, facebookSelectors as s, pageIdParameter, postIdParameters, postOwnerPathPattern, postPathPattern } from './selectors';
import { pageLocales, parseCommentTime } from './time';

export { decodeCommentId, replyActionOf, sendButtonAt, sendButtonOf } from './actions';
export { parseCommentTime } from './time';

function postIdFrom(url: URL, decoded: DecodedCommentId): string | undefined {
  if (decoded.postId) return decoded.postId;
  const fromPath = postPathPattern.exec(url.pathname)?.[1];
  if (fromPath) return fromPath;
  for (const name of postIdParameters) {
    const value = url.searchParams.get(name);
    if (value && /^[A-Za-z0-9_-]+$/.test(value)) return value;
  }
  return undefined;
}

/** Profile links are /<username> or /profile.php?id=<number>; the handle is the username or the number. */
function handleFrom(href: string | null): string | undefined {
  const url = href ? parseUrl(href) : null;
  if (!url) return undefined;
  if (url.pathname === '/profile.php') return url.searchParams.get('id') ?? undefined;
  return /^\/([A-Za-z0-9.]+)\/?$/.exec(url.pathname)?.[1];
}

function authorLink(article: Element, timestamp: Element): Element | undefined {
  return own(article, s.link).find((link) => link !== timestamp && visibleText(link).trim() !== '');
}

/** The author's name: their profile link's text, else the name written before the text (not linked). */
function authorName(article: Element, link: Element | undefined): string {
  if (link) return visibleText(link).trim();
  const inActions = (span: Element) => {
    const row = span.closest(s.actionList);
    return row !== null && article.contains(row);
  };
  const name = own(article, s.authorName).find((span) => !span.querySelector(s.commentText) && !inActions(span) && visibleText(span).trim() !== '');
  return name ? visibleText(name).trim() : '';
}

/** Replies whose link lacks reply_comment_id: the parent is the article owning the enclosing thread item. */
function structuralParent(article: Element): Element | null {
  const threadItem = article.closest('li')?.parentElement?.closest('li');
  if (!threadItem) return null;
  return [...threadItem.querySelectorAll(s.comment)].find(
    (candidate) => candidate !== article && !candidate.contains(article) && candidate.closest('li') === threadItem,
  ) ?? null;
}

function languageOf(textElements: Element[], text: string): string | undefined {
  const tagged = textElements[0]?.closest(s.language)?.getAttribute('lang');
  const primary = tagged ? /^([a-z]{2,3})(?:-|$)/i.exec(tagged)?.[1]?.toLowerCase() : undefined;
  if (primary) return primary;
  return /[\u0900-\u097F]/.test(text) ? 'hi' : undefined;
}

interface CommentStamp {
  link: Element;
  url: URL;
  /** The thread's top-level comment, and the reply when the link is a reply's. */
  thread: DecodedCommentId;
  reply: DecodedCommentId | null;
}

/**
 * Each timestamp link's stamp, by the href it was read from: identifying, classifying and reading a comment
 * each need it, and parsing the URL and its ids again each time was the adapter's largest cost.
 */
const stamps = new WeakMap<Element, { href: string; stamp: CommentStamp | 'no-id' }>();

/** The comment's timestamp link and the ids it carries. */
function commentStamp(article: Element): CommentStamp | 'no-id' | 'ambiguous' {
  const link = timestampLink(article);
  if (link === 'ambiguous') return link;
  if (!link) return 'no-id';
  const href = link.getAttribute('href') ?? '';
  const known = stamps.get(link);
  if (known?.href === href) return known.stamp;
  const url = parseUrl(href);
  const thread = url ? decodeCommentId(url.searchParams.get('comment_id')) : null;
  const reply = url ? decodeCommentId(url.searchParams.get('reply_comment_id')) : null;
  const stamp = url && thread ? { link, url, thread, reply } : 'no-id';
  stamps.set(link, { href, stamp });
  return stamp;
}

function commentIdentity(article: Element): { id: string; parent: CommentItem['parent']; url: URL; link: Element } | null {
  const stamp = commentStamp(article);
  if (typeof stamp === 'string') return null;
  const { link, url, thread, reply } = stamp;
  if (reply) return { id: reply.commentId, parent: { kind: 'comment', id: thread.commentId }, url, link };
  const parentArticle = structuralParent(article);
  if (parentArticle) {
    const parentIdentity = commentIdentity(parentArticle);
    if (!parentIdentity) return null;
    return { id: thread.commentId, parent: { kind: 'comment', id: parentIdentity.id }, url, link };
  }
  const postId = postIdFrom(url, thread);
  return { id: thread.commentId, parent: postId ? { kind: 'post', id: postId } : undefined, url, link };
}

const minute = 60_000;

/** When comments whose time cannot be read were first seen, by id: their clock starts there. */
const firstSeen = new Map<string, string>();

/** The languages each page is read in (its `<html lang>` can change with the moderator's setting). */
const localesByLang = new Map<string, string[]>();

function localesOf(doc: Document): string[] {
  const lang = doc.documentElement.lang;
  let locales = localesByLang.get(lang);
  if (!locales) {
    locales = pageLocales(doc);
    localesByLang.set(lang, locales);
  }
  return locales;
}

/**
 * The time a timestamp link shows: its text ("2h", "4 December 2022", "कल"), else its label or title
 * (some builds hide the text from the DOM); null when none of them can be read.
 */
function stampTime(link: Element, now: number): string | null {
  const locales = localesOf(link.ownerDocument);
  for (const label of [visibleText(link), link.getAttribute('aria-label'), link.getAttribute('title')]) {
    const time = label ? parseCommentTime(label, now, locales) : null;
    if (time) return time;
  }
  return null;
}

/**
 * A reply whose link lacks reply_comment_id carries its own id as comment_id; which comment it answers
 * (the structural parent) is only looked up by `extractComment`. A comment whose time cannot be read in
 * any language is still identified: its clock starts when it was first seen, marked approximate.
 */
export function identifyComment(element: Element): Identification {
  if (!element.matches(s.comment)) return { ok: false, reason: 'invalid' };
  const stamp = commentStamp(element);
  if (typeof stamp === 'string') return { ok: false, reason: stamp };
  const id = (stamp.reply ?? stamp.thread).commentId;
  const now = Date.now();
  const createdAt = stampTime(stamp.link, now);
  if (createdAt) return { ok: true, id, createdAt };
  let seen = firstSeen.get(id);
  if (!seen) {
    seen = new Date(Math.floor(now / minute) * minute).toISOString();
    firstSeen.set(id, seen);
  }
  return { ok: true, id, createdAt: seen, approximate: true };
}

export function extractComment(element: Element): Extraction {
  const identification = identifyComment(element);
  if (!identification.ok) return identification;
  const { createdAt } = identification;
  const identity = commentIdentity(element);
  if (!identity) return { ok: false, reason: 'no-id' };

  const author = authorLink(element, identity.link);
  const textElements = queryOutside(element, s.commentText, s.comment);
  const text = textElements.map((paragraph) => visibleText(paragraph).trim()).join('\n');
  const permalink = new URL(identity.url.pathname, facebookOrigin);
  for (const name of ['comment_id', 'reply_comment_id']) {
    const value = identity.url.searchParams.get(name);
    if (value) permalink.searchParams.set(name, value);
  }
  return extracted({
    platform: 'facebook',
    id: identity.id,
    author: { name: authorName(element, author), handle: handleFrom(author?.getAttribute('href') ?? null) },
    text,
    permalink: permalink.href,
    createdAt,
    lang: languageOf(textElements, text),
    parent: identity.parent,
  });
}

const isBody = (handle: string | null | undefined, handles: BodyHandles) => Boolean(handle) && handles.has(handle!.toLowerCase());

/** Whether the comment's author link (its profile or Page) is one of the body's. */
function isByBody(element: Element, stamp: CommentStamp, handles: BodyHandles): boolean {
  const author = authorLink(element, stamp.link) ?? own(element, s.link).find((link) => link !== stamp.link);
  return isBody(handleFrom(author?.getAttribute('href') ?? null), handles);
}


/**
 * The body's own comments and replies (its Page's profile link is the author's) are answers; a comment whose
 * permalink is on a post of the body's Page (`/<page>/posts/…`, `permalink.php?…&id=<page>`) is work, and so
 * is one that links the body's Page in its text (a mention).
 */
export function classifyComment(element: Element, handles: BodyHandles): WorkVerdict {
  if (handles.size === 0) return { kind: 'other' };
  const stamp = commentStamp(element);
  if (typeof stamp === 'string') return { kind: 'other' };
  if (isByBody(element, stamp, handles)) return { kind: 'answer' };
  const owner = postOwnerPathPattern.exec(stamp.url.pathname)?.[1] ?? (stamp.url.pathname === '/permalink.php' ? stamp.url.searchParams.get(pageIdParameter) : null);
  if (isBody(owner, handles)) return { kind: 'work', reason: 'page_comment' };
  const mentions = queryOutside(element, s.commentText, s.comment).flatMap((text) => [...text.querySelectorAll(s.link)]);
  if (mentions.some((link) => isBody(handleFrom(link.getAttribute('href')), handles))) return { kind: 'work', reason: 'mention' };
  return { kind: 'other' };
}

/** Just after the comment's action row (Like · Reply · time), inside the comment, above its replies. */
export function commentToolbarSlot(element: Element): ToolbarSlot {
  const stamp = timestampLink(element);
  const link = stamp === 'ambiguous' ? null : stamp;
  const actionList = link?.closest(s.actionList) ?? own(element, s.actionList).pop();
  if (actionList?.parentElement && element.contains(actionList)) {
    return { parent: actionList.parentElement, before: actionList.nextSibling };
  }
  return { parent: element, before: null };
}

export const facebookPlatform: Platform = {
  id: 'facebook',
  commentSelector: s.comment,
  identify: identifyComment,
  extract: extractComment,
  classify: classifyComment,
  toolbarSlot: commentToolbarSlot,
};
