import { itemKey, type CommentItem, type ItemKey } from '../contract/item';

/** A follow-up to record: `follower` is a later comment of the same author in the same thread as `of`. */
export interface FollowUpLink {
  follower: ItemKey;
  of: ItemKey;
}

interface Entry {
  key: ItemKey;
  createdAt: number;
}

/**
 * Follow-up queries (KMC circular 19): a new comment from the same author in the same thread as one of
 * their open items links to it. The thread is the post a comment answers; a reply to a comment belongs to
 * that comment's thread (Facebook), so a citizen replying under their own comment follows it up. Comments
 * with no known thread (a home timeline's mentions) are never linked. The earliest open item of an author
 * in a thread is the one the later ones follow up.
 */
export class FollowUps {
  readonly #entries = new Map<string, Entry[]>();
  readonly #threadOf = new Map<ItemKey, string>();
  readonly #linked = new Set<string>();

  /** Adds a comment that is work; returns the links not returned before. `isOpen` says whether an item still waits for a reply. */
  add(item: CommentItem, isOpen: (key: ItemKey) => boolean): FollowUpLink[] {
    const key = itemKey(item.platform, item.id);
    const thread = this.#thread(item);
    const author = (item.author.handle ?? item.author.name).trim().toLowerCase();
    if (!thread || !author) return [];
    this.#threadOf.set(key, thread);
    const group = `${thread}\n${author}`;
    const entries = this.#entries.get(group) ?? [];
    if (!entries.some((entry) => entry.key === key)) entries.push({ key, createdAt: Date.parse(item.createdAt) });
    entries.sort((a, b) => a.createdAt - b.createdAt || a.key.localeCompare(b.key));
    this.#entries.set(group, entries);
    const original = entries.find((entry) => isOpen(entry.key));
    if (!original) return [];
    const links: FollowUpLink[] = [];
    for (const entry of entries) {
      if (entry.createdAt <= original.createdAt || entry.key === original.key) continue;
      const id = `${entry.key} ${original.key}`;
      if (this.#linked.has(id)) continue;
      this.#linked.add(id);
      links.push({ follower: entry.key, of: original.key });
    }
    return links;
  }

  #thread(item: CommentItem): string | null {
    const parent = item.parent;
    if (!parent) return null;
    if (parent.kind === 'post') return `post:${parent.id}`;
    return this.#threadOf.get(itemKey(item.platform, parent.id)) ?? `comment:${parent.id}`;
  }
}
