/**
 * What the extension can learn about a site's composer from its DOM, in either world: which editor
 * it is, its text as the editor models it, and where a caret goes. Draft.js and Lexical render their
 * state faithfully, so reading the DOM right after they re-render tells what their state holds.
 */

export type EditorKind = 'draft' | 'lexical' | 'textarea' | 'contenteditable';

export type EditableElement = HTMLElement;

/** The composer an element belongs to: its contenteditable root or the `<textarea>` itself. */
export function editableRoot(element: Element | null): EditableElement | null {
  if (!element) return null;
  if (element instanceof HTMLTextAreaElement) return element;
  const root = element.closest<HTMLElement>('[contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]');
  if (!root) return null;
  // Nested contenteditables: the outermost one is the editor.
  let outer = root;
  for (let parent = root.parentElement?.closest<HTMLElement>('[contenteditable="true"]'); parent; parent = parent.parentElement?.closest<HTMLElement>('[contenteditable="true"]') ?? null) {
    outer = parent;
  }
  return outer;
}

export function editorKind(editor: EditableElement): EditorKind {
  if (editor instanceof HTMLTextAreaElement) return 'textarea';
  if (editor.dataset.lexicalEditor === 'true') return 'lexical';
  if (editor.classList.contains('public-DraftEditor-content') || editor.querySelector('[data-contents="true"]')) return 'draft';
  return 'contenteditable';
}

/** A point in the editor's text: a text node and an offset in it. */
export interface TextPoint {
  node: Text;
  offset: number;
}

export interface EditorText {
  text: string;
  /** Where `mark` falls in `text`, when a mark was given and found. */
  markIndex: number | null;
}

function isManagedLexicalBreak(node: Node): boolean {
  return node instanceof Element && node.getAttribute('data-lexical-managed-linebreak') === 'true';
}

/**
 * The editor's text with blocks joined by "\n":
 * - Draft.js: one `[data-block]` per line, its text in `[data-text="true"]` leaves;
 * - Lexical: one element per block, `<br>` for a line break except the one Lexical adds to keep an
 *   empty or break-ended line open (`data-lexical-managed-linebreak`);
 * - `<textarea>`: its value; other contenteditables: text with `<br>` and block elements as breaks.
 */
export function readEditorText(editor: EditableElement, mark?: TextPoint): EditorText {
  if (editor instanceof HTMLTextAreaElement) return { text: editor.value, markIndex: null };
  let text = '';
  let markIndex: number | null = null;
  const addText = (node: Text) => {
    if (mark && node === mark.node) markIndex = text.length + mark.offset;
    text += node.data;
  };
  const kind = editorKind(editor);
  if (kind === 'draft') {
    editor.querySelectorAll('[data-block="true"]').forEach((block, index) => {
      if (index > 0) text += '\n';
      block.querySelectorAll('[data-text="true"]').forEach((leaf) => {
        for (const child of leaf.childNodes) if (child instanceof Text) addText(child);
      });
    });
  } else if (kind === 'lexical') {
    const walk = (node: Node) => {
      for (const child of node.childNodes) {
        if (child instanceof Text) addText(child);
        else if (child instanceof HTMLBRElement) {
          if (!isManagedLexicalBreak(child)) text += '\n';
        } else if (child instanceof Element && !isManagedLexicalBreak(child)) walk(child);
      }
    };
    Array.from(editor.children).forEach((block, index) => {
      if (index > 0) text += '\n';
      walk(block);
    });
  } else {
    const blocks = /^(DIV|P|LI|H[1-6]|BLOCKQUOTE|PRE)$/;
    const walk = (node: Node) => {
      for (const child of node.childNodes) {
        if (child instanceof Text) addText(child);
        else if (child instanceof HTMLBRElement) text += '\n';
        else if (child instanceof Element) {
          if (blocks.test(child.tagName) && text !== '' && !text.endsWith('\n')) text += '\n';
          walk(child);
        }
      }
    };
    walk(editor);
  }
  return { text, markIndex };
}

/** The DOM point a caret goes to for "after everything the editor holds". */
export function endPoint(editor: EditableElement): { node: Node; offset: number } {
  const kind = editorKind(editor);
  const lastText = (scope: Element, filter: (t: Text) => boolean = () => true): Text | null => {
    const walker = editor.ownerDocument.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (filter(node as Text)) last = node as Text;
    return last;
  };
  if (kind === 'draft') {
    const blocks = editor.querySelectorAll('[data-block="true"]');
    const block = blocks[blocks.length - 1];
    if (!block) return { node: editor, offset: editor.childNodes.length };
    const text = lastText(block, (t) => t.parentElement?.closest('[data-text="true"]') !== null);
    if (text) return { node: text, offset: text.length };
    // An empty line: Draft renders `<span data-offset-key><br data-text="true"></span>`.
    const leaf = block.querySelector('[data-text="true"]')?.parentElement ?? block;
    return { node: leaf, offset: 0 };
  }
  if (kind === 'lexical') {
    const block = editor.lastElementChild;
    if (!block) return { node: editor, offset: 0 };
    const children = Array.from(block.childNodes).filter((child) => !isManagedLexicalBreak(child));
    const last = children[children.length - 1];
    if (last && !(last instanceof HTMLBRElement)) {
      const text = last instanceof Text ? last : lastText(last as Element);
      if (text) return { node: text, offset: text.length };
    }
    return { node: block, offset: children.length };
  }
  const text = lastText(editor);
  return text ? { node: text, offset: text.length } : { node: editor, offset: editor.childNodes.length };
}

/** The DOM point before everything the editor holds (the start of a "select all" it understands). */
export function startPoint(editor: EditableElement): { node: Node; offset: number } {
  const kind = editorKind(editor);
  const scope = kind === 'draft' ? editor.querySelector('[data-block="true"]') : kind === 'lexical' ? editor.firstElementChild : editor;
  if (!scope) return { node: editor, offset: 0 };
  if (kind === 'draft') {
    const leaf = scope.querySelector('[data-text="true"]');
    const text = leaf?.firstChild;
    if (text instanceof Text) return { node: text, offset: 0 };
    return { node: leaf?.parentElement ?? scope, offset: 0 };
  }
  const walker = editor.ownerDocument.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode();
  return first ? { node: first, offset: 0 } : { node: scope, offset: 0 };
}

/** The caret, when it is a collapsed point in a text node inside `editor`. */
export function caretTextPoint(editor: EditableElement): TextPoint | null {
  const selection = editor.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return null;
  const { focusNode, focusOffset } = selection;
  if (!(focusNode instanceof Text) || !editor.contains(focusNode)) return null;
  return { node: focusNode, offset: focusOffset };
}

/** The shortcut word (e.g. `/ack`) just before the caret, if the caret follows one. */
export function shortcutBeforeCaret(editor: EditableElement): string | null {
  if (editor instanceof HTMLTextAreaElement) {
    if (editor.selectionStart !== editor.selectionEnd) return null;
    return matchShortcut(editor.value.slice(0, editor.selectionStart));
  }
  const caret = caretTextPoint(editor);
  return caret ? matchShortcut(caret.node.data.slice(0, caret.offset)) : null;
}

function matchShortcut(before: string): string | null {
  return /(?:^|\s)(\/[a-z0-9][a-z0-9-]*)$/.exec(before)?.[1] ?? null;
}

/** Text to insert at the end of a composer holding `current`: a space first if it would otherwise run on. */
export function appendedText(current: string, insertion: string): string {
  return current === '' || /\s$/.test(current) ? insertion : ` ${insertion}`;
}
