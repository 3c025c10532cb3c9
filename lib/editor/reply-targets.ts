import type { PlatformId } from '../contract/item';
import { replyActionOf } from '../platforms/facebook/actions';
import { facebookSelectors } from '../platforms/facebook/selectors';
import { xSelectors } from '../platforms/x/selectors';
import { editableRoot } from './dom';

/** How long after a Reply click the composer that gains focus is taken to be that reply's. */
const PENDING_MS = 5_000;

/** The comment whose Reply action `target` is in, or null. */
function repliedComment(platform: PlatformId, target: Element): Element | null {
  if (platform === 'x') return target.closest(xSelectors.replyAction)?.closest(xSelectors.tweet) ?? null;
  const comment = target.closest(facebookSelectors.comment);
  return comment && replyActionOf(comment)?.contains(target) ? comment : null;
}

/**
 * Which comment a composer answers, so a shortcut typed in it can be filled from that comment.
 * The sites do not say so in the composer's DOM (X's reply dialog holds no link to the tweet), so this
 * watches the moderator: the comment whose Reply action was clicked owns the composer that takes focus
 * next. On an X status page the inline composer answers the focused tweet. The target is identified
 * when the Reply action is clicked, because X recycles a tweet's DOM node for other tweets.
 */
export class ReplyTargets<T> {
  readonly #bound = new WeakMap<Element, T>();
  #pending: { target: T; at: number } | null = null;
  readonly #dispose: () => void;

  constructor(
    private readonly doc: Document,
    private readonly platform: PlatformId,
    /** The comment's identity (e.g. the adapter's extracted item); null for elements that are not comments. */
    private readonly identify: (comment: Element) => T | null,
  ) {
    const onClick = (event: Event) => {
      const owner = event.target instanceof Element ? repliedComment(platform, event.target) : null;
      const target = owner ? this.identify(owner) : null;
      if (target !== null) this.#pending = { target, at: Date.now() };
    };
    const onFocusIn = (event: Event) => {
      const editor = editableRoot(event.target instanceof Element ? event.target : null);
      if (!editor || this.#bound.has(editor) || !this.#pending) return;
      if (Date.now() - this.#pending.at <= PENDING_MS) this.#bound.set(editor, this.#pending.target);
      this.#pending = null;
    };
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('focusin', onFocusIn, true);
    this.#dispose = () => {
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('focusin', onFocusIn, true);
    };
  }

  /** Records that `editor` answers `target` (the picker opens the composer itself and knows). */
  bind(editor: Element, target: T): void {
    const root = editableRoot(editor);
    if (root) this.#bound.set(root, target);
  }

  targetOf(editor: Element): T | null {
    const root = editableRoot(editor);
    if (!root) return null;
    const bound = this.#bound.get(root);
    if (bound !== undefined) return bound;
    if (this.platform === 'x' && !root.closest(xSelectors.replyDialog)) {
      const focused = this.doc.querySelector(xSelectors.focusedTweet);
      if (focused) return this.identify(focused);
    }
    return null;
  }

  dispose(): void {
    this.#dispose();
  }
}
