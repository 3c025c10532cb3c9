// An extension install for integration tests: its own IndexedDB (fake-indexeddb) and SyncEngine, and a
// network switch that fails every request as a pulled cable would.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { TriageStore } from '../../lib/background/store';
import type { OrgConfig } from '../../lib/contract/org';
import type { Triage } from '../../lib/contract/triage';
import { SyncEngine, type ItemNotice } from '../../lib/sync/engine';
import type { AppOptions } from '../../server/app';
import { startTestServer, type TestServer } from './server-harness';

/** A team server on PGlite listening on loopback for the suite it is called in: `server` and its `url`, once started. */
export function useListeningServer(options: Partial<AppOptions> = {}): { server: TestServer; url: string } {
  const listening = {} as { server: TestServer; url: string };
  beforeAll(async () => {
    listening.server = await startTestServer('pglite', options);
    listening.url = await listening.server.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await listening.server.close();
  });
  return listening;
}

/** An extension install: its own IndexedDB, its own engine; `offline` makes every request fail as a pulled cable would. */
export async function install(server: string, dbName = `samvad-${crypto.randomUUID()}`) {
  const changed: Triage[] = [];
  const orgs: OrgConfig[] = [];
  const notices: ItemNotice[] = [];
  const network = { offline: false };
  const store = await TriageStore.open(dbName);
  const engine = new SyncEngine({
    store,
    events: { onTriage: (rows) => changed.push(...rows), onNotice: (n) => notices.push(n), onOrg: (org) => orgs.push(org) },
    fetch: (input, init) => (network.offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)),
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    pingMs: 1_000,
  });
  return { dbName, store, engine, changed, notices, orgs, network, server };
}

export async function until(check: () => boolean | Promise<boolean>, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
