import type { CommentItem, PlatformId } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import type { Triage } from '../contract/triage';
import { X_SUBMIT_SELECTOR } from '../editor/client';
import type { InsertResult } from '../editor/protocol';
import type { ReplyTargets } from '../editor/reply-targets';
import { installShortcutExpansion } from '../editor/shortcuts';
import { cannedLibraryOf } from './org-library';
import { buildRenderContext, renderReply, replyLanguageFor } from './render';
import type { CannedReply } from './schema';
import { findByShortcut } from './search';

export interface CannedShortcutOptions {
  platform: PlatformId;
  /** Read at every Tab, so a library edited on the options page applies without a reload. */
  org: () => Pick<OrgConfig, 'departments' | 'sla' | 'cannedReplies'>;
  /** Which comment a composer answers (see lib/editor/reply-targets.ts). */
  targets: ReplyTargets<CommentItem>;
  triage: (item: CommentItem) => Pick<Triage, 'departmentId'> | undefined;
  /** The moderator's reply language when the comment's own is not in the reply. */
  language: () => string;
  /** A reply is about to replace the shortcut in `editor` (the moderator may post before it is checked). */
  onInserting?: (item: CommentItem, reply: CannedReply, editor: Element) => void;
  /** After an insertion, to record the reply used on the item (a `useCanned` mutation). */
  onInserted?: (item: CommentItem, reply: CannedReply, result: InsertResult, editor: Element) => void;
}

/**
 * A reply's shortcut (e.g. `/ack`) then Tab, in the reply composer of a comment the extension knows,
 * becomes the reply filled in for that comment. In a composer that answers no known comment (a new
 * post) Tab keeps its usual meaning. Returns a function that uninstalls it.
 */
export function installCannedShortcuts(view: Window, options: CannedShortcutOptions): () => void {
  const pending = new WeakMap<Element, { item: CommentItem; reply: CannedReply }>();
  return installShortcutExpansion(view, {
    ...(options.platform === 'x' ? { submitSelector: X_SUBMIT_SELECTOR } : {}),
    expand(shortcut, editor) {
      const item = options.targets.targetOf(editor);
      if (!item) return null;
      const org = options.org();
      const reply = findByShortcut(cannedLibraryOf(org).replies, shortcut);
      if (!reply) return null;
      const context = buildRenderContext({ item, triage: options.triage(item), org, now: new Date() });
      pending.set(editor, { item, reply });
      options.onInserting?.(item, reply, editor);
      return renderReply(reply, replyLanguageFor(item, reply, options.language()), context).text;
    },
    onResult(result, _shortcut, editor) {
      const used = pending.get(editor);
      pending.delete(editor);
      if (used) options.onInserted?.(used.item, used.reply, result, editor);
    },
  });
}
