import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditResponse } from '../../lib/contract/api';
import { DEMO_ORG } from '../../lib/org/demo-org';
import { buildApp } from '../../server/app';
import { openPglite, seedOrganisation, type Database } from '../../server/db/connect';
import { createUser } from '../../server/services/users';
import { BACKED_UP_TABLES, backupTo, restoreFrom, tableRows } from '../../server/services/backup';
import { bearer, DATABASE_KINDS, scratchDatabase, signIn, startTestServer, TestClient, type DatabaseKind, type TestServer } from './server-harness';

const temp = mkdtempSync(join(tmpdir(), 'samvad-backup-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
let fileNo = 0;
const newFile = () => join(temp, `backup-${++fileNo}.jsonl`);

/** A server with some of everything: pushes by several users, an org change, a user added, logins, audit. */
async function populated(kind: DatabaseKind): Promise<TestServer> {
  const server = await startTestServer(kind);
  const client = new TestClient();
  await client.push(server.app, server.users.moderator, [
    client.assign('6001', 'hallmarking'),
    client.assign('6002', 'certification'),
    client.mutation('6001', { type: 'recordReply', stage: 'interim', text: 'नमस्ते, हम देख रहे हैं 😀' }),
    client.mutation('6002', { type: 'override', ruleIds: ['r1'], reason: 'approved', text: 'reply' }),
  ]);
  const other = new TestClient();
  await other.push(server.app, server.users.hallmarking, [other.mutation('6001', { type: 'flag', flag: 'rumour', on: true })]);
  await server.app.inject({ method: 'PUT', url: '/org/sla', headers: bearer(server.users.admin), payload: { sla: { ...DEMO_ORG.sla, interimHours: 3 } } });
  await server.app.inject({
    method: 'POST',
    url: '/users',
    headers: bearer(server.users.admin),
    payload: { email: 'added@bis.example.in', name: 'A. Dded', role: 'approver', password: 'long enough password' },
  });
  await signIn(server.app, 'moderator2@bis.example.in');
  return server;
}

async function expectSameTables(from: Database, to: Database) {
  for (const [table] of BACKED_UP_TABLES) {
    const source = await tableRows(from.db, table);
    expect(await tableRows(to.db, table), table).toEqual(source);
    if (table !== 'sessions') expect(source.length, table).toBeGreaterThan(0);
  }
}

/** The restored database serves: sign in, pull what was there, and keep appending audit events. */
async function expectServes(database: Database) {
  const app = await buildApp({ database });
  try {
    const token = await signIn(app, 'added@bis.example.in', 'long enough password');
    const audit = AuditResponse.parse((await app.inject({ method: 'GET', url: '/audit?limit=1000', headers: { authorization: `Bearer ${token}` } })).json());
    const ids = audit.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(audit.events.at(-1)!.kind).toBe('login');
  } finally {
    await app.close();
  }
}

describe.each(DATABASE_KINDS)('backup and restore on %s', (kind) => {
  it('round-trips every table exactly into an empty database, which then serves', async () => {
    const source = await populated(kind);
    const target = await scratchDatabase(kind === 'pglite' ? 'pglite' : 'postgres');
    try {
      const file = newFile();
      const counts = await backupTo(source.database.db, file);
      expect(counts.items).toBe(2);
      const into = await target.open();
      expect(await restoreFrom(into.db, file)).toEqual(counts);
      await expectSameTables(source.database, into);
      await expectServes(into);
    } finally {
      await source.close();
      await target.drop();
    }
  });

  it('refuses a non-empty database, a cut file and a file that is not a backup, changing nothing', async () => {
    const source = await populated(kind);
    try {
      const file = newFile();
      await backupTo(source.database.db, file);
      await expect(restoreFrom(source.database.db, file)).rejects.toThrow('not empty');
      await expect(backupTo(source.database.db, file)).rejects.toThrow('exists');
      const cut = newFile();
      writeFileSync(cut, readFileSync(file, 'utf8').split('\n').slice(0, -3).join('\n'));
      const empty = await openPglite();
      try {
        await expect(restoreFrom(empty.db, cut)).rejects.toThrow('incomplete');
        const junk = newFile();
        writeFileSync(junk, '{"hello":1}\n');
        await expect(restoreFrom(empty.db, junk)).rejects.toThrow('not a Samvad backup');
        expect(await tableRows(empty.db, 'items')).toEqual([]);
      } finally {
        await empty.close();
      }
    } finally {
      await source.close();
    }
  });
});

describe('moving from the embedded database to PostgreSQL with the CLI', () => {
  it('backs up a PGlite data directory and restores it into PostgreSQL without loss', async () => {
    const BIN = fileURLToPath(new URL('../../bin/samvad.mjs', import.meta.url));
    const data = join(temp, 'pglite-data');
    const file = join(temp, 'move.jsonl');
    const cli = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 60_000 });

    // Fill a PGlite directory through the API, then close it (one process per directory).
    const filled = await openPglite({ dataDir: data });
    await seedOrganisation(filled.db, DEMO_ORG);
    await createUser(filled.db, { email: 'added@bis.example.in', name: 'A. Dded', role: 'admin', departmentId: null, password: 'long enough password' }, null);
    const app = await buildApp({ database: filled });
    const token = await signIn(app, 'added@bis.example.in', 'long enough password');
    const client = new TestClient();
    await client.push(app, { token }, [client.assign('6101', 'hallmarking'), client.mutation('6101', { type: 'flag', flag: 'spam', on: true })]);
    await app.close();
    await filled.close();

    const backedUp = cli(['backup', '--out', file, '--data', data]);
    expect(backedUp.stderr).toBe('');
    expect(backedUp.stdout).toMatch(/Backed up to .*items 1/);
    const target = await scratchDatabase('postgres');
    try {
      const restored = cli(['restore', file], { DATABASE_URL: target.url! });
      expect(restored.stderr).toBe('');
      expect(restored.stdout).toMatch(/Restored .*items 1/);
      const [from, to] = [await openPglite({ dataDir: data }), await target.open()];
      try {
        await expectSameTables(from, to);
        await expectServes(to);
      } finally {
        await from.close();
      }
    } finally {
      await target.drop();
    }
  }, 120_000);
});
