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
 * Which comment a composer answers, so a shortcut typed in it can be filled from that comment, and the
 * post gate asks the approval check about the right item.
 * The sites do not say so in the composer's DOM (X's reply dialog holds no link to the tweet), so this
 * watches the moderator: the comment whose Reply action was clicked owns the composer that takes focus
 * next. Focus events are not to be relied on alone: a page that is not the focused document (a tab
 * behind another, a window in the background) gets none, yet X's dialog composer still takes the
 * moderator's typing; so on X a reply dialog's composer that appears within that time after the Reply
 * click is that reply's too, focus or not. On an X status page the inline composer answers the focused tweet. The
 * target is identified when the Reply action is clicked, because X recycles a tweet's DOM node.
 */
export class ReplyTargets<T> {
  readonly #bound = new WeakMap<Element, T>();
  /** Composers opened by a Reply action whose comment could not be identified. */
  readonly #unidentified = new WeakSet<Element>();
  /** The last Reply click not yet matched to a composer; `target` null when its comment was not identified. */
  #pending: { target: T | null; at: number } | null = null;
  /** Watches for the reply dialog the pending Reply click opens. */
  #dialogWatch: MutationObserver | null = null;
  readonly #dispose: () => void;

  constructor(
    private readonly doc: Document,
    private readonly platform: PlatformId,
    /** The comment's identity (e.g. the adapter's extracted item); null for elements that are not comments. */
    private readonly identify: (comment: Element) => T | null,
  ) {
    const onClick = (event: Event) => {
      const owner = event.target instanceof Element ? repliedComment(platform, event.target) : null;
      if (!owner) return;
      this.#pending = { target: this.identify(owner), at: Date.now() };
      if (platform === 'x') this.#watchForDialog();
    };
    const onFocusIn = (event: Event) => {
      const editor = editableRoot(event.target instanceof Element ? event.target : null);
      if (!editor || this.#isMatched(editor) || !this.#pending) return;
      if (Date.now() - this.#pending.at <= PENDING_MS) this.#match(editor, this.#pending.target);
      this.#pending = null;
    };
    doc.addEventListener('click', onClick, true);
    doc.addEventListener('focusin', onFocusIn, true);
    this.#dispose = () => {
      this.#dialogWatch?.disconnect();
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('focusin', onFocusIn, true);
    };
  }

  /** Records that `editor` answers `target` (the picker opens the composer itself and knows). */
  bind(editor: Element, target: T): void {
    const root = editableRoot(editor);
    if (!root) return;
    this.#bound.set(root, target);
    this.#unidentified.delete(root);
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

  /**
   * Whether `editor` was opened by a comment's Reply action whose comment could not be identified: a
   * reply to an unknown comment, not a new post (the post gate must not let it pass as one).
   */
  answersUnidentified(editor: Element): boolean {
    const root = editableRoot(editor);
    if (!root) return false;
    return this.#unidentified.has(root);
  }

  dispose(): void {
    this.#dispose();
  }

  /**
   * On X: the reply dialog's composer that appears within PENDING_MS of the pending Reply click is that
   * reply's, whether or not it is seen taking focus. Mutation callbacks run in a background tab too.
   */
  #watchForDialog(): void {
    this.#dialogWatch?.disconnect();
    const pending = this.#pending;
    // The dialog composers already there are not the one this click opens.
    const before = new Set(this.#dialogComposers());
    const watch = new MutationObserver(() => {
      if (this.#pending !== pending || !pending || Date.now() - pending.at > PENDING_MS) {
        watch.disconnect();
        return;
      }
      const opened = this.#dialogComposers().find((composer) => !before.has(composer) && !this.#isMatched(composer));
      if (!opened) return;
      this.#match(opened, pending.target);
      this.#pending = null;
      watch.disconnect();
    });
    watch.observe(this.doc, { childList: true, subtree: true });
    this.#dialogWatch = watch;
  }

  #dialogComposers(): Element[] {
    return [...this.doc.querySelectorAll(`${xSelectors.replyDialog} ${xSelectors.composer}`)].flatMap((element) => editableRoot(element) ?? []);
  }

  #isMatched(editor: Element): boolean {
    return this.#bound.has(editor) || this.#unidentified.has(editor);
  }

  #match(editor: Element, target: T | null): void {
    if (target === null) this.#unidentified.add(editor);
    else this.#bound.set(editor, target);
  }
}
