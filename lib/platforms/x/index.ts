// X adapter: recognises tweets and replies and reads them into CommentItems. Pure DOM, no browser.* calls,
// so it runs the same in the content script, in happy-dom unit tests and in benchmarks.
import type { CommentItem } from '../../contract/item';
import { isoTime, queryOutside, visibleText } from '../dom-text';
import {
  extracted,
  type BodyHandles,
  type Extraction,
  type Identification,
  type Platform,
  type Skipped,
  type ToolbarSlot,
  type WorkVerdict,
} from '../types';
import { profilePathPattern, statusPathPattern, xHosts, xOrigin, xSelectors as s } from './selectors';

interface StatusLink {
  handle: string;
  id: string;
  time: Element | null;
}

/** The path of a link, whether written relative (as X does) or absolute (x.com, twitter.com). */
function pathOf(href: string | null): string {
  if (!href) return '';
  if (href.startsWith('/')) return href;
  try {
    const url = new URL(href);
    return xHosts.includes(url.hostname as (typeof xHosts)[number]) ? url.pathname : '';
  } catch {
    return '';
  }
}

/** The tweet's own permalink: the first /status/ link that is not inside a quoted tweet, preferring one with a time. */
function ownStatusLink(article: Element): StatusLink | null {
  let firstWithoutTime: StatusLink | null = null;
  for (const link of queryOutside(article, s.timeLink, s.quoteCard)) {
    const match = statusPathPattern.exec(pathOf(link.getAttribute('href')));
    if (!match) continue;
    const time = link.querySelector(s.time);
    const found = { handle: match[1]!, id: match[2]!, time };
    if (time) return found;
    firstWithoutTime ??= found;
  }
  return firstWithoutTime;
}

/** Vertical position of a virtual-list cell (translateY), or null. */
function offsetOf(cell: HTMLElement | null): number | null {
  const match = /translateY\((-?[\d.]+)px\)/.exec(cell?.style.transform ?? '');
  return match ? Number(match[1]) : null;
}

/** Vertical position of a tweet's virtual-list cell (translateY), or null outside one. */
function cellOffset(article: Element): number | null {
  return offsetOf(article.closest<HTMLElement>(s.cell));
}

/** Whether a tweet is one of the page's own (not inside another, not an ad). */
function isOwnTweet(tweet: Element): boolean {
  return !tweet.parentElement?.closest(`${s.tweet}, ${s.quoteCard}`) && !tweet.closest(s.promoted) && !tweet.querySelector(s.promoted);
}

/** The handles of a reply's "Replying to @a @b" line, in its order (the tweet answered names its author first). */
function replyingTo(article: Element): string[] {
  const handles: string[] = [];
  for (const link of article.querySelectorAll(s.profileLink)) {
    // Cheapest test first: most links of a tweet (avatar, name, time, hashtags) do not read "@…".
    if (!(link.textContent ?? '').trimStart().startsWith('@')) continue;
    const handle = profilePathPattern.exec(pathOf(link.getAttribute('href')))?.[1];
    if (!handle || link.closest(s.tweetText) || link.closest(s.userName)) continue;
    const quote = link.parentElement?.closest(s.quoteCard);
    if (quote && quote !== article && article.contains(quote)) continue;
    handles.push(handle);
  }
  return handles;
}

/**
 * The tweet a threaded reply answers: X lays out a reply to a reply in the cell just below the one it answers,
 * and its "Replying to" line names that tweet's author first; a tweet opening a thread of its own has an
 * empty divider cell at its own offset (x-status-1, x-status-2: a citizen's reply, then the account's answer
 * to it). Undefined unless all of that holds.
 */
function threadedParent(article: Element): Element | undefined {
  // Most tweets have no "Replying to" line: nothing more to look at.
  const named = replyingTo(article)[0];
  if (!named) return undefined;
  const cell = article.closest<HTMLElement>(s.cell);
  const top = offsetOf(cell);
  if (!cell?.parentElement || top === null) return undefined;
  // The cells just above (X puts a divider cell at the same offset as the tweet opening a thread).
  let above: Element[] = [];
  let aboveTop = -Infinity;
  for (const sibling of cell.parentElement.children) {
    if (sibling === cell || !sibling.matches(s.cell)) continue;
    const offset = offsetOf(sibling as HTMLElement);
    // A divider cell at this one's offset: the tweet opens a thread of its own.
    if (offset === top && !sibling.querySelector(s.tweet)) return undefined;
    if (offset === null || offset >= top || offset < aboveTop) continue;
    if (offset > aboveTop) above = [];
    above.push(sibling);
    aboveTop = offset;
  }
  const tweet = above.flatMap((candidate) => [...candidate.querySelectorAll(s.tweet)]).find(isOwnTweet);
  const handle = tweet ? ownStatusLink(tweet)?.handle : undefined;
  return handle && handle.toLowerCase() === named.toLowerCase() ? tweet : undefined;
}

/** Where a tweet sits in the conversation: its cell's translateY, or document order outside a virtual list. */
function conversationOrder(tweets: Element[]): Map<Element, number> {
  const offsets = tweets.map(cellOffset);
  const byOffset = offsets.every((offset) => offset !== null);
  return new Map(tweets.map((tweet, index) => [tweet, byOffset ? offsets[index]! : index]));
}

interface Conversation {
  /** The tweet answered (the one above, or the focused tweet for the replies below it). */
  answered: StatusLink | undefined;
  /** The topmost tweet the page shows of the conversation (its root, when it is loaded). */
  root: StatusLink | undefined;
}

/**
 * The status a `/<handle>/status/<id>` page is about, from its address: X re-uses the focused tweet's cell
 * once the moderator scrolls down the replies, and then only the address says what they answer.
 */
function pageStatus(document: Document): StatusLink | null {
  const match = statusPathPattern.exec(document.location?.pathname ?? '');
  return match ? { handle: match[1]!, id: match[2]!, time: null } : null;
}

/**
 * On a status page the conversation reads top to bottom: the tweets above the focused one are the chain it
 * answers (each answers the one just above it), and the replies below answer the focused tweet or the reply
 * they are threaded under. Cells are recycled, so document order says nothing there: their translateY does.
 * Off status pages only a threaded reply has one.
 */
function conversationOf(article: Element): Conversation | undefined {
  const document = article.ownerDocument;
  const link = (tweet: Element | undefined) => (tweet ? (ownStatusLink(tweet) ?? undefined) : undefined);
  const focused = document.querySelector(s.focusedTweet);
  if (!focused) {
    // Scrolled past the focused tweet: what is left on the page is the replies below it (each answering
    // the focused tweet unless threaded under another). Off status pages, only a threaded reply says what
    // it answers (a timeline shows a reply under the tweet it answers).
    const threaded = link(threadedParent(article));
    const status = pageStatus(document);
    if (status && status.id !== ownStatusLink(article)?.id) return { answered: threaded ?? status, root: undefined };
    return threaded ? { answered: threaded, root: undefined } : undefined;
  }
  if (focused.parentElement?.closest(s.tweet)) return undefined;
  const conversation = [...document.querySelectorAll(s.tweet)].filter(isOwnTweet);
  const order = conversationOrder(conversation);
  const position = order.get(article);
  const focusedPosition = order.get(focused);
  if (position === undefined || focusedPosition === undefined) return undefined;
  // Below the focused tweet: a reply answers it, or the reply it is threaded under.
  let answered: Element | undefined = position > focusedPosition ? (threadedParent(article) ?? focused) : undefined;
  let root: Element | undefined;
  let rootPosition = Infinity;
  let answeredPosition = -Infinity;
  for (const [tweet, tweetPosition] of order) {
    if (tweetPosition < rootPosition) {
      root = tweet;
      rootPosition = tweetPosition;
    }
    // Above the focused tweet: the nearest tweet above this one, if the page shows it.
    if (position <= focusedPosition && tweetPosition < position && tweetPosition > answeredPosition) {
      answered = tweet;
      answeredPosition = tweetPosition;
    }
  }
  return { answered: link(answered), root: root === article ? undefined : link(root) };
}

function parentOf(article: Element): CommentItem['parent'] {
  const answeredId = conversationOf(article)?.answered?.id;
  return answeredId ? { kind: 'post', id: answeredId } : undefined;
}

function authorName(article: Element): string {
  const userName = queryOutside(article, s.userName, s.quoteCard)[0];
  // The first child of User-Name holds the display name; the second the @handle, "·" and the time.
  const nameBlock = userName?.firstElementChild ?? userName;
  return nameBlock ? visibleText(nameBlock).trim() : '';
}

/** BCP 47 tags only; X marks undetermined text "und" and text-less tweets "zxx", which say nothing. */
function languageOf(tweetText: Element | undefined): string | undefined {
  const lang = tweetText?.getAttribute('lang') ?? '';
  return /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(lang) && lang !== 'und' && lang !== 'zxx' ? lang : undefined;
}

type TweetIdentity = { ok: true; link: StatusLink; createdAt: string } | Skipped;

function tweetIdentity(element: Element): TweetIdentity {
  if (!element.matches(s.tweet)) return { ok: false, reason: 'invalid' };
  // A tweet inside another (an embedded or quoted article) is part of the outer one.
  if (element.parentElement?.closest(`${s.tweet}, ${s.quoteCard}`)) return { ok: false, reason: 'nested' };
  if (element.closest(s.promoted) || element.querySelector(s.promoted)) return { ok: false, reason: 'promoted' };
  const link = ownStatusLink(element);
  if (!link) return { ok: false, reason: 'no-id' };
  const createdAt = isoTime(link.time?.getAttribute('datetime'));
  if (!createdAt) return { ok: false, reason: 'no-time' };
  return { ok: true, link, createdAt };
}

export function identifyTweet(element: Element): Identification {
  const identity = tweetIdentity(element);
  return identity.ok ? { ok: true, id: identity.link.id, createdAt: identity.createdAt } : identity;
}

export function extractTweet(element: Element): Extraction {
  const identity = tweetIdentity(element);
  if (!identity.ok) return identity;
  const { link, createdAt } = identity;

  const tweetText = queryOutside(element, s.tweetText, s.quoteCard)[0];
  return extracted({
    platform: 'x',
    id: link.id,
    author: { name: authorName(element), handle: link.handle },
    text: tweetText ? visibleText(tweetText).trim() : '',
    permalink: `${xOrigin}/${link.handle}/status/${link.id}`,
    createdAt,
    lang: languageOf(tweetText),
    parent: parentOf(element),
  });
}

function isBodyHandle(handle: string | undefined, handles: BodyHandles): boolean {
  return handle !== undefined && handles.has(handle.toLowerCase());
}

/** Handles named by profile links (`/<handle>`) among `links`, with "@" text when `atText` (the "Replying to" line). */
function linkedHandles(links: Element[], atText: boolean): string[] {
  return links.flatMap((link) => {
    const handle = profilePathPattern.exec(pathOf(link.getAttribute('href')))?.[1];
    if (!handle || (atText && !(link.textContent ?? '').trim().startsWith('@'))) return [];
    return [handle];
  });
}


/**
 * The body's own tweets are answers; a tweet replying to one of them (its conversation's root or the tweet
 * it answers is the body's, or its "Replying to" line names the body) or mentioning the body is work.
 */
export function classifyTweet(element: Element, handles: BodyHandles): WorkVerdict {
  const identity = tweetIdentity(element);
  if (!identity.ok || handles.size === 0) return { kind: 'other' };
  if (isBodyHandle(identity.link.handle, handles)) return { kind: 'answer' };
  const conversation = conversationOf(element);
  for (const tweet of [conversation?.answered, conversation?.root]) {
    if (isBodyHandle(tweet?.handle, handles)) return { kind: 'work', reason: 'reply_to_body' };
  }
  const texts = queryOutside(element, s.tweetText, s.quoteCard);
  if (replyingTo(element).some((handle) => isBodyHandle(handle, handles))) return { kind: 'work', reason: 'reply_to_body' };
  const mentioned = texts.flatMap((text) => [
    ...linkedHandles([...text.querySelectorAll(s.profileLink)], false),
    ...[...(text.textContent ?? '').matchAll(/@([A-Za-z0-9_]{1,50})/g)].map((match) => match[1]!),
  ]);
  if (mentioned.some((handle) => isBodyHandle(handle, handles))) return { kind: 'work', reason: 'mention' };
  return { kind: 'other' };
}

/** Just after the tweet's own action row: below everything X lays out, so nothing above it moves. */
export function tweetToolbarSlot(element: Element): ToolbarSlot {
  const groups = queryOutside(element, s.actionGroup, s.quoteCard);
  const group = groups[groups.length - 1];
  if (group?.parentElement) return { parent: group.parentElement, before: group.nextSibling };
  return { parent: element, before: null };
}

export const xPlatform: Platform = {
  id: 'x',
  commentSelector: s.tweet,
  identify: identifyTweet,
  extract: extractTweet,
  classify: classifyTweet,
  toolbarSlot: tweetToolbarSlot,
};
