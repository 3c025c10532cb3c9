/**
 * The second way into a non-empty Draft.js editor, for when a synthetic paste did not take:
 * `execCommand('insertText')` at a collapsed caret inside existing text, which Draft.js picks up from
 * the DOM. Two things break Draft.js and must be avoided: text with line breaks (the browser makes
 * its own blocks) and inserting into an empty block (the text doubles and React throws). So the
 * lines go in joined, as one insertion into the current line, and the line breaks are made afterwards,
 * right to left, by Enter keydowns at the right offsets, which Draft.js turns into block splits.
 */

function leafTexts(block: Element): Text[] {
  const texts: Text[] = [];
  block.querySelectorAll('[data-text="true"]').forEach((leaf) => {
    for (const child of leaf.childNodes) if (child instanceof Text) texts.push(child);
  });
  return texts;
}

/** The text node and offset at `offset` characters into a Draft.js block. */
function pointInBlock(block: Element, offset: number): { node: Text; offset: number } | null {
  let remaining = offset;
  const texts = leafTexts(block);
  for (const [index, text] of texts.entries()) {
    // At a leaf boundary prefer the end of the earlier leaf, except for offset 0 of the first.
    if (remaining <= text.length && (remaining > 0 || index === 0)) return { node: text, offset: remaining };
    remaining -= text.length;
  }
  return null;
}

function enterKeydown(editor: HTMLElement): void {
  const event = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true });
  // Draft.js reads the legacy keyCode/which, which synthetic events leave at 0.
  Object.defineProperty(event, 'keyCode', { get: () => 13 });
  Object.defineProperty(event, 'which', { get: () => 13 });
  editor.dispatchEvent(event);
}

function collapseAt(editor: HTMLElement, point: { node: Node; offset: number }): void {
  const selection = editor.ownerDocument.getSelection();
  if (!selection) return;
  const range = editor.ownerDocument.createRange();
  range.setStart(point.node, point.offset);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Appends `text` at the end of the last block of a Draft.js editor whose last block is not empty.
 * Returns false when that precondition does not hold (nothing is done then).
 */
export async function typeIntoDraft(editor: HTMLElement, text: string, settle: () => Promise<void>): Promise<boolean> {
  const blocks = () => editor.querySelectorAll('[data-block="true"]');
  const lastBlock = blocks()[blocks().length - 1];
  if (!lastBlock) return false;
  const texts = leafTexts(lastBlock);
  const lastText = texts[texts.length - 1];
  if (!lastText || lastText.length === 0) return false;
  const blockIndex = blocks().length - 1;
  const start = texts.reduce((sum, t) => sum + t.length, 0);

  const lines = text.split('\n');
  const joined = lines.join('');
  if (joined !== '') {
    collapseAt(editor, { node: lastText, offset: lastText.length });
    await settle();
    editor.ownerDocument.execCommand('insertText', false, joined);
    await settle();
  }
  // Offsets (in the original last block) where each line break goes, handled from the last one.
  const breaks: number[] = [];
  let offset = start;
  for (const line of lines.slice(0, -1)) {
    offset += line.length;
    breaks.push(offset);
  }
  for (const at of breaks.reverse()) {
    const block = blocks()[blockIndex];
    const point = block ? pointInBlock(block, at) : null;
    if (!point) return false;
    collapseAt(editor, point);
    await settle();
    enterKeydown(editor);
    await settle();
  }
  return true;
}
