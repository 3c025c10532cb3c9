import { isPlausibleItem, type CommentItem, type PlatformId } from '../contract/item';
import type { WorkReason } from '../contract/triage';

/**
 * Not decorated: promoted, a quote inside another tweet, no id could be found, the comment's links name
 * different comments (`ambiguous`: never guess), or no time where the site always gives one (X).
 */
export type Skipped = { ok: false; reason: 'promoted' | 'nested' | 'no-id' | 'ambiguous' | 'no-time' | 'invalid' };

export type Extraction = { ok: true; item: CommentItem } | Skipped;

/**
 * Which comment an element is and when it was written: all that decorating it needs. `approximate`: the
 * page shows no time that can be read, so `createdAt` is when the comment was first seen.
 */
export type Identification = { ok: true; id: string; createdAt: string; approximate?: true } | Skipped;

/**
 * Whether a comment is the team's work, as the page shows it (DESIGN.md, "Which comments are the team's
 * work"): `work` with why (a reply in the conversation under one of the body's own posts, a comment on a
 * post of the body's Page, a post mentioning one of its handles); `answer` when one of the body's own
 * handles wrote it (never an item: it is what answers one); `other` for the rest (tracked only by hand).
 */
export type WorkVerdict = { kind: 'work'; reason: Exclude<WorkReason, 'tracked'> } | { kind: 'answer' } | { kind: 'other' };

/** The body's handles on one platform, lower-cased and without "@", as `classify` compares them. */
export type BodyHandles = ReadonlySet<string>;

export function bodyHandles(handles: readonly string[]): BodyHandles {
  return new Set(handles.map((handle) => handle.trim().replace(/^@/, '').toLowerCase()).filter(Boolean));
}

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
  /**
   * Which comment `element` is (its id and creation time), read for every comment that comes into view:
   * it touches only the comment's timestamp link, since reading nodes is what decorating costs.
   */
  identify(element: Element): Identification;
  /** Everything about the comment (author, text, permalink, parent…), read when the moderator acts on it. */
  extract(element: Element): Extraction;
  /** Whether the comment is the team's work, an answer by the body, or neither (read once per comment decorated). */
  classify(element: Element, handles: BodyHandles): WorkVerdict;
  toolbarSlot(element: Element): ToolbarSlot;
}

/** The adapters' answer for an item they built: decorated, or left alone as invalid. */
export function extracted(item: CommentItem): Extraction {
  return isPlausibleItem(item) ? { ok: true, item } : { ok: false, reason: 'invalid' };
}
