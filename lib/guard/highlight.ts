import { readEditorText, type EditableElement } from '../editor/dom';
import type { GuardFinding } from './protocol';

import { createShadowHost } from '../dom/shadow-host';

/**
 * The findings' marks, drawn as boxes over the composer's text inside a closed shadow root. Not the CSS
 * Custom Highlight API: its registry (`CSS.highlights`) is the document's, so the site's scripts could
 * read which words of the draft our guidelines flag, and how severely.
 */
const HIGHLIGHT_CSS = `
:host { all: initial; position: fixed; inset: 0; pointer-events: none; z-index: 2147482999; contain: strict; }
.mark { position: absolute; pointer-events: none; border-radius: 2px; }
.mark[data-highlight="warn"] { background-color: rgba(245, 158, 11, 0.28); box-shadow: inset 0 -2px #d97706; }
.mark[data-highlight="block"] { background-color: rgba(220, 38, 38, 0.28); box-shadow: inset 0 -2px #dc2626; }
`;

export const HIGHLIGHTS_TAG = 'samvad-highlights';

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

type Severity = 'warn' | 'block';

/**
 * Marks the findings' text in the composers without touching the editors' DOM (Lexical and Draft.js own
 * it): live ranges over the text, redrawn as boxes when the page scrolls, resizes or the draft changes.
 */
export class HighlightPainter {
  readonly #ranges = new Map<Element, Array<{ range: Range; severity: Severity }>>();
  #overlay: { host: HTMLElement; mount: HTMLElement } | null = null;
  #frame = 0;
  readonly #schedule = () => {
    if (this.#frame || !this.#ranges.size) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#paint();
    });
  };

  constructor(private readonly doc: Document) {
    const view = doc.defaultView!;
    view.addEventListener('scroll', this.#schedule, { capture: true, passive: true });
    view.addEventListener('resize', this.#schedule, { passive: true });
    // Typing moves the text before the next check's findings arrive: the live ranges follow it.
    doc.addEventListener('input', this.#schedule, true);
  }

  show(editor: EditableElement, findings: readonly GuardFinding[]): void {
    const drawn = findings.filter((finding) => finding.scope === 'draft' && finding.end > finding.start);
    if (!drawn.length) {
      this.clear(editor);
      return;
    }
    const offsets = textNodeOffsets(editor);
    const ranges: Array<{ range: Range; severity: Severity }> = [];
    for (const finding of drawn) {
      const range = rangeFor(this.doc, offsets, finding.start, finding.end);
      if (range) ranges.push({ range, severity: finding.severity === 'block' ? 'block' : 'warn' });
    }
    this.#ranges.set(editor, ranges);
    this.#paint();
  }

  clear(editor: Element): void {
    if (this.#ranges.delete(editor)) this.#paint();
  }

  #paint(): void {
    if (!this.#ranges.size) {
      this.#overlay?.mount.replaceChildren();
      return;
    }
    if (!this.#overlay) {
      this.#overlay = createShadowHost(HIGHLIGHTS_TAG, HIGHLIGHT_CSS, this.doc);
      this.#overlay.host.setAttribute('aria-hidden', 'true');
    }
    const { host, mount } = this.#overlay;
    if (!host.isConnected) this.doc.documentElement.append(host);
    const marks: HTMLElement[] = [];
    for (const [editor, ranges] of this.#ranges) {
      if (!editor.isConnected) continue;
      for (const { range, severity } of ranges) {
        for (const rect of range.getClientRects()) {
          if (!rect.width || !rect.height) continue;
          const mark = this.doc.createElement('div');
          mark.className = 'mark';
          mark.dataset.highlight = severity;
          mark.style.cssText = `left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px`;
          marks.push(mark);
        }
      }
    }
    mount.replaceChildren(...marks);
  }

  dispose(): void {
    this.#ranges.clear();
    cancelAnimationFrame(this.#frame);
    const view = this.doc.defaultView!;
    view.removeEventListener('scroll', this.#schedule, { capture: true });
    view.removeEventListener('resize', this.#schedule);
    this.doc.removeEventListener('input', this.#schedule, true);
    this.#overlay?.host.remove();
    this.#overlay = null;
  }
}
