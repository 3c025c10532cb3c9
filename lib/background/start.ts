import { browser, type Browser } from 'wxt/browser';
import { checkXLength } from '../canned/length';
import { BUNDLED_DEFAULTS } from '../defaults-bundled';
import { describeIssues, OrgConfig } from '../contract/org';
import { ItemKey, itemKey, PlatformId } from '../contract/item';
import type { Triage } from '../contract/triage';
import { DraftChecker } from '../guard/checker';
import { CheckDraftRequest } from '../guard/protocol';
import {
  IngestRequest,
  ManageUsersRequest,
  MutateRequest,
  PresenceReport,
  onMessage,
  sendMessage,
  SignInRequest,
  TextsToMeasure,
  TriageKeys,
  QueueViewRequest,
  type ItemHistoryResult,
  type QueueViewAnswer,
  type ContentSession,
  type ManageUsersResult,
  type MutateResult,
  type PresenceNotice,
  type SaveOrgResult,
  type SetAwayResult,
} from '../messaging';
import { createTranslator, resolveLanguage } from '../i18n';
import { notificationsEnabledItem, orgConfigItem, readLanguageSetting, readNotificationsEnabled, readOrgConfig } from '../settings';
import { serverNow } from '../triage/sla';
import { refusalFor } from '../triage/permissions';
import { buildQueue } from '../triage/queue';
import { approvalNotices, badgeText, Notifier, queueNotices } from './notifications';
import { QueueCache } from './queue-cache';
import { FACEBOOK_MATCHES, QUEUE_PORT, SITE_MATCHES, X_MATCHES } from '../sites';
import { AwayForbidden, OrgEditForbidden, SyncEngine, UsersForbidden, type ItemNotice } from '../sync/engine';
import { isExtensionPage, onlyFrom } from './callers';
import { startPolicyGreeting } from './policy-greeting';
import { coalesce } from './coalesce';
import { INGEST_PACE } from '../sync/ingest-pace';
import { z } from '../contract/zod';
import { TriageStore } from './store';
import { approvalRows, approverAway, type ApproverMark } from '../triage/approvals';
import type { QueuePortMessage } from '../messaging';

/** Who is recorded on local changes until a team server signs the moderator in. */
const LOCAL_ACTOR = 'local';
const SYNC_ALARM = 'samvad-sync';
const SHOWN_NOTICES = 'shownNotices';
/** Changes often come in bursts (a pull of many pages): the badge and notices are worked out once after them. */
const ATTENTION_DEBOUNCE_MS = 300;

/** Wires the background service worker: the item store, typed messages and the sync with the team server. */
export function startBackground(): void {
  // Listeners are registered synchronously (MV3: a woken worker must find them at once); the
  // database opens lazily on the first use.
  const storePromise = TriageStore.open();
  // Open queue pages (side panel, sidebar, a tab): they get every changed row and notice as it happens.
  const queuePorts = new Set<Browser.runtime.Port>();
  const toQueues = (message: QueuePortMessage) => {
    for (const port of queuePorts) {
      try {
        port.postMessage(message);
      } catch {
        queuePorts.delete(port);
      }
    }
  };
  // The organisation in force, parsed once per change (the panel's views and the badge read it often).
  let orgNow = readOrgConfig();
  orgConfigItem.watch(() => {
    orgNow = readOrgConfig();
    attentionSoon();
  });
  // Every row, parsed once: the panel's views and the badge read it instead of the database.
  const cache = new QueueCache(async () => (await storePromise).all());
  const onTriage = (triages: Triage[]) => {
    if (triages.length === 0) return;
    cache.put(triages);
    void broadcastTriage(triages);
    toQueues({ type: 'changed', keys: triages.map((row) => row.key) });
    attentionSoon();
  };
  const enginePromise = storePromise.then(
    (store) =>
      new SyncEngine({
        store,
        events: {
          onTriage,
          onNotice: (notice) => {
            void broadcastNotice(notice);
            toQueues({ type: 'notice', notice });
          },
          onOrg: (org) => void orgConfigItem.setValue(org),
          onPresence: ({ itemKey, user, state, at }) => void broadcastPresence({ itemKey, user, state, at }),
          onRowsDropped: () => {
            cache.invalidate();
            attentionSoon();
          },
        },
      }),
  );
  const syncSoon = () => void enginePromise.then((engine) => engine.sync());

  // An approver is told of waiting requests by the count on the toolbar icon, whichever page is open.
  let approvers: { marks: ApproverMark[]; at: number } | null = null;
  /** The approvers' away marks, asked of the server again after a minute. */
  const approverMarks = async (engine: SyncEngine): Promise<ApproverMark[]> => {
    if (!approvers || Date.now() - approvers.at > 60_000) approvers = { marks: await engine.approvers().catch(() => approvers?.marks ?? []), at: Date.now() };
    return approvers.marks;
  };
  /** The requests waiting for this approver, as the approvals view lists them. */
  const approvalsWaiting = async (engine: SyncEngine, user: NonNullable<Awaited<ReturnType<SyncEngine['session']>>>['user'], rows: Triage[], org: OrgConfig, now: Date) => {
    const { rows: waiting } = approvalRows(rows, org, user, await approverMarks(engine), now);
    return waiting.length ? String(waiting.length) : '';
  };
  // Telling people: notifications and the badge, worked out from the stored rows after each change and
  // on each alarm (a clock passes "due soon" and "overdue" with no change to any row).
  const notifier = new Notifier({
    show: (id, title, message) =>
      browser.notifications
        .create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message })
        .then(() => undefined),
    enabled: readNotificationsEnabled,
    translator: async () => createTranslator(resolveLanguage(await readLanguageSetting(), browser.i18n.getUILanguage())),
    loadShown: async () => (await (await storePromise).readMeta(SHOWN_NOTICES, (value) => z.array(z.string()).safeParse(value).data)) ?? [],
    saveShown: async (ids) => (await storePromise).writeMeta(SHOWN_NOTICES, ids),
  });
  /** The server clock's offset, as the sync last reported it (refreshed with the badge). */
  let clockOffsetMs = 0;
  let attentionTimer: ReturnType<typeof setTimeout> | null = null;
  const attentionSoon = () => {
    if (attentionTimer) return;
    attentionTimer = setTimeout(() => {
      attentionTimer = null;
      void updateAttention().catch(() => undefined);
    }, ATTENTION_DEBOUNCE_MS);
  };
  const updateAttention = async () => {
    const [engine, org, languageSetting] = await Promise.all([enginePromise, orgNow, readLanguageSetting()]);
    const [rows, session, status] = await Promise.all([cache.all(), engine.session(), engine.status()]);
    // The server's clock, as the due times are.
    clockOffsetMs = status.clockOffsetMs ?? 0;
    const now = serverNow(clockOffsetMs);
    const user = session && !session.expired ? session.user : null;
    // The one writer of the toolbar icon's badge: an approver's waiting requests, anyone else's overdue items.
    const text = user?.role === 'approver' ? await approvalsWaiting(engine, user, rows, org, now) : badgeText(rows, user, { policy: org.sla, now });
    await browser.action.setBadgeText({ text });
    await browser.action.setBadgeBackgroundColor({ color: '#b91c1c' });
    if (!user) return;
    const language = resolveLanguage(languageSetting, browser.i18n.getUILanguage());
    const approvers = user.role === 'approver' ? await approverMarks(engine) : null;
    await notifier.notify([
      ...queueNotices(rows, user, { policy: org.sla, now, departments: org.departments, language }),
      ...approvalNotices(rows, user, { org, approvers, now, language }),
    ]);
  };
  notificationsEnabledItem.watch(attentionSoon);
  // A click on a notice opens the queue, where the item is.
  browser.notifications?.onClicked.addListener((id) => {
    void browser.notifications.clear(id);
    void browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
  });

  onMessage('getTriage', onlyFrom('content', async ({ data }) => {
    const keys = TriageKeys.parse(data);
    return (await storePromise).get(keys);
  }));

  onMessage('triagedKeys', onlyFrom('content', async ({ data }) => (await storePromise).keys(PlatformId.parse(data))));

  // Actions are applied one at a time, in the order they arrive: two quick clicks (flag on, flag off)
  // must not be applied the other way round because one awaited its session a little longer.
  let lastAction: Promise<unknown> = Promise.resolve();
  onMessage('mutate', onlyFrom('content', ({ data, sender }): Promise<MutateResult> => {
    const request = MutateRequest.safeParse(data);
    if (!request.success) return Promise.resolve({ outcome: 'rejected', reason: request.error.issues[0]?.message ?? 'invalid request' });
    const { op } = request.data;
    // A site's page never decides an approval: the extension cannot approve its own draft (the approver
    // decides in the side panel, an extension page, and the server checks who they are).
    if (op.type === 'decideApproval' && !isExtensionPage(sender)) {
      return Promise.resolve({ outcome: 'rejected', reason: 'approvals are decided by the department’s approver, not from a site’s page' });
    }
    const applied = lastAction.then(async (): Promise<MutateResult> => {
      const engine = await enginePromise;
      const session = await engine.session();
      // Each action remembers who made it: it is only ever sent under that user's sign-in.
      const by = session ? { id: session.user.id, name: session.user.name } : null;
      const store = await storePromise;
      // What the server would refuse is refused here too, before it shows as done anywhere.
      if (session) {
        const [current] = await store.get([itemKey(request.data.item.platform, request.data.item.id)]);
        // Deciding depends on the department's approver and delegate and whether the approver is away.
        let approvalOrg: Parameters<typeof refusalFor>[3];
        if (op.type === 'decideApproval') {
          const department = (await orgNow).departments.find((d) => d.id === current?.departmentId);
          approvalOrg = department && { department, approverAway: approverAway(department, session.user, await approverMarks(engine)) };
        }
        const refusal = refusalFor(session.user, op.type, current, approvalOrg);
        if (refusal) return { outcome: 'rejected', reason: refusal };
      }
      const outcome = await store.record(request.data.item, request.data.op, session?.user.name ?? LOCAL_ACTOR, by);
      if (outcome.outcome === 'applied') {
        onTriage([outcome.triage]);
        syncSoon();
      }
      return outcome;
    });
    lastAction = applied.catch(() => undefined);
    return applied;
  }));

  // What a page saw (comments that are work, follow-ups, replies seen): recorded in order with the
  // moderator's own actions, pushed after the scrolling pauses.
  const syncAfterIngest = coalesce(syncSoon, INGEST_PACE);
  onMessage('ingest', onlyFrom('content', ({ data }): Promise<number> => {
    const request = IngestRequest.safeParse(data);
    if (!request.success) return Promise.reject(new Error(request.error.issues[0]?.message ?? 'invalid request'));
    const recorded = lastAction.then(async () => {
      const session = await (await enginePromise).session();
      // Like every action: signed out it stays in this browser's store; signed in it is pushed under the
      // user's name (the content script asks only for roles that may record; the server checks again).
      const by = session ? { id: session.user.id, name: session.user.name } : null;
      const outcomes = await (await storePromise).recordMany(request.data, session?.user.name ?? LOCAL_ACTOR, by);
      const changed = outcomes.flatMap((outcome) => (outcome.outcome === 'applied' ? [outcome.triage] : []));
      // A comment recorded as seen changes nothing a toolbar shows (the page knew it was work): only
      // follow-ups and replies seen go out to the tabs, so scrolling does not echo every comment back.
      const shown = outcomes.flatMap((outcome, index) =>
        outcome.outcome === 'applied' && request.data[index]!.op.type !== 'see' ? [outcome.triage] : [],
      );
      if (shown.length) void broadcastTriage(shown);
      if (changed.length) syncAfterIngest();
      return changed.length;
    });
    lastAction = recorded.catch(() => undefined);
    return recorded;
  }));

  onMessage('contentSession', onlyFrom('content', async (): Promise<ContentSession> => {
    const status = await (await enginePromise).status();
    const user = status.signedIn ? status.user : null;
    return {
      user: user ? { role: user.role, email: user.email, departmentId: user.departmentId } : null,
      clockOffsetMs: status.clockOffsetMs ?? 0,
    };
  }));

  // Drafts are checked here, not in the content scripts (their size budget): packs compiled once, again when the org changes.
  const checkerPromise = readOrgConfig().then((org) => new DraftChecker(org));
  orgConfigItem.watch(() => void Promise.all([checkerPromise, readOrgConfig()]).then(([checker, org]) => checker.setOrg(org)));
  onMessage('extensionDefaults', onlyFrom('content', () => BUNDLED_DEFAULTS));

  onMessage('checkDraft', onlyFrom('content', async ({ data }) => (await checkerPromise).check(CheckDraftRequest.parse(data))));

  // Presence is of the moment: it goes straight to the socket, never through the outbox.
  onMessage('presence', onlyFrom('content', async ({ data }) => {
    const report = PresenceReport.parse(data);
    (await enginePromise).sendPresence(report.itemKey, report.state);
  }));

  onMessage('setAway', onlyFrom('page', async ({ data }): Promise<SetAwayResult> => {
    try {
      const user = await (await enginePromise).setAway(z.boolean().parse(data));
      approvers = null;
      attentionSoon();
      return { ok: true, away: user.away === true };
    } catch (error) {
      if (error instanceof AwayForbidden) return { ok: false, error: 'forbidden', detail: error.message };
      return { ok: false, error: 'failed', detail: await describeRequestError(error) };
    }
  }));

  onMessage('listApprovers', onlyFrom('page', async () => {
    try {
      const marks = await (await enginePromise).approvers();
      // The panel's fresh list serves the icon's count too (someone may have just marked themself away).
      approvers = { marks, at: Date.now() };
      attentionSoon();
      return { ok: true as const, approvers: marks };
    } catch (error) {
      return { ok: false as const, detail: await describeRequestError(error) };
    }
  }));

  onMessage('countTriaged', onlyFrom('page', async () => (await storePromise).count()));

  onMessage('listTriage', onlyFrom('page', async () => (await storePromise).all()));

  onMessage('measureForX', onlyFrom('content', ({ data }) => TextsToMeasure.parse(data).map(checkXLength)));

  onMessage('signIn', onlyFrom('page', async ({ data }) => {
    const request = SignInRequest.safeParse(data);
    if (!request.success) return { ok: false, error: request.error.issues.map((i) => i.message).join('; ') };
    const engine = await enginePromise;
    try {
      await engine.signIn(request.data.serverUrl, request.data.email, request.data.password);
      approvers = null;
      attentionSoon();
      return { ok: true, status: await engine.status() };
    } catch (error) {
      return { ok: false, error: await describeRequestError(error) };
    }
  }));

  onMessage('signOut', onlyFrom('page', async () => {
    const engine = await enginePromise;
    await engine.signOut();
    attentionSoon();
    await orgConfigItem.removeValue();
    return engine.status();
  }));

  onMessage('discardUnsent', onlyFrom('page', async ({ data }) => {
    const engine = await enginePromise;
    await engine.discardUnsent(z.string().check(z.minLength(1)).parse(data));
    return engine.status();
  }));

  onMessage('exportUnsent', onlyFrom('page', async () => JSON.stringify(await (await storePromise).exportUnsent(null), null, 2)));

  onMessage('saveOrg', onlyFrom('page', async ({ data }): Promise<SaveOrgResult> => {
    const parsed = OrgConfig.safeParse(data);
    if (!parsed.success) return { ok: false, error: 'invalid', detail: describeIssues(parsed.error).join('; ') };
    try {
      const saved = await (await enginePromise).saveOrg(parsed.data, await readOrgConfig());
      await orgConfigItem.setValue(saved);
      return { ok: true };
    } catch (error) {
      if (error instanceof OrgEditForbidden) return { ok: false, error: 'forbidden', detail: error.message };
      return { ok: false, error: 'failed', detail: await describeRequestError(error) };
    }
  }));

  onMessage('manageUsers', onlyFrom('page', async ({ data }): Promise<ManageUsersResult> => {
    const request = ManageUsersRequest.safeParse(data);
    if (!request.success) return { ok: false, error: 'failed', detail: describeIssues(request.error).join('; ') };
    try {
      return { ok: true, users: await (await enginePromise).manageUsers(request.data) };
    } catch (error) {
      if (error instanceof UsersForbidden) return { ok: false, error: 'forbidden', detail: error.message };
      return { ok: false, error: 'failed', detail: await describeRequestError(error) };
    }
  }));

  onMessage('queueView', onlyFrom('page', async ({ data }): Promise<QueueViewAnswer> => {
    const { filters, limit } = QueueViewRequest.parse(data);
    const [rows, org] = await Promise.all([cache.all(), orgNow]);
    const view = buildQueue(rows, filters, { policy: org.sla, now: serverNow(clockOffsetMs) });
    const shown = view.rows.slice(0, limit).map((row) => row.triage);
    const followUpAuthors: Record<string, string> = {};
    for (const row of shown) {
      const of = row.followUpOf ? await cache.get(row.followUpOf) : undefined;
      if (of) followUpAuthors[of.key] = of.item.author.name;
    }
    return { rows: shown, counts: view.counts, followUpAuthors };
  }));

  onMessage('itemHistory', onlyFrom('page', async ({ data }): Promise<ItemHistoryResult> => {
    const key = ItemKey.parse(data);
    try {
      const events = await (await enginePromise).itemHistory(key);
      return events ? { ok: true, events } : { ok: false, error: 'signed-out', detail: '' };
    } catch (error) {
      return { ok: false, error: 'failed', detail: await describeRequestError(error) };
    }
  }));

  onMessage('syncStatus', onlyFrom('page', async () => (await enginePromise).status()));

  onMessage('syncNow', onlyFrom('content', async () => {
    const engine = await enginePromise;
    engine.connect();
    await engine.sync();
  }));

  // An open queue page holds a port: while one is open, updates stay live as with a moderation tab.
  let openQueues = 0;
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== QUEUE_PORT || !port.sender || !isExtensionPage(port.sender)) return;
    openQueues += 1;
    queuePorts.add(port);
    void enginePromise.then((engine) => {
      engine.connect();
      return engine.sync();
    });
    port.onDisconnect.addListener(() => {
      openQueues -= 1;
      queuePorts.delete(port);
    });
  });

  // MV3 alarms may not survive a browser restart: create it on every start (30 s is the minimum).
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    const engine = await enginePromise;
    // The poke socket (and its keep-alive ping) is only worth keeping while someone is watching.
    if (openQueues > 0 || (await moderationTabs()).length) engine.connect();
    else engine.disconnect();
    await engine.sync();
    attentionSoon();
  });
  browser.runtime.onStartup.addListener(syncSoon);
  startPolicyGreeting(async () => (await enginePromise).status().then((status) => status.signedIn));
  // The network is back (Firefox's event page and browsers that tell a worker): send what waits at once.
  globalThis.addEventListener?.('online', syncSoon);
  syncSoon();
  attentionSoon();
}

async function moderationTabs() {
  return browser.tabs.query({ url: SITE_MATCHES });
}

/** Sends to every open moderation tab, so all badges agree; a tab without the content script is skipped. */
async function toModerationTabs(send: (tabId: number) => Promise<void>): Promise<void> {
  const tabs = await moderationTabs();
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : send(tab.id).catch(() => undefined))));
}

const broadcastTriage = (triages: Triage[]) =>
  triages.length ? toModerationTabs((tabId) => sendMessage('triageChanged', triages, tabId)) : Promise.resolve();
/** Another user's presence goes to the tabs of the item's site only: each shows it on that item's toolbars. */
async function broadcastPresence(notice: PresenceNotice): Promise<void> {
  const tabs = await browser.tabs.query({ url: notice.itemKey.startsWith('x:') ? X_MATCHES : FACEBOOK_MATCHES });
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : sendMessage('presenceChanged', notice, tab.id).catch(() => undefined))));
}
const broadcastNotice = (notice: ItemNotice) => toModerationTabs((tabId) => sendMessage('itemNotice', notice, tabId));

async function describeRequestError(error: unknown): Promise<string> {
  const response = (error as { response?: Response }).response;
  if (response) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    return body?.message ?? `${response.status} ${response.statusText}`;
  }
  return error instanceof Error ? error.message : String(error);
}
