import { editableRoot, shortcutBeforeCaret, type EditableElement } from './dom';
import { insertText } from './client';
import type { InsertResult } from './protocol';

export interface ShortcutExpansionOptions {
  /**
   * The text a shortcut typed in this composer stands for (a rendered canned reply), or null when it
   * is not one of ours: Tab then does what it always does. Synchronous, because whether Tab is
   * claimed must be decided inside the keydown.
   */
  expand(shortcut: string, editor: EditableElement): string | null;
  /** The composer's post button (X), checked after inserting. */
  submitSelector?: string;
  onResult?(result: InsertResult, shortcut: string, editor: EditableElement): void;
}

/**
 * Typing a reply's shortcut (e.g. `/ack`) in any composer and pressing Tab replaces the shortcut with
 * the reply, through the same insertion as the picker. Listens on the window in the capture phase, so
 * it runs before the editor's own handlers. Returns a function that removes the listener.
 */
export function installShortcutExpansion(view: Window, options: ShortcutExpansionOptions): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    // Only the moderator's own Tab: the site's scripts can type a shortcut and dispatch a Tab, which
    // would put a canned reply (filled with internal details) into the composer and record its use.
    if (!event.isTrusted) return;
    if (event.key !== 'Tab' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    const editor = editableRoot(event.target instanceof Element ? event.target : null);
    if (!editor) return;
    const shortcut = shortcutBeforeCaret(editor);
    if (!shortcut) return;
    const text = options.expand(shortcut, editor);
    if (text === null) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    void insertText(editor, { mode: 'replace-shortcut', shortcut, text, ...(options.submitSelector ? { submitSelector: options.submitSelector } : {}) }).then(
      (result) => options.onResult?.(result, shortcut, editor),
    );
  };
  view.addEventListener('keydown', onKeyDown, true);
  return () => view.removeEventListener('keydown', onKeyDown, true);
}
