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
interface Group {
  /** The author's comments in the thread, oldest first. */
  entries: Entry[];
  keys: Set<ItemKey>;
  /** The open item every later entry was last linked to. */
  original: ItemKey | null;
}

export class FollowUps {
  readonly #groups = new Map<string, Group>();
  readonly #threadOf = new Map<ItemKey, string>();
  readonly #linked = new Set<string>();

  /**
   * Adds a comment that is work; returns the links not returned before. `isOpen` says whether an item still
   * waits for a reply. Costs the one new entry while the author's original stays the same: a thread where one
   * author writes hundreds of comments must not cost hundreds of steps per comment.
   */
  add(item: CommentItem, isOpen: (key: ItemKey) => boolean): FollowUpLink[] {
    const key = itemKey(item.platform, item.id);
    const thread = this.#thread(item);
    const author = (item.author.handle ?? item.author.name).trim().toLowerCase();
    if (!thread || !author) return [];
    this.#threadOf.set(key, thread);
    const name = `${thread}\n${author}`;
    let group = this.#groups.get(name);
    if (!group) this.#groups.set(name, (group = { entries: [], keys: new Set(), original: null }));
    let added: Entry | null = null;
    if (!group.keys.has(key)) {
      added = { key, createdAt: Date.parse(item.createdAt) };
      group.keys.add(key);
      const after = (entry: Entry) => entry.createdAt > added!.createdAt || (entry.createdAt === added!.createdAt && entry.key.localeCompare(key) > 0);
      let low = 0;
      let high = group.entries.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (after(group.entries[middle]!)) high = middle;
        else low = middle + 1;
      }
      group.entries.splice(low, 0, added);
    }
    const original = group.entries.find((entry) => isOpen(entry.key));
    if (!original) {
      group.original = null;
      return [];
    }
    const candidates = original.key === group.original ? (added ? [added] : []) : group.entries;
    group.original = original.key;
    const links: FollowUpLink[] = [];
    for (const entry of candidates) {
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
