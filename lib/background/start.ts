import { browser } from 'wxt/browser';
import { checkXLength } from '../canned/length';
import { describeIssues, OrgConfig } from '../contract/org';
import { PlatformId } from '../contract/item';
import type { Triage } from '../contract/triage';
import { DraftChecker } from '../guard/checker';
import { CheckDraftRequest } from '../guard/protocol';
import {
  IngestRequest,
  ManageUsersRequest,
  MutateRequest,
  onMessage,
  sendMessage,
  SignInRequest,
  TextsToMeasure,
  TriageKeys,
  type ContentSession,
  type ManageUsersResult,
  type MutateResult,
  type SaveOrgResult,
} from '../messaging';
import { orgConfigItem, readOrgConfig } from '../settings';
import { QUEUE_PORT, SITE_MATCHES } from '../sites';
import { OrgEditForbidden, SyncEngine, UsersForbidden, type ItemNotice } from '../sync/engine';
import { isExtensionPage, onlyFrom } from './callers';
import { coalesce } from './coalesce';
import { INGEST_PACE } from '../sync/ingest-pace';
import { z } from '../contract/zod';
import { TriageStore } from './store';

/** Who is recorded on local changes until a team server signs the moderator in. */
const LOCAL_ACTOR = 'local';
const SYNC_ALARM = 'samvad-sync';
/** Wires the background service worker: the item store, typed messages and the sync with the team server. */
export function startBackground(): void {
  // Listeners are registered synchronously (MV3: a woken worker must find them at once); the
  // database opens lazily on the first use.
  const storePromise = TriageStore.open();
  const enginePromise = storePromise.then(
    (store) =>
      new SyncEngine({
        store,
        events: {
          onTriage: (triages) => void broadcastTriage(triages),
          onNotice: (notice) => void broadcastNotice(notice),
          onOrg: (org) => void orgConfigItem.setValue(org),
        },
      }),
  );
  const syncSoon = () => void enginePromise.then((engine) => engine.sync());

  onMessage('getTriage', onlyFrom('content', async ({ data }) => {
    const keys = TriageKeys.parse(data);
    return (await storePromise).get(keys);
  }));

  onMessage('triagedKeys', onlyFrom('content', async ({ data }) => (await storePromise).keys(PlatformId.parse(data))));

  // Actions are applied one at a time, in the order they arrive: two quick clicks (flag on, flag off)
  // must not be applied the other way round because one awaited its session a little longer.
  let lastAction: Promise<unknown> = Promise.resolve();
  onMessage('mutate', onlyFrom('content', ({ data }): Promise<MutateResult> => {
    const request = MutateRequest.safeParse(data);
    if (!request.success) return Promise.resolve({ outcome: 'rejected', reason: request.error.issues[0]?.message ?? 'invalid request' });
    const applied = lastAction.then(async (): Promise<MutateResult> => {
      const session = await (await enginePromise).session();
      // Each action remembers who made it: it is only ever sent under that user's sign-in.
      const by = session ? { id: session.user.id, name: session.user.name } : null;
      const outcome = await (await storePromise).record(request.data.item, request.data.op, session?.user.name ?? LOCAL_ACTOR, by);
      if (outcome.outcome === 'applied') {
        void broadcastTriage([outcome.triage]);
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
      clockOffsetMs: clockOffsetOf(status),
    };
  }));

  // Drafts are checked here, not in the content scripts (their size budget): packs compiled once, again when the org changes.
  const checkerPromise = readOrgConfig().then((org) => new DraftChecker(org));
  orgConfigItem.watch(() => void Promise.all([checkerPromise, readOrgConfig()]).then(([checker, org]) => checker.setOrg(org)));
  onMessage('checkDraft', onlyFrom('content', async ({ data }) => (await checkerPromise).check(CheckDraftRequest.parse(data))));

  onMessage('countTriaged', onlyFrom('page', async () => (await storePromise).count()));

  onMessage('listTriage', onlyFrom('page', async () => (await storePromise).all()));

  onMessage('measureForX', onlyFrom('content', ({ data }) => TextsToMeasure.parse(data).map(checkXLength)));

  onMessage('signIn', onlyFrom('page', async ({ data }) => {
    const request = SignInRequest.safeParse(data);
    if (!request.success) return { ok: false, error: request.error.issues.map((i) => i.message).join('; ') };
    const engine = await enginePromise;
    try {
      await engine.signIn(request.data.serverUrl, request.data.email, request.data.password);
      return { ok: true, status: await engine.status() };
    } catch (error) {
      return { ok: false, error: await describeRequestError(error) };
    }
  }));

  onMessage('signOut', onlyFrom('page', async () => {
    const engine = await enginePromise;
    await engine.signOut();
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
    void enginePromise.then((engine) => {
      engine.connect();
      return engine.sync();
    });
    port.onDisconnect.addListener(() => {
      openQueues -= 1;
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
  });
  browser.runtime.onStartup.addListener(syncSoon);
  // The network is back (Firefox's event page and browsers that tell a worker): send what waits at once.
  globalThis.addEventListener?.('online', syncSoon);
  syncSoon();
}

/**
 * The one place the server clock's offset is read (server time minus this browser's, in ms): the sync
 * status carries it once the engine measures it from the server's answers; 0 until then.
 */
function clockOffsetOf(status: object): number {
  const offset = (status as { clockOffsetMs?: unknown }).clockOffsetMs;
  return typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
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
const broadcastNotice = (notice: ItemNotice) => toModerationTabs((tabId) => sendMessage('itemNotice', notice, tabId));

async function describeRequestError(error: unknown): Promise<string> {
  const response = (error as { response?: Response }).response;
  if (response) {
    const body = (await response.json().catch(() => null)) as { message?: string } | null;
    return body?.message ?? `${response.status} ${response.statusText}`;
  }
  return error instanceof Error ? error.message : String(error);
}
