import fp from 'fastify-plugin';
import type { WebSocket } from 'ws';
import {
  POKE_CLOSE_UNAUTHENTICATED,
  PokeClientMessage,
  type PokeServerMessage,
} from '../../lib/contract/api';
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

interface Connection {
  auth: AuthContext | null;
  lastSeen: number;
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
    const connection: Connection = { auth: null, lastSeen: Date.now() };
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
    });
    socket.on('close', () => {
      clearTimeout(authTimer);
      this.connections.delete(socket);
    });
    socket.on('error', () => socket.terminate());
    if (queryToken) void authenticate(queryToken);
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
    const hub = new PokeHub((token) => app.resolveAuth(token), options);
    const unlisten = await app.database.listen(POKE_CHANNEL, (raw) => {
      const payload = parsePayload(raw);
      if (payload) hub.notify(payload);
    });
    app.decorate('pokes', hub);
    app.addHook('preClose', async () => {
      hub.close();
      await unlisten();
    });
  },
  { name: 'samvad-pokes', dependencies: ['samvad-db', 'samvad-auth'] },
);
