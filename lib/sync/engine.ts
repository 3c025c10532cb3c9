import ky, { HTTPError, type KyInstance } from 'ky';
import {
  ApproversResponse,
  ItemHistoryResponse,
  LoginResponse,
  MeResponse,
  OrgResponse,
  PokeServerMessage,
  PullResponse,
  PushResponse,
  MAX_PUSH_MUTATIONS,
  type Actor,
  type AuditEvent,
  type ManagedUser,
  type MutationResult,
  type PublicUser,
} from '../contract/api';
import { manageUsersOn, saveOrgSections } from '../admin/source';
import type { ItemKey } from '../contract/item';
import type { ManageUsersRequest } from '../messaging';
import type { OrgConfig } from '../contract/org';
import type { Triage } from '../contract/triage';
import type { TriageStore } from '../background/store';
import { clockOffset } from '../triage/sla';
import { normaliseServerUrl, SyncSession, type SyncStatus } from './session';

/** Something the moderator must be told about an item: a conflict or a refusal by the server. */
export interface ItemNotice {
  key: ItemKey;
  kind: 'conflict' | 'rejected';
  reason: string;
  /** For conflicts: who assigned it and when ("already assigned to Hallmarking by A. Sharma, 2 min ago"). */
  assignedBy: string | null;
  assignedAt: string | null;
  departmentId: string | null;
}

export interface SyncEvents {
  /** Rows changed by a push answer or a pull: every open tab must re-render them. */
  onTriage(triages: Triage[]): void;
  onNotice(notice: ItemNotice): void;
  onOrg(org: OrgConfig): void;
  /** Another user's presence on an item ("Kabir is replying"), as the server relayed it. */
  onPresence?(presence: Presence): void;
  /** A pull dropped rows from the store (a snapshot, items that left this user's view): views of all rows re-read it. */
  onRowsDropped?(): void;
}

export type Presence = Extract<PokeServerMessage, { type: 'presence' }>;
export type Approver = ApproversResponse['approvers'][number];

/** How long this install's own "replying" is re-announced after a reconnect: the server lapses it after a minute. */
const PRESENCE_LAPSE_MS = 60_000;

export interface SyncEngineOptions {
  store: TriageStore;
  events: SyncEvents;
  fetch?: typeof fetch;
  /** The WebSocket constructor (node tests pass `ws`'s). */
  WebSocket?: typeof WebSocket;
  /** Keep-alive period: Chrome keeps a service worker alive while WebSocket traffic flows each 30 s. */
  pingMs?: number;
}

const SESSION_KEY = 'syncSession';
const PUSH_BATCH = Math.min(100, MAX_PUSH_MUTATIONS);
/**
 * Retries after a failed sync while actions wait, without waiting for the 30 s alarm: from 1 s, doubling.
 * A network that is down is tried again at most every 2 s, so an action is on the server within a few
 * seconds of the network coming back (budget: 3 s); a server answering errors is left longer alone.
 */
const RETRY_FIRST_MS = 1_000;
const RETRY_OFFLINE_MAX_MS = 2_000;
const RETRY_SERVER_MAX_MS = 30_000;

/**
 * The background's sync with the team server: pushes the outbox in order (idempotent, so retried),
 * pulls by version cursor, refetches the organisation when it changes, and listens for pokes.
 * Never loses an action: the outbox is only emptied by the server's answer for each mutation.
 */
export class SyncEngine {
  private running: Promise<void> | null = null;
  private again = false;
  private socket: WebSocket | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastError: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  /** The server's clock minus this one's, from the latest answer (see clockOffset). */
  private clockOffsetMs: number | null = null;
  /** Items this user said they are replying to, and when: told again to a new socket. */
  private readonly replying = new Map<ItemKey, number>();
  /** Sockets the server has authenticated: presence sent before that would be ignored. */
  private readonly ready = new WeakSet<WebSocket>();

  constructor(private readonly options: SyncEngineOptions) {}

  private get store() {
    return this.options.store;
  }

  async session(): Promise<SyncSession | undefined> {
    return this.store.readMeta(SESSION_KEY, (value) => {
      const parsed = SyncSession.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
  }

  private async saveSession(session: SyncSession | undefined): Promise<void> {
    await this.store.writeMeta(SESSION_KEY, session);
  }

  private client(session: Pick<SyncSession, 'serverUrl' | 'token'>): KyInstance {
    return ky.create({
      prefixUrl: session.serverUrl,
      headers: { authorization: `Bearer ${session.token}` },
      // Pushes are idempotent (mutation ids), so they are retried like reads.
      retry: { limit: 3, methods: ['get', 'post'], statusCodes: [408, 429, 500, 502, 503, 504], backoffLimit: 5_000 },
      timeout: 15_000,
      fetch: this.options.fetch,
    });
  }

  async signIn(serverUrlInput: string, email: string, password: string): Promise<SyncSession> {
    const serverUrl = normaliseServerUrl(serverUrlInput);
    const answer = LoginResponse.parse(
      await ky
        .post('auth/login', { prefixUrl: serverUrl, json: { email, password }, fetch: this.options.fetch, retry: 0, timeout: 15_000 })
        .json(),
    );
    const previous = await this.session();
    // Another server or user: start the pull from scratch (a snapshot of what this user may see).
    const sameView = previous?.serverUrl === serverUrl && previous.user.id === answer.user.id;
    const session: SyncSession = {
      serverUrl,
      token: answer.token,
      expiresAt: answer.expiresAt,
      user: answer.user,
      cursor: sameView ? previous.cursor : 0,
      orgVersion: sameView ? previous.orgVersion : 0,
      lastSyncAt: sameView ? previous.lastSyncAt : null,
      expired: false,
    };
    await this.saveSession(session);
    await this.sync();
    this.connect();
    return session;
  }

  async signOut(): Promise<void> {
    const session = await this.session();
    this.disconnect();
    if (session && !session.expired) {
      await this.client(session).post('auth/logout', { retry: 0 }).catch(() => undefined);
    }
    await this.saveSession(undefined);
  }

  async status(): Promise<SyncStatus> {
    const session = await this.session();
    const userId = session?.user.id ?? null;
    return {
      signedIn: Boolean(session && !session.expired),
      expired: session?.expired ?? false,
      serverUrl: session?.serverUrl ?? null,
      user: session?.user ?? null,
      lastSyncAt: session?.lastSyncAt ?? null,
      pending: await this.store.pendingCount(userId),
      unsentByOthers: userId === null ? [] : await this.store.unsentByOthers(userId),
      setAside: await this.store.setAsideCount(),
      lastError: this.lastError,
      connected: this.socket?.readyState === 1,
      clockOffsetMs: this.clockOffsetMs ?? session?.clockOffsetMs ?? null,
    };
  }

  /**
   * Drops another user's unsent actions, as the moderator chose when signing in as someone else (they
   * cannot be sent without that user's sign-in); their items go back to what the server has.
   */
  async discardUnsent(userId: string): Promise<void> {
    const session = await this.session();
    const written = await this.store.discardUnsent(userId, session?.user.name ?? 'local');
    if (written.length) this.options.events.onTriage(written);
  }

  /** Pushes, then pulls. Calls made while one runs are folded into one more run. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let failure: 'network' | 'server' | null = null;
      try {
        do {
          this.again = false;
          failure = await this.runOnce();
        } while (this.again);
      } finally {
        this.running = null;
      }
      // After the run, not during it: a retry folded into a failing run would keep it going for ever.
      if (failure) await this.retrySoon(failure === 'network');
    })();
    return this.running;
  }

  /** One push and pull; says whether it failed for a reason worth retrying soon. */
  private async runOnce(): Promise<'network' | 'server' | null> {
    const session = await this.session();
    if (!session || session.expired) return null;
    try {
      await this.push(session);
      await this.pull(session);
      this.lastError = null;
      this.failures = 0;
      return null;
    } catch (error) {
      if (error instanceof HTTPError && error.response.status === 401) {
        await this.saveSession({ ...session, expired: true });
        this.disconnect();
        this.lastError = 'unauthorised';
        return null;
      }
      // Offline or the server is down: everything stays in the outbox for the next try.
      this.lastError = error instanceof Error ? error.message : String(error);
      return error instanceof HTTPError ? 'server' : 'network';
    }
  }

  /** Schedules the next try while actions wait in the outbox (see RETRY_FIRST_MS). */
  private async retrySoon(networkDown: boolean): Promise<void> {
    if (this.retryTimer || (await this.store.pendingCount()) === 0) return;
    const delay = Math.min(RETRY_FIRST_MS * 2 ** this.failures, networkDown ? RETRY_OFFLINE_MAX_MS : RETRY_SERVER_MAX_MS);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      // Nobody awaits this run: a store gone with its worker ends the retries quietly.
      this.sync().catch(() => undefined);
    }, delay);
  }

  private async push(session: SyncSession): Promise<void> {
    const api = this.client(session);
    const clientId = await this.store.clientId();
    for (;;) {
      // Only this user's actions (and those made signed out): another user's wait for them.
      const batch = await this.store.pending(PUSH_BATCH, session.user.id);
      if (batch.length === 0) return;
      const sentAt = Date.now();
      const answer = PushResponse.parse(await api.post('sync/push', { json: { clientId, mutations: batch } }).json());
      this.noteServerTime(answer.serverTime, sentAt);
      const rows = answer.results.flatMap((result) => ('triage' in result ? [result.triage] : []));
      // A refused action is undone here and on every tab (the notice below says why).
      const refused = answer.results.flatMap((result) => (result.outcome === 'rejected' ? batch.filter((m) => m.seq === result.seq) : []));
      const written = await this.store.acknowledge(
        answer.results.map((result) => result.seq),
        rows,
        session.user.name,
        refused,
      );
      this.options.events.onTriage(written);
      for (const result of answer.results) this.notify(result, batch.find((m) => m.seq === result.seq)?.item);
    }
  }

  private notify(result: MutationResult, item: { platform: string; id: string } | undefined): void {
    if (result.outcome === 'applied' || !item) return;
    const key = `${item.platform}:${item.id}` as ItemKey;
    if (result.outcome === 'conflict') {
      this.options.events.onNotice({
        key,
        kind: 'conflict',
        reason: result.reason,
        assignedBy: result.assignedBy?.name ?? null,
        assignedAt: result.assignedAt,
        departmentId: result.triage.departmentId,
      });
    } else {
      this.options.events.onNotice({ key, kind: 'rejected', reason: result.reason, assignedBy: null, assignedAt: null, departmentId: null });
    }
  }

  private async pull(session: SyncSession): Promise<void> {
    const api = this.client(session);
    let cursor = session.cursor;
    let serverOrgVersion = session.orgVersion;
    // A snapshot may come in several pages: only after the last one are rows none of them named dropped.
    let snapshotKeys: Set<ItemKey> | null = null;
    for (let more = true; more; ) {
      const sentAt = Date.now();
      const answer = PullResponse.parse(await api.get('sync/pull', { searchParams: { cursor } }).json());
      this.noteServerTime(answer.serverTime, sentAt);
      if (answer.snapshot) snapshotKeys ??= new Set();
      const rows = answer.rows.map((row) => withActorNames(row, answer.actors));
      for (const row of rows) snapshotKeys?.add(row.key);
      const keepOnly = snapshotKeys && !answer.more ? snapshotKeys : null;
      const written = await this.store.putServerRows(rows, { keepOnly, removed: answer.removed }, session.user.name);
      if (written.length) this.options.events.onTriage(written);
      if (keepOnly || answer.removed.length) this.options.events.onRowsDropped?.();
      cursor = answer.cursor;
      serverOrgVersion = answer.orgVersion;
      more = answer.more;
    }
    let orgVersion = session.orgVersion;
    if (serverOrgVersion !== session.orgVersion) {
      const org = OrgResponse.parse(await api.get('org').json());
      this.options.events.onOrg(org.org);
      orgVersion = org.orgVersion;
    }
    // Re-read: a sign-out may have happened while the requests were out.
    const current = await this.session();
    if (current?.token === session.token) {
      await this.saveSession({ ...current, cursor, orgVersion, lastSyncAt: new Date().toISOString(), clockOffsetMs: this.clockOffsetMs });
    }
  }

  /** Keeps the offset of the server's clock from an answer's serverTime (older servers send none). */
  private noteServerTime(serverTime: string | undefined, sentAt: number): void {
    if (!serverTime) return;
    const offset = Math.round(clockOffset(serverTime, sentAt, Date.now()));
    this.clockOffsetMs = offset;
  }

  /**
   * Saves the organisation's data. Signed in, it goes to the team server (administrators only; the
   * server checks the role too), section by section, and comes back through GET /org like any change;
   * signed out, it is this browser's own copy. Returns the organisation now in force.
   */
  /** Every event of one item, oldest first, as the server recorded them (null when signed out). */
  async itemHistory(key: ItemKey): Promise<AuditEvent[] | null> {
    const session = await this.session();
    if (!session || session.expired) return null;
    const answer = await this.client(session).get(`items/${encodeURIComponent(key)}/history`, { retry: 0 }).json();
    return ItemHistoryResponse.parse(answer).events;
  }

  /** Account actions for the options page: only for a signed-in admin. */
  async manageUsers(request: ManageUsersRequest): Promise<ManagedUser[]> {
    const session = await this.session();
    if (!session || session.expired || session.user.role !== 'admin') throw new UsersForbidden();
    return manageUsersOn(this.client(session), request);
  }

  async saveOrg(next: OrgConfig, current: OrgConfig): Promise<OrgConfig> {
    const session = await this.session();
    if (!session || session.expired) return next;
    if (session.user.role !== 'admin') throw new OrgEditForbidden();
    const answer = await saveOrgSections(this.client(session), next, current);
    this.options.events.onOrg(answer.org);
    await this.saveSession({ ...session, orgVersion: answer.orgVersion });
    return answer.org;
  }

  /** Opens the poke socket (no data on it: a poke means "pull"). Idempotent. */
  connect(): void {
    const Socket = this.options.WebSocket ?? globalThis.WebSocket;
    if (!Socket || (this.socket && this.socket.readyState <= 1)) return;
    void this.session().then((session) => {
      if (!session || session.expired || (this.socket && this.socket.readyState <= 1)) return;
      const url = new URL('sync/poke', `${session.serverUrl}/`);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new Socket(url.href);
      this.socket = socket;
      // The token goes in the first message, not the URL, so it never lands in access logs.
      socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'auth', token: session.token })));
      socket.addEventListener('message', (event) => {
        const parsed = PokeServerMessage.safeParse(safeJson(String(event.data)));
        if (!parsed.success) return;
        if (parsed.data.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
        if (parsed.data.type === 'ready') this.resendPresence(socket);
        if (parsed.data.type === 'presence') this.options.events.onPresence?.(parsed.data);
        if (parsed.data.type === 'poke' || parsed.data.type === 'ready') void this.sync();
      });
      // A socket that fails is replaced at the next alarm; the close handler below does the clean-up.
      socket.addEventListener('error', () => undefined);
      socket.addEventListener('close', () => {
        if (this.socket === socket) this.socket = null;
        this.stopPing();
      });
      this.stopPing();
      this.pingTimer = setInterval(() => {
        if (socket.readyState === 1) socket.send(JSON.stringify({ type: 'ping' }));
      }, this.options.pingMs ?? 20_000);
    });
  }

  /**
   * Tells the others this user is replying to an item (a composer open for it, a canned reply
   * inserted) or stopped. Presence is of the moment: without a connected socket it is not kept for later,
   * except that a socket opening within a minute is told who this user is still replying to.
   */
  sendPresence(itemKey: ItemKey, state: 'replying' | 'idle'): void {
    if (state === 'replying') this.replying.set(itemKey, Date.now());
    else this.replying.delete(itemKey);
    const socket = this.socket;
    if (socket?.readyState === 1 && this.ready.has(socket)) socket.send(JSON.stringify({ type: 'presence', itemKey, state }));
    else this.connect();
  }

  private resendPresence(socket: WebSocket): void {
    this.ready.add(socket);
    const now = Date.now();
    for (const [itemKey, at] of this.replying) {
      if (now - at > PRESENCE_LAPSE_MS) this.replying.delete(itemKey);
      else socket.send(JSON.stringify({ type: 'presence', itemKey, state: 'replying' }));
    }
  }

  /** An approver marks themself away (their delegates decide meanwhile) or back; the signed-in user afterwards. */
  async setAway(away: boolean): Promise<PublicUser> {
    const session = await this.session();
    if (!session || session.expired || session.user.role !== 'approver') throw new AwayForbidden();
    const answer = MeResponse.parse(await this.client(session).post('auth/away', { json: { away }, retry: 0 }).json());
    const current = await this.session();
    if (current?.token === session.token) await this.saveSession({ ...current, user: answer.user });
    return answer.user;
  }

  /** The team's approvers and who of them is away (a delegate decides for an approver who is). */
  async approvers(): Promise<Approver[]> {
    const session = await this.session();
    if (!session || session.expired) return [];
    return ApproversResponse.parse(await this.client(session).get('approvers').json()).approvers;
  }

  disconnect(): void {
    this.stopPing();
    this.socket?.close();
    this.socket = null;
  }

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}

/** A moderator who is not an administrator tried to change the team's organisation data. */
/** An admin's account action on the team server; the users as they are afterwards. */
export class UsersForbidden extends Error {
  constructor() {
    super('only an administrator signed in to the team server manages users');
    this.name = 'UsersForbidden';
  }
}

export class AwayForbidden extends Error {
  constructor() {
    super('only an approver signed in to the team server marks themself away');
    this.name = 'AwayForbidden';
  }
}

export class OrgEditForbidden extends Error {
  constructor() {
    super('only an administrator can change the organisation on the team server');
    this.name = 'OrgEditForbidden';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The server names users by id; the toolbar shows their names ("by A. Sharma"), and so do approvals. */
function withActorNames(row: Triage, actors: Actor[]): Triage {
  const name = (id: string | undefined) => (id === undefined ? undefined : (actors.find((a) => a.id === id)?.name ?? id));
  // Approvals name who asked and who decided: the approver's panel and the moderator's toolbar show them.
  const approvals = row.approvals.map((a) => ({
    ...a,
    requestedBy: name(a.requestedBy)!,
    ...(a.decidedBy !== undefined ? { decidedBy: name(a.decidedBy) } : {}),
  }));
  return { ...row, assignedBy: name(row.assignedBy), updatedBy: name(row.updatedBy), approvals };
}
