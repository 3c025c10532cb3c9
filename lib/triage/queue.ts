import type { PlatformId } from '../contract/item';
import { dueTimes, settledStages } from './due';
import type { SlaPolicy } from '../contract/org';
import type { Flag, ItemStatus, MutationOp, ReplyStage, Triage } from '../contract/triage';
import { refusalFor, type Acting } from './permissions';
import { slaStatus, type SlaState, type SlaStatus } from './sla';

/** Which items a queue shows: one department's, the unassigned ones, or every department's. */
export type QueueScope = { kind: 'all' } | { kind: 'unassigned' } | { kind: 'department'; departmentId: string };

/** `active`: still waiting for someone (open or accepted); `any`: every status. */
export type StatusFilter = ItemStatus | 'active' | 'any';

/** What the moderator narrowed the queue to; empty fields mean "any". */
export interface QueueFilters {
  scope: QueueScope;
  status: StatusFilter;
  platform?: PlatformId;
  flag?: Flag;
  stage?: ReplyStage;
  /** Words that must all appear in the comment's text or its author's name or handle (case-insensitive). */
  search?: string;
}

export const DEFAULT_FILTERS: QueueFilters = { scope: { kind: 'all' }, status: 'active' };

export interface QueueRow {
  triage: Triage;
  sla: SlaStatus;
}

export interface QueueCounts {
  /** Rows after every filter. */
  shown: number;
  /** Of those, per clock state and per status. */
  bySla: Record<SlaState, number>;
  byStatus: Record<ItemStatus, number>;
}

export interface QueueView {
  rows: QueueRow[];
  counts: QueueCounts;
}

// Items without a clock (assigned by hand, never recorded as addressed to the body) after those with one.
const URGENCY: Record<SlaState, number> = { overdue: 0, 'due-soon': 1, ok: 2, none: 3, done: 4 };

/**
 * Whether a row belongs in the team's queue at all: a comment addressed to the body (recorded by any
 * moderator's browser, touched or not), or one somebody assigned to a department.
 */
export function isQueueItem(triage: Triage): boolean {
  return triage.work !== undefined || triage.departmentId !== null;
}

function inScope(triage: Triage, scope: QueueScope): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'unassigned') return triage.departmentId === null;
  return triage.departmentId === scope.departmentId;
}

function statusMatches(status: ItemStatus, filter: StatusFilter): boolean {
  if (filter === 'any') return true;
  if (filter === 'active') return status === 'open' || status === 'accepted';
  return status === filter;
}

/** Lower-cased words of a search, so each row is tested without re-splitting. */
function searchWords(search: string | undefined): string[] {
  return (search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

function matchesSearch(triage: Triage, words: string[]): boolean {
  if (words.length === 0) return true;
  const { text, author } = triage.item;
  const haystack = `${text}\n${author.name}\n${author.handle ?? ''}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The clock of an item: a closed one needs no reply, so its clock is done whatever its replies. */
export function queueSla(triage: Triage, policy: SlaPolicy, now: Date): SlaStatus {
  if (triage.status === 'closed') return { state: 'done', stage: null, dueAt: null };
  return slaStatus(triage.item.createdAt, triage, policy, now);
}

/**
 * A One-Point Contact's queue (KMC circular: interim reply within 2–4 hours, final within 12): the
 * team's items matching the filters, most urgent first (overdue, then due soon, then by deadline,
 * oldest comment first on a tie), with counts of what is shown.
 */
export function buildQueue(triages: readonly Triage[], filters: QueueFilters, { policy, now }: { policy: SlaPolicy; now: Date }): QueueView {
  const words = searchWords(filters.search);
  const rows: QueueRow[] = [];
  const counts: QueueCounts = {
    shown: 0,
    bySla: { overdue: 0, 'due-soon': 0, ok: 0, none: 0, done: 0 },
    byStatus: { open: 0, accepted: 0, replied: 0, closed: 0 },
  };
  for (const triage of triages) {
    if (!isQueueItem(triage) || !inScope(triage, filters.scope) || !statusMatches(triage.status, filters.status)) continue;
    if (filters.platform && triage.item.platform !== filters.platform) continue;
    if (filters.flag && !triage.flags.includes(filters.flag)) continue;
    const sla = queueSla(triage, policy, now);
    if (filters.stage && sla.stage !== filters.stage) continue;
    if (!matchesSearch(triage, words)) continue;
    rows.push({ triage, sla });
    counts.bySla[sla.state] += 1;
    counts.byStatus[triage.status] += 1;
  }
  counts.shown = rows.length;
  rows.sort(
    (a, b) =>
      URGENCY[a.sla.state] - URGENCY[b.sla.state] ||
      (a.sla.dueAt?.getTime() ?? Infinity) - (b.sla.dueAt?.getTime() ?? Infinity) ||
      a.triage.item.createdAt.localeCompare(b.triage.item.createdAt) ||
      a.triage.key.localeCompare(b.triage.key),
  );
  return { rows, counts };
}

/** The scope a user's queue opens on: a department user's own department, everyone else every item. */
export function defaultScope(user: { role: string; departmentId: string | null } | null): QueueScope {
  return user?.role === 'department' && user.departmentId ? { kind: 'department', departmentId: user.departmentId } : { kind: 'all' };
}

/**
 * The signed-in user's overdue items, as the toolbar icon's badge counts them: a department user's
 * department's, everyone else's the whole team's.
 */
export function overdueCount(
  triages: readonly Triage[],
  user: { role: string; departmentId: string | null } | null,
  { policy, now }: { policy: SlaPolicy; now: Date },
): number {
  return buildQueue(triages, { scope: defaultScope(user), status: 'active' }, { policy, now }).counts.bySla.overdue;
}

/** The actions a queue row offers (DESIGN.md test hooks: `button[data-action=…]`). */
export type QueueAction = 'open-comment' | 'accept' | 'reassign' | 'unassign' | 'note' | 'close' | 'reopen' | 'mark-replied' | 'history';

const ACTION_OP: Record<Exclude<QueueAction, 'open-comment' | 'history'>, MutationOp['type']> = {
  accept: 'accept',
  reassign: 'assign',
  unassign: 'assign',
  note: 'note',
  close: 'close',
  reopen: 'reopen',
  'mark-replied': 'recordReply',
};

/**
 * What a row offers the signed-in user: what the item's state allows and the server would accept
 * (lib/triage/permissions.ts decides the latter, here as on the server). Signed out, the queue is this
 * browser's own and everything its state allows is offered.
 */
export function queueActions(triage: Triage, user: Acting | null): QueueAction[] {
  const active = triage.status === 'open' || triage.status === 'accepted';
  const possible: Record<QueueAction, boolean> = {
    'open-comment': true,
    accept: active && triage.departmentId !== null && triage.acceptedBy === undefined,
    reassign: active,
    unassign: active && triage.departmentId !== null,
    note: true,
    close: active,
    reopen: !active,
    'mark-replied': active,
    history: user !== null,
  };
  return (Object.keys(possible) as QueueAction[]).filter(
    (action) =>
      possible[action] &&
      (action === 'open-comment' || action === 'history' || user === null || refusalFor(user, ACTION_OP[action], triage) === null),
  );
}

/** A stage's deadline: when it is due, or null once it needs none (a reply is on the page, or it is closed). */
export interface Deadlines {
  interim: Date | null;
  final: Date | null;
}

const HOUR = 3_600_000;

/**
 * Both deadlines of an item: the server's stored due times (triage.due) when it has them; before the
 * server has stored the row, the policy's durations from the comment's time.
 */
export function deadlines(triage: Triage, policy: SlaPolicy): Deadlines {
  // The server's stored due times; for a row only this browser has, the same computation (lib/triage/due.ts).
  const due = triage.due ?? dueTimes(triage, policy);
  // The stored times stay after a reply (reports count them); the row shows a settled stage as done.
  const { interimSettled, finalSettled } = settledStages(triage);
  return {
    interim: due?.interimAt && !interimSettled ? new Date(due.interimAt) : null,
    final: due?.finalAt && !finalSettled ? new Date(due.finalAt) : null,
  };
}
