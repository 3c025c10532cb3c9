import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ToolbarView, type ToolbarActions } from '../../components/ToolbarView';
import { itemKey, type CommentItem, type ItemKey } from '../contract/item';
import type { OrgConfig } from '../contract/org';
import type { MutationOp, Triage, WorkReason } from '../contract/triage';
import { announce } from '../dom/live-region';
import { observe } from '../dom/observe';
import { UntilShown } from '../dom/until-shown';
import { createTranslator, resolveLanguage, type Translate, type UiLanguage } from '../i18n';
import { formatAgo, formatDuration, formatSla } from '../i18n/format';
import { ItemNoticeSchema, onMessage, sendMessage, StoredKeys, TriageList } from '../messaging';
import { bodyHandles, type BodyHandles, type Platform } from '../platforms/types';
import { orgConfigItem, readLanguageSetting, readOrgConfig, uiLanguageItem } from '../settings';
import { isNewerTriage } from '../triage/apply';
import { serverNow, slaStatus, type SlaStatus } from '../triage/sla';
import { approvalStatus } from '../gate/approval';
import { presenceBoard, presenceState } from './presence';
import { FollowUps } from './follow-ups';
import { pageIngest } from './ingest';
import { pageAnswers, pageTriageEvents } from './triage-events';
import { contentSession, mayDo, recordsWhatItSees } from './session';
import { startReplies } from './replies';
import { createToolbarHost, pageTheme, TOOLBAR_TAG } from './toolbar-host';

interface Decoration {
  /** The comment's element on the page. */
  element: Element;
  key: ItemKey;
  /** When the comment was first seen written (the SLA clock's start). */
  createdAt: string;
  /** The page showed no readable time: `createdAt` is when the comment was first seen. */
  approximate: boolean;
  host: HTMLElement;
  view: ToolbarView;
  /** Shown after a conflicting or failed action on this item. */
  notice: string;
  /** Why the page shows it is the team's work; null when it is not (a Track button, no clock unless tracked). */
  work: Exclude<WorkReason, 'tracked'> | null;
}

const TOOLBAR_NODE_NAME = TOOLBAR_TAG.toUpperCase();

function setAttributeIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

/** Re-render cadence for the SLA countdowns: the badge text moves by the minute. */
const CLOCK_MS = 30_000;
/** Toolbars rendered or comments read again per frame or idle slice when a whole page's worth is due at once. */
const RENDER_SLICE = 40;
/** Idle re-renders wait at most this long for an idle moment. */
const IDLE_TIMEOUT_MS = 1_000;

/**
 * Decorates every comment the platform adapter recognises with a triage toolbar, keeps each
 * toolbar in step with the background's store, and follows the site's SPA navigation.
 */
export async function startTriageUi(platform: Platform, ctx: ContentScriptContext): Promise<void> {
  const triages = new Map<ItemKey, Triage>();
  const decorations = new Map<Element, Decoration>();
  const skipped = new Map<string, number>();
  const firstSeen = new Map<ItemKey, { createdAt: string; approximate: boolean }>();
  /**
   * Which of this site's items have triage, once the background has said: most comments have none, and
   * asking about each batch of them as it scrolls in was a tenth of decorating's cost. Rows changed
   * later arrive by `triageChanged` and join it.
   */
  let triaged: Set<ItemKey> | null = null;
  void sendMessage('triagedKeys', platform.id).then(
    (keys) => {
      const parsed = StoredKeys.safeParse(keys);
      if (parsed.success) triaged = new Set([...parsed.data, ...triages.keys()]);
    },
    (error: unknown) => console.debug('[samvad] could not list triaged items; looking each up', error),
  );

  let org: OrgConfig = await readOrgConfig();
  let language: UiLanguage = resolveLanguage(await readLanguageSetting(), browser.i18n.getUILanguage());
  let t: Translate = createTranslator(language);
  let theme = pageTheme();
  const session = contentSession(ctx);
  await session.ready;
  const ingest = pageIngest(ctx);
  const followUps = new FollowUps();
  /** Which items follow up each item, as far as this page knows (from the store and the links it made). */
  const followersOf = new Map<ItemKey, Set<ItemKey>>();
  /** Follow-up links this page recorded, follower → original: shown at once, before the row comes back with them. */
  const linkedHere = new Map<ItemKey, ItemKey>();
  let handles: BodyHandles = bodyHandles(org.handles[platform.id]);

  /** The toolbar's lines after the clock: the final deadline while the interim runs, the reply's proof, follow-ups. */
  const workNotes = (key: ItemKey, triage: Triage | undefined, sla: SlaStatus, clock: boolean, now: Date): string[] => {
    const notes: string[] = [];
    const finalAt = triage?.due?.finalAt;
    if (clock && sla.stage === 'interim' && finalAt) {
      const left = Date.parse(finalAt) - now.getTime();
      notes.push(t(left < 0 ? 'work.finalOverdue' : 'work.finalDue', { time: formatDuration(left, t) }));
    }
    const replies = triage?.replies ?? [];
    const seen = [...replies].reverse().find((r) => r.source === 'seen');
    if (replies.some((r) => r.source === 'composer')) notes.push(t('proof.postedNotSeen'));
    else if (seen?.handle) notes.push(t('proof.seen', { handle: seen.handle.replace(/^@/, '') }));
    if (triage?.followUpOf ?? linkedHere.get(key)) notes.push(t('followUp.of'));
    const followers = new Set([...(triage?.followUps ?? []), ...(followersOf.get(key) ?? [])]).size;
    if (followers) notes.push(followers === 1 ? t('followUp.one') : t('followUp.count', { n: followers }));
    return notes;
  };

  const renderDecoration = (decoration: Decoration) => {
    const triage = triages.get(decoration.key);
    const current = session.current();
    const now = serverNow(current.clockOffsetMs);
    // A work comment has its clock from the page's verdict before (or, for a browser that records
    // nothing it sees, without) a row saying so.
    const work = triage?.work ?? decoration.work ?? undefined;
    const clockInputs = work === undefined ? triage : { replies: [], flags: [], ...triage, work };
    const sla = slaStatus(triage?.item.createdAt ?? decoration.createdAt, clockInputs, org.sla, now);
    const clock = work !== undefined;
    setAttributeIfChanged(decoration.host, 'lang', language);
    setAttributeIfChanged(decoration.host, 'data-theme', theme);
    decoration.view.update({
      clock,
      offered: {
        assign: mayDo(current, 'assign', triage),
        flag: mayDo(current, 'flag', triage),
        reply: mayDo(current, 'recordReply', triage),
        track: mayDo(current, 'track', triage),
      },
      workNotes: workNotes(decoration.key, triage, sla, clock, now),
      triage,
      departments: org.departments,
      sla,
      slaText: formatSla(sla, now, t),
      notice: decoration.notice,
      approximate: decoration.approximate,
      language,
      t,
      approval: approvalLine(triage, now),
      presence: presenceState(decoration.key, triage, org.handles, presenceBoard, now, t),
    });
  };

  /** The toolbar's approval state and sentence: requested, approved, or rejected with the approver's note. */
  const approvalLine = (triage: Triage | undefined, now: Date) => {
    const { status, approval } = approvalStatus(triage, org.approvals, now);
    if (status === 'none') return { status, text: '' };
    const label = t(`approval.status.${status}`);
    const note = status === 'approved' || status === 'rejected' ? approval?.note?.trim() : undefined;
    return { status, text: note ? t('approval.status.withNote', { status: label, note }) : label };
  };

  const renderKeys = (keys: Set<ItemKey>) => {
    for (const decoration of decorations.values()) if (keys.has(decoration.key)) renderDecoration(decoration);
  };

  /**
   * Re-renders every toolbar (the clocks move, the language or the organisation changed), a slice at a
   * time in idle moments: a thousand at once would be a long task while the moderator scrolls.
   */
  let renderQueue: Decoration[] = [];
  const renderAll = () => {
    for (const [element, decoration] of decorations) {
      if (!element.isConnected) undecorate(element, decoration);
    }
    const scheduled = renderQueue.length > 0;
    renderQueue = [...decorations.values()].reverse();
    if (!scheduled && renderQueue.length) ctx.requestIdleCallback(renderSlice, { timeout: IDLE_TIMEOUT_MS });
  };
  const renderSlice = (deadline: IdleDeadline) => {
    // Called at the timeout on a busy page there is no idle time to spend: one slice, then wait again.
    for (let rendered = 0; renderQueue.length && (deadline.timeRemaining() > 1 || (deadline.didTimeout && rendered < RENDER_SLICE)); rendered++) {
      const decoration = renderQueue.pop()!;
      if (decorations.get(decoration.element) === decoration) renderDecoration(decoration);
    }
    if (renderQueue.length) ctx.requestIdleCallback(renderSlice, { timeout: IDLE_TIMEOUT_MS });
  };

  /** Removes a comment's toolbar. */
  const undecorate = (element: Element, decoration: Decoration) => {
    decoration.view.destroy();
    decoration.host.remove();
    decorations.delete(element);
    element.removeAttribute('data-samvad-item');
  };

  /** Takes a row from the background unless a newer one is already here (answers can cross in flight). */
  const keep = (triage: Triage) => {
    triaged?.add(triage.key);
    if (!isNewerTriage(triage, triages.get(triage.key))) return;
    triages.set(triage.key, triage);
    if (triage.followUpOf) {
      const followers = followersOf.get(triage.followUpOf) ?? new Set();
      const added = !followers.has(triage.key);
      followersOf.set(triage.followUpOf, followers.add(triage.key));
      if (added) renderSoon.add(triage.followUpOf);
    }
  };
  /** Items whose toolbars show something another item changed (a follow-up's original). */
  const renderSoon = new Set<ItemKey>();

  /** Shows a sentence on every toolbar of the item (a recycled cell may show it twice for a moment). */
  const notify = (key: ItemKey, notice: string) => {
    for (const decoration of decorations.values()) if (decoration.key === key) decoration.notice = notice;
    renderKeys(new Set([key]));
  };

  const act = async (item: CommentItem, op: MutationOp) => {
    const key = itemKey(item.platform, item.id);
    let notice = '';
    try {
      const result = await sendMessage('mutate', { item, op });
      if (result.outcome === 'rejected') notice = t('toolbar.saveFailed', { reason: result.reason });
      else {
        keep(result.triage);
        if (result.outcome === 'conflict') notice = conflictNotice(result.triage);
      }
    } catch (error) {
      notice = t('toolbar.saveFailed', { reason: error instanceof Error ? error.message : String(error) });
    }
    notify(key, notice);
  };

  const openReplyPicker = startReplies(platform, ctx, {
    org: () => org,
    language: () => language,
    t: () => t,
    theme: () => theme,
    triage: (item) => triages.get(itemKey(item.platform, item.id)),
    record: (item, op) => void act(item, op),
    notify: (item, text) => notify(itemKey(item.platform, item.id), text),
  });

  const conflictNotice = (triage: Pick<Triage, 'departmentId' | 'assignedBy' | 'assignedAt' | 'updatedAt'>) => {
    const department = org.departments.find((d) => d.id === triage.departmentId);
    return t('toolbar.conflict', {
      department: department?.name[language] ?? t('toolbar.unassigned'),
      who: triage.assignedBy ?? '?',
      ago: formatAgo(new Date(triage.assignedAt ?? triage.updatedAt), new Date(), t),
    });
  };

  const countSkipped = (reason: string) => {
    skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    // Promoted and quoted tweets are skipped by design; a comment whose id is missing is a sign
    // that the site changed, worth a line in the console for whoever maintains the selectors.
    if (reason === 'no-id' || reason === 'ambiguous' || reason === 'no-time' || reason === 'invalid') {
      console.debug(`[samvad] comment left undecorated (${reason}); so far:`, Object.fromEntries(skipped));
    }
  };

  /**
   * Comments are decorated in the animation frame that shows them (observe() batches the page's changes
   * into one frame), before the browser lays that frame out: the toolbars join the page's own style, layout
   * and paint instead of dirtying a frame of their own. (Decorating from an IntersectionObserver, as comments
   * neared the viewport, cost a second frame per batch, and a thousand comments' layout, compositing and
   * paint with it: 2.75× the page's own work on the Facebook thread, against 2.2× with eager decoration.)
   * A decorated comment that changed (X re-using its cell for another tweet) keeps its toolbar, re-read in
   * place, so the site's virtual list never sees a cell's height come and go. Many at once (a page looked at
   * again) are done a slice a frame. A comment the page does not render (a display: none preview) waits
   * until it is shown: the moderator has not seen it.
   */
  let waiting: Element[] = [];
  const untilShown = new UntilShown((shown) => decorate(shown));
  const decorate = (elements: Element[]) => {
    const scheduled = waiting.length > 0;
    for (const element of elements) {
      if (decorations.has(element) || element.checkVisibility()) waiting.push(element);
      else untilShown.watch(element);
    }
    if (!scheduled && waiting.length) decorateSlice();
  };
  const decorateSlice = () => {
    const slice = waiting.slice(0, RENDER_SLICE);
    waiting = waiting.slice(RENDER_SLICE);
    decorateNow(slice, { refresh: false });
    if (waiting.length) ctx.requestAnimationFrame(decorateSlice);
  };

  /**
   * The comment's whole item, read when the moderator acts on it (decorating reads only its id and time),
   * with the creation time first seen; null when the element no longer shows that comment.
   */
  const itemOf = (decoration: Decoration): CommentItem | null => {
    const extraction = platform.extract(decoration.element);
    if (!extraction.ok || itemKey(extraction.item.platform, extraction.item.id) !== decoration.key) return null;
    return { ...extraction.item, createdAt: decoration.createdAt };
  };

  const createDecoration = (element: Element, key: ItemKey, createdAt: string, approximate: boolean): Decoration => {
    const { host, mount } = createToolbarHost();
    // The decoration's comment changes when X re-uses its cell: the actions read it when they run.
    const withItem = (use: (item: CommentItem) => void) => {
      const item = itemOf(decoration);
      if (item) use(item);
      else notify(decoration.key, t('toolbar.commentGone'));
    };
    const actions: ToolbarActions = {
      onAssign: (departmentId) =>
        withItem((item) => act(item, { type: 'assign', departmentId, baseDepartmentId: triages.get(decoration.key)?.departmentId ?? null })),
      onToggleFlag: (flag, on) => withItem((item) => act(item, { type: 'flag', flag, on })),
      onReply: (anchor) => withItem((item) => openReplyPicker(decoration.element, item, anchor)),
      onTrack: () => withItem((item) => act(item, { type: 'track', on: true })),
      announce: (text) => announce(text),
    };
    const decoration: Decoration = { element, key, createdAt, approximate, host, view: new ToolbarView(mount, actions), notice: '', work: null };
    return decoration;
  };

  /**
   * Reads, decorates and renders `elements` in one pass, with the follow-up links they make: every write of
   * the frame lands before its layout, and nothing comes back a moment later to dirty another frame.
   */
  const decorateNow = (elements: Element[], { refresh }: { refresh: boolean }) => {
    const missing = new Set<ItemKey>();
    const toRender: Decoration[] = [];
    const toRecord: Decoration[] = [];
    const answers: Element[] = [];
    for (const element of elements) {
      const identification = platform.identify(element);
      const existing = decorations.get(element);
      if (!identification.ok) {
        if (existing) undecorate(element, existing);
        countSkipped(identification.reason);
        continue;
      }
      const verdict = platform.classify(element, handles);
      // The body's own posts and replies are answers, never items (proof of posting reads them).
      if (verdict.kind === 'answer') {
        if (existing) undecorate(element, existing);
        answers.push(element);
        continue;
      }
      const key = itemKey(platform.id, identification.id);
      // Facebook shows only relative times ("2h"), so each reading drifts: the first one stands.
      const seen = firstSeen.get(key) ?? { createdAt: identification.createdAt, approximate: identification.approximate === true };
      firstSeen.set(key, seen);
      const { createdAt, approximate } = seen;
      const inPlace = existing?.host.isConnected && element.contains(existing.host);
      const work = verdict.kind === 'work' ? verdict.reason : null;
      if (existing && existing.key === key && inPlace) {
        if (existing.work !== work) {
          existing.work = work;
          if (work) toRecord.push(existing);
          toRender.push(existing);
        } else if (refresh) toRender.push(existing);
        continue;
      }
      // New comment, or a recycled cell now showing another one: never keep the old item's state.
      const decoration = existing ?? createDecoration(element, key, createdAt, approximate);
      if (existing && existing.key !== key) decoration.notice = '';
      decoration.key = key;
      decoration.createdAt = createdAt;
      decoration.approximate = approximate;
      decoration.work = work;
      if (work) toRecord.push(decoration);
      element.setAttribute('data-samvad-item', key);
      if (!inPlace) {
        const slot = platform.toolbarSlot(element);
        slot.parent.insertBefore(decoration.host, slot.before);
      }
      decorations.set(element, decoration);
      toRender.push(decoration);
      if (!triages.has(key) && (triaged === null || triaged.has(key))) missing.add(key);
    }
    recordWork(toRecord);
    for (const decoration of toRender) {
      renderSoon.delete(decoration.key);
      renderDecoration(decoration);
    }
    flushRenders();
    if (missing.size) requestTriage(missing);
    if (answers.length) pageAnswers.emit(answers);
  };

  /**
   * Every comment that is work is recorded as seen ('see': the queue lists untouched ones too) and linked
   * to its author's open item in the same thread (a follow-up). Each is read in full when decorated (X
   * re-uses its cell for another tweet soon after); the page's ingest queue batches the messages.
   */
  const workItems = new Map<ItemKey, CommentItem>();
  const isOpen = (key: ItemKey) => {
    const status = triages.get(key)?.status ?? 'open';
    return status === 'open' || status === 'accepted';
  };
  const recordWork = (decorationsOfWork: Decoration[]) => {
    if (!decorationsOfWork.length) return;
    const current = session.current();
    const records = recordsWhatItSees(current);
    const firstSeenAt = serverNow(current.clockOffsetMs).toISOString();
    for (const decoration of decorationsOfWork) {
      const { key, work } = decoration;
      if (!work || workItems.has(key)) continue;
      const item = itemOf(decoration);
      if (!item) continue;
      workItems.set(key, item);
      if (records && triages.get(key)?.work === undefined) ingest.add(item, { type: 'see', work, firstSeenAt });
      for (const link of followUps.add(item, isOpen)) {
        const follower = workItems.get(link.follower);
        if (!follower || triages.get(link.follower)?.followUpOf !== undefined) continue;
        if (mayDo(current, 'linkFollowUp', triages.get(link.follower)) && records) {
          ingest.add(follower, { type: 'linkFollowUp', of: link.of });
          if (linkedHere.get(link.follower) !== link.of) {
            linkedHere.set(link.follower, link.of);
            renderSoon.add(link.follower);
          }
        }
        followersOf.set(link.of, (followersOf.get(link.of) ?? new Set()).add(link.follower));
        renderSoon.add(link.of);
      }
    }
  };
  const flushRenders = () => {
    if (!renderSoon.size) return;
    const keys = new Set(renderSoon);
    renderSoon.clear();
    renderKeys(keys);
  };

  // Lookups of one frame go to the background as one message: comments scroll in a few at a time.
  let wanted = new Set<ItemKey>();
  const requestTriage = (keys: Set<ItemKey>) => {
    if (wanted.size === 0) {
      requestAnimationFrame(() => {
        const batch = wanted;
        wanted = new Set();
        void loadTriage(batch);
      });
    }
    for (const key of keys) wanted.add(key);
  };

  const loadTriage = async (keys: Set<ItemKey>) => {
    try {
      const found = TriageList.parse(await sendMessage('getTriage', [...keys]));
      for (const triage of found) keep(triage);
      // Untriaged comments (most of them) already show the right state: re-render only the others.
      if (found.length) renderKeys(new Set([...found.map((triage) => triage.key), ...renderSoon]));
      renderSoon.clear();
    } catch (error) {
      console.debug('[samvad] could not load triage state', error);
    }
  };

  const removeChangeListener = onMessage('triageChanged', ({ data }) => {
    const parsed = TriageList.safeParse(data);
    if (!parsed.success) return;
    for (const triage of parsed.data) keep(triage);
    pageTriageEvents.emit(parsed.data);
    renderKeys(new Set([...parsed.data.map((triage) => triage.key), ...renderSoon]));
    renderSoon.clear();
  });
  const unsubscribePresence = presenceBoard.subscribe(renderKeys);
  const removeNoticeListener = onMessage('itemNotice', ({ data }) => {
    const parsed = ItemNoticeSchema.safeParse(data);
    if (!parsed.success) return;
    const notice = parsed.data;
    const text =
      notice.kind === 'conflict'
        ? conflictNotice({
            departmentId: notice.departmentId,
            assignedBy: notice.assignedBy ?? undefined,
            assignedAt: notice.assignedAt ?? undefined,
            updatedAt: new Date().toISOString(),
          })
        : t('toolbar.saveFailed', { reason: notice.reason });
    notify(notice.key, text);
  });
  // A moderation tab opening, or coming back into view, opens the live connection and pulls at once
  // instead of waiting for the next 30 s alarm (the background connects only for a signed-in moderator).
  const syncNow = () => void sendMessage('syncNow', undefined).catch(() => undefined);
  syncNow();
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') syncNow();
  });
  const unwatchLanguage = uiLanguageItem.watch(async () => {
    language = resolveLanguage(await readLanguageSetting(), browser.i18n.getUILanguage());
    t = createTranslator(language);
    renderAll();
  });
  const unwatchOrg = orgConfigItem.watch(async () => {
    org = await readOrgConfig();
    handles = bodyHandles(org.handles[platform.id]);
    // Other handles (the team's organisation arriving at sign-in) change which comments are work: look again.
    startPage();
  });

  // One lifecycle per page: SPA navigation tears the page's observer down and starts a fresh scan.
  let page = new AbortController();
  const startPage = () => {
    page.abort();
    page = new AbortController();
    ctx.signal.addEventListener('abort', () => page.abort(), { once: true });
    renderAll();
    observe(platform.commentSelector, decorate, { signal: page.signal, ignore: (node) => node.nodeName === TOOLBAR_NODE_NAME });
  };
  ctx.addEventListener(window, 'wxt:locationchange', startPage);
  ctx.setInterval(() => {
    theme = pageTheme();
    renderAll();
  }, CLOCK_MS);
  ctx.onInvalidated(() => {
    removeChangeListener();
    removeNoticeListener();
    unsubscribePresence();
    unwatchLanguage();
    unwatchOrg();
    for (const [element, decoration] of decorations) undecorate(element, decoration);
    untilShown.disconnect();
  });
  startPage();
}
