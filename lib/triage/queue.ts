import type { SlaPolicy } from '../contract/org';
import type { Triage } from '../contract/triage';
import { slaStatus, type SlaStatus } from './sla';

/** Which items a queue shows: one department's, the unassigned ones, or every department's. */
export type QueueScope = { kind: 'all' } | { kind: 'unassigned' } | { kind: 'department'; departmentId: string };

export interface QueueRow {
  triage: Triage;
  sla: SlaStatus;
}

const URGENCY: Record<SlaStatus['state'], number> = { overdue: 0, 'due-soon': 1, ok: 2, none: 3, done: 4 };

/**
 * A One-Point Contact's queue (KMC circular: interim reply within 2–4 hours, final within 12): the
 * items in scope, most urgent first (overdue, then due soon, then by deadline, then those without a clock); replied and
 * closed ones only on request.
 */
export function buildQueue(
  triages: readonly Triage[],
  scope: QueueScope,
  { includeReplied, policy, now }: { includeReplied: boolean; policy: SlaPolicy; now: Date },
): QueueRow[] {
  const inScope = (triage: Triage) =>
    scope.kind === 'all' ? true : scope.kind === 'unassigned' ? triage.departmentId === null : triage.departmentId === scope.departmentId;
  return triages
    .filter(inScope)
    .map((triage) => ({ triage, sla: slaStatus(triage.item.createdAt, triage, policy, now) }))
    .filter((row) => includeReplied || (row.sla.state !== 'done' && row.triage.status !== 'replied' && row.triage.status !== 'closed'))
    .sort(
      (a, b) =>
        URGENCY[a.sla.state] - URGENCY[b.sla.state] ||
        (a.sla.dueAt?.getTime() ?? Infinity) - (b.sla.dueAt?.getTime() ?? Infinity) ||
        a.triage.item.createdAt.localeCompare(b.triage.item.createdAt),
    );
}
