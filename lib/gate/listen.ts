import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { commentTargets } from '../content/comment-targets';
import type { PlatformId } from '../contract/item';
import { readEditorText } from '../editor/dom';
import type { Platform } from '../platforms/types';
import { PostGate, type PostAttempt } from './gate';
import { isModeratorAction, isReplayingModeratorAction } from './moderator-actions';
import { composerForButton, composerOf, isPostKey, postSites } from './sites';

export interface PostListenerOptions {
  platform: PlatformId;
  /** The comment a composer answers, if any. */
  itemOf: (editor: HTMLElement) => PostAttempt['item'];
  /** Whether a composer answers a comment that could not be identified (see PostAttempt). */
  answersUnidentified?: (editor: HTMLElement) => boolean;
  /** Where the listeners go: the page's window. */
  target: Window;
  signal: AbortSignal;
}

/**
 * The gate's listeners: the only ones on the page that see a post action. Capture listeners on the
 * window run before the site's own (React's root, Lexical's root). X: clicks inside a post button
 * (inline, dialog, mobile) and Ctrl/Cmd+Enter in a composer, the mobile `<textarea>` included;
 * Facebook: Enter without Shift in a comment box and its send arrow.
 */
export function listenForPosts(gate: PostGate, { platform, itemOf, answersUnidentified, target, signal }: PostListenerOptions): void {
  const site = postSites[platform];

  const decide = (event: Event, editor: HTMLElement, post: () => void) => {
    const text = readEditorText(editor).text;
    // A blank draft posts nothing: it is the site's business.
    if (text.trim() === '') return;
    const item = itemOf(editor);
    const attempt: PostAttempt = { editor, text, item, replyToUnidentified: !item && (answersUnidentified?.(editor) ?? false), findings: [] };
    if (gate.attempt(attempt, isModeratorAction(event), post) === 'hold') {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };

  const clickButton = (button: HTMLElement) => () => button.click();
  const pressEnter = (editor: HTMLElement) => () => {
    editor.focus();
    const enter = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, composed: true });
    // Draft.js-style handlers read keyCode, which the constructor cannot set.
    Object.defineProperty(enter, 'keyCode', { value: 13 });
    Object.defineProperty(enter, 'which', { value: 13 });
    editor.dispatchEvent(enter);
  };

  target.addEventListener(
    'click',
    (event) => {
      if (isReplayingModeratorAction() || !(event.target instanceof Element)) return;
      const button = site.postButtonAt(event.target);
      // A disabled button posts nothing (X keeps it disabled until the editor's state has text).
      if (!button || button.getAttribute('aria-disabled') === 'true' || button.hasAttribute('disabled')) return;
      const editor = composerForButton(site, button);
      if (editor) decide(event, editor, clickButton(button));
    },
    { capture: true, signal },
  );

  target.addEventListener(
    'keydown',
    (event) => {
      if (isReplayingModeratorAction() || !isPostKey(platform, event)) return;
      const editor = composerOf(site, event.target);
      if (!editor) return;
      if (platform === 'facebook') {
        decide(event, editor, pressEnter(editor));
        return;
      }
      const button = site.postButtonOf(editor);
      // X posts from the keyboard what its button would; with no button in reach nothing is posted.
      decide(event, editor, button ? clickButton(button) : () => undefined);
    },
    { capture: true, signal },
  );
}

let shared: PostGate | null = null;

/** The page's one post gate, listening from its first use until the content script goes. */
export function postGate(platform: Platform, ctx: ContentScriptContext): PostGate {
  if (!shared) {
    const gate = new PostGate();
    const targets = commentTargets(platform, ctx);
    const listening = new AbortController();
    listenForPosts(gate, {
      platform: platform.id,
      itemOf: (editor) => targets.targetOf(editor),
      answersUnidentified: (editor) => targets.answersUnidentified(editor),
      target: window,
      signal: listening.signal,
    });
    shared = gate;
    ctx.onInvalidated(() => {
      listening.abort();
      if (shared === gate) shared = null;
    });
  }
  return shared;
}
