import { describe, expect, it } from 'vitest';
import { readEditorText } from '../../../lib/editor/dom';
import { rangeFor, textNodeOffsets } from '../../../lib/guard/highlight';

function editor(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root.firstElementChild as HTMLElement;
}

describe('mapping findings back to the editor text', () => {
  it('Draft.js: ranges across blocks and leaves match the text the findings were computed on', () => {
    const draft = editor(`<div contenteditable="true" class="public-DraftEditor-content"><div data-contents="true"><div data-block="true"><span><span data-text="true">Your Aadhaar </span></span><span><span data-text="true">2345 6789</span></span></div><div data-block="true"><span><span data-text="true"> 0124 is linked</span></span></div></div></div>`);
    const { text } = readEditorText(draft);
    expect(text).toBe('Your Aadhaar 2345 6789\n 0124 is linked');
    const start = text.indexOf('2345');
    const end = text.indexOf(' is linked');
    const range = rangeFor(document, textNodeOffsets(draft), start, end)!;
    // The DOM has no "\n" between blocks; the range spans the same characters otherwise.
    expect(range.toString()).toBe('2345 6789 0124');
  });

  it('Lexical: a match inside one text node', () => {
    const lexical = editor(`<div contenteditable="true" data-lexical-editor="true"><p dir="auto"><span data-lexical-text="true">आपका आधार नंबर 234567890124 है</span></p></div>`);
    const { text } = readEditorText(lexical);
    const start = text.indexOf('2345');
    expect(rangeFor(document, textNodeOffsets(lexical), start, start + 12)?.toString()).toBe('234567890124');
  });

  it('no range when the text is no longer there', () => {
    const lexical = editor(`<div contenteditable="true" data-lexical-editor="true"><p><span>short</span></p></div>`);
    expect(rangeFor(document, textNodeOffsets(lexical), 3, 40)).toBeNull();
    expect(rangeFor(document, textNodeOffsets(lexical), 2, 2)).toBeNull();
  });
});
