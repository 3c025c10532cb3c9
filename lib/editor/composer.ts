import type { PlatformId } from '../contract/item';
import { replyActionOf } from '../platforms/facebook/actions';
import { facebookSelectors } from '../platforms/facebook/selectors';
import { xSelectors } from '../platforms/x/selectors';

/**
 * Opens the site's own reply composer for one comment, the way a moderator would, and returns its
 * editable element: X — the comment's reply action, which opens the reply dialog (on a status page the
 * focused tweet is answered by the inline composer under it); Facebook — the comment's Reply action,
 * which opens and focuses a reply box under the thread. Null when the site did not open one in time.
 */
export async function openReplyComposer(platform: PlatformId, comment: Element, { timeoutMs = 3_000 } = {}): Promise<HTMLElement | null> {
  const doc = comment.ownerDocument;
  if (platform === 'x') {
    if (comment.matches(xSelectors.focusedTweet)) {
      const inline = [...doc.querySelectorAll<HTMLElement>(`${xSelectors.composer}, ${xSelectors.mobileComposer}`)].find(
        (composer) => !composer.closest(xSelectors.replyDialog),
      );
      if (inline) return inline;
    }
    const dialogComposers = `${xSelectors.replyDialog} ${xSelectors.composer}, ${xSelectors.replyDialog} ${xSelectors.mobileComposer}`;
    const before = new Set(doc.querySelectorAll(dialogComposers));
    const action = ownDescendant(comment, xSelectors.replyAction, xSelectors.tweet);
    if (!action) return null;
    action.click();
    return waitFor(doc, timeoutMs, () => {
      const all = [...doc.querySelectorAll<HTMLElement>(dialogComposers)];
      return all.find((composer) => !before.has(composer)) ?? null;
    }, () => doc.querySelector<HTMLElement>(dialogComposers));
  }

  const before = new Set(doc.querySelectorAll(facebookSelectors.composer));
  const action = replyActionOf(comment);
  if (!action) return null;
  action.click();
  // Facebook focuses the reply box it opens (or the one already open for that thread), under the thread.
  return waitFor(doc, timeoutMs, () => {
    const active = doc.activeElement;
    if (active instanceof HTMLElement && active.matches(facebookSelectors.composer)) return active;
    const opened = [...doc.querySelectorAll<HTMLElement>(facebookSelectors.composer)].filter((composer) => !before.has(composer));
    return nearest(comment, opened) ?? null;
  });
}

/** Of `composers`, the one sharing the innermost ancestor with `comment` (the box opened in its thread). */
function nearest(comment: Element, composers: HTMLElement[]): HTMLElement | undefined {
  for (let scope = comment.parentElement; scope && composers.length > 1; scope = scope.parentElement) {
    const inside = composers.find((composer) => scope.contains(composer));
    if (inside) return inside;
  }
  return composers[0];
}

/** The first match inside `scope` that belongs to it rather than to a comment nested in it. */
function ownDescendant(scope: Element, selector: string, itemSelector: string): HTMLElement | null {
  return [...scope.querySelectorAll<HTMLElement>(selector)].find((element) => element.closest(itemSelector) === scope) ?? null;
}

/** Resolves with `find()` once it finds something (checked on every DOM change), else `lastTry()` at the timeout. */
function waitFor(doc: Document, timeoutMs: number, find: () => HTMLElement | null, lastTry: () => HTMLElement | null = () => null): Promise<HTMLElement | null> {
  const found = find();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (result: HTMLElement | null) => {
      observer.disconnect();
      clearTimeout(timer);
      doc.removeEventListener('focusin', check, true);
      resolve(result);
    };
    const check = () => {
      const result = find();
      if (result) finish(result);
    };
    const observer = new MutationObserver(check);
    observer.observe(doc.body, { childList: true, subtree: true });
    doc.addEventListener('focusin', check, true);
    const timer = setTimeout(() => finish(find() ?? lastTry()), timeoutMs);
  });
}
