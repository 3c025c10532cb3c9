import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { OrgConfig } from '../../lib/contract/org';
import { lockDataDir } from './lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Rows of a raw query: both drivers (node-postgres, PGlite) answer `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
export type DatabaseKind = 'pglite' | 'postgres';

/** An open, migrated database plus what the server needs beyond queries: NOTIFY delivery and shutdown. */
export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Calls `onPayload` for every NOTIFY on `channel` (from this or any other server instance). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
/** Arbitrary, fixed: serialises migrations when several instances start on one PostgreSQL. */
const MIGRATION_LOCK_KEY = 727_261_001;

/** PGlite in `dataDir` (locked against a second process), or in memory when no directory is given. */
export async function openPglite(options: { dataDir?: string } = {}): Promise<Database> {
  let release = () => {};
  let client: PGlite;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir);
    try {
      client = await PGlite.create(join(options.dataDir, 'pgdata'));
    } catch (error) {
      release();
      throw error;
    }
  } else {
    client = await PGlite.create();
  }
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
  } catch (error) {
    await client.close();
    release();
    throw error;
  }
  let closed = false;
  return {
    kind: 'pglite',
    db,
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        // PGlite's Node file backend does not fsync; a checkpoint before close avoids replaying WAL
        // after an unclean restart ("could not locate a valid checkpoint record").
        if (options.dataDir) await client.exec('CHECKPOINT');
        await client.close();
      } finally {
        release();
      }
    },
  };
}

export async function openPostgres(connectionString: string, options: { poolSize?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzleNodePg({ client: pool, schema });
  try {
    const migrator = await pool.connect();
    try {
      await migrator.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migrateNodePg(drizzleNodePg({ client: migrator, schema }), { migrationsFolder: MIGRATIONS });
    } finally {
      await migrator.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
      migrator.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const listeners: Array<{ stop: () => Promise<void> }> = [];
  return {
    kind: 'postgres',
    db,
    async listen(channel, onPayload) {
      const listener = await listenUnpooled(connectionString, channel, onPayload);
      listeners.push(listener);
      return listener.stop;
    },
    async close() {
      await Promise.all(listeners.map((l) => l.stop()));
      await pool.end();
    },
  };
}

/**
 * LISTEN on a dedicated connection outside the pool (a pooled or PgBouncer connection would drop
 * it). Reconnects with backoff when the connection is lost; pokes missed meanwhile cost clients one
 * alarm period, never data.
 */
async function listenUnpooled(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<{ stop: () => Promise<void> }> {
  let stopped = false;
  let current: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    client.on('error', () => {
      if (current !== client || stopped) return;
      current = undefined;
      client.end().catch(() => {});
      retryTimer = setTimeout(() => connect().catch(() => {}), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    current = client;
  };
  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const client = current;
      current = undefined;
      await client?.end().catch(() => {});
    },
  };
}

/** From the environment's choice: DATABASE_URL (postgres://…) wins over the PGlite data directory. */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite({ dataDir: options.dataDir });
}

/**
 * First start with an empty database: store the given organisation. Returns true when it did.
 * Idempotent across instances racing on one PostgreSQL (ON CONFLICT DO NOTHING).
 */
export async function seedOrganisation(db: Db, org: OrgConfig): Promise<boolean> {
  const inserted = await db
    .insert(schema.orgConfig)
    .values({ id: 1, config: org, version: 1 })
    .onConflictDoNothing()
    .returning({ id: schema.orgConfig.id });
  return inserted.length > 0;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(schema.users);
  return row?.n ?? 0;
}
