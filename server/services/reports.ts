import { sql, type SQL } from 'drizzle-orm';
import type { PublicUser } from '../../lib/contract/api';
import type { ItemRow, OverviewResponse, ReportQuery, ThreadItem } from '../../lib/contract/reports';
import { FLAGS, type Triage } from '../../lib/contract/triage';
import { rowsOf, type Db } from '../db/connect';

/**
 * The dashboard's figures, computed in SQL over the items table's columns: status, work, comment_at,
 * the stored due times (migration 0007), the clock's start and the first proven replies' times
 * (migration 0008, copied from the triage by every write: lib/triage/due.ts provenReplyTimes). The
 * overview reads a month of them, and the flags, from one covering index (items_report_idx), and the
 * triage only of the few items with overrides or approvals (items_decided_idx).
 *
 * Definitions (also in the README, "Dashboard"):
 * - An item is **received** on the day of its comment (in the organisation's time zone) when it is the
 *   team's work (`work` is set: it has a reply clock). It is **triaged** once it was assigned to a
 *   department or its status moved on from `open`.
 * - A reply **counts** when it is proof of posting: source `seen` (found under the item) or `manual`
 *   (marked with its link); its time is the site's `postedAt`, else when it was recorded. A reply that
 *   was only pressed in the composer (`composer`) does not count: it was never seen on the page. The
 *   first counted reply is the first so recorded (replies are kept in the order recorded).
 * - **Interim met**: the first counted reply (any stage) came at or before the stored interim due time;
 *   **missed**: it came later, or none came and the due time has passed. Items whose deadline is still
 *   ahead without a reply are pending and count in neither; a closed item without a reply needed none.
 * - **Final met**: the first counted final reply came at or before the stored final due time; missed
 *   likewise. Closed items need no final reply and count in neither.
 * - The rate is met / (met + missed). Time to interim / final: from the clock's start (the stored
 *   due.clockStart, else the comment's time) to that reply; median and 90th percentile.
 * - **Open now**: items of the range whose status is `open` or `accepted`; **overdue now**: those of them
 *   past a due time whose reply has not come.
 */

/** Who may see which department's figures: a department user only their own; everyone else any or all. */
export function reportDepartment(user: PublicUser, requested: string | undefined): { department: string | null } | { forbidden: string } {
  if (user.role === 'department') {
    if (requested && requested !== user.departmentId) return { forbidden: 'a department user sees only its own department' };
    // No department id starts with a hyphen: a department user without one sees nothing.
    return { department: user.departmentId ?? '-' };
  }
  return { department: requested ?? null };
}

export interface ReportFilter {
  from: string;
  to: string;
  department: string | null;
  platform: string | null;
  timeZone: string;
}

/** The items a report covers: the team's work whose comment came within the days, of the department and platform. */
function filterSql(filter: ReportFilter): SQL {
  const conditions: SQL[] = [
    sql`i.work IS NOT NULL`,
    sql`i.comment_at >= (${filter.from}::date::timestamp AT TIME ZONE ${filter.timeZone})`,
    sql`i.comment_at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${filter.timeZone})`,
  ];
  if (filter.department) conditions.push(sql`i.department_id = ${filter.department}`);
  if (filter.platform) conditions.push(sql`i.key LIKE ${`${filter.platform}:%`}`);
  return sql.join(conditions, sql` AND `);
}

/**
 * One row per item with what every report derives from it: the counted replies' times, the deadlines'
 * outcomes ('met', 'missed' or null) and whether it is open or overdue now. The overview, the item list
 * and the CSV all read this, so they agree. Without the triage it reads only items_report_idx's columns.
 */
function factsSql(filter: ReportFilter, extra: SQL | null, tail: SQL | null, withTriage: boolean): SQL {
  return sql`
    SELECT f.*,
      CASE
        WHEN f.interim_due_at IS NULL OR (f.status = 'closed' AND f.first_reply_at IS NULL) THEN NULL
        WHEN f.first_reply_at <= f.interim_due_at THEN 'met'
        WHEN f.first_reply_at IS NOT NULL OR f.interim_due_at < now() THEN 'missed'
      END AS interim_state,
      CASE
        WHEN f.final_due_at IS NULL OR f.status = 'closed' THEN NULL
        WHEN f.final_reply_at <= f.final_due_at THEN 'met'
        WHEN f.final_reply_at IS NOT NULL OR f.final_due_at < now() THEN 'missed'
      END AS final_state,
      f.status IN ('open', 'accepted') AS is_open,
      f.status IN ('open', 'accepted') AND (
        (f.first_reply_at IS NULL AND f.interim_due_at < now()) OR (f.final_reply_at IS NULL AND f.final_due_at < now())
      ) AS is_overdue
    FROM (
      SELECT i.key, i.department_id, i.status, i.comment_at, i.interim_due_at, i.final_due_at,
        ${withTriage ? sql`i.work, i.triage,` : sql``}
        i.clock_start_at AS clock_start, i.first_reply_at, i.final_reply_at, i.flags
      FROM items i
      WHERE ${filterSql(filter)}${extra ? sql` AND ${extra}` : sql``}
      ${tail ?? sql``}
    ) f`;
}

interface OverviewRow {
  overview: Omit<OverviewResponse, 'query' | 'generatedAt'>;
}

/** The overview in one statement: the facts once, every figure aggregated from them. */
export async function overview(db: Db, filter: ReportFilter): Promise<OverviewResponse> {
  // JIT off: the planner prices the JSON array functions at 100 rows each, deems the query huge and
  // spends seconds compiling it, for a scan that takes a fraction of that. work_mem: the percentiles'
  // sort of a month's reply times stays in memory instead of spilling to a temporary file.
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    // The planner cannot tell how few items have overrides or approvals (a jsonb condition) and reads the
    // whole table for them rather than items_decided_idx; every scan here has an index made for it.
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    return tx.execute(overviewSql(filter));
  });
  const [row] = rowsOf<OverviewRow>(result);
  const figures = typeof row!.overview === 'string' ? (JSON.parse(row!.overview) as OverviewRow['overview']) : row!.overview;
  return {
    query: { from: filter.from, to: filter.to, department: filter.department, platform: filter.platform, timeZone: filter.timeZone },
    ...figures,
    generatedAt: new Date().toISOString(),
  };
}

export function overviewSql(filter: ReportFilter): SQL {
  return sql`
    WITH days AS (
      SELECT n + 1 AS day_no, ${filter.from}::date + n AS day FROM generate_series(0, ${filter.to}::date - ${filter.from}::date) n
    ),
    -- When each day starts in the organisation's zone: an item's day is found by binary search
    -- (width_bucket), not by converting every comment time to local time.
    bounds AS (SELECT array_agg(day::timestamp AT TIME ZONE ${filter.timeZone} ORDER BY day) AS starts FROM days),
    -- One pass over the facts: the figures per day and, in the grouping set (), of the whole range.
    grouped AS (
      SELECT day_no, GROUPING(day_no) = 1 AS whole,
        count(*) FILTER (WHERE interim_state = 'met')::int AS interim_met,
        count(*) FILTER (WHERE interim_state = 'missed')::int AS interim_missed,
        count(*) FILTER (WHERE final_state = 'met')::int AS final_met,
        count(*) FILTER (WHERE final_state = 'missed')::int AS final_missed,
        -- Both percentiles of a stage from one sort; date_part is float8 (extract's numeric is slower).
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', first_reply_at - clock_start)) AS interim_times,
        percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY date_part('epoch', final_reply_at - clock_start)) AS final_times,
        count(*)::int AS received,
        count(*) FILTER (WHERE department_id IS NOT NULL OR status <> 'open')::int AS triaged,
        count(*) FILTER (WHERE is_open)::int AS open,
        count(*) FILTER (WHERE is_overdue)::int AS overdue,
        -- Each kind of flag (a fixed list) counted in the same pass, from the index.
        ARRAY[${sql.join(FLAGS.map((flag) => sql`count(*) FILTER (WHERE ${flag} = ANY(flags))::int`), sql`, `)}] AS flag_counts
      FROM (SELECT width_bucket(f.comment_at, (SELECT starts FROM bounds)) AS day_no, f.* FROM (${factsSql(filter, null, null, false)}) f) facts
      GROUP BY GROUPING SETS ((day_no), ())
    ),
    per_day AS (
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(g.received, 0) AS received, COALESCE(g.triaged, 0) AS triaged,
        COALESCE(g.interim_met, 0) AS "interimMet", COALESCE(g.final_met, 0) AS "finalMet"
      FROM days d LEFT JOIN grouped g ON g.day_no = d.day_no
      ORDER BY d.day
    ),
    flags AS (
      SELECT f.flag, f.count
      FROM grouped g, unnest(${sql`ARRAY[${sql.join(FLAGS.map((flag) => sql`${flag}`), sql`, `)}]::text[]`}, g.flag_counts) AS f(flag, count)
      WHERE g.whole AND f.count > 0
      ORDER BY f.count DESC, f.flag
    ),
    -- The few items with overrides or approvals (items_decided_idx: the same condition).
    extras AS MATERIALIZED (
      SELECT i.department_id, NULLIF(i.triage->'overrides', '[]'::jsonb) AS overrides, NULLIF(i.triage->'approvals', '[]'::jsonb) AS approvals
      FROM items i
      WHERE ${filterSql(filter)} AND (i.triage->'overrides' <> '[]' OR i.triage->'approvals' <> '[]')
    ),
    overridden AS (
      SELECT department_id, rule_id, count(*)::int AS n
      FROM extras, jsonb_array_elements(overrides) o, jsonb_array_elements_text(o->'ruleIds') rule_id
      WHERE overrides IS NOT NULL
      GROUP BY 1, 2
    ),
    found AS (
      SELECT department_id, finding->>'ruleId' AS rule_id, count(*)::int AS n
      FROM extras, jsonb_array_elements(approvals) a, jsonb_array_elements(a->'findings') finding
      WHERE approvals IS NOT NULL
      GROUP BY 1, 2
    ),
    rules AS (
      SELECT COALESCE(o.department_id, f.department_id) AS "departmentId", COALESCE(o.rule_id, f.rule_id) AS "ruleId",
        COALESCE(o.n, 0) AS overrides, COALESCE(f.n, 0) AS findings
      FROM overridden o FULL JOIN found f ON o.department_id IS NOT DISTINCT FROM f.department_id AND o.rule_id = f.rule_id
      ORDER BY COALESCE(o.n, 0) + COALESCE(f.n, 0) DESC, 2, 1
    ),
    approvals AS (
      SELECT department_id AS "departmentId",
        count(*)::int AS requested,
        count(*) FILTER (WHERE a->>'state' = 'approved')::int AS approved,
        count(*) FILTER (WHERE a->>'state' = 'rejected')::int AS rejected
      FROM extras, jsonb_array_elements(approvals) a
      WHERE approvals IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, 1
    )
    SELECT json_build_object(
      'received', d.received, 'triaged', d.triaged, 'open', d.open, 'overdue', d.overdue,
      'interim', json_build_object('met', d.interim_met, 'missed', d.interim_missed,
        'rate', CASE WHEN d.interim_met + d.interim_missed > 0 THEN d.interim_met::float8 / (d.interim_met + d.interim_missed) END,
        'medianSeconds', d.interim_times[1], 'p90Seconds', d.interim_times[2]),
      'final', json_build_object('met', d.final_met, 'missed', d.final_missed,
        'rate', CASE WHEN d.final_met + d.final_missed > 0 THEN d.final_met::float8 / (d.final_met + d.final_missed) END,
        'medianSeconds', d.final_times[1], 'p90Seconds', d.final_times[2]),
      'days', (SELECT COALESCE(json_agg(per_day), '[]'::json) FROM per_day),
      'flags', (SELECT COALESCE(json_agg(flags), '[]'::json) FROM flags),
      'rules', (SELECT COALESCE(json_agg(rules), '[]'::json) FROM rules),
      'approvals', (SELECT COALESCE(json_agg(approvals), '[]'::json) FROM approvals)
    ) AS overview
    FROM grouped d WHERE d.whole`;
}

interface FactRow {
  key: string;
  department_id: string | null;
  status: string;
  work: string | null;
  comment_at: string | Date | null;
  interim_due_at: string | Date | null;
  final_due_at: string | Date | null;
  first_reply_at: string | Date | null;
  final_reply_at: string | Date | null;
  interim_state: 'met' | 'missed' | null;
  final_state: 'met' | 'missed' | null;
  triage: Triage | string;
}

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

function toItemRow(row: FactRow): ItemRow {
  const triage = (typeof row.triage === 'string' ? JSON.parse(row.triage) : row.triage) as Triage;
  const outcome = (state: 'met' | 'missed' | null) => (state === null ? null : state === 'met');
  return {
    key: row.key,
    platform: triage.item.platform,
    departmentId: row.department_id,
    status: row.status,
    work: row.work,
    commentAt: iso(row.comment_at),
    author: triage.item.author.handle ? `${triage.item.author.name} (${triage.item.author.handle})` : triage.item.author.name,
    text: triage.item.text,
    permalink: triage.item.permalink,
    flags: triage.flags,
    interimDueAt: iso(row.interim_due_at),
    firstReplyAt: iso(row.first_reply_at),
    interimMet: outcome(row.interim_state),
    finalDueAt: iso(row.final_due_at),
    finalReplyAt: iso(row.final_reply_at),
    finalMet: outcome(row.final_state),
  };
}

/** "<comment time ISO>|<key>": the position after which the next page starts (keyset on the comment_at index). */
export function itemCursor(row: Pick<ItemRow, 'commentAt' | 'key'>): string {
  return `${row.commentAt}|${row.key}`;
}

/** One page of the filtered items in comment order, after `after` (a cursor from itemCursor). */
export async function itemPage(db: Db, filter: ReportFilter, after: string | undefined, limit: number): Promise<ItemRow[]> {
  let position: SQL | null = null;
  if (after) {
    const bar = after.indexOf('|');
    const at = after.slice(0, bar);
    const key = after.slice(bar + 1);
    if (bar < 0 || Number.isNaN(Date.parse(at))) throw Object.assign(new Error('after: not a cursor of this list'), { statusCode: 400 });
    position = sql`(i.comment_at, i.key) > (${at}::timestamptz, ${key})`;
  }
  const result = await db.execute(sql`${factsSql(filter, position, sql`ORDER BY i.comment_at, i.key LIMIT ${limit}`, true)} ORDER BY f.comment_at, f.key`);
  return rowsOf<FactRow>(result).map(toItemRow);
}

/** Every filtered item, page by page: never more than one page in memory. */
export async function* allItems(db: Db, filter: ReportFilter, pageSize = 1000): AsyncGenerator<ItemRow> {
  let after: string | undefined;
  for (;;) {
    const page = await itemPage(db, filter, after, pageSize);
    yield* page;
    if (page.length < pageSize) return;
    after = itemCursor(page.at(-1)!);
  }
}

export interface AuditCsvRow {
  id: number;
  at: string;
  kind: string;
  actor: string | null;
  clientId: string | null;
  itemKey: string | null;
  mutationId: string | null;
  detail: string;
}

/**
 * The audit trail within the days. With a department or platform filter (and always for a department
 * user), only the events of the items that match it; otherwise every event, sign-ins and organisation
 * changes too. Page by page, in id order.
 */
export async function* allAuditEvents(db: Db, filter: ReportFilter, pageSize = 1000): AsyncGenerator<AuditCsvRow> {
  const scoped: SQL[] = [];
  if (filter.department) {
    scoped.push(sql`EXISTS (SELECT 1 FROM items i WHERE i.key = a.item_key AND i.department_id = ${filter.department})`);
  }
  if (filter.platform) scoped.push(sql`a.item_key LIKE ${`${filter.platform}:%`}`);
  let after = 0;
  for (;;) {
    const result = await db.execute(sql`
      SELECT a.id, a.at, a.kind, u.name AS actor, a.client_id, a.item_key, a.mutation_id, a.detail::text AS detail
      FROM audit_events a LEFT JOIN users u ON u.id = a.user_id
      WHERE a.id > ${after}
        AND a.at >= (${filter.from}::date::timestamp AT TIME ZONE ${filter.timeZone})
        AND a.at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${filter.timeZone})
        ${scoped.length ? sql`AND ${sql.join(scoped, sql` AND `)}` : sql``}
      ORDER BY a.id LIMIT ${pageSize}`);
    const rows = rowsOf<{ id: number | string; at: string | Date; kind: string; actor: string | null; client_id: string | null; item_key: string | null; mutation_id: string | null; detail: string }>(result);
    for (const row of rows) {
      yield {
        id: Number(row.id),
        at: new Date(row.at).toISOString(),
        kind: row.kind,
        actor: row.actor,
        clientId: row.client_id,
        itemKey: row.item_key,
        mutationId: row.mutation_id,
        detail: row.detail,
      };
    }
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)!.id);
  }
}

/**
 * The item's conversation as the server holds it (DESIGN.md: an item's `parent` is the post or comment
 * it answers): the comment it answers when that is an item too, the other items answering the same, and
 * the items answering it; in comment order, at most `limit`. `department`: only that department's
 * (a department user learns nothing of other departments' items).
 */
export async function itemThread(db: Db, triage: Triage, department: string | null, limit = 200): Promise<ThreadItem[]> {
  const { platform, id, parent } = triage.item;
  const parentId = sql`i.triage->'item'->'parent'->>'id'`;
  const related: SQL[] = [sql`(${parentId} = ${id} AND i.triage->'item'->'parent'->>'kind' = 'comment')`];
  if (parent) related.push(sql`${parentId} = ${parent.id}`);
  if (parent?.kind === 'comment') related.push(sql`i.key = ${`${platform}:${parent.id}`}`);
  const rows = rowsOf<{ key: string; item: Triage['item'] | string }>(
    await db.execute(sql`
      SELECT i.key, i.triage->'item' AS item FROM items i
      WHERE i.key <> ${triage.key} AND i.key LIKE ${`${platform}:%`} AND (${sql.join(related, sql` OR `)})
        ${department ? sql`AND i.department_id = ${department}` : sql``}
      ORDER BY i.comment_at, i.key LIMIT ${limit}`),
  );
  return rows.map((row) => {
    const item = (typeof row.item === 'string' ? JSON.parse(row.item) : row.item) as Triage['item'];
    const relation = parent?.kind === 'comment' && item.id === parent.id ? 'parent' : item.parent?.kind === 'comment' && item.parent.id === id ? 'reply' : 'sibling';
    return {
      key: row.key,
      relation,
      author: item.author.handle ? `${item.author.name} (${item.author.handle})` : item.author.name,
      text: item.text,
      createdAt: item.createdAt,
      permalink: item.permalink,
    };
  });
}
