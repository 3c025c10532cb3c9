import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PokeServerMessage, PushResponse, type PokeServerMessage as Message } from '../../lib/contract/api';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { buildApp } from '../../server/app';
import { bearer, DATABASE_KINDS, signIn, startTestServer, TestClient, type TestServer } from './server-harness';

/** A poke socket that records what the server sends, and waits for a given message. */
class PokeSocket {
  readonly messages: Message[] = [];
  readonly socket: WebSocket;
  readonly closed: Promise<number>;
  private waiters: Array<() => void> = [];

  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on('message', (data) => {
      this.messages.push(PokeServerMessage.parse(JSON.parse(data.toString())));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => this.socket.on('close', (code) => resolve(code)));
    this.socket.on('error', () => {});
  }

  /** Resolves with the first message (received so far or later) matching, or fails after `ms`. */
  async next<T extends Message['type']>(type: T, match: (m: Extract<Message, { type: T }>) => boolean = () => true, ms = 5000) {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find((m): m is Extract<Message, { type: T }> => m.type === type && match(m as Extract<Message, { type: T }>));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} message within ${ms} ms; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  send(message: unknown) {
    this.socket.send(JSON.stringify(message));
  }

  close() {
    this.socket.close();
  }
}

const wsUrl = (app: FastifyInstance, query = '') => {
  const { port } = app.server.address() as AddressInfo;
  return `ws://127.0.0.1:${port}/sync/poke${query}`;
};

describe.each(DATABASE_KINDS)('server pokes on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { pingIntervalMs: 300 });
    await server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server?.close());

  it('pokes a signed-in socket (token in the query) after another moderator’s push commits', async () => {
    const socket = new PokeSocket(wsUrl(server.app, `?token=${server.users.moderator2.token}`));
    await socket.next('ready');
    const client = new TestClient();
    const response = await client.push(server.app, server.users.moderator, [client.assign('6001', 'hallmarking')]);
    const { version } = PushResponse.parse(response.json());
    const poke = await socket.next('poke', (m) => m.version >= version);
    expect(Object.keys(poke).sort()).toEqual(['orgVersion', 'type', 'version']); // no data, just "pull"
    socket.close();
  });

  it('pokes a department’s contact only for changes to items now or once assigned to that department', async () => {
    const contact = new PokeSocket(wsUrl(server.app, `?token=${server.users.hallmarking.token}`));
    const moderator = new PokeSocket(wsUrl(server.app, `?token=${server.users.moderator2.token}`));
    await Promise.all([contact.next('ready'), moderator.next('ready')]);
    const client = new TestClient();
    const versionOf = async (mutations: ReturnType<TestClient['assign']>[]) =>
      PushResponse.parse((await client.push(server.app, server.users.moderator, mutations)).json()).version;

    // Elsewhere: the moderator hears of it, the Hallmarking contact does not (both are told in one pass).
    const elsewhere = await versionOf([client.assign('6101', 'nits')]);
    await moderator.next('poke', (m) => m.version >= elsewhere);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(contact.messages.filter((m) => m.type === 'poke')).toEqual([]);

    const assigned = await versionOf([client.assign('6102', 'hallmarking')]);
    await contact.next('poke', (m) => m.version >= assigned);
    // Moved away from Hallmarking: its contact must pull to see it leave the queue.
    const movedAway = await versionOf([client.assign('6102', 'nits', 'hallmarking')]);
    await contact.next('poke', (m) => m.version >= movedAway);
    contact.close();
    moderator.close();
  });

  it('accepts the token as the first message, answers pings, and pings on its own', async () => {
    const socket = new PokeSocket(wsUrl(server.app), { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' });
    await new Promise((resolve) => socket.socket.once('open', resolve));
    socket.send({ type: 'auth', token: server.users.hallmarking.token });
    await socket.next('ready');
    socket.send({ type: 'ping' });
    await socket.next('pong');
    await socket.next('ping');
    socket.send({ type: 'pong' });
    socket.close();
  });

  it('pokes with the new organisation version when an admin changes the organisation', async () => {
    const socket = new PokeSocket(wsUrl(server.app, `?token=${server.users.moderator.token}`));
    await socket.next('ready');
    const response = await server.app.inject({
      method: 'PUT',
      url: '/org/handles',
      headers: bearer(server.users.admin),
      payload: { handles: { ...DEMO_ORG.handles, x: ['@IndianStandards', '@BIS_Official'] } },
    });
    const { orgVersion } = response.json() as { orgVersion: number };
    await socket.next('poke', (m) => m.orgVersion === orgVersion);
    socket.close();
  });

  it('closes a socket with an unknown token (4401) and refuses web-page origins (403)', async () => {
    const bad = new PokeSocket(wsUrl(server.app, `?token=${'A'.repeat(43)}`));
    expect(await bad.closed).toBe(4401);
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl(server.app, `?token=${server.users.moderator.token}`), { headers: { origin: 'https://x.com' } });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('error', () => {});
    });
    expect(status).toBe(403);
  });

  it('closes the sockets of a token when it signs out', async () => {
    const token = await signIn(server.app, 'approver@bis.example.in');
    const socket = new PokeSocket(wsUrl(server.app, `?token=${token}`));
    await socket.next('ready');
    await server.app.inject({ method: 'POST', url: '/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(await socket.closed).toBe(4401);
  });
});

describe('two server instances on one PostgreSQL', () => {
  let server: TestServer;
  let second: FastifyInstance;
  beforeAll(async () => {
    server = await startTestServer('postgres');
    // Its own pool and its own LISTEN connection, as a second process would have.
    second = await buildApp({ database: await server.scratch.open() });
    await Promise.all([server.app.listen({ host: '127.0.0.1', port: 0 }), second.listen({ host: '127.0.0.1', port: 0 })]);
  });
  afterAll(async () => {
    await second?.close();
    await server?.close();
  });

  it('count login attempts together: the limit holds across instances', async () => {
    const attempt = (app: FastifyInstance) =>
      app.inject({ method: 'POST', url: '/auth/login', payload: { email: 'moderator@bis.example.in', password: 'a guess' } });
    // The default limit is 10 a minute per e-mail and address; here they alternate between the two.
    for (let i = 0; i < 10; i++) expect((await attempt(i % 2 ? second : server.app)).statusCode).toBe(401);
    expect((await attempt(server.app)).statusCode).toBe(429);
    expect((await attempt(second)).statusCode).toBe(429);
  });

  it('pokes each other’s clients through LISTEN/NOTIFY', async () => {
    const onFirst = new PokeSocket(wsUrl(server.app, `?token=${server.users.moderator.token}`));
    const onSecond = new PokeSocket(wsUrl(second, `?token=${server.users.moderator2.token}`));
    await Promise.all([onFirst.next('ready'), onSecond.next('ready')]);

    const client = new TestClient();
    const viaFirst = PushResponse.parse(
      (await client.push(server.app, server.users.moderator, [client.assign('7001', 'laboratory')])).json(),
    );
    await onSecond.next('poke', (m) => m.version >= viaFirst.version);

    const viaSecond = PushResponse.parse(
      (await client.push(second, server.users.moderator2, [client.mutation('7001', { type: 'flag', flag: 'spam', on: true })])).json(),
    );
    await onFirst.next('poke', (m) => m.version >= viaSecond.version);
    expect(viaSecond.version).toBeGreaterThan(viaFirst.version);

    // And the second instance serves what the first stored.
    const pulled = await second.inject({ method: 'GET', url: '/sync/pull?cursor=0', headers: bearer(server.users.moderator2) });
    expect(pulled.json().rows).toContainEqual(expect.objectContaining({ key: 'x:7001', departmentId: 'laboratory', flags: ['spam'] }));
    onFirst.close();
    onSecond.close();
  });
});
