import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { z } from 'zod';
import type { CommentItem, ItemKey, PlatformId } from '../contract/item';
import { Mutation, Triage, type MutationOp } from '../contract/triage';
import { storableJson } from '../contract/text';
import { applyMutation, emptyTriage, type ApplyOutcome } from '../triage/apply';

interface SamvadDb extends DBSchema {
  triage: { key: string; value: Triage };
  meta: { key: string; value: { key: string; value: unknown } };
  /** Mutations not yet acknowledged by the team server, by per-client sequence number. */
  outbox: { key: number; value: OutboxRow; indexes: { byItem: string } };
  /** Each item's row as the server last sent it: what a refused action is rolled back to. */
  server: { key: string; value: Triage };
  /** Outbox rows that could not be read (kept for export, never pushed, never in the way). */
  setAside: { key: number; value: { row: unknown; reason: string; at: string } };
}

/** Who made an outbox row (the user signed in then; null when signed out, adopted by the next one). */
export const OutboxOwner = z.nullable(z.object({ id: z.string(), name: z.string() }));
export type OutboxOwner = z.infer<typeof OutboxOwner>;

/** A queued mutation, with its item key for the index that finds what is unsent per item, and its maker. */
type OutboxRow = Mutation & { itemKey: ItemKey; by?: OutboxOwner };
type WriteTransaction = IDBPTransaction<SamvadDb, Array<'triage' | 'outbox' | 'server'>, 'readwrite'>;

/** How many unsent actions each other user left in this browser. */
export interface UnsentByOther {
  user: { id: string; name: string };
  count: number;
}

export const DB_NAME = 'samvad';

/**
 * Versioned migrations: each entry upgrades from the version before it. Append, never edit,
 * so every installed copy reaches the same shape.
 */
const migrations: Array<(db: IDBPDatabase<SamvadDb>) => void> = [
  (db) => {
    db.createObjectStore('triage', { keyPath: 'key' });
    db.createObjectStore('meta', { keyPath: 'key' });
  },
  (db) => {
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq' });
    outbox.createIndex('byItem', 'itemKey');
  },
  (db) => {
    db.createObjectStore('server', { keyPath: 'key' });
    db.createObjectStore('setAside', { autoIncrement: true });
  },
];

export function openSamvadDb(name = DB_NAME): Promise<IDBPDatabase<SamvadDb>> {
  return openDB<SamvadDb>(name, migrations.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < migrations.length; v++) migrations[v]!(db);
      // Rows stored before the server's own copies were kept: the stored row is the best base there is
      // for items with nothing unsent.
      if (oldVersion === 2) {
        void (async () => {
          const waiting = new Set((await tx.objectStore('outbox').getAll()).map((row) => row.itemKey));
          for (const row of await tx.objectStore('triage').getAll()) {
            if (row.version > 0 && !waiting.has(row.key)) await tx.objectStore('server').put(row);
          }
        })().catch(() => undefined);
      }
    },
  });
}

const keyOf = (mutation: Mutation): ItemKey => `${mutation.item.platform}:${mutation.item.id}`;

function parseTriage(row: unknown): Triage | undefined {
  const parsed = Triage.safeParse(row);
  return parsed.success ? parsed.data : undefined;
}

/** Replays pending local mutations on top of a server row, so unsent actions stay visible. */
function rebase(row: Triage, pending: Mutation[], actor: string): Triage {
  return pending.reduce((triage, mutation) => {
    const outcome = applyMutation(triage, mutation, actor);
    return outcome.outcome === 'applied' ? outcome.triage : triage;
  }, row);
}

/**
 * The background's store of items, their triage and the outbox. Only the background opens
 * IndexedDB: content scripts run in the site's origin and reach it by messages.
 */
export class TriageStore {
  private constructor(private readonly db: IDBPDatabase<SamvadDb>) {}

  static async open(name?: string): Promise<TriageStore> {
    return new TriageStore(await openSamvadDb(name));
  }

  async get(keys: readonly ItemKey[]): Promise<Triage[]> {
    const tx = this.db.transaction('triage', 'readonly');
    const rows = await Promise.all(keys.map((key) => tx.store.get(key)));
    await tx.done;
    // Rows written by an older version are re-validated rather than trusted.
    return rows.flatMap((row) => parseTriage(row) ?? []);
  }

  /** The keys of one site's triaged items (a tab then asks only for those rows). */
  async keys(platform: PlatformId): Promise<ItemKey[]> {
    // Keys are "<platform>:<id>": the site's keys sort between "<platform>:" and "<platform>;".
    return this.db.getAllKeys('triage', IDBKeyRange.bound(`${platform}:`, `${platform};`, false, true));
  }

  /** Every stored row (the queue page shows them by department). */
  async all(): Promise<Triage[]> {
    return (await this.db.getAll('triage')).flatMap((row) => parseTriage(row) ?? []);
  }

  async count(): Promise<number> {
    return this.db.count('triage');
  }

  async readMeta<T>(key: string, parse: (value: unknown) => T | undefined): Promise<T | undefined> {
    const row = await this.db.get('meta', key);
    return row ? parse(row.value) : undefined;
  }

  async writeMeta(key: string, value: unknown): Promise<void> {
    if (value === undefined) await this.db.delete('meta', key);
    else await this.db.put('meta', { key, value });
  }

  /** This install's id, made once (the sync protocol's client id). */
  async clientId(): Promise<string> {
    const tx = this.db.transaction('meta', 'readwrite');
    const row = await tx.store.get('clientId');
    const id = typeof row?.value === 'string' ? row.value : crypto.randomUUID();
    if (!row) await tx.store.put({ key: 'clientId', value: id });
    await tx.done;
    return id;
  }

  /**
   * Records a moderator's action: makes it a mutation (this install's client id, the next sequence
   * number, a fresh UUID), applies it to the stored row and queues it for the team server, all in one
   * durable transaction. An action the moderator sees as done survives the service worker stopping a
   * moment later, and is pushed when a server is (or becomes) reachable. A no-op uses no number.
   */
  async record(item: CommentItem, op: MutationOp, actor: string, by: OutboxOwner = null): Promise<ApplyOutcome> {
    const [outcome] = await this.recordMany([{ item, op }], actor, by);
    return outcome!;
  }

  /**
   * Records several actions in one durable transaction, in order (a page's batch of comments seen):
   * one transaction and one answer for a batch instead of one per comment.
   */
  async recordMany(actions: ReadonlyArray<{ item: CommentItem; op: MutationOp }>, actor: string, by: OutboxOwner = null): Promise<ApplyOutcome[]> {
    const tx = this.db.transaction(['meta', 'triage', 'outbox'], 'readwrite', { durability: 'strict' });
    const meta = tx.objectStore('meta');
    const triageStore = tx.objectStore('triage');
    const [clientRow, seqRow] = await Promise.all([meta.get('clientId'), meta.get('seq')]);
    const clientId = typeof clientRow?.value === 'string' ? clientRow.value : crypto.randomUUID();
    let seq = typeof seqRow?.value === 'number' ? seqRow.value : 0;
    const outcomes: ApplyOutcome[] = [];
    for (const { item, op } of actions) {
      // A page's text may hold half an emoji: queue only what the server can store.
      const mutation: Mutation = { id: crypto.randomUUID(), clientId, seq: seq + 1, at: new Date().toISOString(), item: storableJson(item), op: storableJson(op) };
      const current = parseTriage(await triageStore.get(keyOf(mutation)));
      const outcome = applyMutation(current, mutation, actor);
      if (outcome.outcome === 'applied' && outcome.triage !== current) {
        seq += 1;
        await triageStore.put(outcome.triage);
        await tx.objectStore('outbox').put({ ...mutation, itemKey: keyOf(mutation), by });
      }
      outcomes.push(outcome);
    }
    if (!clientRow) await meta.put({ key: 'clientId', value: clientId });
    await meta.put({ key: 'seq', value: seq });
    await tx.done;
    return outcomes;
  }

  /**
   * The oldest unsent mutations `userId` may send (theirs, and those made while nobody was signed in),
   * in sequence order. A row that cannot be read is moved aside on the way, so it never blocks the
   * ones behind it; another user's rows are passed over (they wait for that user).
   */
  async pending(limit: number, userId: string | null = null): Promise<Mutation[]> {
    const tx = this.db.transaction(['outbox', 'setAside'], 'readwrite', { durability: 'strict' });
    const found: Mutation[] = [];
    for (let cursor = await tx.objectStore('outbox').openCursor(); cursor && found.length < limit; cursor = await cursor.continue()) {
      const parsed = Mutation.safeParse(cursor.value);
      const owner = OutboxOwner.safeParse(cursor.value.by ?? null);
      if (!parsed.success || !owner.success) {
        const reason = (parsed.error ?? owner.error)?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') ?? '';
        await tx.objectStore('setAside').add({ row: cursor.value, reason, at: new Date().toISOString() });
        await cursor.delete();
        continue;
      }
      if (owner.data === null || owner.data.id === userId) found.push(parsed.data);
    }
    await tx.done;
    return found;
  }

  /** Unsent actions `userId` may send (theirs and those made signed out); all of them when null. */
  async pendingCount(userId: string | null = null): Promise<number> {
    if (userId === null) return this.db.count('outbox');
    return (await this.db.getAll('outbox')).filter((row) => !row.by || row.by.id === userId).length;
  }

  /** Unsent actions made by users other than `userId`, per user. */
  async unsentByOthers(userId: string | null): Promise<UnsentByOther[]> {
    const byUser = new Map<string, UnsentByOther>();
    for (const row of await this.db.getAll('outbox')) {
      if (!row.by || row.by.id === userId) continue;
      const entry = byUser.get(row.by.id) ?? { user: row.by, count: 0 };
      entry.count += 1;
      byUser.set(row.by.id, entry);
    }
    return [...byUser.values()];
  }

  /** Every unsent action of `userId` (or of everyone when null), and every row set aside, for export. */
  async exportUnsent(userId: string | null): Promise<{ unsent: unknown[]; setAside: unknown[] }> {
    const unsent = (await this.db.getAll('outbox')).filter((row) => userId === null || row.by?.id === userId);
    return { unsent, setAside: await this.db.getAll('setAside') };
  }

  async setAsideCount(): Promise<number> {
    return this.db.count('setAside');
  }

  /** Drops `userId`'s unsent actions (asked for by the moderator) and rolls their items back. */
  async discardUnsent(userId: string, actor: string): Promise<Triage[]> {
    const tx = this.db.transaction(['triage', 'outbox', 'server'], 'readwrite', { durability: 'strict' });
    const outbox = tx.objectStore('outbox');
    const dropped = (await outbox.getAll()).filter((row) => row.by?.id === userId);
    for (const row of dropped) await outbox.delete(row.seq);
    const written = await this.rollBack(tx, dropped, actor);
    await tx.done;
    return written;
  }

  /**
   * Records the server's answer to a push: acknowledged mutations leave the outbox and the server's
   * rows replace the local guesses (with what is still unsent replayed on top), in one transaction.
   */
  async acknowledge(seqs: number[], serverRows: Triage[], actor: string, refused: Mutation[] = []): Promise<Triage[]> {
    const tx = this.db.transaction(['triage', 'outbox', 'server'], 'readwrite', { durability: 'strict' });
    const outbox = tx.objectStore('outbox');
    for (const seq of seqs) await outbox.delete(seq);
    const written = await this.writeServerRows(tx, serverRows, actor);
    const answered = new Set(serverRows.map((row) => row.key));
    written.push(...(await this.rollBack(tx, refused.filter((mutation) => !answered.has(keyOf(mutation))), actor)));
    await tx.done;
    return written;
  }

  /**
   * Puts the items of mutations that will never be applied back as the server last had them, with what
   * is still unsent replayed on top. An item the server never had, with nothing left unsent, is untriaged.
   */
  private async rollBack(tx: WriteTransaction, mutations: Mutation[], actor: string): Promise<Triage[]> {
    const written: Triage[] = [];
    for (const key of new Set(mutations.map(keyOf))) {
      const base = parseTriage(await tx.objectStore('server').get(key));
      const pending = (await tx.objectStore('outbox').index('byItem').getAll(key)).sort((a, b) => a.seq - b.seq);
      const first = mutations.find((mutation) => keyOf(mutation) === key)!;
      const row = rebase(base ?? emptyTriage(first.item, first.at), pending, actor);
      if (base || pending.length) await tx.objectStore('triage').put(row);
      else await tx.objectStore('triage').delete(key);
      written.push(row);
    }
    return written;
  }

  /**
   * Stores rows pulled from the server. `keepOnly` ends a snapshot: every stored row it does not name
   * and without unsent changes is dropped; `removed` rows left this moderator's view.
   */
  async putServerRows(
    rows: Triage[],
    { keepOnly, removed }: { keepOnly: ReadonlySet<ItemKey> | null; removed: ItemKey[] },
    actor: string,
  ): Promise<Triage[]> {
    const tx = this.db.transaction(['triage', 'outbox', 'server'], 'readwrite', { durability: 'strict' });
    const triageStore = tx.objectStore('triage');
    const byItem = tx.objectStore('outbox').index('byItem');
    const written = await this.writeServerRows(tx, rows, actor);
    const inRows = new Set(rows.map((row) => row.key));
    const drop = keepOnly
      ? (await triageStore.getAllKeys()).filter((key) => !keepOnly.has(key))
      : removed.filter((key) => !inRows.has(key));
    for (const key of drop) {
      await tx.objectStore('server').delete(key);
      if ((await byItem.count(key)) === 0) await triageStore.delete(key);
    }
    await tx.done;
    return written;
  }

  private async writeServerRows(tx: WriteTransaction, rows: Triage[], actor: string): Promise<Triage[]> {
    const written: Triage[] = [];
    for (const row of rows) {
      const pending = await tx.objectStore('outbox').index('byItem').getAll(row.key);
      const stored = parseTriage(await tx.objectStore('triage').get(row.key));
      // An older server row (a late answer) never overwrites a newer one.
      if (stored && stored.version > row.version) continue;
      const merged = rebase(row, pending.sort((a, b) => a.seq - b.seq), actor);
      await tx.objectStore('server').put(row);
      await tx.objectStore('triage').put(merged);
      written.push(merged);
    }
    return written;
  }

  close(): void {
    this.db.close();
  }
}
