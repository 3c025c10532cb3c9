import type { SlaPolicy } from '../contract/org';
import type { ReplyStage, Triage } from '../contract/triage';

export type SlaState = 'ok' | 'due-soon' | 'overdue' | 'done';

export interface SlaStatus {
  state: SlaState;
  /** The reply the clock is running for; null once done. */
  stage: ReplyStage | null;
  dueAt: Date | null;
}

type RepliesAndFlags = Pick<Triage, 'replies' | 'flags'>;

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * The two-stage clock of the KMC circular: an interim reply is due `interimHours` after the comment,
 * the specific (final) reply `finalHours` after it. A final reply stops the clock; spam needs none.
 */
export function slaStatus(createdAt: string, triage: RepliesAndFlags | undefined, policy: SlaPolicy, now: Date): SlaStatus {
  const replies = triage?.replies ?? [];
  if (triage?.flags.includes('spam') || replies.some((r) => r.stage === 'final')) {
    return { state: 'done', stage: null, dueAt: null };
  }
  const created = Date.parse(createdAt);
  const stage: ReplyStage = replies.some((r) => r.stage === 'interim') ? 'final' : 'interim';
  const dueAt = new Date(created + (stage === 'interim' ? policy.interimHours : policy.finalHours) * HOUR);
  const left = dueAt.getTime() - now.getTime();
  const state: SlaState = left < 0 ? 'overdue' : left <= policy.dueSoonMinutes * MINUTE ? 'due-soon' : 'ok';
  return { state, stage, dueAt };
}
