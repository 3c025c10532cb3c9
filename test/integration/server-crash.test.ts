import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PushResponse } from '../../lib/contract/api';
import type { Mutation } from '../../lib/contract/triage';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { openPglite, openPostgres, seedOrganisation, type Database } from '../../server/db/connect';
import * as schema from '../../server/db/schema';
import { hashToken } from '../../server/services/users';
import { spawnServer } from '../support/serve';
import { comment, DATABASE_KINDS, scratchDatabase, type DatabaseKind } from './server-harness';

/**
 * Clients push while the server is killed with SIGKILL and restarted: every mutation the server
 * acknowledged is applied exactly once afterwards (nothing lost, nothing doubled). Each client keeps an
 * outbox as the extension does: a mutation leaves it only once acknowledged, and is re-pushed (same id)
 * after a failure. Each mutation appends one `useCanned` entry, so a count per item shows both losses
 * and doubles.
 */
const CLIENTS = 8;
const KILLS = 3;
const temp = mkdtempSync(join(tmpdir(), 'samvad-crash-'));
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

async function serve(env: Record<string, string>, data: string) {
  const server = await spawnServer(['--data', data], env);
  children.add(server.child);
  server.child.on('exit', () => children.delete(server.child));
  return server;
}

async function seed(database: Database): Promise<string> {
  await seedOrganisation(database.db, DEMO_ORG);
  const id = `u_${randomUUID()}`;
  await database.db.insert(schema.users).values({ id, email: 'crash@bis.example.in', name: 'C. Rash', role: 'moderator', departmentId: null, passwordHash: 'x' });
  const token = randomBytes(32).toString('base64url');
  await database.db.insert(schema.sessions).values({ tokenHash: hashToken(token), userId: id, expiresAt: new Date(Date.now() + 3600_000) });
  return token;
}

describe.each(DATABASE_KINDS)('SIGKILL under load on %s', (kind: DatabaseKind) => {
  it('loses no acknowledged mutation and applies none twice', async () => {
    const data = join(temp, kind);
    const scratch = kind === 'postgres' ? await scratchDatabase('postgres') : null;
    const env: Record<string, string> = scratch ? { DATABASE_URL: scratch.url! } : {};
    const open = () => (scratch ? openPostgres(scratch.url!, { poolSize: 1 }) : openPglite({ dataDir: data }));
    try {
      const setup = await open();
      const token = await seed(setup);
      await setup.close();

      let server = await serve(env, data);
      let stopping = false;
      const acknowledged = new Map<string, string>(); // mutation id → item key
      const notApplied: string[] = [];
      const clients = Array.from({ length: CLIENTS }, (_, n) => ({ clientId: `crash-client-${n}`, seq: 0, outbox: [] as Mutation[] }));
      const pushOnce = async (client: (typeof clients)[number]) => {
        const batch = client.outbox.slice(0, 5);
        const response = await fetch(`${server.url}/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ clientId: client.clientId, mutations: batch }),
          signal: AbortSignal.timeout(5000),
        });
        if (response.status !== 200) throw new Error(`push answered ${response.status}`);
        for (const result of PushResponse.parse(await response.json()).results) {
          if (result.outcome !== 'applied') notApplied.push(`${result.id}: ${result.outcome}`);
          const sent = batch.find((m) => m.id === result.id)!;
          acknowledged.set(result.id, `x:${sent.item.id}`);
          client.outbox = client.outbox.filter((m) => m.id !== result.id);
        }
      };
      const run = async (client: (typeof clients)[number], n: number) => {
        while (!stopping || client.outbox.length > 0) {
          if (!stopping && client.outbox.length < 10) {
            const seq = ++client.seq;
            client.outbox.push({
              id: randomUUID(),
              clientId: client.clientId,
              seq,
              at: new Date().toISOString(),
              item: comment(`77${n}${seq % 4}`),
              op: { type: 'useCanned', cannedId: `c${seq}` },
            });
          }
          try {
            await pushOnce(client);
          } catch {
            await new Promise((resolve) => setTimeout(resolve, 100)); // down: keep the outbox, retry
          }
        }
      };
      const running = clients.map(run);
      for (let kill = 0; kill < KILLS; kill++) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        server.child.kill('SIGKILL');
        await new Promise((resolve) => server.child.once('exit', resolve));
        server = await serve(env, data);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      stopping = true;
      await Promise.all(running);
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));

      expect(notApplied).toEqual([]);
      expect(acknowledged.size).toBeGreaterThan(CLIENTS * KILLS);
      const check = await open();
      try {
        const stored = await check.db.select().from(schema.items);
        const perItem = new Map<string, number>();
        for (const key of acknowledged.values()) perItem.set(key, (perItem.get(key) ?? 0) + 1);
        const counts = Object.fromEntries(stored.map((row) => [row.key, row.triage.cannedUsed.length]));
        expect(counts).toEqual(Object.fromEntries(perItem));
        const ids = (await check.db.select({ id: schema.mutations.id }).from(schema.mutations)).map((row) => row.id);
        expect(new Set(ids)).toEqual(new Set(acknowledged.keys()));
      } finally {
        await check.close();
      }
    } finally {
      await scratch?.drop();
    }
  }, 120_000);
});
