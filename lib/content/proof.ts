import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isPlatformPermalink, itemKey, type CommentItem, type ItemKey } from '../contract/item';
import type { ReplyStage, Triage } from '../contract/triage';
import { sendMessage, TriageList } from '../messaging';
import type { Platform } from '../platforms/types';
import { isNewerTriage } from '../triage/apply';
import { pageIngest } from './ingest';
import { contentSession, mayDo } from './session';
import { pageAnswers, pageTriageEvents } from './triage-events';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const LOOKUP_RETRIES = 5;
const LOOKUP_RETRY_MS = 1_500;

/**
 * The stage a reply seen under an item settles: the stage of a pending 'composer' reply with the same text
 * if there is one (the moderator posted it from the composer as interim or final), else interim if no
 * interim reply is settled yet, and final otherwise.
 */
export function seenReplyStage(triage: Pick<Triage, 'replies'>, text: string): ReplyStage {
  const pending = triage.replies.find((r) => r.source === 'composer' && squash(r.text) === squash(text));
  if (pending) return pending.stage;
  return triage.replies.some((r) => r.source !== 'composer' && r.stage === 'interim') ? 'final' : 'interim';
}

/**
 * Which item a reply by the body answers: on X any tweet is a post that can be an item; on Facebook only a
 * comment is (a Page's own comment on its post answers nobody).
 */
function answeredKey(platform: Platform, answer: CommentItem): ItemKey | null {
  const parent = answer.parent;
  if (!parent || (platform.id === 'facebook' && parent.kind !== 'comment')) return null;
  return itemKey(platform.id, parent.id);
}

/**
 * Proof of posting (DESIGN.md): a reply by one of the body's handles that appears in the thread under an
 * item, on any moderator's page, is recorded on that item as seen, with its id, permalink, text, handle
 * and time. That, not the composer emptying, is what moves or stops the item's clock.
 */
export function startProofOfPosting(platform: Platform, ctx: ContentScriptContext): void {
  const session = contentSession(ctx);
  const ingest = pageIngest(ctx);
  /** Replies by the body found on the page, by the item they answer, until that item's row is known. */
  const answers = new Map<ItemKey, Map<string, CommentItem>>();
  const rows = new Map<ItemKey, Triage>();
  const asked = new Set<ItemKey>();

  const settle = (key: ItemKey) => {
    const triage = rows.get(key);
    const found = answers.get(key);
    if (!triage || !found) return;
    const current = session.current();
    // Any role that may record a reply on this item (lib/triage/permissions, as the server decides).
    if (!mayDo(current, 'recordReply', triage)) return;
    for (const answer of found.values()) {
      if (triage.replies.some((r) => r.replyId === answer.id)) continue;
      if (!isPlatformPermalink(platform.id, answer.permalink) || !answer.text.trim()) continue;
      ingest.add(
        triage.item,
        {
          type: 'recordReply',
          stage: seenReplyStage(triage, answer.text),
          text: answer.text,
          source: 'seen',
          replyId: answer.id,
          permalink: answer.permalink,
          ...(answer.author.handle ? { handle: answer.author.handle } : {}),
          postedAt: answer.createdAt,
        },
        answer.id,
      );
    }
  };

  /**
   * The rows of the items answered. An item this page only just saw may not be stored yet (its 'see' is
   * on its way): asked again a few times, a little later each time.
   */
  const lookUp = async (keys: ItemKey[], attempt = 0) => {
    try {
      const found = TriageList.parse(await sendMessage('getTriage', keys));
      for (const triage of found) {
        if (isNewerTriage(triage, rows.get(triage.key))) rows.set(triage.key, triage);
        settle(triage.key);
      }
      const missing = keys.filter((key) => !rows.has(key));
      if (missing.length && attempt < LOOKUP_RETRIES) ctx.setTimeout(() => void lookUp(missing, attempt + 1), LOOKUP_RETRY_MS * (attempt + 1));
    } catch (error) {
      for (const key of keys) asked.delete(key);
      console.debug('[samvad] could not look up the items replies answer', error);
    }
  };

  const unsubscribe = pageTriageEvents.subscribe((changed) => {
    for (const triage of changed) {
      if (!answers.has(triage.key)) continue;
      if (isNewerTriage(triage, rows.get(triage.key))) rows.set(triage.key, triage);
      settle(triage.key);
    }
  });

  /** The body's answers triage-ui found on the page (it tells them apart with the organisation's handles). */
  const check = (elements: Element[]) => {
    const missing: ItemKey[] = [];
    for (const element of elements) {
      const extraction = platform.extract(element);
      if (!extraction.ok) continue;
      const key = answeredKey(platform, extraction.item);
      if (!key) continue;
      const found = answers.get(key) ?? new Map<string, CommentItem>();
      found.set(extraction.item.id, extraction.item);
      answers.set(key, found);
      if (rows.has(key)) settle(key);
      else if (!asked.has(key)) {
        asked.add(key);
        missing.push(key);
      }
    }
    if (missing.length) void lookUp(missing);
  };

  const unsubscribeAnswers = pageAnswers.subscribe(check);
  ctx.onInvalidated(() => {
    unsubscribe();
    unsubscribeAnswers();
  });
}
