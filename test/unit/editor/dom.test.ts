import { afterEach, describe, expect, it } from 'vitest';
import { appendedText, editableRoot, editorKind, endPoint, readEditorText, shortcutBeforeCaret } from '../../../lib/editor/dom';

function mount(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}

function caretAt(node: Node, offset: number) {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

// What draft-js 0.11.7 renders for "Dear सर,", an empty line and "धन्यवाद".
const draftHtml = `
<div class="notranslate public-DraftEditor-content" contenteditable="true" role="textbox" data-testid="tweetTextarea_0"><div data-contents="true">
  <div data-block="true" data-offset-key="a-0-0"><div data-offset-key="a-0-0"><span data-offset-key="a-0-0"><span data-text="true">Dear </span></span><span data-offset-key="a-0-1"><span data-text="true">सर,</span></span></div></div>
  <div data-block="true" data-offset-key="b-0-0"><div data-offset-key="b-0-0"><span data-offset-key="b-0-0"><br data-text="true"></span></div></div>
  <div data-block="true" data-offset-key="c-0-0"><div data-offset-key="c-0-0"><span data-offset-key="c-0-0"><span data-text="true">धन्यवाद</span></span></div></div>
</div></div>`;

// What lexical 0.52 (plain text) renders for "a", a line break, "b /ack" and a trailing line break.
const lexicalHtml = `
<div contenteditable="true" role="textbox" data-lexical-editor="true"><p dir="auto"><span data-lexical-text="true">a</span><br><span data-lexical-text="true">b /ack</span><br><br data-lexical-managed-linebreak="true"></p></div>`;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('editor DOM', () => {
  it('tells the editors apart and finds the composer from inside it', () => {
    const draft = mount(draftHtml);
    expect(editorKind(draft)).toBe('draft');
    expect(editableRoot(draft.querySelector('[data-text]'))).toBe(draft);
    expect(editorKind(mount(lexicalHtml))).toBe('lexical');
    expect(editorKind(mount('<textarea></textarea>'))).toBe('textarea');
    expect(editorKind(mount('<div contenteditable="true"></div>'))).toBe('contenteditable');
    expect(editableRoot(mount('<div><span>not editable</span></div>'))).toBeNull();
  });

  it('reads Draft.js text with one line per block, empty lines kept', () => {
    expect(readEditorText(mount(draftHtml)).text).toBe('Dear सर,\n\nधन्यवाद');
  });

  it('reads Lexical text without the break Lexical adds to keep the last line open', () => {
    expect(readEditorText(mount(lexicalHtml)).text).toBe('a\nb /ack\n');
  });

  it('puts the end caret after the last character, even after a trailing line break', () => {
    const draft = mount(draftHtml);
    const draftEnd = endPoint(draft);
    expect(draftEnd.node.textContent).toBe('धन्यवाद');
    expect(draftEnd.offset).toBe('धन्यवाद'.length);
    const lexical = mount(lexicalHtml);
    const lexicalEnd = endPoint(lexical);
    // After span, br, span, br: before the managed break only.
    expect(lexicalEnd).toEqual({ node: lexical.querySelector('p'), offset: 4 });
  });

  it('finds a shortcut typed just before the caret, with its place in the text', () => {
    const lexical = mount(lexicalHtml);
    const text = lexical.querySelectorAll('span')[1]!.firstChild as Text;
    caretAt(text, text.length);
    expect(shortcutBeforeCaret(lexical)).toBe('/ack');
    expect(readEditorText(lexical, { node: text, offset: text.length }).markIndex).toBe('a\nb /ack'.length);
    caretAt(text, 1);
    expect(shortcutBeforeCaret(lexical)).toBeNull();
  });

  it('does not take a slash inside a word or a URL for a shortcut', () => {
    const textarea = mount('<textarea></textarea>') as HTMLTextAreaElement;
    for (const [value, expected] of [
      ['/ack', '/ack'],
      ['please /fwd', '/fwd'],
      ['and/or', null],
      ['https://x.com/ack', null],
      ['/ACK', null],
    ] as const) {
      textarea.value = value;
      textarea.setSelectionRange(value.length, value.length);
      expect(shortcutBeforeCaret(textarea), value).toBe(expected);
    }
  });

  it('separates an appended reply from a word with a space, not from whitespace', () => {
    expect(appendedText('', 'Reply')).toBe('Reply');
    expect(appendedText('Hello', 'Reply')).toBe(' Reply');
    expect(appendedText('@ramesh ', 'Reply')).toBe('Reply');
    expect(appendedText('Line\n', 'Reply')).toBe('Reply');
  });
});
