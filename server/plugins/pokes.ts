import { eq, sql } from 'drizzle-orm';
import fp from 'fastify-plugin';
import type { WebSocket } from 'ws';
import {
  POKE_CLOSE_UNAUTHENTICATED,
  PokeClientMessage,
  type PokeServerMessage,
} from '../../lib/contract/api';
import type { ItemKey } from '../../lib/contract/item';
import { items } from '../db/schema';
import { POKE_CHANNEL, type PokePayload } from '../services/sync';
import type { AuthContext } from '../services/users';

declare module 'fastify' {
  interface FastifyInstance {
    pokes: PokeHub;
  }
}

export interface PokeHubOptions {
  /** Ping every connected client this often (MV3 service workers stay alive on WebSocket traffic within 30 s). */
  pingIntervalMs: number;
  /** Coalesce pokes arriving within this window after a poke (at least; see windowMs). */
  throttleMs: number;
}

const AUTH_TIMEOUT_MS = 10_000;
const FAN_OUT_SLICE = 100;

/** NOTIFY channel for presence ("who else is replying"): relayed by every instance, never stored. */
export const PRESENCE_CHANNEL = 'samvad_presence';
/**
 * Presence messages a socket may send: a burst of PRESENCE_BURST, then one per PRESENCE_REFILL_MS
 * (a composer open refreshes every 20 s or so): a client flooding them has the excess dropped.
 */
const PRESENCE_BURST = 10;
const PRESENCE_REFILL_MS = 2_000;

/** One user's presence on an item, as instances pass it on (the item's department decides who hears it). */
export interface PresencePayload {
  itemKey: ItemKey;
  departmentId: string | null;
  user: { id: string; name: string };
  state: 'replying' | 'idle';
  at: string;
}

/** Where presence learns an item's department, and how it reaches every instance. */
export interface PresenceRelay {
  departmentOf(itemKey: ItemKey): Promise<string | null>;
  publish(payload: PresencePayload): Promise<void>;
}

interface Connection {
  auth: AuthContext | null;
  lastSeen: number;
  /** Presence rate limit: tokens left and when they were last counted. */
  presenceTokens: number;
  presenceCountedAt: number;
  /** Items this socket said it is replying to: told `idle` when it closes. */
  replying: Map<ItemKey, string | null>;
  /** This socket's presence, passed on one after another: "replying" then "idle" must not arrive swapped. */
  presenceQueue: Promise<void>;
}

/**
 * The same rule as pull: a department's contact hears only about their department's items; everyone
 * else about every item. Nobody is told about themself.
 */
function mayHear(auth: AuthContext, payload: Pick<PresencePayload, 'departmentId' | 'user'>): boolean {
  if (auth.user.id === payload.user.id) return false;
  return auth.user.role !== 'department' || (auth.user.departmentId !== null && auth.user.departmentId === payload.departmentId);
}

/**
 * Connected poke sockets. Pokes come from NOTIFY (sent inside the committing transaction), so an
 * instance pokes its clients for commits made by any instance sharing the database.
 */
export class PokeHub {
  private readonly connections = new Map<WebSocket, Connection>();
  private pending: PokePayload | null = null;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private readonly pingTimer: NodeJS.Timeout;

  constructor(
    private readonly resolve: (token: string) => Promise<AuthContext | null>,
    private readonly options: PokeHubOptions,
    private readonly presence: PresenceRelay,
  ) {
    this.pingTimer = setInterval(() => this.pingAll(), options.pingIntervalMs);
    this.pingTimer.unref();
  }

  /** Number of authenticated sockets. */
  get size(): number {
    let n = 0;
    for (const c of this.connections.values()) if (c.auth) n++;
    return n;
  }

  /** Takes a freshly upgraded socket: authenticates it by the query token or its first message. */
  accept(socket: WebSocket, queryToken: string | undefined): void {
    const connection: Connection = {
      auth: null,
      lastSeen: Date.now(),
      presenceTokens: PRESENCE_BURST,
      presenceCountedAt: Date.now(),
      replying: new Map(),
      presenceQueue: Promise.resolve(),
    };
    this.connections.set(socket, connection);
    const authenticate = async (token: string) => {
      const auth = await this.resolve(token).catch(() => null);
      if (!auth) return socket.close(POKE_CLOSE_UNAUTHENTICATED, 'unknown, expired or revoked token');
      connection.auth = auth;
      send(socket, { type: 'ready' });
    };
    const authTimer = setTimeout(() => {
      if (!connection.auth) socket.close(POKE_CLOSE_UNAUTHENTICATED, 'no token');
    }, AUTH_TIMEOUT_MS);
    socket.on('message', (data) => {
      connection.lastSeen = Date.now();
      let parsed: ReturnType<typeof PokeClientMessage.safeParse>;
      try {
        parsed = PokeClientMessage.safeParse(JSON.parse(data.toString()));
      } catch {
        return; // not JSON: ignore, like any unknown message
      }
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'auth' && !connection.auth) void authenticate(message.token);
      else if (message.type === 'ping') send(socket, { type: 'pong' });
      else if (message.type === 'presence' && connection.auth && this.takePresenceToken(connection)) {
        const auth = connection.auth;
        connection.presenceQueue = connection.presenceQueue
          .then(() => this.announce(connection, auth, message.itemKey, message.state))
          .catch(() => undefined);
      }
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      this.connections.delete(socket);
      // A closed tab or browser stops replying: the others stop seeing it at once, not a minute later.
      const auth = connection.auth;
      if (auth) {
        void connection.presenceQueue.then(async () => {
          for (const [itemKey, departmentId] of connection.replying) {
            await this.presence.publish(presencePayload(auth, itemKey, departmentId, 'idle')).catch(() => undefined);
          }
          connection.replying.clear();
        });
      }
    });
    socket.on('error', () => socket.terminate());
    if (queryToken) void authenticate(queryToken);
  }

  /** Token bucket per socket (see PRESENCE_BURST). */
  private takePresenceToken(connection: Connection): boolean {
    const now = Date.now();
    const refilled = Math.floor((now - connection.presenceCountedAt) / PRESENCE_REFILL_MS);
    if (refilled > 0) {
      connection.presenceTokens = Math.min(PRESENCE_BURST, connection.presenceTokens + refilled);
      connection.presenceCountedAt += refilled * PRESENCE_REFILL_MS;
    }
    if (connection.presenceTokens <= 0) return false;
    connection.presenceTokens -= 1;
    return true;
  }

  /** A client's presence on an item: passed on if the sender may see the item (the pull rule), to every instance. */
  private async announce(connection: Connection, auth: AuthContext, itemKey: ItemKey, state: 'replying' | 'idle'): Promise<void> {
    const departmentId = await this.presence.departmentOf(itemKey);
    if (auth.user.role === 'department' && (departmentId === null || departmentId !== auth.user.departmentId)) return;
    if (state === 'replying') connection.replying.set(itemKey, departmentId);
    else connection.replying.delete(itemKey);
    await this.presence.publish(presencePayload(auth, itemKey, departmentId, state));
  }

  /** A presence NOTIFY arrived: tell this instance's sockets that may see the item. */
  relayPresence(payload: PresencePayload): void {
    const message = JSON.stringify({
      type: 'presence',
      itemKey: payload.itemKey,
      user: payload.user,
      state: payload.state,
      at: payload.at,
    } satisfies PokeServerMessage);
    for (const [socket, c] of this.connections) {
      if (c.auth && mayHear(c.auth, payload) && socket.readyState === socket.OPEN) socket.send(message);
    }
  }

  /**
   * A NOTIFY arrived: poke every authenticated client at once, or, within a throttle window of the
   * last poke, once at its end with the newest versions (a busy team costs one poke per window per
   * client, not one per push).
   */
  notify(payload: PokePayload): void {
    this.pending = this.pending ? mergePayloads(this.pending, payload) : payload;
    if (this.flushTimer) return;
    const wait = this.lastFlush + this.windowMs() - Date.now();
    if (wait <= 0) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /**
   * The throttle window grows with the audience (0.5 ms per socket: 500 ms for 1,000), so a busy
   * server's fan-out stays near a thousand writes a second and the pulls it triggers stay spread.
   */
  private windowMs(): number {
    return Math.max(this.options.throttleMs, this.connections.size * 0.5);
  }

  /** Closes the sockets of a revoked token (logout). */
  revoke(tokenHash: string): void {
    for (const [socket, c] of this.connections) {
      if (c.auth?.tokenHash === tokenHash) socket.close(POKE_CLOSE_UNAUTHENTICATED, 'signed out');
    }
  }

  /** Closes every socket of a user (disabled, password reset, signed out by an admin). */
  revokeUser(userId: string): void {
    for (const [socket, c] of this.connections) {
      if (c.auth?.user.id === userId) socket.close(POKE_CLOSE_UNAUTHENTICATED, 'signed out by an admin');
    }
  }

  close(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.flushTimer);
    for (const socket of this.connections.keys()) socket.close(1001, 'server shutting down');
    this.connections.clear();
  }

  private flush(): void {
    this.flushTimer = undefined;
    this.lastFlush = Date.now();
    const payload = this.pending;
    this.pending = null;
    if (!payload) return;
    // Encoded once for every socket: a poke to 1,000 clients is 1,000 writes, not 1,000 encodings.
    const message = Buffer.from(
      JSON.stringify({ type: 'poke', version: payload.version, orgVersion: payload.orgVersion } satisfies PokeServerMessage),
    );
    // A department's contact sees only its department's items: a change elsewhere is no news to them.
    const departments = payload.departments ? new Set(payload.departments) : null;
    const concerned = ({ user }: AuthContext) =>
      user.role !== 'department' || departments === null || (user.departmentId !== null && departments.has(user.departmentId));
    const targets = [...this.connections].filter(([, c]) => c.auth && concerned(c.auth)).map(([socket]) => socket);
    // In slices with a turn of the event loop between them, so requests are not held up behind a
    // thousand socket writes.
    const sendSlice = (from: number) => {
      for (const socket of targets.slice(from, from + FAN_OUT_SLICE)) {
        if (socket.readyState === socket.OPEN) socket.send(message, { binary: false });
      }
      if (from + FAN_OUT_SLICE < targets.length) setImmediate(sendSlice, from + FAN_OUT_SLICE);
    };
    sendSlice(0);
  }

  private pingAll(): void {
    const now = Date.now();
    for (const [socket, c] of this.connections) {
      if (c.auth && c.auth.expiresAt.getTime() <= now) {
        socket.close(POKE_CLOSE_UNAUTHENTICATED, 'token expired');
      } else if (now - c.lastSeen > 3 * this.options.pingIntervalMs) {
        socket.terminate(); // silent for three pings: the peer is gone
      } else if (c.auth && socket.readyState === socket.OPEN) {
        send(socket, { type: 'ping' });
      }
    }
  }
}

function send(socket: WebSocket, message: PokeServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Two commits' pokes as one: the newest versions, and every department either concerned. */
function mergePayloads(a: PokePayload, b: PokePayload): PokePayload {
  const merged: PokePayload = { version: Math.max(a.version, b.version), orgVersion: Math.max(a.orgVersion, b.orgVersion) };
  if (a.departments && b.departments) merged.departments = [...new Set([...a.departments, ...b.departments])];
  return merged;
}

function presencePayload(auth: AuthContext, itemKey: ItemKey, departmentId: string | null, state: 'replying' | 'idle'): PresencePayload {
  return { itemKey, departmentId, user: { id: auth.user.id, name: auth.user.name }, state, at: new Date().toISOString() };
}

function parsePresence(raw: string): PresencePayload | null {
  try {
    const value = JSON.parse(raw) as Partial<PresencePayload>;
    const user = value.user;
    if (
      typeof value.itemKey === 'string' &&
      (typeof value.departmentId === 'string' || value.departmentId === null) &&
      (value.state === 'replying' || value.state === 'idle') &&
      typeof value.at === 'string' &&
      typeof user?.id === 'string' &&
      typeof user.name === 'string'
    ) {
      return { itemKey: value.itemKey, departmentId: value.departmentId, user: { id: user.id, name: user.name }, state: value.state, at: value.at };
    }
  } catch {
    // A foreign NOTIFY on our channel: ignore it.
  }
  return null;
}

function parsePayload(raw: string): PokePayload | null {
  try {
    const value = JSON.parse(raw) as Partial<PokePayload>;
    if (typeof value.version === 'number' && typeof value.orgVersion === 'number') {
      const departments =
        Array.isArray(value.departments) && value.departments.every((d) => typeof d === 'string') ? value.departments : undefined;
      return { version: value.version, orgVersion: value.orgVersion, ...(departments ? { departments } : {}) };
    }
  } catch {
    // A foreign NOTIFY on our channel: ignore it.
  }
  return null;
}

export default fp<PokeHubOptions>(
  async (app, options) => {
    const hub = new PokeHub((token) => app.resolveAuth(token), options, {
      departmentOf: async (itemKey) => {
        const [row] = await app.db.select({ departmentId: items.departmentId }).from(items).where(eq(items.key, itemKey));
        return row?.departmentId ?? null;
      },
      publish: async (payload) => {
        await app.db.execute(sql`SELECT pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(payload)})`);
      },
    });
    const unlisten = await app.database.listen(POKE_CHANNEL, (raw) => {
      const payload = parsePayload(raw);
      if (payload) hub.notify(payload);
    });
    const unlistenPresence = await app.database.listen(PRESENCE_CHANNEL, (raw) => {
      const payload = parsePresence(raw);
      if (payload) hub.relayPresence(payload);
    });
    app.decorate('pokes', hub);
    app.addHook('preClose', async () => {
      hub.close();
      await unlisten();
      await unlistenPresence();
    });
  },
  { name: 'samvad-pokes', dependencies: ['samvad-db', 'samvad-auth'] },
);
