import { eq, sql } from 'drizzle-orm';
import type { OrgResponse } from '../../lib/contract/api';
import { describeIssues, OrgConfig, type SlaPolicy } from '../../lib/contract/org';
import type { DueTimes, ItemStatus, Triage, WorkReason } from '../../lib/contract/triage';
import { dueTimes } from '../../lib/triage/due';
import { rowsOf, type Db } from '../db/connect';
import { auditEvents, orgConfig, syncState } from '../db/schema';
import { notifyPoke } from './sync';

export async function getOrg(db: Db): Promise<OrgResponse> {
  const [row] = await db.select().from(orgConfig).where(eq(orgConfig.id, 1));
  if (!row) throw new Error('database not initialised (org_config row missing)');
  return { org: row.config, orgVersion: row.version, updatedAt: row.updatedAt.toISOString() };
}

export class OrgValidationError extends Error {
  readonly statusCode = 400;
  constructor(readonly problems: string[]) {
    super(`the organisation would be invalid: ${problems.join('; ')}`);
    this.name = 'OrgValidationError';
  }
}

/**
 * Replaces one section of the organisation config, re-validating the whole (e.g. department ids
 * stay unique), bumps its version and pokes every client so they refetch.
 */
export async function updateOrg(db: Db, section: Partial<OrgConfig>, userId: string | null, now: Date = new Date()): Promise<OrgResponse> {
  return db.transaction(async (tx) => {
    // A new SLA policy restamps the open items: hold the version row first, so no push stamps a row
    // with the old policy after the items are read (pushes read the policy after taking it).
    if (section.sla) await tx.execute(sql`SELECT version FROM sync_state WHERE id = 1 FOR UPDATE`);
    const [row] = await tx.select().from(orgConfig).where(eq(orgConfig.id, 1)).for('update');
    if (!row) throw new Error('database not initialised (org_config row missing)');
    const parsed = OrgConfig.safeParse({ ...row.config, ...section });
    if (!parsed.success) throw new OrgValidationError(describeIssues(parsed.error));
    const [updated] = await tx
      .update(orgConfig)
      .set({ config: parsed.data, version: sql`${orgConfig.version} + 1`, updatedAt: now, updatedBy: userId })
      .where(eq(orgConfig.id, 1))
      .returning();
    if (section.sla) await restampDueTimes(tx, parsed.data.sla);
    const [state] = await tx.select({ version: syncState.version }).from(syncState).where(eq(syncState.id, 1));
    if (!updated || !state) throw new Error('database not initialised');
    await tx.insert(auditEvents).values({ kind: 'org_update', userId, detail: { sections: Object.keys(section) } });
    await notifyPoke(tx, { version: state.version, orgVersion: updated.version });
    return { org: updated.config, orgVersion: updated.version, updatedAt: updated.updatedAt.toISOString() };
  });
}

const RESTAMP_BATCH = 5_000;

/**
 * Recomputes the due times of every open item under a new policy and stores those that moved, with a
 * new version so that every client pulls them. Computed with the same lib/triage/due.ts as each push
 * (one definition of office time), written in batches of one JSON parameter each. Returns how many changed.
 */
export async function restampDueTimes(tx: Pick<Db, 'execute'>, policy: SlaPolicy): Promise<number> {
  const open = rowsOf<{
    key: string;
    created_at: string;
    work: WorkReason;
    assigned_at: string | null;
    replies: Triage['replies'] | null;
    status: ItemStatus;
    flags: Triage['flags'] | null;
    due: DueTimes | null;
  }>(
    await tx.execute(sql`
      SELECT key, triage->'item'->>'createdAt' AS created_at, work, triage->>'assignedAt' AS assigned_at,
        triage->'replies' AS replies, status, triage->'flags' AS flags, triage->'due' AS due
      FROM items WHERE work IS NOT NULL AND status IN ('open', 'accepted')`),
  );
  const moved: Array<{ key: string; due: DueTimes | null; interim_at: string | null; final_at: string | null; clock_start: string | null }> = [];
  for (const row of open) {
    const due =
      dueTimes(
        {
          work: row.work,
          item: { createdAt: row.created_at },
          assignedAt: row.assigned_at ?? undefined,
          replies: row.replies ?? [],
          status: row.status,
          flags: row.flags ?? [],
        },
        policy,
      ) ?? null;
    if (sameDue(due, row.due)) continue;
    moved.push({ key: row.key, due, interim_at: due?.interimAt ?? null, final_at: due?.finalAt ?? null, clock_start: due?.clockStart ?? null });
  }
  if (moved.length === 0) return 0;
  const [bumped] = rowsOf<{ version: number }>(
    await tx.execute(sql`UPDATE sync_state SET version = version + 1 WHERE id = 1 RETURNING version::float8 AS version`),
  );
  const version = Number(bumped!.version);
  for (let start = 0; start < moved.length; start += RESTAMP_BATCH) {
    const batch = moved.slice(start, start + RESTAMP_BATCH);
    await tx.execute(sql`
      UPDATE items SET
        version = ${version},
        interim_due_at = x.interim_at,
        final_due_at = x.final_at,
        clock_start_at = COALESCE(x.clock_start, items.comment_at),
        triage = (CASE WHEN x.due IS NULL THEN items.triage - 'due' ELSE jsonb_set(items.triage, '{due}', x.due) END)
          || jsonb_build_object('version', ${version}::bigint)
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(key text, due jsonb, interim_at timestamptz, final_at timestamptz, clock_start timestamptz)
      WHERE items.key = x.key`);
  }
  return moved.length;
}

function sameDue(a: DueTimes | null, b: DueTimes | null): boolean {
  if (!a || !b) return a === b;
  const same = (x: string | null, y: string | null) => (x === null || y === null ? x === y : Date.parse(x) === Date.parse(y));
  return same(a.clockStart, b.clockStart) && same(a.interimAt, b.interimAt) && same(a.finalAt, b.finalAt);
}
