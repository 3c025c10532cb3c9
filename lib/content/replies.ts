import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { openCannedPicker } from '../canned/picker-host';
import type { CannedReply } from '../canned/schema';
import { installCannedShortcuts } from '../canned/shortcuts';
import { replyStageFor } from '../canned/stage';
import type { CommentItem } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import type { MutationOp, ReplyStage, Triage } from '../contract/triage';
import { editableRoot, readEditorText } from '../editor/dom';
import { postGate } from '../gate/listen';
import type { Translate, UiLanguage } from '../i18n';
import { sendMessage } from '../messaging';
import type { Platform } from '../platforms/types';
import { commentTargets } from './comment-targets';

export interface RepliesContext {
  org(): OrgConfig;
  language(): UiLanguage;
  t(): Translate;
  theme(): 'light' | 'dark';
  triage(item: CommentItem): Triage | undefined;
  /** Records a triage action on an item (through the background, like the toolbar's). */
  record(item: CommentItem, op: MutationOp): void;
  /** Shows a sentence on the item's toolbar. */
  notify(item: CommentItem, text: string): void;
}

/** How long after the post action the composer must have emptied (or closed) for the post to count. */
const POSTED_WITHIN_MS = 3_000;

/**
 * Canned replies on a site: the toolbar's Reply picker, shortcut expansion in reply composers, and the
 * record of what was posted (KMC circular: interim then final reply; the SLA clock stops on them).
 */
export function startReplies(platform: Platform, ctx: ContentScriptContext, context: RepliesContext) {
  const targets = commentTargets(platform, ctx);
  /**
   * The canned reply last put into each composer (by its editable root): its category says whether a
   * post is interim or final. Noted before the insertion is checked, since the moderator may post first.
   */
  const usedIn = new WeakMap<Element, CannedReply>();
  const noteInserting = (reply: CannedReply, composer: Element) => {
    const editor = editableRoot(composer);
    if (editor) usedIn.set(editor, reply);
  };
  const forgetInserting = (composer: Element) => {
    const editor = editableRoot(composer);
    if (editor) usedIn.delete(editor);
  };
  const noteInserted = (item: CommentItem, reply: CannedReply) => context.record(item, { type: 'useCanned', cannedId: reply.id });

  const uninstallShortcuts = installCannedShortcuts(window, {
    platform: platform.id,
    org: context.org,
    targets,
    triage: context.triage,
    language: context.language,
    onInserting: (_item, reply, editor) => noteInserting(reply, editor),
    onInserted: (item, reply, result, editor) => {
      if (result.ok) noteInserted(item, reply);
      else forgetInserting(editor);
    },
  });

  /** Watches a post action: if the composer empties or closes soon after, the reply was posted. */
  const watchPost = (editor: HTMLElement) => {
    const item = targets.targetOf(editor);
    if (!item) return;
    const text = readEditorText(editor).text.trim();
    if (!text) return;
    const reply = usedIn.get(editor);
    const stage: ReplyStage = reply ? replyStageFor(reply.category) : 'final';
    const started = Date.now();
    const check = () => {
      const posted = !editor.isConnected || readEditorText(editor).text.trim() === '';
      if (posted) {
        usedIn.delete(editor);
        // What the composer showed when Post was pressed: "posted, not yet seen" until the reply itself
        // is found under the item on the page (lib/content/proof.ts), which settles the stage.
        context.record(item, { type: 'recordReply', stage, text, source: 'composer' });
      } else if (Date.now() - started < POSTED_WITHIN_MS) ctx.setTimeout(check, 100);
    };
    ctx.setTimeout(check, 100);
  };

  // The post gate tells when a post goes out (after the guard and the approval check let it), and only
  // for the moderator's own: a click or key the site's scripts dispatch records nothing.
  const unregister = postGate(platform, ctx).register({ name: 'recording', posted: (attempt) => watchPost(attempt.editor) });

  ctx.onInvalidated(() => {
    unregister();
    uninstallShortcuts();
  });

  /** Opens the Reply picker under a comment's toolbar. */
  return function openPicker(comment: Element, item: CommentItem, anchor: HTMLElement): void {
    const t = context.t();
    /** The composer the picker opened for its choice, once it has. */
    let pickedInto: Element | null = null;
    openCannedPicker({
      platform,
      comment,
      item,
      triage: context.triage(item),
      org: context.org(),
      anchor,
      language: context.language(),
      t,
      theme: context.theme(),
      targets,
      measureForX: (texts) => sendMessage('measureForX', texts),
      onInserting: (reply, composer) => {
        pickedInto = composer;
        noteInserting(reply, composer);
      },
      onInserted: (reply) => noteInserted(item, reply),
      onFailed: (reason) => {
        if (pickedInto) forgetInserting(pickedInto);
        context.notify(
          item,
          t(reason === 'comment-gone' ? 'canned.commentGone' : reason === 'no-composer' ? 'canned.noComposer' : 'canned.insertFailed'),
        );
      },
    });
  };
}
