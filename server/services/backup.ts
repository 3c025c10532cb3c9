import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/connect';

/**
 * `samvad archive` (alias `backup`) / `samvad restore`: every table's rows as JSON lines, the same for
 * PGlite and PostgreSQL, so an archive of one restores into the other (the move from the embedded
 * database to PostgreSQL) and an auditor can read it with any JSON tool.
 *
 * The first line names the format and the migrations the rows fit; then one line per row,
 * `{"table": …, "row": {…}}`, tables in an order that satisfies their references, each read page by page
 * from one snapshot (never a whole table in memory); the last line is the manifest: the row count and
 * the SHA-256 (hex) of the lines of every table, checked by restore before it commits.
 */
export const BACKUP_FORMAT = 'samvad-backup';
const BACKUP_VERSION = 2;
/** Version 1 files (counts in the header, no checksums) still restore. */
const READABLE_VERSIONS = [1, 2];

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
  /** `full` (every table) or `retention` (the items a retention run removed, with their audit trail). */
  scope?: 'full' | 'retention';
  /** Version 1 only: the counts (version 2 has them in the manifest). */
  counts?: Record<string, number>;
}

export interface Manifest {
  counts: Record<string, number>;
  sha256: Record<string, string>;
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

const keyOf = (table: BackedUpTable) => BACKED_UP_TABLES.find(([name]) => name === table)![1].split(', ');

/**
 * A table's rows in key order, as PostgreSQL's own JSON of them (timestamps, arrays and jsonb kept
 * exact), `pageSize` at a time (keyset pagination on the key), optionally only those `where` selects.
 */
export async function* tablePages(db: Db, table: BackedUpTable, where: SQL | null = null, pageSize = 2000): AsyncGenerator<Array<Record<string, unknown>>> {
  const key = keyOf(table);
  const keyList = sql.raw(key.join(', '));
  let after: unknown[] | null = null;
  for (;;) {
    const conditions: SQL[] = [];
    if (where) conditions.push(where);
    if (after) conditions.push(sql`(${keyList}) > (${sql.join(after.map((value) => sql`${value}`), sql`, `)})`);
    const result = await db.execute(sql`
      SELECT to_jsonb(t) AS row FROM ${sql.raw(table)} t
      ${conditions.length ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``}
      ORDER BY ${keyList} LIMIT ${pageSize}`);
    const rows = rowsOf<{ row: Record<string, unknown> | string }>(result).map((r) => (typeof r.row === 'string' ? (JSON.parse(r.row) as Record<string, unknown>) : r.row));
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = key.map((column) => last[column]);
  }
}

/** Every row of a table in key order (for tests and small tables). */
export async function tableRows(db: Db, table: BackedUpTable): Promise<Array<Record<string, unknown>>> {
  const all: Array<Record<string, unknown>> = [];
  for await (const page of tablePages(db, table)) all.push(...page);
  return all;
}

/** Writes archive lines to a new file (mode 0600: password and token hashes inside), hashing each table's lines. */
class ArchiveWriter {
  private readonly out: WriteStream;
  readonly counts: Record<string, number> = {};
  private readonly hashes = new Map<string, ReturnType<typeof createHash>>();

  constructor(file: string) {
    if (existsSync(file)) throw new BackupError(`${file} exists: choose a new file`);
    this.out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  }

  private async write(text: string) {
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  header(header: BackupHeader) {
    return this.write(`${JSON.stringify(header)}\n`);
  }

  async rows(table: string, rows: Array<Record<string, unknown>>) {
    let hash = this.hashes.get(table);
    if (!hash) this.hashes.set(table, (hash = createHash('sha256')));
    let chunk = '';
    for (const row of rows) chunk += `${JSON.stringify({ table, row })}\n`;
    hash.update(chunk);
    this.counts[table] = (this.counts[table] ?? 0) + rows.length;
    await this.write(chunk);
  }

  /** Writes the manifest, flushes the file to disk and closes it. */
  async finish(tables: readonly string[]): Promise<Manifest> {
    const manifest: Manifest = { counts: {}, sha256: {} };
    for (const table of tables) {
      manifest.counts[table] = this.counts[table] ?? 0;
      manifest.sha256[table] = (this.hashes.get(table) ?? createHash('sha256')).digest('hex');
    }
    await this.write(`${JSON.stringify({ manifest })}\n`);
    this.out.end();
    await once(this.out, 'finish');
    return manifest;
  }

  destroy() {
    this.out.destroy();
  }
}

/** Writes a consistent archive of every table (one read-only snapshot) to `file`; returns the row count per table. */
export async function backupTo(db: Db, file: string): Promise<Record<string, number>> {
  const writer = new ArchiveWriter(file);
  try {
    const manifest = await db.transaction(
      async (tx) => {
        const txDb = tx as unknown as Db;
        await writer.header({ format: BACKUP_FORMAT, version: BACKUP_VERSION, migrations: await migrationCount(txDb), createdAt: new Date().toISOString(), scope: 'full' });
        for (const [table] of BACKED_UP_TABLES) {
          for await (const page of tablePages(txDb, table)) await writer.rows(table, page);
        }
        return writer.finish(BACKED_UP_TABLES.map(([table]) => table));
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    return manifest.counts;
  } catch (error) {
    writer.destroy();
    throw error;
  }
}

/** `samvad archive --out FILE`: the same as a backup. */
export const archiveTo = backupTo;

const RESTORE_BATCH = 500;

/**
 * Restores an archive into an empty, migrated database (no organisation, users or items yet), in one
 * transaction, reading it line by line: rows go in batch by batch, and the counts and checksums are
 * checked against the manifest before the commit. Any failure leaves the database empty.
 */
export async function restoreFrom(db: Db, file: string): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  const nextLine = async (): Promise<string | null> => {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return null;
      lineNo++;
      if (value.trim() !== '') return value;
    }
  };
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      throw new BackupError(`${file}:${lineNo}: not JSON`);
    }
  };
  try {
    const first = await nextLine();
    if (first === null) throw new BackupError(`${file}: empty`);
    const header = parse(first) as Partial<BackupHeader>;
    if (header.format !== BACKUP_FORMAT || !READABLE_VERSIONS.includes(header.version ?? 0)) {
      throw new BackupError(`${file}: not a Samvad backup (versions ${READABLE_VERSIONS.join(', ')})`);
    }
    if (header.scope === 'retention') {
      throw new BackupError(`${file}: a retention archive holds only the items a retention run removed: read it, it does not restore a database`);
    }
    const migrations = await migrationCount(db);
    if (migrations !== header.migrations) {
      throw new BackupError(`the backup fits ${header.migrations} migrations, this server has ${migrations}: restore with the version that made it`);
    }
    const known = new Set<string>(BACKED_UP_TABLES.map(([table]) => table));
    return await db.transaction(async (tx) => {
      const [used] = rowsOf<{ n: number }>(
        await tx.execute(sql`SELECT ((SELECT count(*) FROM org_config) + (SELECT count(*) FROM users) + (SELECT count(*) FROM items))::int AS n`),
      );
      if (Number(used?.n) > 0) throw new BackupError('the database is not empty: restore into a new, empty database');
      await tx.execute(sql`DELETE FROM sync_state`); // the migration's initial row; the backup has the real one
      const counts: Record<string, number> = Object.fromEntries(BACKED_UP_TABLES.map(([table]) => [table, 0]));
      const hashes = new Map(BACKED_UP_TABLES.map(([table]) => [table as string, createHash('sha256')]));
      const batch: { table: string; rows: unknown[] } = { table: '', rows: [] };
      const flush = async () => {
        if (batch.rows.length === 0) return;
        const json = JSON.stringify(batch.rows);
        await tx.execute(sql`INSERT INTO ${sql.raw(batch.table)} SELECT * FROM jsonb_populate_recordset(NULL::${sql.raw(batch.table)}, ${json}::jsonb)`);
        batch.rows = [];
      };
      let manifest: Manifest | null = null;
      for (let line = await nextLine(); line !== null; line = await nextLine()) {
        if (manifest) throw new BackupError(`${file}:${lineNo}: lines after the manifest`);
        const entry = parse(line) as { table?: unknown; row?: unknown; manifest?: Manifest };
        if (entry.manifest) {
          manifest = entry.manifest;
          continue;
        }
        if (typeof entry.table !== 'string' || !known.has(entry.table) || entry.row === null || typeof entry.row !== 'object') {
          throw new BackupError(`${file}:${lineNo}: not a row of a known table`);
        }
        if (batch.table !== entry.table) {
          await flush();
          batch.table = entry.table;
        }
        batch.rows.push(entry.row);
        counts[entry.table]!++;
        hashes.get(entry.table)!.update(`${line}\n`);
        if (batch.rows.length >= RESTORE_BATCH) await flush();
      }
      await flush();
      const expected = header.version === 1 ? header.counts ?? {} : manifest?.counts;
      if (!expected) throw new BackupError(`${file}: incomplete (no manifest: the file was cut short?)`);
      for (const [table] of BACKED_UP_TABLES) {
        if ((expected[table] ?? 0) !== counts[table]) throw new BackupError(`${file}: ${table} is incomplete (the file was cut short?)`);
        const sum = hashes.get(table)!.digest('hex');
        if (manifest && manifest.sha256[table] !== sum) throw new BackupError(`${file}: ${table} does not match its checksum (the file was changed?)`);
      }
      // New audit events continue after the restored ones.
      await tx.execute(sql`SELECT setval(pg_get_serial_sequence('audit_events', 'id'), COALESCE((SELECT max(id) FROM audit_events), 0) + 1, false)`);
      return counts;
    });
  } finally {
    lines.close();
  }
}

/**
 * The retention policy (org config `retention.removeAfterDays`, MeitY framework: data retention and
 * archiving): items nobody changed for that many days are written to a retention archive (their rows
 * and their audit events, with a manifest), then removed with their audit events, in one transaction
 * that holds them locked meanwhile. The audit trail of every item kept, and every event not about an
 * item (sign-ins, organisation changes), is never touched. With nothing that old it writes no file and
 * returns null (a second server sharing the database waits on the locks, then finds nothing).
 */
export async function applyRetention(db: Db, file: string, removeAfterDays: number, now = new Date()): Promise<Record<string, number> | null> {
  const cutoff = new Date(now.getTime() - removeAfterDays * 86_400_000).toISOString();
  let writer: ArchiveWriter | null = null;
  try {
    const manifest = await db.transaction(async (tx) => {
      const txDb = tx as unknown as Db;
      // Locks what goes, so a push meanwhile waits rather than changing an item being archived.
      const [locked] = rowsOf<{ n: number }>(
        await tx.execute(sql`WITH old AS (SELECT key FROM items WHERE updated_at < ${cutoff}::timestamptz FOR UPDATE) SELECT count(*)::int AS n FROM old`),
      );
      if (Number(locked?.n ?? 0) === 0) return null;
      writer = new ArchiveWriter(file);
      await writer.header({ format: BACKUP_FORMAT, version: BACKUP_VERSION, migrations: await migrationCount(txDb), createdAt: now.toISOString(), scope: 'retention' });
      const old = sql`updated_at < ${cutoff}::timestamptz`;
      for await (const page of tablePages(txDb, 'items', old)) await writer.rows('items', page);
      const theirEvents = sql`item_key IN (SELECT key FROM items WHERE updated_at < ${cutoff}::timestamptz)`;
      for await (const page of tablePages(txDb, 'audit_events', theirEvents)) await writer.rows('audit_events', page);
      const written = await writer.finish(['items', 'audit_events']);
      // The trail is append-only (a trigger); only this removal, in this transaction, may delete from it.
      await tx.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await tx.execute(sql`DELETE FROM audit_events WHERE ${theirEvents}`);
      await tx.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
      await tx.execute(sql`DELETE FROM items WHERE ${old}`);
      const detail = { retention: { removeAfterDays, cutoff, removed: written.counts, archive: basename(file) } };
      await tx.execute(sql`INSERT INTO audit_events (kind, detail) VALUES ('retention', ${JSON.stringify(detail)}::jsonb)`);
      return written;
    });
    return manifest?.counts ?? null;
  } catch (error) {
    (writer as ArchiveWriter | null)?.destroy();
    throw error;
  }
}
