import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/connect';

/**
 * `samvad backup` / `samvad restore`: every table's rows as JSON lines, the same for PGlite and
 * PostgreSQL, so a backup of one restores into the other (the move from the embedded database to
 * PostgreSQL). The first line names the format and the migrations the rows fit; then one line per
 * row, `{"table": …, "row": {…}}`, tables in an order that satisfies their references.
 */
export const BACKUP_FORMAT = 'samvad-backup';
const BACKUP_VERSION = 1;

/** Tables and their keys, in restore order (sessions reference users). Login attempts are transient: left out. */
export const BACKED_UP_TABLES = [
  ['sync_state', 'id'],
  ['org_config', 'id'],
  ['users', 'id'],
  ['sessions', 'token_hash'],
  ['items', 'key'],
  ['mutations', 'user_id, id'],
  ['audit_events', 'id'],
] as const;
export type BackedUpTable = (typeof BACKED_UP_TABLES)[number][0];

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  /** How many migrations the source had applied: a restore needs the same schema. */
  migrations: number;
  createdAt: string;
  counts: Record<string, number>;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

async function migrationCount(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`));
  return Number(row?.n ?? 0);
}

/** Every row of a table in key order, as PostgreSQL's own JSON of it (timestamps, arrays and jsonb kept exact). */
export async function tableRows(db: Db, table: BackedUpTable): Promise<Array<Record<string, unknown>>> {
  const key = BACKED_UP_TABLES.find(([name]) => name === table)![1];
  const result = await db.execute(sql.raw(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY ${key}`));
  return rowsOf<{ row: Record<string, unknown> }>(result).map((r) => r.row);
}

/** Writes a consistent backup (one read-only snapshot) to `file`; returns the row count per table. */
export async function backupTo(db: Db, file: string): Promise<Record<string, number>> {
  if (existsSync(file)) throw new BackupError(`${file} exists: choose a new file`);
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 }); // tokens' hashes and password hashes inside
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  try {
    const counts: Record<string, number> = {};
    await db.transaction(
      async (tx) => {
        const tables = new Map<string, Array<Record<string, unknown>>>();
        for (const [table] of BACKED_UP_TABLES) {
          const rows = await tableRows(tx as unknown as Db, table);
          tables.set(table, rows);
          counts[table] = rows.length;
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          migrations: await migrationCount(tx as unknown as Db),
          createdAt: new Date().toISOString(),
          counts,
        };
        await write(header);
        for (const [table, rows] of tables) for (const row of rows) await write({ table, row });
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    out.end();
    await once(out, 'finish');
    return counts;
  } catch (error) {
    out.destroy();
    throw error;
  }
}

const RESTORE_BATCH = 500;

/**
 * Restores a backup into an empty, migrated database (no organisation, users or items yet), in one
 * transaction: a failure leaves it empty. Checks the count of every table against the header.
 */
export async function restoreFrom(db: Db, file: string): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let header: BackupHeader | undefined;
  const rows = new Map<string, Array<Record<string, unknown>>>(BACKED_UP_TABLES.map(([table]) => [table, []]));
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BackupError(`${file}:${lineNo}: not JSON`);
    }
    if (!header) {
      const candidate = value as Partial<BackupHeader>;
      if (candidate.format !== BACKUP_FORMAT || candidate.version !== BACKUP_VERSION) {
        throw new BackupError(`${file}: not a Samvad backup (version ${BACKUP_VERSION})`);
      }
      header = candidate as BackupHeader;
      continue;
    }
    const entry = value as { table?: unknown; row?: unknown };
    const list = typeof entry.table === 'string' ? rows.get(entry.table) : undefined;
    if (!list || entry.row === null || typeof entry.row !== 'object') throw new BackupError(`${file}:${lineNo}: not a row of a known table`);
    list.push(entry.row as Record<string, unknown>);
  }
  if (!header) throw new BackupError(`${file}: empty`);
  for (const [table] of BACKED_UP_TABLES) {
    if ((header.counts[table] ?? 0) !== rows.get(table)!.length) throw new BackupError(`${file}: ${table} is incomplete (the file was cut short?)`);
  }
  const migrations = await migrationCount(db);
  if (migrations !== header.migrations) {
    throw new BackupError(`the backup fits ${header.migrations} migrations, this server has ${migrations}: restore with the version that made it`);
  }
  await db.transaction(async (tx) => {
    const [used] = rowsOf<{ n: number }>(
      await tx.execute(sql`SELECT ((SELECT count(*) FROM org_config) + (SELECT count(*) FROM users) + (SELECT count(*) FROM items))::int AS n`),
    );
    if (Number(used?.n) > 0) throw new BackupError('the database is not empty: restore into a new, empty database');
    await tx.execute(sql`DELETE FROM sync_state`); // the migration's initial row; the backup has the real one
    for (const [table] of BACKED_UP_TABLES) {
      const list = rows.get(table)!;
      for (let i = 0; i < list.length; i += RESTORE_BATCH) {
        const batch = JSON.stringify(list.slice(i, i + RESTORE_BATCH));
        await tx.execute(sql`INSERT INTO ${sql.raw(table)} SELECT * FROM jsonb_populate_recordset(NULL::${sql.raw(table)}, ${batch}::jsonb)`);
      }
    }
    // New audit events continue after the restored ones.
    await tx.execute(sql`SELECT setval(pg_get_serial_sequence('audit_events', 'id'), COALESCE((SELECT max(id) FROM audit_events), 0) + 1, false)`);
  });
  return Object.fromEntries(BACKED_UP_TABLES.map(([table]) => [table, rows.get(table)!.length]));
}
