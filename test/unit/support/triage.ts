import type { CommentItem } from '../../../lib/contract/item';
import type { Triage } from '../../../lib/contract/triage';
import { emptyTriage } from '../../../lib/triage/apply';

/**
 * An X comment recorded as the team's work at `createdAt`, as the server stores it (version 1): the row
 * the queue, notification and side-panel tests start from. `item` changes the comment, `more` the triage.
 */
export function workTriage(id: string, createdAt: string, more: Partial<Triage> = {}, item: Partial<CommentItem> = {}): Triage {
  const comment: CommentItem = {
    platform: 'x',
    id,
    author: { name: `Citizen ${id}`, handle: `c${id}` },
    text: `comment ${id}`,
    permalink: `https://x.com/c/status/${id}`,
    createdAt,
    ...item,
  };
  return { ...emptyTriage(comment, createdAt), work: 'reply_to_body', version: 1, ...more };
}
