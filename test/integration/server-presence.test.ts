import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AuditResponse, PokeServerMessage, type PokeServerMessage as Message } from '../../lib/contract/api';
import { buildApp } from '../../server/app';
import { bearer, DATABASE_KINDS, startTestServer, TestClient, type TestServer } from './server-harness';

type Presence = Extract<Message, { type: 'presence' }>;

/** A poke socket recording the presence messages it hears. */
class Listener {
  readonly heard: Presence[] = [];
  readonly socket: WebSocket;
  readonly ready: Promise<void>;

  constructor(app: FastifyInstance, token: string) {
    const { port } = app.server.address() as AddressInfo;
    this.socket = new WebSocket(`ws://127.0.0.1:${port}/sync/poke?token=${token}`);
    this.socket.on('error', () => {});
    this.ready = new Promise((resolve) => {
      this.socket.on('message', (data) => {
        const message = PokeServerMessage.parse(JSON.parse(data.toString()));
        if (message.type === 'ready') resolve();
        if (message.type === 'presence') this.heard.push(message);
      });
    });
  }

  async hears(match: (m: Presence) => boolean, ms = 3000): Promise<Presence> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.heard.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`not heard within ${ms} ms; heard ${JSON.stringify(this.heard)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  about(itemKey: string) {
    return this.heard.filter((m) => m.itemKey === itemKey);
  }

  say(itemKey: string, state: 'replying' | 'idle') {
    this.socket.send(JSON.stringify({ type: 'presence', itemKey, state }));
  }

  close() {
    this.socket.close();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe.each(DATABASE_KINDS)('presence over the poke socket (%s)', (kind) => {
  let server: TestServer;
  const client = new TestClient();

  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    // x:8801 is Hallmarking's, x:8802 nobody's yet.
    await client.push(server.app, server.users.moderator, [client.assign('8801', 'hallmarking')]);
  });
  afterAll(() => server?.close());

  const open = async (...tokens: string[]) => {
    const listeners = tokens.map((token) => new Listener(server.app, token));
    await Promise.all(listeners.map((l) => l.ready));
    return listeners;
  };

  it('tells the others who may see the item that a moderator is replying, then that they stopped; never stored or audited', async () => {
    const { users } = server;
    const [first, second, hallmarking, certification] = await open(users.moderator.token, users.moderator2.token, users.hallmarking.token, users.certification.token);
    const auditBefore = AuditResponse.parse((await server.app.inject({ method: 'GET', url: '/audit?limit=500', headers: bearer(users.admin) })).json()).events.length;

    first!.say('x:8801', 'replying');
    const heard = await second!.hears((m) => m.itemKey === 'x:8801' && m.state === 'replying');
    expect(heard.user).toEqual({ id: users.moderator.id, name: 'M. Moderator' });
    expect(Math.abs(Date.parse(heard.at) - Date.now())).toBeLessThan(5000);
    await hallmarking!.hears((m) => m.itemKey === 'x:8801' && m.state === 'replying');
    first!.say('x:8801', 'idle');
    await second!.hears((m) => m.itemKey === 'x:8801' && m.state === 'idle');
    await hallmarking!.hears((m) => m.itemKey === 'x:8801' && m.state === 'idle');
    await settle();
    // Certification's contact may not see Hallmarking's item; nobody hears about themself.
    expect(certification!.about('x:8801')).toEqual([]);
    expect(first!.about('x:8801')).toEqual([]);

    const auditAfter = AuditResponse.parse((await server.app.inject({ method: 'GET', url: '/audit?limit=500', headers: bearer(users.admin) })).json()).events.length;
    expect(auditAfter).toBe(auditBefore);
    const items = (await server.app.inject({ method: 'GET', url: '/items', headers: bearer(users.admin) })).json() as { items: Array<{ key: string }> };
    expect(JSON.stringify(items)).not.toContain('8802');
    for (const l of [first, second, hallmarking, certification]) l!.close();
  });

  it('an unassigned item’s presence reaches moderators only; a department user’s presence on a foreign item reaches no one', async () => {
    const { users } = server;
    const [moderator, moderator2, hallmarking, certification] = await open(users.moderator.token, users.moderator2.token, users.hallmarking.token, users.certification.token);
    moderator!.say('x:8802', 'replying');
    await moderator2!.hears((m) => m.itemKey === 'x:8802');
    certification!.say('x:8801', 'replying');
    hallmarking!.say('x:8801', 'replying');
    await moderator!.hears((m) => m.itemKey === 'x:8801' && m.user.id === users.hallmarking.id);
    await settle();
    expect(hallmarking!.about('x:8802')).toEqual([]);
    expect(certification!.about('x:8802')).toEqual([]);
    expect(moderator!.heard.filter((m) => m.user.id === users.certification.id)).toEqual([]);
    for (const l of [moderator, moderator2, hallmarking, certification]) l!.close();
  });

  it('a socket that closes stops replying for everyone at once', async () => {
    const { users } = server;
    const [first, second] = await open(users.moderator.token, users.moderator2.token);
    first!.say('x:8801', 'replying');
    await second!.hears((m) => m.itemKey === 'x:8801' && m.state === 'replying');
    first!.close();
    await second!.hears((m) => m.itemKey === 'x:8801' && m.state === 'idle');
    second!.close();
  });

  it('drops a flood: one socket is heard at most its burst at once', async () => {
    const { users } = server;
    const [flooder, other] = await open(users.moderator.token, users.moderator2.token);
    for (let i = 0; i < 100; i++) flooder!.say(`x:${9000 + i}`, 'replying');
    await other!.hears((m) => m.itemKey === 'x:9000');
    await settle();
    const heard = other!.heard.filter((m) => m.itemKey.startsWith('x:90')).length;
    expect(heard).toBeGreaterThan(0);
    expect(heard).toBeLessThanOrEqual(11);
    flooder!.close();
    other!.close();
  });

  // Only PostgreSQL is shared by several instances (in-memory PGlite is one process's).
  if (kind === 'postgres') it('passes presence between two instances sharing the database', async () => {
    const secondApp = await buildApp({ database: await server.scratch.open() });
    await secondApp.listen({ host: '127.0.0.1', port: 0 });
    try {
      const sender = new Listener(server.app, server.users.moderator.token);
      const receiver = new Listener(secondApp, server.users.moderator2.token);
      await Promise.all([sender.ready, receiver.ready]);
      sender.say('x:8801', 'replying');
      await receiver.hears((m) => m.itemKey === 'x:8801' && m.state === 'replying');
      sender.close();
      receiver.close();
    } finally {
      await secondApp.close();
    }
  });
});
