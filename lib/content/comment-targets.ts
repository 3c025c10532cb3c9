import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CommentItem } from '../contract/item';
import { ReplyTargets } from '../editor/reply-targets';
import type { Platform } from '../platforms/types';

let shared: ReplyTargets<CommentItem> | null = null;

/**
 * Which comment each composer answers, one record per page: the post gate (the item a post answers,
 * for the approval check and the reply record), the guideline guard (to record an override on the item)
 * and the replies feature (the picker binds the composer it opens) must agree.
 */
export function commentTargets(platform: Platform, ctx: ContentScriptContext): ReplyTargets<CommentItem> {
  if (!shared) {
    const targets = new ReplyTargets<CommentItem>(document, platform.id, (element) => {
      const extraction = platform.extract(element);
      return extraction.ok ? extraction.item : null;
    });
    shared = targets;
    ctx.onInvalidated(() => {
      targets.dispose();
      if (shared === targets) shared = null;
    });
  }
  return shared;
}
