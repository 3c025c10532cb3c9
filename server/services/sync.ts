import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { MutationResult, PullResponse, PushRequest, PushResponse } from '../../lib/contract/api';
import { CommentItem, itemKey } from '../../lib/contract/item';
import { DEFAULT_SLA_POLICY, SlaPolicy } from '../../lib/contract/org';
import { Mutation, type Triage } from '../../lib/contract/triage';
import { findUnstorable, storableText } from '../../lib/contract/text';
import { applyMutation, withFollower } from '../../lib/triage/apply';
import { dueTimes, provenReplyTimes } from '../../lib/triage/due';
import { refusalFor } from '../../lib/triage/permissions';
import { rowsOf, type Db } from '../db/connect';
import { items, mutations, orgConfig, syncState } from '../db/schema';
import { findActors, type AuthContext } from './users';
import { APPROVAL_OPS, approvalOrg, approvalRefusal, readApprovalContext, withApprovalExpiry, type ApprovalContext } from './approvals';

/** NOTIFY channel for pokes; the payload is PokePayload as JSON (delivered at commit). */
export const POKE_CHANNEL = 'samvad_poke';
export interface PokePayload {
  version: number;
  orgVersion: number;
  /**
   * The departments whose users can see a change in this commit (rows now or once assigned to them);
   * absent when every user is concerned (the organisation's data changed).
   */
  departments?: string[];
}

export function notifyPoke(tx: Pick<Db, 'execute'>, payload: PokePayload) {
  return tx.execute(sql`SELECT pg_notify(${POKE_CHANNEL}, ${JSON.stringify(payload)})`);
}

interface WorkingRow {
  triage: Triage;
  departmentId: string | null;
  pastDepartmentIds: string[];
  /** When triage.item was read off the page (ISO). */
  itemReadAt: string;
  changed: boolean;
}

/** Who reads comments off the page: only their newer readings replace the stored comment. */
const READERS = new Set(['moderator', 'admin']);

/**
 * Applies a push in one transaction: bumps the version row (its lock serialises pushes, so commit
 * order is version order), skips mutation ids already applied (returning their stored result),
 * applies the rest in seq order with the shared applyMutation, stores every result and an audit
 * event per applied mutation, and notifies pokes at commit.
 */
export async function push(db: Db, auth: AuthContext, request: PushRequest, now: Date = new Date()): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    // Locking the version row serialises pushes (commit order is version order). The organisation is
    // read after it, in its own statement, so a policy change that held the lock is seen here.
    const [locked] = rowsOf<{ version: number }>(
      await tx.execute(sql`SELECT version::float8 AS version FROM sync_state WHERE id = 1 FOR UPDATE`),
    );
    const [state] = rowsOf<{ org_version: number; department_ids: string[]; sla: unknown }>(
      await tx.execute(sql`
        SELECT version AS org_version, jsonb_path_query_array(config, '$.departments[*].id') AS department_ids, config->'sla' AS sla
        FROM org_config WHERE id = 1`),
    );
    if (!locked || !state) throw new Error('database not initialised (sync_state or org_config row missing)');
    // Only a push that changes a row takes a new version: 1,000 comments scrolled past again bump nothing.
    const current = Number(locked.version);
    const version = current + 1;
    const orgVersion = Number(state.org_version);
    const departments = new Set(state.department_ids);
    const policy = storedSlaPolicy(state.sla);
    // Approvals are checked against the departments' approvers and who of them is away: read only when asked.
    const hasApprovals = request.mutations.some((m) => APPROVAL_OPS.has(String((m as { op?: { type?: unknown } }).op?.type)));
    const approvals = hasApprovals ? await readApprovalContext(tx, now) : null;

    const ids = [...new Set(request.mutations.map((m) => m.id))];
    const stored = await tx
      .select({ id: mutations.id, userId: mutations.userId, result: mutations.result })
      .from(mutations)
      .where(inArray(mutations.id, ids));
    const results = new Map<string, MutationResult>(
      stored.filter((row) => row.userId === auth.user.id).map((row) => [row.id, row.result]),
    );
    // Ids another user pushed: rejected without applying or revealing anything of theirs.
    const foreign = new Set(stored.filter((row) => row.userId !== auth.user.id).map((row) => row.id));

    // Keys of the rows the batch may touch (a malformed item has none: it will be rejected).
    const keys = [
      ...new Set(
        request.mutations.flatMap((m) => {
          const item = CommentItem.safeParse(m.item);
          return item.success ? [itemKey(item.data.platform, item.data.id)] : [];
        }),
      ),
    ];
    const rows = new Map<string, WorkingRow>();
    const load = async (wanted: string[]) => {
      if (wanted.length === 0) return;
      for (const row of await tx.select().from(items).where(inArray(items.key, wanted))) {
        rows.set(row.key, {
          triage: withStoredDefaults(row.triage),
          departmentId: row.departmentId,
          pastDepartmentIds: row.pastDepartmentIds,
          itemReadAt: row.itemReadAt.toISOString(),
          changed: false,
        });
      }
    };
    await load(keys);
    // A follow-up is recorded on both items: the items followed up (and the one a follower leaves) too.
    const followed = new Set(request.mutations.flatMap((m) => {
        const op = (m as { op?: { type?: unknown; of?: unknown } }).op;
        return op?.type === 'linkFollowUp' && typeof op.of === 'string' ? [op.of] : [];
      }));
    if (followed.size > 0) {
      for (const row of rows.values()) if (row.triage.followUpOf) followed.add(row.triage.followUpOf);
      await load([...followed].filter((key) => !rows.has(key)));
    }

    const fresh: Array<{ mutation: Mutation | null; id: string; seq: number; result: MutationResult }> = [];
    /** Mutations applied without changing their row. */
    const unchanged = new Set<string>();
    const ordered = [...request.mutations].sort((a, b) => a.seq - b.seq);
    for (const raw of ordered) {
      const { id, seq } = raw;
      if (results.has(id)) continue; // exactly once: applied earlier (or twice in this batch)
      const parsed = foreign.has(id) ? null : Mutation.safeParse(raw);
      const result: MutationResult = !parsed
        ? { id, seq, outcome: 'rejected', reason: 'this mutation id is already taken: make a new one' }
        : parsed.success
          ? applyOne(parsed.data, rows, { auth, clientId: request.clientId, departments, approvals, version, policy, unchanged, now })
          : { id, seq, outcome: 'rejected', reason: storableText(`not a valid mutation: ${formatIssues(parsed.error.issues)}`) };
      results.set(id, result);
      fresh.push({ mutation: parsed?.success ? parsed.data : null, id, seq, result });
    }

    // Bulk writes pass one JSON parameter each (jsonb_to_recordset): several times faster than
    // hundreds of bound parameters on both drivers.
    const changed = [...rows.entries()].filter(([, row]) => row.changed);
    const pushVersion = changed.length > 0 ? version : current;
    if (changed.length > 0) {
      await tx.execute(sql`UPDATE sync_state SET version = ${version} WHERE id = 1`);
      const values = changed.map(([key, row]) => ({
        key,
        department_id: row.departmentId,
        past: row.pastDepartmentIds,
        triage: row.triage,
        updated_at: row.triage.updatedAt,
        item_read_at: row.itemReadAt,
        ...clockColumns(row.triage),
      }));
      await tx.execute(sql`
        INSERT INTO items (key, department_id, past_department_ids, version, triage, updated_at, item_read_at,
          status, work, comment_at, interim_due_at, final_due_at, clock_start_at, first_reply_at, final_reply_at, flags)
        SELECT x.key, x.department_id, x.past, ${version}, x.triage, x.updated_at, x.item_read_at,
          x.status, x.work, x.comment_at, x.interim_due_at, x.final_due_at, x.clock_start_at, x.first_reply_at, x.final_reply_at, x.flags
        FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          AS x(key text, department_id text, past text[], triage jsonb, updated_at timestamptz, item_read_at timestamptz,
            status text, work text, comment_at timestamptz, interim_due_at timestamptz, final_due_at timestamptz,
            clock_start_at timestamptz, first_reply_at timestamptz, final_reply_at timestamptz, flags text[])
        ON CONFLICT (key) DO UPDATE SET
          department_id = excluded.department_id,
          past_department_ids = excluded.past_department_ids,
          version = excluded.version,
          triage = excluded.triage,
          updated_at = excluded.updated_at,
          item_read_at = excluded.item_read_at,
          status = excluded.status,
          work = excluded.work,
          comment_at = excluded.comment_at,
          interim_due_at = excluded.interim_due_at,
          final_due_at = excluded.final_due_at,
          clock_start_at = excluded.clock_start_at,
          first_reply_at = excluded.first_reply_at,
          final_reply_at = excluded.final_reply_at,
          flags = excluded.flags`);
    }
    if (fresh.length > 0) {
      // Conflicts name who assigned the row: resolve those ids to display names once per push.
      const conflicts = fresh.filter((f) => f.result.outcome === 'conflict');
      if (conflicts.length > 0) {
        const assigners = conflicts.map((f) => (f.result.outcome === 'conflict' ? f.result.triage.assignedBy : null));
        const actors = new Map((await findActors(tx, assigners)).map((a) => [a.id, a]));
        for (const { result } of conflicts) {
          if (result.outcome === 'conflict' && result.triage.assignedBy) {
            const id = result.triage.assignedBy;
            result.assignedBy = actors.get(id) ?? { id, name: id };
          }
        }
      }
      const stored = fresh.map(({ id, seq, result }) => ({ id, seq, result }));
      await tx.execute(sql`
        INSERT INTO mutations (id, client_id, seq, user_id, result, version)
        SELECT x.id, ${request.clientId}, x.seq, ${auth.user.id}, x.result, ${pushVersion}
        FROM jsonb_to_recordset(${JSON.stringify(stored)}::jsonb) AS x(id text, seq bigint, result jsonb)`);
      const applied = fresh
        // A comment seen again (nothing changed) is not an event of its history.
        .flatMap(({ mutation, result }) =>
          mutation && result.outcome === 'applied' && !(mutation.op.type === 'see' && unchanged.has(mutation.id)) ? [mutation] : [],
        )
        .map((mutation) => ({
          item_key: itemKey(mutation.item.platform, mutation.item.id),
          mutation_id: mutation.id,
          detail: { op: mutation.op, seq: mutation.seq, at: mutation.at },
        }));
      if (applied.length > 0) {
        await tx.execute(sql`
          INSERT INTO audit_events (kind, user_id, client_id, item_key, mutation_id, detail)
          SELECT 'mutation', ${auth.user.id}, ${request.clientId}, x.item_key, x.mutation_id, x.detail
          FROM jsonb_to_recordset(${JSON.stringify(applied)}::jsonb) AS x(item_key text, mutation_id text, detail jsonb)`);
      }
    }
    if (changed.length > 0) {
      const concerned = new Set(changed.flatMap(([, row]) => [...(row.departmentId ? [row.departmentId] : []), ...row.pastDepartmentIds]));
      await notifyPoke(tx, { version, orgVersion, departments: [...concerned] });
    }

    return {
      results: request.mutations.map((m) => results.get(m.id)!),
      version: pushVersion,
    };
  });
}

/** The organisation's stored policy; one stored before a field existed gets that field's default. */
export function storedSlaPolicy(stored: unknown): SlaPolicy {
  const parsed = SlaPolicy.safeParse(stored ?? DEFAULT_SLA_POLICY);
  return parsed.success ? parsed.data : DEFAULT_SLA_POLICY;
}

/** The row with its due times stamped from the policy (none while it has no clock). */
export function withDueTimes(triage: Triage, policy: SlaPolicy): Triage {
  const due = dueTimes(triage, policy);
  if (due) return { ...triage, due };
  const { due: _none, ...rest } = triage;
  return rest;
}

/** The items columns copied from the triage for the queue, the reports and the policy recomputation. */
export function clockColumns(triage: Triage) {
  const { firstReplyAt, finalReplyAt } = provenReplyTimes(triage.replies);
  return {
    status: triage.status ?? 'open',
    work: triage.work ?? null,
    comment_at: triage.item.createdAt,
    interim_due_at: triage.due?.interimAt ?? null,
    final_due_at: triage.due?.finalAt ?? null,
    clock_start_at: triage.due?.clockStart ?? triage.item.createdAt,
    first_reply_at: firstReplyAt,
    final_reply_at: finalReplyAt,
    flags: triage.flags ?? [],
  };
}

/**
 * A row as stored by an older server lacks the fields the contract added since (their zod defaults):
 * filled here, cheaply, so applying a mutation to it never fails on a missing list.
 */
function withStoredDefaults(stored: Triage): Triage {
  const triage: Partial<Triage> = stored;
  return { ...stored, status: triage.status ?? 'open', notes: triage.notes ?? [], followUps: triage.followUps ?? [], approvals: triage.approvals ?? [] };
}

/**
 * "item.permalink: Invalid URL; op.type: …", for a rejection reason the moderator can act on (made
 * storable by the caller: zod may quote the input).
 */
function formatIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}


function applyOne(
  mutation: Mutation,
  rows: Map<string, WorkingRow>,
  context: {
    auth: AuthContext;
    clientId: string;
    departments: Set<string>;
    approvals: ApprovalContext | null;
    version: number;
    policy: SlaPolicy;
    unchanged: Set<string>;
    now: Date;
  },
): MutationResult {
  const { id, seq } = mutation;
  const rejected = (reason: string): MutationResult => ({ id, seq, outcome: 'rejected', reason });
  if (mutation.clientId !== context.clientId) return rejected('mutation clientId differs from the push clientId');
  // PostgreSQL cannot store U+0000 or a lone surrogate: refuse this mutation rather than fail the whole push.
  const unstorable = findUnstorable(mutation);
  if (unstorable) return rejected(`${unstorable.path.join('.')}: ${unstorable.message}`);
  const key = itemKey(mutation.item.platform, mutation.item.id);
  const row = rows.get(key);
  const { user } = context.auth;
  const approvals = APPROVAL_OPS.has(mutation.op.type) ? context.approvals : null;
  const refusal =
    refusalFor(user, mutation.op.type, row, approvals ? approvalOrg(approvals, row?.departmentId) : undefined) ??
    (approvals ? approvalRefusal(mutation, row?.triage, approvals) : null);
  if (refusal) return rejected(refusal);
  if (mutation.op.type === 'assign' && mutation.op.departmentId && !context.departments.has(mutation.op.departmentId)) {
    return rejected(`unknown department "${mutation.op.departmentId}"`);
  }
  const outcome = applyMutation(row?.triage, mutation, user.id);
  switch (outcome.outcome) {
    case 'rejected':
      return rejected(outcome.reason);
    case 'conflict':
      return {
        id,
        seq,
        outcome: 'conflict',
        reason: outcome.reason,
        triage: outcome.triage,
        assignedBy: null, // resolved to a name by the caller
        assignedAt: outcome.triage.assignedAt ?? null,
      };
    case 'applied': {
      // applyMutation returns the row itself when nothing changes (e.g. a flag already set).
      if ((row && outcome.triage === row.triage) || (!row && outcome.triage.updatedBy === undefined)) {
        context.unchanged.add(id);
        return { id, seq, outcome: 'applied', triage: row?.triage ?? outcome.triage };
      }
      // The comment belongs to the platform: stored on first sight, replaced only by a moderator's newer
      // reading (its createdAt, the SLA clock's start, stays the first one: applyMutation keeps it).
      const newerReading = !row || (READERS.has(user.role) && Date.parse(mutation.at) > Date.parse(row.itemReadAt));
      const item = newerReading ? outcome.triage.item : row.triage.item;
      const itemReadAt = newerReading ? mutation.at : row.itemReadAt;
      // The assignment time starts the clock under some policies: a client clock running ahead of the
      // server's must not push the deadlines out.
      const assignedAt =
        outcome.triage.assignedAt && Date.parse(outcome.triage.assignedAt) > context.now.getTime()
          ? { assignedAt: context.now.toISOString() }
          : {};
      const decided = approvals ? withApprovalExpiry(outcome.triage, mutation, approvals) : outcome.triage;
      const triage = withDueTimes({ ...decided, ...assignedAt, item, version: context.version }, context.policy);
      const previous = row?.departmentId ?? null;
      const pastDepartmentIds = [...(row?.pastDepartmentIds ?? [])];
      if (previous && previous !== triage.departmentId && !pastDepartmentIds.includes(previous)) {
        pastDepartmentIds.push(previous);
      }
      rows.set(key, { triage, departmentId: triage.departmentId, pastDepartmentIds, itemReadAt, changed: true });
      if (mutation.op.type === 'linkFollowUp') {
        linkFollower(rows, row?.triage.followUpOf, key, false, context.version);
        linkFollower(rows, mutation.op.of, key, true, context.version);
      }
      return { id, seq, outcome: 'applied', triage };
    }
  }
}

/** Lists (or takes off) `follower` on the item it follows up, when that item is stored. */
function linkFollower(rows: Map<string, WorkingRow>, originalKey: string | undefined, follower: string, linked: boolean, version: number): void {
  const original = originalKey ? rows.get(originalKey) : undefined;
  if (!original) return;
  const triage = withFollower(original.triage, follower, linked);
  if (triage !== original.triage) rows.set(originalKey!, { ...original, triage: { ...triage, version }, changed: true });
}

/**
 * Rows changed since `cursor`, up to the version read in the same statement (one snapshot: a push
 * committing meanwhile is picked up next time, never skipped). Department users see only their
 * department's rows, and learn in `removed` which of theirs moved away.
 */
export async function pull(db: Db, auth: AuthContext, cursor: number, limit: number): Promise<PullResponse> {
  const department = auth.user.role === 'department' ? auth.user.departmentId : null;
  let answer = await readSince(db, department, cursor, limit);
  // A cursor from a future this database never reached (restored or replaced): send everything.
  if (cursor > answer.version) answer = await readSince(db, department, 0, limit);
  const rows: Triage[] = [];
  const removed: string[] = [];
  for (const row of answer.rows) {
    if (department && row.departmentId !== department) removed.push(row.triage.key);
    else rows.push(row.triage);
  }
  // Rows stored before approvals existed have none.
  const named = (r: Triage) => [r.assignedBy, r.updatedBy, ...(r.approvals ?? []).flatMap((a) => [a.requestedBy, a.decidedBy])];
  const actors = rows.length ? await findActors(db, rows.flatMap(named)) : [];
  return {
    rows,
    removed,
    snapshot: answer.snapshot,
    cursor: answer.cursor,
    more: answer.more,
    orgVersion: answer.orgVersion,
    actors,
  };
}

/**
 * Cursor 0 reads the whole visible state (a snapshot); otherwise rows with cursor < version ≤ now.
 * At most `limit` rows, cut between two versions (a version has at most MAX_PUSH_MUTATIONS rows).
 */
async function readSince(db: Db, department: string | null, cursor: number, limit: number) {
  const snapshot = cursor === 0;
  const state = db.$with('state').as(
    db
      .select({ version: syncState.version, orgVersion: sql<number>`${orgConfig.version}`.as('org_version') })
      .from(syncState)
      .innerJoin(orgConfig, eq(orgConfig.id, 1))
      .where(eq(syncState.id, 1)),
  );
  const visible = department
    ? snapshot
      ? eq(items.departmentId, department)
      : or(eq(items.departmentId, department), sql`${department} = ANY(${items.pastDepartmentIds})`)
    : undefined;
  const found = await db
    .with(state)
    .select({
      version: state.version,
      orgVersion: state.orgVersion,
      rowVersion: items.version,
      triage: items.triage,
      departmentId: items.departmentId,
    })
    .from(state)
    .leftJoin(items, and(gt(items.version, cursor), lte(items.version, state.version), visible))
    .orderBy(asc(items.version), asc(items.key))
    .limit(limit + 1);
  const first = found[0];
  if (!first) throw new Error('database not initialised (sync_state or org_config row missing)');
  const version = Number(first.version);
  let page = found.filter((row) => row.triage !== null);
  let more = false;
  let next = version;
  if (page.length > limit) {
    // Drop the version the page would split; the next pull starts with it.
    const cut = page[limit]!.rowVersion!;
    page = page.filter((row) => row.rowVersion! < cut);
    more = true;
    next = page.at(-1)?.rowVersion ?? cursor;
  }
  return {
    snapshot,
    version,
    cursor: next,
    more,
    orgVersion: Number(first.orgVersion),
    rows: page.map((row) => ({ triage: row.triage!, departmentId: row.departmentId })),
  };
}
