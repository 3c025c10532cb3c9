import type { Triage } from '../contract/triage';

/**
 * Every stored row, parsed once and kept in the background's memory, for what reads them all often: the
 * side panel's views (5,000 open items are sorted and counted here; a page gets only the rows it draws)
 * and the badge and notifications. Kept current from the same events that tell tabs about changes;
 * re-read when a pull may have dropped rows.
 */
export class QueueCache {
  private rows: Map<string, Triage> | null = null;
  private loading: Promise<Map<string, Triage>> | null = null;
  /** Changes seen while a load is out: applied over it. */
  private pending: Triage[] = [];

  constructor(private readonly load: () => Promise<Triage[]>) {}

  async all(): Promise<Triage[]> {
    return [...(await this.map()).values()];
  }

  async get(key: string): Promise<Triage | undefined> {
    return (await this.map()).get(key);
  }

  put(rows: readonly Triage[]): void {
    if (this.rows) for (const row of rows) this.rows.set(row.key, row);
    else if (this.loading) this.pending.push(...rows);
  }

  /** Rows may have left the store (a snapshot, another department's item): read it again on the next use. */
  invalidate(): void {
    this.rows = null;
    this.loading = null;
    this.pending = [];
  }

  private map(): Promise<Map<string, Triage>> {
    if (this.rows) return Promise.resolve(this.rows);
    if (!this.loading) {
      const loading = this.load().then((list) => {
        const rows = new Map(list.map((row) => [row.key, row]));
        // Only if no invalidation came in between.
        if (this.loading === loading) {
          for (const row of this.pending) rows.set(row.key, row);
          this.pending = [];
          this.rows = rows;
          this.loading = null;
        }
        return rows;
      });
      this.loading = loading;
    }
    return this.loading;
  }
}
