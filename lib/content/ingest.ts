import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { itemKey, type CommentItem } from '../contract/item';
import type { MutationOp } from '../contract/triage';
import { MAX_INGEST_BATCH, sendMessage } from '../messaging';
import { INGEST_PACE } from '../sync/ingest-pace';

/** How long a page collects what it saw before handing it to the background (lib/sync/ingest-pace). */
const FLUSH_MS = INGEST_PACE.flushMs;

type IngestOp = Extract<MutationOp, { type: 'see' | 'linkFollowUp' | 'recordReply' }>;

export interface Ingest {
  /** Queues one observation; the same one twice in a page's life is sent once. */
  add(item: CommentItem, op: IngestOp, dedupeKey?: string): void;
}

let shared: Ingest | null = null;

/**
 * The page's outbound queue of observations (comments that are work, follow-up links, replies seen under
 * items), batched and idempotent: what was sent once is not sent again, and the background records only
 * what changes its store (a 'see' of an item already known with a work reason queues nothing).
 */
export function pageIngest(ctx: ContentScriptContext): Ingest {
  if (shared) return shared;
  const sent = new Set<string>();
  let queue: Array<{ item: CommentItem; op: IngestOp; key: string }> = [];
  let timer: number | null = null;
  const flush = () => {
    timer = null;
    while (queue.length) {
      const batch = queue.slice(0, MAX_INGEST_BATCH);
      queue = queue.slice(MAX_INGEST_BATCH);
      // A failed batch is forgotten here so that it is offered again when the comment is seen again.
      void sendMessage('ingest', batch.map(({ item, op }) => ({ item, op }))).catch((error: unknown) => {
        for (const { key } of batch) sent.delete(key);
        console.debug('[samvad] could not record what this page saw', error);
      });
    }
  };
  const keyOf = (item: CommentItem, op: IngestOp, dedupeKey?: string) =>
    `${itemKey(item.platform, item.id)} ${op.type} ${dedupeKey ?? (op.type === 'linkFollowUp' ? op.of : op.type === 'recordReply' ? (op.replyId ?? op.text) : '')}`;
  const ingest: Ingest = {
    add(item, op, dedupeKey) {
      const key = keyOf(item, op, dedupeKey);
      if (sent.has(key)) return;
      sent.add(key);
      queue.push({ item, op, key });
      timer ??= ctx.setTimeout(flush, FLUSH_MS);
    },
  };
  ctx.onInvalidated(() => {
    if (shared === ingest) shared = null;
  });
  shared = ingest;
  return ingest;
}
