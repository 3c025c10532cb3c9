import type { CommentItem, PlatformId } from '../contract/item';

export type Extraction =
  | { ok: true; item: CommentItem }
  /** Not decorated: promoted, a quote inside another tweet, or no id could be found. */
  | { ok: false; reason: 'promoted' | 'nested' | 'no-id' | 'no-time' | 'invalid' };

/** Where a comment's toolbar goes: inserted into `parent` before `before` (null: appended). */
export interface ToolbarSlot {
  parent: Element;
  before: Node | null;
}

/** What the extension knows about one site. One adapter per site, selectors in its selectors.ts. */
export interface Platform {
  id: PlatformId;
  /** Matches every element that may be a comment; `extract` decides. */
  commentSelector: string;
  extract(element: Element): Extraction;
  toolbarSlot(element: Element): ToolbarSlot;
}
