import { appendedText, caretTextPoint, editorKind, endPoint, readEditorText, shortcutBeforeCaret, startPoint, type EditableElement } from './dom';
import { typeIntoDraft } from './draft';
import type { InsertMethod, InsertRequest, InsertResult } from './protocol';

/**
 * Writes text into a site's composer so that the EDITOR'S STATE changes, not just its DOM
 * (/work/shared/notes/platforms.md, "Writing into the editors"):
 * focus, put the caret at the end (or select the typed shortcut), wait a tick, dispatch a synthetic
 * `paste` carrying the text; then check the editor's text (and, on X, that the post button woke up).
 * If the text is missing or doubled, put the editor back to the expected text by a second method:
 * `execCommand('insertText')` for a non-empty Draft.js (on an empty one it doubles the text and
 * unmounts the app), `beforeinput` insertReplacementText for Lexical. A `<textarea>` (mobile X) takes
 * the native value setter and an `input` event, which React's onChange sees.
 *
 * Runs in the page's world where possible: Firefox drops clipboard data on events dispatched from a
 * content script's isolated world.
 */

/** Lets the editor handle what just happened: the selectionchange task, React's re-render, Lexical's commit. */
function settle(view: Window): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      view.setTimeout(resolve, 0);
    };
    view.requestAnimationFrame(finish);
    // Hidden tabs get no animation frames.
    view.setTimeout(finish, 50);
  });
}

function select(editor: EditableElement, start: { node: Node; offset: number }, end = start): void {
  const selection = editor.ownerDocument.getSelection();
  if (!selection) return;
  const range = editor.ownerDocument.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  selection.removeAllRanges();
  selection.addRange(range);
}

/** Selects all the editor holds, from its first to its last text point: a range on the editor
 *  element itself makes the browser delete Draft.js's own wrappers. */
function selectAll(editor: EditableElement): void {
  select(editor, startPoint(editor), endPoint(editor));
}

function dataTransferWith(text: string): DataTransfer {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  return data;
}

function paste(editor: EditableElement, text: string): void {
  const clipboardData = dataTransferWith(text);
  const event = new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true, composed: true });
  // Firefox hands a synthetic paste an empty clipboardData, even in the page's world (Draft.js then pastes
  // nothing); the editors read it off the event, so the event carries ours as its own property.
  if (event.clipboardData?.getData('text/plain') !== text) Object.defineProperty(event, 'clipboardData', { value: clipboardData });
  editor.dispatchEvent(event);
}

function replacementInput(editor: EditableElement, text: string): void {
  editor.dispatchEvent(
    new InputEvent('beforeinput', {
      inputType: 'insertReplacementText',
      data: text,
      dataTransfer: dataTransferWith(text),
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
}

function execInsertText(editor: EditableElement, text: string): void {
  // Deprecated but still the only way to go through the browser's own editing pipeline.
  editor.ownerDocument.execCommand('insertText', false, text);
}

function setTextareaValue(textarea: HTMLTextAreaElement, value: string, caret: number): void {
  // React tracks the value it last set; going through the prototype's setter makes it see a change.
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
  if (setter) setter.call(textarea, value);
  else textarea.value = value;
  textarea.setSelectionRange(caret, caret);
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The post button of the composer (X), found by walking up to the nearest ancestor that has one. */
function submitButton(editor: EditableElement, selector: string): Element | null {
  for (let node: Element | null = editor.parentElement; node; node = node.parentElement) {
    const button = node.querySelector(selector);
    if (button) return button;
  }
  return null;
}

function submitEnabled(button: Element): boolean {
  return !(button as HTMLButtonElement).disabled && button.getAttribute('aria-disabled') !== 'true';
}

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta']);

/**
 * Watches for the next key or pointer press and notes whether the insertion had taken at that moment
 * (capture phase, before the site's handlers see it). A quick moderator posts as soon as the reply shows,
 * before the check after `settle`: the composer is empty by then, and putting the reply back in would
 * leave it there after it was posted. Synthetic presses count too: the guideline guard holds the
 * moderator's own Enter back while it checks the draft, then posts with a synthetic one.
 */
function watchTakeover(view: Window, took: () => boolean) {
  let tookAtTakeover: boolean | null = null;
  const onPress = (event: Event) => {
    // Ctrl or Shift alone is the start of a chord (Ctrl+Enter posts on X), not yet an action.
    if (event instanceof KeyboardEvent && MODIFIER_KEYS.has(event.key)) return;
    if (tookAtTakeover === null) tookAtTakeover = took();
  };
  const types = ['keydown', 'pointerdown'] as const;
  for (const type of types) view.addEventListener(type, onPress, { capture: true });
  return {
    /** null until the moderator acts; then whether the editor held the reply when they did. */
    tookAtTakeover: () => tookAtTakeover,
    stop: () => {
      for (const type of types) view.removeEventListener(type, onPress, { capture: true });
    },
  };
}

const normalise = (text: string) => text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');

export async function insertIntoEditor(editor: EditableElement, request: InsertRequest): Promise<InsertResult> {
  const view = editor.ownerDocument.defaultView;
  const text = normalise(request.text);
  const result = (ok: boolean, method: InsertMethod | null, attempts: number, expected: string, reason?: InsertResult['reason']): InsertResult => ({
    id: request.id,
    ok,
    method,
    attempts,
    text: readEditorText(editor).text,
    expected,
    ...(reason ? { reason } : {}),
  });
  if (!view || !editor.isConnected) return result(false, null, 0, '', 'not-editable');
  const kind = editorKind(editor);

  if (editor instanceof HTMLTextAreaElement) {
    editor.focus();
    const value = editor.value;
    let start = value.length;
    let end = value.length;
    let insertion = appendedText(value, text);
    if (request.mode === 'replace-shortcut') {
      const caret = editor.selectionStart;
      if (editor.selectionEnd !== caret || shortcutBeforeCaret(editor) !== request.shortcut) {
        return result(false, null, 0, value, 'shortcut-not-found');
      }
      start = caret - request.shortcut.length;
      end = caret;
      insertion = text;
    }
    const expected = value.slice(0, start) + insertion + value.slice(end);
    setTextareaValue(editor, expected, start + insertion.length);
    await settle(view);
    return editor.value === expected ? result(true, 'value-setter', 1, expected) : result(false, 'value-setter', 1, expected, 'mismatch');
  }

  editor.focus();
  await settle(view);
  const before = normalise(readEditorText(editor).text);
  let expected: string;
  let insertion: string;
  if (request.mode === 'replace-shortcut') {
    const caret = caretTextPoint(editor);
    if (!caret || shortcutBeforeCaret(editor) !== request.shortcut) return result(false, null, 0, before, 'shortcut-not-found');
    const { markIndex } = readEditorText(editor, caret);
    if (markIndex === null) return result(false, null, 0, before, 'shortcut-not-found');
    const start = markIndex - request.shortcut.length;
    expected = before.slice(0, start) + text + before.slice(markIndex);
    insertion = text;
    select(editor, { node: caret.node, offset: caret.offset - request.shortcut.length }, caret);
  } else {
    insertion = appendedText(before, text);
    expected = before + insertion;
    select(editor, endPoint(editor));
  }
  await settle(view);

  const took = () => {
    if (normalise(readEditorText(editor).text) !== expected) return false;
    if (!request.submitSelector) return true;
    const button = submitButton(editor, request.submitSelector);
    return button === null || submitEnabled(button) || expected.trim() === '';
  };
  const verdict = (ok: boolean, method: InsertMethod, attempts: number) =>
    ok ? result(true, method, attempts, expected) : result(false, method, attempts, expected, 'mismatch');
  const takeover = watchTakeover(view, took);
  paste(editor, insertion);
  await settle(view);
  takeover.stop();
  const tookAtTakeover = takeover.tookAtTakeover();
  // Once the moderator has acted (typed on, posted), the composer is theirs: no second method.
  if (tookAtTakeover !== null) return verdict(tookAtTakeover, 'paste', 1);
  if (took()) return verdict(true, 'paste', 1);

  // Missing, doubled or half-applied: make the editor hold exactly `expected` by another method.
  const current = normalise(readEditorText(editor).text);
  let method: InsertMethod;
  if (kind === 'lexical') {
    method = 'beforeinput';
    selectAll(editor);
    await settle(view);
    replacementInput(editor, expected);
  } else if (kind === 'draft' && request.mode === 'append' && before !== '' && current === before) {
    method = 'execCommand';
    await typeIntoDraft(editor, expected.slice(before.length), () => settle(view));
  } else if (kind === 'draft') {
    // Doubled or half-applied, an empty editor (where execCommand doubles the text and crashes the
    // app), or a shortcut still in place: Draft.js replaces a selection in its own state only on
    // paste (the browser's own editing deletes Draft.js's wrappers), so select everything afresh and
    // paste the whole expected text over it.
    method = 'paste';
    editor.focus();
    selectAll(editor);
    await settle(view);
    paste(editor, expected);
  } else {
    method = 'execCommand';
    selectAll(editor);
    await settle(view);
    execInsertText(editor, expected);
  }
  await settle(view);
  return verdict(took(), method, 2);
}
