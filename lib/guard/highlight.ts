import { readEditorText, type EditableElement } from '../editor/dom';
import type { GuardFinding } from './protocol';

export const HIGHLIGHT_WARN = 'samvad-warn';
export const HIGHLIGHT_BLOCK = 'samvad-block';

/** The page-level style for the highlights: `::highlight()` applies to the document's text, so it cannot live in a shadow root. */
const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_WARN}) { background-color: rgba(245, 158, 11, 0.28); text-decoration: underline wavy #d97706; }
::highlight(${HIGHLIGHT_BLOCK}) { background-color: rgba(220, 38, 38, 0.28); text-decoration: underline wavy #dc2626; }
`;

export interface TextNodeOffset {
  node: Text;
  /** Where the node's text starts in the editor's text (as readEditorText joins it). */
  start: number;
}

/**
 * The text nodes the editor's text is made of, with their offsets in it. It asks readEditorText where
 * each node starts, so the findings' indices (computed on that same text) map back exactly, whatever
 * the editor's block structure. Quadratic in the number of text nodes, which drafts keep small.
 */
export function textNodeOffsets(editor: EditableElement): TextNodeOffset[] {
  if (editor instanceof HTMLTextAreaElement) return [];
  const offsets: TextNodeOffset[] = [];
  const walker = editor.ownerDocument.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const { markIndex } = readEditorText(editor, { node: text, offset: 0 });
    if (markIndex !== null) offsets.push({ node: text, start: markIndex });
  }
  return offsets;
}

function pointAt(offsets: readonly TextNodeOffset[], index: number, edge: 'start' | 'end'): { node: Text; offset: number } | null {
  for (const { node, start } of offsets) {
    const end = start + node.length;
    // A start at a node boundary belongs to the next node, an end to the previous one.
    const inside = edge === 'start' ? index >= start && index < end : index > start && index <= end;
    if (inside) return { node, offset: index - start };
  }
  return null;
}

/** A DOM range over `start`–`end` of the editor's text, or null when the text is no longer there. */
export function rangeFor(doc: Document, offsets: readonly TextNodeOffset[], start: number, end: number): Range | null {
  if (end <= start) return null;
  const from = pointAt(offsets, start, 'start');
  const to = pointAt(offsets, end, 'end');
  if (!from || !to) return null;
  const range = doc.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Marks the findings' text in the composers with the CSS Custom Highlight API, which never touches
 * the editors' DOM (Lexical and Draft.js own it). Where the API is missing, nothing is drawn: the
 * panel still lists every finding.
 */
export class HighlightPainter {
  readonly #ranges = new Map<Element, { warn: Range[]; block: Range[] }>();
  #supported = highlightsSupported();
  #styled = false;

  constructor(private readonly doc: Document) {}

  show(editor: EditableElement, findings: readonly GuardFinding[]): void {
    if (!this.#supported) return;
    const drawn = findings.filter((finding) => finding.scope === 'draft' && finding.end > finding.start);
    if (!drawn.length) {
      this.clear(editor);
      return;
    }
    const offsets = textNodeOffsets(editor);
    const ranges = { warn: [] as Range[], block: [] as Range[] };
    for (const finding of drawn) {
      const range = rangeFor(this.doc, offsets, finding.start, finding.end);
      if (range) (finding.severity === 'block' ? ranges.block : ranges.warn).push(range);
    }
    this.#ranges.set(editor, ranges);
    this.#paint();
  }

  clear(editor: Element): void {
    if (this.#ranges.delete(editor)) this.#paint();
  }

  #paint(): void {
    try {
      this.#paintHighlights();
    } catch (error) {
      // E.g. a browser whose content-script world cannot hand ranges to the page's registry: draw nothing.
      console.debug('[samvad] highlights unavailable', error);
      this.#supported = false;
    }
  }

  #paintHighlights(): void {
    if (!this.#styled) {
      const style = this.doc.createElement('style');
      style.dataset.samvadGuard = '';
      style.textContent = HIGHLIGHT_CSS;
      (this.doc.head ?? this.doc.documentElement).append(style);
      this.#styled = true;
    }
    const all = [...this.#ranges.values()];
    for (const [name, ranges] of [
      [HIGHLIGHT_WARN, all.flatMap((r) => r.warn)],
      [HIGHLIGHT_BLOCK, all.flatMap((r) => r.block)],
    ] as const) {
      if (ranges.length) CSS.highlights.set(name, new Highlight(...ranges));
      else CSS.highlights.delete(name);
    }
  }

  dispose(): void {
    this.#ranges.clear();
    if (this.#supported) {
      CSS.highlights.delete(HIGHLIGHT_WARN);
      CSS.highlights.delete(HIGHLIGHT_BLOCK);
    }
  }
}
