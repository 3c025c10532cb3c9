import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ToolbarPresenceState } from '../../components/ToolbarPresence';
import { itemKey, type ItemKey } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import type { Triage } from '../contract/triage';
import type { Translate } from '../i18n';
import { formatAgo } from '../i18n/format';
import { editableRoot, type EditableElement } from '../editor/dom';
import { onMessage, PresenceNotice, sendMessage } from '../messaging';
import type { Platform } from '../platforms/types';
import { commentTargets } from './comment-targets';

/** How often an open composer's "replying" is said again: the others drop it a minute after the last. */
const REFRESH_MS = 20_000;
/** Others' "replying" lapses this long after it was last heard (a crashed browser never says "idle"). */
export const PRESENCE_LAPSE_MS = 60_000;
/** How often this page looks whether its composer is still open, and lets others' lapsed presence go. */
const TICK_MS = 1_000;

/**
 * Who else is replying to the items on this page: the names the team server relayed, each with when it
 * was last heard here (this browser's clock: another's clock may be off). Lives only in the content
 * script and is shown only inside the toolbar's closed shadow root.
 */
export class PresenceBoard {
  readonly #replying = new Map<ItemKey, Map<string, { name: string; heardAt: number }>>();
  readonly #listeners = new Set<(keys: Set<ItemKey>) => void>();

  /** Names of the others replying to the item now, in the order first heard. */
  replyingOn(key: ItemKey, now = Date.now()): string[] {
    const users = this.#replying.get(key);
    if (!users) return [];
    return [...users.values()].filter((u) => now - u.heardAt < PRESENCE_LAPSE_MS).map((u) => u.name);
  }

  hear(notice: PresenceNotice, now = Date.now()): void {
    const users = this.#replying.get(notice.itemKey) ?? new Map<string, { name: string; heardAt: number }>();
    if (notice.state === 'replying') users.set(notice.user.id, { name: notice.user.name, heardAt: now });
    else users.delete(notice.user.id);
    if (users.size) this.#replying.set(notice.itemKey, users);
    else this.#replying.delete(notice.itemKey);
    this.#emit(new Set([notice.itemKey]));
  }

  /** Forgets presence not refreshed within the lapse, and says which items changed. */
  lapse(now = Date.now()): void {
    const changed = new Set<ItemKey>();
    for (const [key, users] of this.#replying) {
      for (const [id, user] of users) {
        if (now - user.heardAt >= PRESENCE_LAPSE_MS) {
          users.delete(id);
          changed.add(key);
        }
      }
      if (users.size === 0) this.#replying.delete(key);
    }
    if (changed.size) this.#emit(changed);
  }

  /** Calls `listener` with the keys whose presence changed; returns the unsubscribe. */
  subscribe(listener: (keys: Set<ItemKey>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(keys: Set<ItemKey>): void {
    for (const listener of this.#listeners) listener(keys);
  }
}

/** The page's one board: the presence feature fills it, the toolbars read it. */
export const presenceBoard = new PresenceBoard();

/**
 * Whether the moderator is still replying in `editor`: it is on the page and either has the focus or
 * holds a draft (a canned reply inserted, then the moderator looked elsewhere). Closed, or left empty: stopped.
 */
export function stillReplying(editor: EditableElement, doc: Document): boolean {
  if (!editor.isConnected) return false;
  if (editor.contains(doc.activeElement)) return true;
  const text = editor instanceof HTMLTextAreaElement ? editor.value : (editor.textContent ?? '');
  return text.trim() !== '';
}

/**
 * "Who else is replying" (issue 12): tells the team when this moderator opens a composer for an item
 * (found through the shared reply-composer record) and when they stop, and keeps the others' presence
 * for the toolbars.
 */
export function startPresence(platform: Platform, ctx: ContentScriptContext): void {
  const targets = commentTargets(platform, ctx);
  let current: { editor: EditableElement; key: ItemKey; saidAt: number } | null = null;

  const say = (key: ItemKey, state: 'replying' | 'idle') =>
    void sendMessage('presence', { itemKey: key, state }).catch(() => undefined);

  const stop = () => {
    if (current) say(current.key, 'idle');
    current = null;
  };

  /** The composer holding the focus, if it answers a known comment: the one being replied to. */
  const look = () => {
    const editor = editableRoot(document.activeElement);
    const item = editor ? targets.targetOf(editor) : null;
    if (editor && item) {
      const key = itemKey(item.platform, item.id);
      if (current?.key !== key) {
        stop();
        current = { editor, key, saidAt: Date.now() };
        say(key, 'replying');
      } else {
        current.editor = editor;
      }
    }
  };

  // After the focus lands: the shared record binds a composer to its comment on the same focusin.
  ctx.addEventListener(document, 'focusin', () => void setTimeout(look, 0), { capture: true });
  ctx.setInterval(() => {
    look();
    if (current && !stillReplying(current.editor, document)) stop();
    else if (current && Date.now() - current.saidAt >= REFRESH_MS) {
      current.saidAt = Date.now();
      say(current.key, 'replying');
    }
    presenceBoard.lapse();
  }, TICK_MS);
  ctx.addEventListener(window, 'pagehide', stop);

  const removeListener = onMessage('presenceChanged', ({ data }) => {
    const notice = PresenceNotice.safeParse(data);
    if (notice.success) presenceBoard.hear(notice.data);
  });
  ctx.onInvalidated(() => {
    stop();
    removeListener();
  });
}

const bare = (handle: string) => handle.trim().replace(/^@/, '').toLowerCase();

/**
 * The toolbar's presence line for an item: others replying to it now, and the latest reply by one of
 * the body's own handles already seen under it ("answered by @IndianStandards 5 min ago").
 */
export function presenceState(
  key: ItemKey,
  triage: Pick<Triage, 'replies'> | undefined,
  handles: OrgConfig['handles'],
  board: PresenceBoard,
  now: Date,
  t: Translate,
): ToolbarPresenceState {
  const names = board.replyingOn(key, now.getTime());
  const parts: string[] = [];
  if (names.length === 1) parts.push(t('presence.replyingOne', { name: names[0]! }));
  else if (names.length > 1) parts.push(t('presence.replyingMany', { names: names.join(', ') }));
  const platform = key.startsWith('x:') ? 'x' : 'facebook';
  // Rendered for every toolbar: the handles are compared only when the item has replies seen under it.
  const seen = (triage?.replies ?? []).filter((r) => r.source === 'seen' && r.handle !== undefined);
  const ours = seen.length ? new Set(handles[platform].map(bare)) : null;
  const answer = seen.filter((r) => ours!.has(bare(r.handle!))).at(-1);
  if (answer?.handle) {
    const handle = platform === 'x' ? `@${answer.handle.trim().replace(/^@/, '')}` : answer.handle.trim();
    parts.push(t('presence.answeredBy', { handle, ago: formatAgo(new Date(answer.postedAt ?? answer.at), now, t) }));
  }
  return { replying: names.length > 0, text: parts.join(' · ') };
}
