// The parts of a Facebook comment that the site's own actions hang on: its own links, its timestamp link,
// its action row with the Reply action, and the composer's send arrow. Pure DOM; kept apart from reading
// times (time.ts) so that what X's content script shares with Facebook's stays small.
import { queryOutside, visibleText } from '../dom-text';
import { facebookOrigin, facebookSelectors as s, replyLabels } from './selectors';

export interface DecodedCommentId {
  commentId: string;
  postId?: string;
}

/** comment_id values are numeric, or base64 (standard or URL-safe) of "comment:<postId>_<commentId>". */
export function decodeCommentId(value: string | null): DecodedCommentId | null {
  if (!value) return null;
  if (/^\d+$/.test(value)) return { commentId: value };
  try {
    const decoded = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    const match = /^comment:(\d+)_(\d+)$/.exec(decoded);
    return match ? { postId: match[1]!, commentId: match[2]! } : null;
  } catch {
    return null;
  }
}

/** The comment's own elements matching `selector`: not inside a reply nested in it, nor inside its text. */
export function own(article: Element, selector: string): Element[] {
  return queryOutside(article, selector, s.comment).filter((element) => !element.closest(s.commentText));
}

/** A link's URL, relative ones against facebook.com. */
export function parseUrl(href: string): URL | null {
  try {
    return new URL(href, facebookOrigin);
  } catch {
    return null;
  }
}

/** Each comment's timestamp link, read when it is identified and again for its toolbar's place. */
const timestampLinks = new WeakMap<Element, HTMLAnchorElement>();

const PARAMETERS = { comment_id: /[?&]comment_id=([^&#]*)/, reply_comment_id: /[?&]reply_comment_id=([^&#]*)/ };

/** A query parameter read straight from an href: this runs for every link of every comment decorated. */
function parameter(href: string, name: keyof typeof PARAMETERS): string | null {
  const match = PARAMETERS[name].exec(href);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/**
 * The comment a link names as its own: reply_comment_id on a reply's timestamp, else comment_id (author
 * links carry the comment's own id as comment_id, numeric or base64, even on replies).
 */
function ownIdOf(link: Element): string | undefined {
  const href = link.getAttribute('href') ?? '';
  return decodeCommentId(parameter(href, 'reply_comment_id') ?? parameter(href, 'comment_id'))?.commentId;
}

/**
 * The comment's timestamp link: the last of its own comment links. Its author links name the same comment;
 * when its own links name different comments the element is not one comment, and it is not guessed at.
 */
export function timestampLink(article: Element): HTMLAnchorElement | null | 'ambiguous' {
  const known = timestampLinks.get(article);
  if (known && article.contains(known)) return known;
  const links = own(article, s.commentLink);
  const link = (links[links.length - 1] as HTMLAnchorElement | undefined) ?? null;
  if (!link) return null;
  if (links.length > 1) {
    const id = ownIdOf(link);
    if (links.some((other) => ownIdOf(other) !== id)) return 'ambiguous';
  }
  timestampLinks.set(article, link);
  return link;
}

/** The action row of a comment: the list holding its timestamp link, else its own last list. */
function actionRow(article: Element): Element | null {
  const stamp = timestampLink(article);
  const row = stamp && stamp !== 'ambiguous' ? stamp.closest(s.actionList) : null;
  return row && article.contains(row) ? row : (own(article, s.actionList).pop() ?? null);
}

const normalisedLabel = (element: Element) => visibleText(element).trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A comment's Reply action, in any order of its action row and any interface language: the row's button
 * whose text is a known "Reply"; else the one after Like (Like comes first of the row's buttons in every
 * build; the timestamp is a link, "Edited" comes after Reply). Null when the row has no such button
 * (logged out, or a comment that cannot be answered).
 */
export function replyActionOf(article: Element): HTMLElement | null {
  const row = actionRow(article);
  if (!row) return null;
  const buttons = queryOutside(row, s.actionButton, s.comment) as HTMLElement[];
  const labelled = buttons.find((button) => (replyLabels as readonly string[]).includes(normalisedLabel(button)));
  return labelled ?? (buttons.length >= 2 ? buttons[1]! : null);
}

/** Whether `button` is a composer's send arrow (see `sendButton` in selectors.ts). */
function isSendButton(button: Element): boolean {
  if (button.matches(s.sendButton)) return true;
  // Builds without the container id: the form's last icon-only button, placed after its editor.
  const form = button.closest(s.composerForm);
  const editor = form?.querySelector(s.composer);
  if (!form || !editor || button.textContent?.trim()) return false;
  const buttons = [...form.querySelectorAll(s.formButton)].filter((candidate) => !editor.contains(candidate) && !candidate.textContent?.trim());
  return buttons[buttons.length - 1] === button && Boolean(editor.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING);
}

/** The send arrow that an event at `target` is on, if any. */
export function sendButtonAt(target: Element): HTMLElement | null {
  const button = target.closest<HTMLElement>(s.formButton);
  return button && isSendButton(button) ? button : null;
}

/** The send arrow of a composer. */
export function sendButtonOf(composer: Element): HTMLElement | null {
  const form = composer.closest(s.composerForm);
  if (!form) return null;
  return [...form.querySelectorAll<HTMLElement>(s.formButton)].find((button) => !composer.contains(button) && isSendButton(button)) ?? null;
}

